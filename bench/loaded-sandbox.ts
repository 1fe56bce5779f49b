/**
 * The sandbox conformance run on a busy machine: two busy loops (worker threads, each stopping by itself
 * after a bounded time and stopped at the end) while `npm run conformance:sandbox` runs N times in a row,
 * each into its own IPIC_REPORTS_DIR. It compares every run's per-scenario outcomes (from conformance.json)
 * and prints whether they were all identical, and which scenarios differed.
 *
 *   node -r ./support/register-typescript.js bench/loaded-sandbox.ts [runs]   (default 20)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Summary } from '../src/report/summary-schema';

const runs = Number(process.argv[2] ?? 20);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench/loaded-sandbox.ts: runs must be a positive integer, not ${process.argv[2]}`);
  process.exit(2);
}
/** A busy loop stops by itself after this long, even if this script is killed first. */
const LOAD_LIMIT_MS = runs * 120_000;
const BUSY_LOOPS = 2;
const REPO_ROOT = path.resolve(__dirname, '..');

function busyLoop(): Worker {
  return new Worker(
    `const end = Date.now() + ${LOAD_LIMIT_MS}; let x = 0; while (Date.now() < end) { x = (x * 31 + 7) % 1000003; }`,
    { eval: true },
  );
}

/** scenario key (feature:line name) → outcome, from one run's conformance.json. */
function outcomesOf(summaryFile: string): Map<string, string> {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  const outcomes = new Map<string, string>();
  for (const scenario of [...summary.rules.flatMap((r) => r.scenarios), ...summary.scenariosWithoutRule])
    outcomes.set(`${scenario.feature}:${scenario.line} ${scenario.name}`, scenario.outcome);
  return outcomes;
}

async function main(): Promise<void> {
  const load = Array.from({ length: BUSY_LOOPS }, busyLoop);
  const results: { run: number; exitCode: number | null; seconds: number; outcomes?: Map<string, string> }[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const reportsDir = mkdtempSync(path.join(tmpdir(), `loaded-sandbox-${run}-`));
      const started = performance.now();
      const child = spawnSync('npm', ['run', '--silent', 'conformance:sandbox'], {
        cwd: REPO_ROOT,
        env: { ...process.env, IPIC_REPORTS_DIR: reportsDir },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      let outcomes: Map<string, string> | undefined;
      try {
        outcomes = outcomesOf(path.join(reportsDir, 'conformance.json'));
      } catch (error) {
        console.log(`run ${run}: no readable conformance.json (${(error as Error).message.split('\n')[0]})`);
      }
      rmSync(reportsDir, { recursive: true, force: true });
      results.push({ run, exitCode: child.status, seconds, outcomes });
      console.log(`run ${run}/${runs}: exit ${child.status}, ${seconds} s, ${outcomes?.size ?? 0} scenarios`);
    }
  } finally {
    await Promise.all(load.map((w) => w.terminate()));
  }

  const read = results.filter((r) => r.outcomes !== undefined);
  const keys = new Set(read.flatMap((r) => [...(r.outcomes as Map<string, string>).keys()]));
  const differing = [...keys]
    .map((key) => ({ key, seen: read.map((r) => r.outcomes?.get(key) ?? '(absent)') }))
    .filter((d) => new Set(d.seen).size > 1);
  const exitCodes = [...new Set(results.map((r) => r.exitCode))];
  const identical = read.length === results.length && differing.length === 0 && exitCodes.length === 1;
  console.log(
    `\n${runs} runs under ${BUSY_LOOPS} busy loops; exit codes ${exitCodes.join(', ')}; ${keys.size} scenarios; ` +
      (identical ? 'all runs gave identical verdicts' : 'the runs DIFFERED'),
  );
  for (const d of differing) {
    const tally = new Map<string, number[]>();
    d.seen.forEach((outcome, i) => tally.set(outcome, [...(tally.get(outcome) ?? []), read[i]?.run ?? 0]));
    console.log(`  ${d.key}: ${[...tally].map(([o, r]) => `${o} in runs ${r.join(',')}`).join('; ')}`);
  }
  process.exitCode = identical ? 0 : 1;
}

void main();
