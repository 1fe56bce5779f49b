/** Runs one command as a child process and times it, wall clock, from spawn to exit. */
import { spawn, spawnSync } from 'node:child_process';

export interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Command {
  /** What the run is, for errors and the report. */
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Exit codes that count as success (a conformance run that finds nonconformance exits 1). */
  okCodes?: number[];
}

/**
 * Writes every dirty page to disk first (`sync`, untimed), so that a run does not pay for the files the run
 * before it wrote: on this machine writing back a model run's 600 Allure files could double the next run's
 * time, and made the figures of runs that write files swing by a third.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

export function time(cmd: Command): Promise<Run> {
  settleDisk();
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd.command, cmd.args, {
      cwd: cmd.cwd,
      env: { ...process.env, ...cmd.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const ok = cmd.okCodes ?? [0];
      if (code === null || !ok.includes(code)) {
        const tail = (stderr || stdout).trim().split('\n').slice(-8).join('\n');
        reject(new Error(`${cmd.label} exited with ${code}:\n${tail}`));
      } else resolve({ ms, code, stdout, stderr });
    });
  });
}

/** Cucumber's closing summary: "199 scenarios (...)" and "1252 steps (...)". */
export function cucumberCounts(output: string): { scenarios: number; steps: number } {
  const scenarios = /(\d+) scenarios? \(/.exec(output);
  const steps = /(\d+) steps? \(/.exec(output);
  if (!scenarios || !steps) throw new Error(`no cucumber summary in:\n${output.slice(-400)}`);
  return { scenarios: Number(scenarios[1]), steps: Number(steps[1]) };
}

/** The peak RSS a child preloaded with bench/peak-memory.js printed, in MB. */
export function peakRssMb(stderr: string): number {
  const found = /bench-peak-rss-kb: (\d+)/.exec(stderr);
  if (!found) throw new Error(`no peak memory line (bench/peak-memory.js) in:\n${stderr.slice(-400)}`);
  return Math.round(Number(found[1]) / 1024);
}
