/**
 * npm run access-matrix -- DIR [--out FILE.csv] [--html FILE.html]
 *
 * Reads a site's definitions (DIR holds site.yaml, see docs/audit.md) and writes the access matrix: CSV
 * to stdout (or --out), HTML to reports/access-matrix.html (or --html), and the same
 * table as the page access-matrix.html of the documentation site (reports/site-pages, then the site is rebuilt). Warnings about skipped
 * statements go to stderr. IPIC_MODEL_OPTIONS chooses the readings of uncertain rules.
 * Exit codes: 0 written, 2 the definitions or the command line could not be read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatLocation } from '../support/definitions-port';
import { EXIT_HARNESS_ERROR, HarnessInputError } from '../support/errors';
import { createMasker } from '../support/redaction';
import { accessMatrix } from '../src/access-matrix/compute';
import { matrixCsv, matrixPage, matrixSitePage } from '../src/access-matrix/render';
import { reportPaths } from '../src/report/artifacts';
import { buildSite } from '../src/site/build';
import { loadSite } from '../src/definitions/load-site';
import { describeSkip, describeWarning } from '../src/definitions/diagnostics';
import { parseModelOptions } from '../src/targets/model/options-env';

export const DEFAULT_HTML = 'reports/access-matrix.html';

interface Arguments {
  directory: string;
  out?: string;
  html: string;
}

function parseArguments(argv: string[]): Arguments {
  let directory: string | undefined;
  let out: string | undefined;
  let html = DEFAULT_HTML;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--out' || arg === '--html') {
      const value = argv[++i];
      if (!value) throw new HarnessInputError('command line', arg, 'a file name after it');
      if (arg === '--out') out = value;
      else html = value;
    } else if (arg.startsWith('--') || directory !== undefined) {
      throw new HarnessInputError('command line', arg, 'DIR [--out FILE.csv] [--html FILE.html]');
    } else directory = arg;
  }
  if (!directory) throw new HarnessInputError('command line', '(no directory)', 'DIR: the directory holding site.yaml');
  return { directory, out, html };
}

export function main(argv: string[]): number {
  try {
    const args = parseArguments(argv);
    const loaded = loadSite(args.directory);
    const options = parseModelOptions(process.env.IPIC_MODEL_OPTIONS);
    const masker = createMasker(loaded.secrets);
    for (const line of [...loaded.warnings.map(describeWarning), ...loaded.skipped.map(describeSkip)])
      process.stderr.write(masker.text(`${line}\n`));
    const rows = accessMatrix(loaded.site, options);
    const csv = masker.text(matrixCsv(rows));
    const connectionAt = Object.fromEntries(
      Object.entries(loaded.sources.zosConnection).map(([id, s]) => [id, formatLocation(s.at)]),
    );
    const page = masker.text(matrixPage(rows, { origin: loaded.origin, auditDate: loaded.site.clock, connectionAt }));
    if (args.out) writeTo(args.out, csv);
    else process.stdout.write(csv);
    writeTo(args.html, page);
    // The same table as a page of the living documentation site, kept where the next site build finds it.
    const paths = reportPaths();
    const context = { origin: loaded.origin, auditDate: loaded.site.clock, connectionAt };
    writeTo(path.join(paths.sitePages, 'access-matrix.html'), masker.text(matrixSitePage(rows, context)));
    buildSite({ outDir: paths.site, summariesDir: paths.summaries, pagesDir: paths.sitePages });
    process.stderr.write(
      `access matrix: ${rows.length} rows for ${Object.keys(connectionAt).length} connections; HTML in ${args.html}; site page ${path.join(paths.site, 'access-matrix.html')}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof HarnessInputError) {
      process.stderr.write(`harness error: ${error.message}\n`);
      return EXIT_HARNESS_ERROR;
    }
    // Anything else is still the harness failing to do its job: exit 2 with the message, never a stack.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`harness error: the access matrix could not be computed (${message})\n`);
    return EXIT_HARNESS_ERROR;
  }
}

function writeTo(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
