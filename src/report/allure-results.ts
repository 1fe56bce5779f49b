/**
 * Writes the Allure results of a run from its masked cucumber messages, so nothing Allure stores can hold
 * a secret: the allure-cucumberjs reporter is fed the masked messages after the run instead of listening
 * to the live (unmasked) ones. Adds what auditors look for in Allure: executor.json (who ran it, which
 * build), the environment, categories that keep nonconformance apart from harness errors, and the history
 * of earlier runs on the same target kind so the trend charts show more than one run.
 */
import type { Envelope } from '@cucumber/messages';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { harnessAllureReporter } from './harness-allure-reporter';
import type { ScenarioResult } from './scenarios';

// The reporter is required, not imported: tsconfig's node10 module resolution does not read package exports.
type ReporterClass = new (options: unknown) => { finished(): Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reporterModule = require('allure-cucumberjs/reporter') as ReporterClass | { default: ReporterClass };
const AllureCucumberReporter = harnessAllureReporter(
  'default' in reporterModule ? reporterModule.default : reporterModule,
);

// Plain JavaScript shared with cucumber.js, so a plain `cucumber-js` run labels results the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runnerAllureCategories } = require('../../support/report-config') as { runnerAllureCategories: object[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allureWriter } = require('./allure-writer') as {
  allureWriter: (resultsDir: string) => { flush(): Promise<void> };
};

export interface AllureRunInfo {
  resultsDir: string;
  environment: Record<string, string>;
  executor: { reportName: string; buildName: string };
}

/** The Allure status that says the same as the harness's verdict. */
const ALLURE_STATUS: Record<ScenarioResult['outcome'], string> = {
  conformant: 'passed',
  nonconformant: 'failed',
  'not applicable': 'skipped',
  'harness error': 'broken',
  // Its own category by message (WAIVED ...): accepted, so not "failed", and not a harness error either.
  waived: 'skipped',
};

/**
 * Replays the masked messages through the Allure reporter (`support` is runCucumber's support library),
 * then makes each result's status say what the harness decided: allure-cucumberjs reports a scenario with
 * an undefined step as passed, and its own idea of "failed" is not exactly the harness's nonconformance.
 */
export async function writeAllureResults(
  envelopes: readonly Envelope[],
  support: unknown,
  info: AllureRunInfo,
  results: readonly ScenarioResult[],
): Promise<void> {
  mkdirSync(info.resultsDir, { recursive: true });
  const broadcaster = new EventEmitter();
  const writer = allureWriter(info.resultsDir);
  const options = {
    eventBroadcaster: broadcaster,
    supportCodeLibrary: support,
    parsedArgvOptions: {
      resultsDir: info.resultsDir,
      writer,
      environmentInfo: info.environment,
      categories: runnerAllureCategories,
    },
    cleanup: async () => undefined,
    cwd: process.cwd(),
    log: () => undefined,
  };
  const reporter = new AllureCucumberReporter(options);
  const uuids = recordResultUuids(reporter);
  for (const envelope of envelopes) broadcaster.emit('envelope', envelope);
  await reporter.finished();
  await writer.flush();
  for (const result of results) {
    const uuid = result.startedId ? uuids.get(result.startedId) : undefined;
    if (uuid) alignStatus(path.join(info.resultsDir, `${uuid}-result.json`), result);
  }
}

/** The reporter forgets which result belongs to which scenario when the scenario ends; keep that. */
function recordResultUuids(reporter: object): Map<string, string> {
  const seen = new Map<string, string>();
  const live = (reporter as { testResultUuids?: Map<string, string> }).testResultUuids;
  if (live instanceof Map) {
    const set = live.set.bind(live);
    live.set = (key: string, value: string) => {
      seen.set(key, value);
      return set(key, value);
    };
  }
  return seen;
}

function alignStatus(file: string, result: ScenarioResult): void {
  if (!existsSync(file)) return;
  const written = JSON.parse(readFileSync(file, 'utf8')) as {
    status?: string;
    statusDetails?: { message?: string };
    labels?: { name: string; value: string }[];
  };
  const status = ALLURE_STATUS[result.outcome];
  const extra = auditMarks(result);
  if (written.status === status && !extra) return;
  if (extra) {
    written.statusDetails = { ...written.statusDetails, ...(extra.message ? { message: extra.message } : {}) };
    written.labels = [...(written.labels ?? []), ...extra.labels];
  }
  written.status = status;
  if (result.outcome === 'harness error') {
    const what = `${result.step ? `${result.step}: ` : ''}${result.message ?? ''}`;
    written.statusDetails = {
      ...written.statusDetails,
      message: `Harness error (not a finding about the target): ${what}`,
    };
  }
  writeFileSync(file, JSON.stringify(written));
}

