/**
 * npm run merge-reports -- [--allow-mixed] [--out FILE] <summary | NAME=summary>...
 *
 * Merges the sealed conformance summaries of many sites (one CI job each) into a sealed fleet summary
 * (default $IPIC_REPORTS_DIR/fleet.json, reports/fleet.json) and the fleet page of the documentation site:
 * the rules-by-sites matrix as a picture, worst first. Every input must verify; sites judged by other
 * harness versions or rule indexes are refused unless --allow-mixed.
 *
 * Exit codes: 0 merged; 2 nothing merged: a tampered or unreadable summary, mixed harnesses or rule
 * indexes without --allow-mixed, or a bad command line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR } from '../support/errors';
import { incomparabilities, mergeFleet } from '../src/fleet/fleet-summary';
import { FleetInputError, readSiteInput, uniqueNames } from '../src/fleet/read-inputs';
import { sealDocument } from '../src/fleet/seal';
import { reportPaths } from '../src/report/artifacts';
import { loadRuleIndex } from '../src/report/rules';
import { buildSite } from '../src/site/build';
import { FLEET_PAGE, fleetPage } from '../src/site/fleet-page';

const USAGE =
  'usage: npm run merge-reports -- [--allow-mixed] [--out FILE] <conformance.json | NAME=conformance.json>...';

export function mergeReports(argv: string[], log = console.log, fail = console.error): number {
  let allowMixed = false;
  let out: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--allow-mixed') allowMixed = true;
    else if (arg === '--out') out = argv[++i];
    else if (arg.startsWith('--')) {
      fail(`harness error: command line: ${arg}: unknown option; ${USAGE}`);
      return EXIT_HARNESS_ERROR;
    } else files.push(arg);
  }
  if (files.length === 0 || out === '') {
    fail(`harness error: command line: ${out === '' ? '--out needs a file' : 'no summary given'}; ${USAGE}`);
    return EXIT_HARNESS_ERROR;
  }
  const problems: string[] = [];
  const inputs = files.flatMap((f) => {
    try {
      return [readSiteInput(f)];
    } catch (error) {
      if (!(error instanceof FleetInputError)) throw error;
      problems.push(`${error.tampered ? 'TAMPERED: ' : ''}${error.message}`);
      return [];
    }
  });
  if (problems.length > 0) {
    for (const p of problems) fail(`harness error: ${p}`);
    fail('merge-reports: nothing merged');
    return EXIT_HARNESS_ERROR;
  }
  const sites = uniqueNames(inputs);
  const mixed = incomparabilities(sites);
  if (mixed.length > 0 && !allowMixed) {
    for (const m of mixed)
      fail(`harness error: ${m}; the same rule may not mean the same check (--allow-mixed to merge anyway)`);
    fail('merge-reports: nothing merged');
    return EXIT_HARNESS_ERROR;
  }
  const paths = reportPaths();
  const target = out ?? path.join(paths.reportsDir, 'fleet.json');
  const { text, document } = sealDocument(mergeFleet(sites, mixed));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  const index = loadRuleIndex();
  mkdirSync(paths.sitePages, { recursive: true });
  writeFileSync(path.join(paths.sitePages, FLEET_PAGE), fleetPage(document, document.integrity.fileSha256, index));
  buildSite({ outDir: paths.site, summariesDir: paths.summaries, pagesDir: paths.sitePages, index });
  const c = document.totals.cells;
  log(
    `fleet: ${document.sites.length} sites, ${document.rules.length} rules: ${c.nonconformant} nonconformant, ${c['harness error']} harness error, ${c.waived} waived, ${c['not applicable']} not applicable, ${c['not covered']} not covered, ${c['not run']} not run, ${c.conformant} conformant (rule × site)`,
  );
  for (const m of mixed) log(`fleet: merged although ${m}`);
  log(`fleet summary: ${target} (sha256 ${document.integrity.fileSha256}); page: ${path.join(paths.site, FLEET_PAGE)}`);
  return 0;
}

if (require.main === module) process.exit(mergeReports(process.argv.slice(2)));
