/**
 * npm run docs: builds the living documentation site (reports/site, or $IPIC_REPORTS_DIR/site) from the
 * feature files, the rule index and the latest sealed summary of every target kind in reports/summaries.
 * Exit 0 when built, 2 when an input is bad (the message names the file and the field).
 */
import { reportPaths } from '../src/report/artifacts';
import { buildSite } from '../src/site/build';
import { HarnessInputError } from '../support/errors';

export function docs(): number {
  const paths = reportPaths();
  try {
    const { pages, targets, problems } = buildSite({
      outDir: paths.site,
      summariesDir: paths.summaries,
      pagesDir: paths.sitePages,
    });
    for (const p of problems) console.error(`warning: ${paths.summaries}/${p.file}: ${p.reason}`);
    console.log(
      `documentation: ${paths.site}/index.html (${pages.length} pages; targets: ${targets.join(', ') || 'none run yet'})`,
    );
    return 0;
  } catch (error) {
    console.error(`docs: ${error instanceof HarnessInputError ? error.message : (error as Error).message}`);
    return 2;
  }
}

if (require.main === module) process.exit(docs());