/**
 * What the audit workflow adds to a result: a waived one says so first (its category matches on WAIVED),
 * a not-applicable one says so (the other skipped category matches on it), and a run compared with a
 * baseline tags each result with its change (new, fixed, regressed, ...).
 */
function auditMarks(
  result: ScenarioResult,
): { message?: string; labels: { name: string; value: string }[] } | undefined {
  const labels = result.change ? [{ name: 'tag', value: `change: ${result.change}` }] : [];
  if (result.outcome === 'waived' && result.waiver) {
    const w = result.waiver;
    const what = `${result.step ? `${result.step}: ` : ''}${result.message ?? ''}`;
    return {
      message: `WAIVED by ${w.id} (approved by ${w.approvedBy}, expires ${w.expires}): ${w.justification}. Observed: ${what}`,
      labels: [...labels, { name: 'tag', value: `waived: ${w.id}` }],
    };
  }
  if (result.outcome === 'not applicable')
    return { message: `Not applicable on this target: ${result.reason ?? ''}`, labels };
  return labels.length > 0 ? { labels } : undefined;
}

/** executor.json: Allure shows it as "Executors" and numbers the trend by buildOrder. */
export function writeExecutor(
  resultsDir: string,
  historyDir: string,
  info: AllureRunInfo['executor'],
  env: NodeJS.ProcessEnv,
): void {
  const buildOrder = previousBuilds(historyDir) + 1;
  const ci = ciBuild(env);
  const executor = {
    name: ci?.name ?? 'npm run conformance',
    type: ci?.type ?? 'local',
    buildOrder,
    buildName: `${info.buildName} #${buildOrder}`,
    reportName: info.reportName,
    ...(ci?.url ? { buildUrl: ci.url } : {}),
  };
  writeFileSync(path.join(resultsDir, 'executor.json'), `${JSON.stringify(executor, null, 2)}\n`);
}

/** Brings the kept history of this target kind into the fresh results, so Allure can draw trends. */
export function restoreHistory(historyDir: string, resultsDir: string): void {
  if (existsSync(historyDir)) cpSync(historyDir, path.join(resultsDir, 'history'), { recursive: true });
}

/**
 * A report built with `allure generate --single-file` has no history/ folder: Allure embeds the history in
 * index.html, each file as a `d('history/<name>.json','<base64>')` entry. This writes them out as
 * <reportDir>/history/, where a multi-file report keeps them, so keepHistory below and any CI recipe that
 * copies allure-report/history into the next run's results work the same. Returns how many it wrote.
 */
export function unpackEmbeddedHistory(reportDir: string): number {
  const index = path.join(reportDir, 'index.html');
  if (!existsSync(index)) return 0;
  const embedded = [...readFileSync(index, 'utf8').matchAll(/\bd\('history\/([\w.-]+\.json)','([A-Za-z0-9+/=]*)'\)/g)];
  if (embedded.length === 0) return 0;
  const folder = path.join(reportDir, 'history');
  mkdirSync(folder, { recursive: true });
  for (const [, name, base64] of embedded) writeFileSync(path.join(folder, name!), Buffer.from(base64!, 'base64'));
  return embedded.length;
}

/** Keeps the report's updated history for the next run on this target kind. */
export function keepHistory(reportDir: string, historyDir: string): void {
  const fresh = path.join(reportDir, 'history');
  if (!existsSync(fresh)) return;
  rmSync(historyDir, { recursive: true, force: true });
  mkdirSync(path.dirname(historyDir), { recursive: true });
  cpSync(fresh, historyDir, { recursive: true });
}

function previousBuilds(historyDir: string): number {
  try {
    const trend = JSON.parse(readFileSync(path.join(historyDir, 'history-trend.json'), 'utf8')) as unknown[];
    return Array.isArray(trend) ? trend.length : 0;
  } catch {
    return 0;
  }
}

function ciBuild(env: NodeJS.ProcessEnv): { name: string; type: string; url?: string } | undefined {
  if (env.GITHUB_ACTIONS && env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return {
      name: 'GitHub Actions',
      type: 'github',
      url: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    };
  }
  if (env.GITLAB_CI && env.CI_JOB_URL) return { name: 'GitLab CI', type: 'gitlab', url: env.CI_JOB_URL };
  if (env.JENKINS_URL && env.BUILD_URL) return { name: 'Jenkins', type: 'jenkins', url: env.BUILD_URL };
  if (env.CI) return { name: 'CI', type: 'ci' };
  return undefined;
}
