/**
 * The wall time of `npm test` and of `npm run test:unit` alone (issue 14: at most 90 s on this machine when
 * quiet), with the load average before and after each, since the machine is shared. Long (minutes), so
 * only when BENCH_NPM_TEST=1.
 */
import { loadavg } from 'node:os';
import { time } from './measure';
import { round } from './statistics';

export const NPM_TEST_LIMIT_MS = 90_000;

export interface NpmTestRow {
  script: string;
  ms: number;
  ok: boolean;
  loadAverage: { before: number[]; after: number[] };
}

export async function measureNpmTest(root: string): Promise<NpmTestRow[]> {
  const rows: NpmTestRow[] = [];
  for (const script of ['test:unit', 'test']) {
    const before = loadavg().map((l) => round(l, 2));
    const started = performance.now();
    let ok = true;
    try {
      await time({ label: `npm run ${script}`, command: 'npm', args: ['run', '--silent', script], cwd: root });
    } catch (error) {
      ok = false;
      process.stderr.write(`\nnpm run ${script} failed: ${(error as Error).message.slice(-2000)}\n`);
    }
    const ms = performance.now() - started;
    rows.push({ script, ms: Math.round(ms), ok, loadAverage: { before, after: loadavg().map((l) => round(l, 2)) } });
  }
  return rows;
}
