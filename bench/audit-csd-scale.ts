/**
 * How the audit scales with the size of a site's CSD (issue 11, item 8: a 20 MB export, about 200,000
 * definitions, in at most 15 s and 400 MB peak RSS). The sample site is copied and its CSD extended with
 * definitions of the kinds a real region's CSD is mostly made of (PROGRAM, TRANSACTION, FILE, TDQUEUE,
 * with the EXTRACT attributes DEFINETIME/CHANGETIME) until it reaches 1, 5, 10 and 20 MB; each size is
 * loaded in a fresh child process that reports its wall time and peak RSS. The last stdout line is one
 * JSON object (the bench/run.ts hook).
 *
 *   node -r ./support/register-typescript.js bench/audit-csd-scale.ts [MB ...]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.cache', 'bench', 'audit-csd');
const SIZES_MB = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = SIZES_MB.length > 0 ? SIZES_MB : [1, 5, 10, 20];
const LIMIT = { ms: 15_000, rssMb: 400, atMb: 20 };

/** A unique 4-character name (CICS transaction and queue names are 1-4 characters). */
const short = (i: number) => (i % 36 ** 4).toString(36).toUpperCase().padStart(4, '0');

function definitions(count: number, offset: number): string {
  const lines: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    const name = `P${String(i).padStart(7, '0')}`;
    const group = `APPG${String(i % 5000).padStart(4, '0')}`;
    switch (i % 4) {
      case 0:
        lines.push(
          `DEFINE PROGRAM(${name}) GROUP(${group})`,
          `       DESCRIPTION(Application program ${i}) LANGUAGE(COBOL)`,
          `       RELOAD(NO) RESIDENT(NO) USAGE(NORMAL) DATALOCATION(ANY)`,
        );
        break;
      case 1:
        lines.push(
          `DEFINE TRANSACTION(${short(i)}) GROUP(${group})`,
          `       PROGRAM(${name}) TWASIZE(0) PROFILE(DFHCICST) STATUS(ENABLED)`,
          `       TASKDATALOC(ANY) RESSEC(NO) CMDSEC(NO)`,
        );
        break;
      case 2:
        lines.push(
          `DEFINE FILE(F${String(i).padStart(7, '0')}) GROUP(${group})`,
          `       DSNAME(PROD.APP.F${String(i).padStart(7, '0')}) RLSACCESS(NO)`,
          `       ADD(YES) BROWSE(YES) DELETE(YES) READ(YES) UPDATE(YES)`,
        );
        break;
      default:
        lines.push(
          `DEFINE TDQUEUE(${short(i)}) GROUP(${group})`,
          `       TYPE(INTRA) ATIFACILITY(TERMINAL) RECOVSTATUS(NO)`,
          `       TRIGGERLEVEL(1)`,
        );
    }
  }
  return lines.join('\n') + '\n';
}

function buildSite(mb: number): { directory: string; bytes: number; definitions: number } {
  const directory = path.join(WORK, `site-${mb}mb`);
  rmSync(directory, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'examples', 'site'), directory, { recursive: true });
  const csd = path.join(directory, 'cics', 'dfhcsdup.txt');
  let written = 0;
  while (statSync(csd).size < mb * 1024 * 1024) {
    appendFileSync(csd, definitions(10_000, written));
    written += 10_000;
  }
  return { directory, bytes: statSync(csd).size, definitions: written };
}

const CHILD = `
  const { loadSite } = require('./src/definitions/load-site');
  const start = process.hrtime.bigint();
  const loaded = loadSite(process.argv[1]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const skipped = loaded.skipped.reduce((n, s) => n + s.count, 0);
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, skipped,
    warnings: loaded.warnings.length }) + '\\n');`;

mkdirSync(WORK, { recursive: true });
const results = SIZES.map((mb) => {
  const site = buildSite(mb);
  const run = spawnSync(process.execPath, ['-r', './support/register-typescript.js', '-e', CHILD, site.directory], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) return { mb, error: run.stderr.split('\n').slice(0, 5).join(' | ') };
  const measured = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Record<string, number>;
  const row = {
    mb,
    bytes: site.bytes,
    definitions: site.definitions,
    ms: Math.round(measured.ms as number),
    rssMb: Math.round(measured.rssMb as number),
    skipped: measured.skipped,
    warnings: measured.warnings,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
});
const atLimit = results.find((r) => r.mb === LIMIT.atMb);
const verdict =
  atLimit && 'ms' in atLimit
    ? { withinLimit: (atLimit.ms as number) <= LIMIT.ms && (atLimit.rssMb as number) <= LIMIT.rssMb }
    : {};
console.log(JSON.stringify({ benchmark: 'audit CSD scale', limit: LIMIT, ...verdict, results }));
