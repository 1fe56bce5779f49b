/**
 * `--parallel N` on a live run, measured where it matters: against the sandbox with every z/OS Connect
 * answer delayed (LATENCY_MS, a distant LPAR's round trip), serial and with 2 and 4 workers, interleaved.
 * Each run's per-scenario outcomes (conformance.json) are compared with the serial run's: the speed-up
 * counts only if the verdicts are identical.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Summary } from '../src/report/summary-schema';
import { time } from './measure';
import { freshDir } from './generate';
import { stats, type Stats } from './statistics';

export const LATENCY_MS = 50;
const WORKERS = [1, 2, 4];

export interface ParallelRow extends Stats {
  workers: number;
  /** Scenarios whose outcome differed from the serial run's (over all runs). */
  verdictDifferences: string[];
}

function outcomesOf(summaryFile: string): Map<string, string> {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  const outcomes = new Map<string, string>();
  for (const scenario of [...summary.rules.flatMap((r) => r.scenarios), ...summary.scenariosWithoutRule])
    outcomes.set(`${scenario.feature}:${scenario.line} ${scenario.name}`, scenario.outcome);
  return outcomes;
}

export async function measureParallel(work: string, root: string, runs: number): Promise<ParallelRow[]> {
  const samples = new Map<number, number[]>(WORKERS.map((w) => [w, []]));
  const differences = new Map<number, Set<string>>(WORKERS.map((w) => [w, new Set()]));
  for (let r = 0; r < runs; r++) {
    let serial: Map<string, string> | undefined;
    for (const workers of WORKERS) {
      const dir = freshDir(path.join(work, 'live-parallel', String(workers)));
      const run = await time({
        label: `live run, ${workers} worker(s), ${LATENCY_MS} ms latency`,
        command: process.execPath,
        args: [
          '-r',
          './support/register-typescript.js',
          'bench/live-parallel-run.ts',
          String(LATENCY_MS),
          String(workers),
          dir,
        ],
        cwd: root,
        okCodes: [0, 1],
      });
      samples.get(workers)!.push(run.ms);
      const outcomes = outcomesOf(path.join(dir, 'reports', 'conformance.json'));
      serial ??= outcomes;
      for (const key of new Set([...serial.keys(), ...outcomes.keys()]))
        if (serial.get(key) !== outcomes.get(key)) differences.get(workers)!.add(key);
      process.stderr.write('.');
    }
  }
  return WORKERS.map((workers) => ({
    workers,
    ...stats(samples.get(workers)!),
    verdictDifferences: [...differences.get(workers)!].sort(),
  }));
}
