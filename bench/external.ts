/**
 * The hook for the TLS bind-probe, PKI and audit benchmarks other parts of the project provide: every
 * bench/tls-*, bench/pki-* and bench/audit-* (.ts, .js, .mjs) is run as a child process (TypeScript through
 * support/register-typescript.js), and the last line of its stdout, one JSON object, goes into the report as is.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { time } from './measure';

export const HOOK =
  'bench/tls-*, bench/pki-* and bench/audit-* (.ts, .js, .mjs): each is run with node (support/register-typescript.js for .ts) ' +
  'and must print one JSON object as the last line of its stdout';

export interface ExternalResult {
  file: string;
  wallMs: number;
  result?: unknown;
  error?: string;
}

export function externalBenchmarks(benchDir: string): string[] {
  return readdirSync(benchDir)
    .filter((f) => /^(tls|pki|audit)-.+\.(ts|js|mjs)$/.test(f))
    .sort()
    .map((f) => path.join(benchDir, f));
}

export async function runExternal(file: string, root: string): Promise<ExternalResult> {
  const args = file.endsWith('.ts') ? ['-r', './support/register-typescript.js', file] : [file];
  const rel = path.relative(root, file);
  try {
    const run = await time({ label: rel, command: process.execPath, args, cwd: root });
    const last = run.stdout.trim().split('\n').pop() ?? '';
    try {
      return { file: rel, wallMs: Math.round(run.ms), result: JSON.parse(last) };
    } catch {
      return { file: rel, wallMs: Math.round(run.ms), error: `last stdout line is not JSON: ${last.slice(0, 200)}` };
    }
  } catch (error) {
    return { file: rel, wallMs: 0, error: (error as Error).message.slice(0, 500) };
  }
}
