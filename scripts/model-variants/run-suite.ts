/**
 * One run of the feature suite against the model in a scratch copy of the project (a "slot"), the way
 * Stryker runs it: the `mutation` cucumber profile, IPIC_MODEL_READINGS=per-scenario, every option at its
 * default. The result names every scenario that failed, and whether a Then-step's assertion failed or
 * something else did (a harness error: the variant broke the model so badly that a step could not run).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** What a slot copies from the repository: everything the feature suite loads, and its configuration. */
const COPIED = ['src', 'support', 'steps', 'features', 'cucumber.js', 'tsconfig.json', 'package.json'];

export interface FailedScenario {
  /** "features/x.feature:12: scenario name" */
  scenario: string;
  /** A chai AssertionError in a Then-step (true), or any other error (false). */
  assertion: boolean;
}

export interface SuiteResult {
  exitCode: number | null;
  timedOut: boolean;
  scenarios: number;
  failed: FailedScenario[];
  /** The first line of stderr when the run failed without naming a failed scenario. */
  stderr: string;
}

/** A fresh scratch copy of the project at `slot`; node_modules is a link to the repository's. */
export function prepareSlot(root: string, slot: string): void {
  rmSync(slot, { recursive: true, force: true });
  mkdirSync(slot, { recursive: true });
  for (const entry of COPIED) cpSync(path.join(root, entry), path.join(slot, entry), { recursive: true });
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(slot, 'node_modules'), 'dir');
}

export function runSuite(root: string, slot: string, timeoutMs: number): Promise<SuiteResult> {
  const json = path.join(slot, 'cucumber-result.json');
  rmSync(json, { force: true });
  const cucumber = path.join(
    realpathSync(path.join(root, 'node_modules')),
    '@cucumber',
    'cucumber',
    'bin',
    'cucumber.js',
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    IPIC_TARGET: 'model',
    IPIC_MODEL_READINGS: 'per-scenario',
    IPIC_ALLURE_RESULTS: path.join(slot, 'allure-results'),
  };
  delete env.IPIC_MODEL_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cucumber, '--profile', 'mutation', '--format', `json:${json}`], {
      cwd: slot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const { scenarios, failed } = existsSync(json) ? readResult(json) : { scenarios: 0, failed: [] };
      resolve({ exitCode, timedOut, scenarios, failed, stderr: stderr.trim().split('\n')[0] ?? '' });
    });
  });
}

interface JsonStep {
  result?: { status?: string; error_message?: string };
}
interface JsonFeature {
  uri: string;
  elements?: { name: string; line: number; type: string; steps?: JsonStep[] }[];
}

function readResult(file: string): { scenarios: number; failed: FailedScenario[] } {
  const features = JSON.parse(readFileSync(file, 'utf8')) as JsonFeature[];
  let scenarios = 0;
  const failed: FailedScenario[] = [];
  for (const feature of features) {
    for (const element of feature.elements ?? []) {
      if (element.type !== 'scenario') continue;
      scenarios++;
      const failure = (element.steps ?? []).find((s) => s.result?.status === 'failed');
      if (!failure) continue;
      failed.push({
        scenario: `${feature.uri}:${element.line}: ${element.name}`,
        assertion: /AssertionError/.test(failure.result?.error_message ?? ''),
      });
    }
  }
  return { scenarios, failed };
}
