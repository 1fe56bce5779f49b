/**
 * Runs the features once against the recording target (in a child process, so the real run's cucumber
 * starts clean) and caches the recording by a hash of what it depends on: features/, steps/, support/ and
 * the recording target itself, so the sandbox re-plans only when one of them changes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../pki/test-pki';
import type { Recording } from './recording-target';

export const SANDBOX_CACHE = path.join(REPO_ROOT, '.cache', 'sandbox');
const RECORDING_TARGET = 'src/sandbox/recording-target.ts';

export function recordScenarios(options: { fresh?: boolean } = {}): Recording {
  mkdirSync(SANDBOX_CACHE, { recursive: true });
  const digest = sourceDigest(['features', 'steps', 'support', RECORDING_TARGET]);
  const file = path.join(SANDBOX_CACHE, `recording-${digest}.json`);
  if (!options.fresh && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Recording;
  // A folder of this pass's own: two test processes may record at once (npm test runs files side by side),
  // and one's clean-up must not remove the other's results, nor one read the other's half-written file.
  const scratch = mkdtempSync(path.join(SANDBOX_CACHE, 'recording-'));
  const recorded = path.join(scratch, 'recording.json');
  const allure = path.join(scratch, 'allure');
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--format', 'summary'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        IPIC_TARGET: RECORDING_TARGET,
        IPIC_SANDBOX_RECORD: recorded,
        IPIC_ALLURE_RESULTS: allure,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  try {
    if (!existsSync(recorded))
      throw new Error(
        `the recording pass wrote nothing (exit ${result.status}): ${(result.stderr ?? '').slice(0, 500)}`,
      );
    renameSync(recorded, file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

/** A digest of the files and directories (walked whole) named, relative to the repository. */
function sourceDigest(entries: string[]): string {
  const hash = createHash('sha256');
  const walk = (full: string) => {
    if (!statSync(full).isDirectory()) return void hash.update(full.slice(REPO_ROOT.length)).update(readFileSync(full));
    for (const name of readdirSync(full).sort()) walk(path.join(full, name));
  };
  for (const entry of entries) walk(path.join(REPO_ROOT, entry));
  return hash.digest('hex').slice(0, 16);
}
