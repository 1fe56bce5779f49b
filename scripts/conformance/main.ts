/**
 * The conformance run: validate the inputs and the target before anything runs, run cucumber through its
 * API, classify the outcome (nonconformance vs. harness error), and leave the evidence an auditor files:
 * the sealed summary (conformance.json/.md/.html), JUnit XML, Allure results and report, and the
 * documentation site. Every artifact is written from masked messages, so no secret reaches any of them.
 *
 * Exit codes: 0 every applicable rule conforms, 1 a rule is nonconformant, 2 the harness could not do its
 * job (bad configuration or inventory, unloadable target, undefined step, unreachable target, ...).
 */
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { keepKindSummary, reportPaths, writeSummary, type ReportPaths } from '../../src/report/artifacts';
import { keepHistory, restoreHistory, writeAllureResults, writeExecutor } from '../../src/report/allure-results';
import { renderJunit } from '../../src/report/junit';
import { knownSecrets } from '../../src/report/known-secrets';
import { maskEnvelope } from '../../src/report/mask-envelopes';
import { MaskingStream } from '../../src/report/masking-stream';
import { loadRuleIndex, RULES_FILE, type RuleIndex } from '../../src/report/rules';
import { displayPath, fileDigest, gitCommit, harnessPackage } from '../../src/report/run-metadata';
import { scenarioResults, type ScenarioResult } from '../../src/report/scenarios';
import { buildSummary, describeValue, harnessFailureSummary, type RunFacts } from '../../src/report/summary';
import type { Summary } from '../../src/report/summary-schema';
import { buildSite } from '../../src/site/build';
import { featureFiles, readFeatures } from '../../src/site/gherkin';
import { createMasker, type Masker } from '../../support/redaction';
import { EXIT_CONFORMANT, EXIT_HARNESS_ERROR, EXIT_NONCONFORMANT, HarnessInputError } from '../../support/errors';
import { loadTarget } from '../../support/load-target';
import { generateAllureReport } from './allure';
import { classify, type RunTally } from './classify';

export const RESULTS_DIR = reportPaths().allureResults;
export const REPORT_DIR = reportPaths().allureReport;

/** Leaves the Allure results but does not generate the HTML report from them. */
export const SKIP_ALLURE_HTML = 'IPIC_SKIP_ALLURE_HTML';

/** Test-only switch for the secret-scan test that proves the scan catches a leak. Never set it in CI. */
export const UNSAFE_DISABLE_MASKING = 'IPIC_UNSAFE_DISABLE_MASKING';

/** What is known about the run before it starts: the target, the harness and the inputs. */
type RunDescription = Pick<RunFacts, 'target' | 'harness' | 'inputs'>;

interface Prepared {
  selection: Selection;
  index: RuleIndex;
  facts: RunDescription;
}

/** Checks every input before anything runs; fills `known` as it goes, for the harness-error summary. */
async function prepare(argv: string[], env: NodeJS.ProcessEnv, known: Partial<Prepared>): Promise<Prepared> {
  known.selection = cucumberArgs(argv);
  known.index = loadRuleIndex();
  known.facts = await describeRun(env, known.selection);
  return known as Prepared;
}

interface Selection {
  provided: Record<string, unknown>;
  summary: Summary['inputs']['selection'];
}

export async function main(argv: string[]): Promise<number> {
  const env = process.env;
  const started = new Date();
  const paths = reportPaths();
  const masker = makeMasker(env);
  const say = (line: string) => console.log(masker.text(line));
  const complain = (line: string) => console.error(masker.text(line));

  const known: Partial<Prepared> = {};
  let prepared: Prepared;
  try {
    prepared = await prepare(argv, env, known);
  } catch (error) {
    return harnessFailure(paths, masker, known, started, error, complain);
  }
  const { index, facts, selection } = prepared;

  let envelopes: Envelope[];
  let support: unknown;
  let success: boolean;
  const stdout = new MaskingStream(process.stdout, masker.text);
  const stderr = new MaskingStream(process.stderr, masker.text);
  try {
    const { runConfiguration } = await loadConfiguration({ provided: selection.provided }, { env });
    // Only the console formatter runs live (through the masking stream); every file is written below
    // from the masked messages.
    runConfiguration.formats = { ...runConfiguration.formats, stdout: 'progress', files: {}, publish: false };
    // Cucumber appends paths given on the command line to the profile's features/**; the user meant only these.
    if (selection.summary.paths.length > 0) runConfiguration.sources.paths = selection.provided.paths as string[];
    envelopes = [];
    const collected = envelopes;
    ({ success, support } = await runCucumber(runConfiguration, { env, stdout, stderr }, (e) =>
      collected.push(maskEnvelope(e, masker)),
    ));
  } catch (error) {
    return harnessFailure(paths, masker, prepared, started, error, complain);
  } finally {
    stdout.flushPending();
    stderr.flushPending();
  }

  const tally: RunTally = classify(envelopes);
  const results = scenarioResults(envelopes);
  const harnessErrors: string[] = runLevelErrors(envelopes);
  let exitCode: 0 | 1 | 2 =
    tally.harnessErrors > 0
      ? EXIT_HARNESS_ERROR
      : tally.nonconformant > 0 || !success
        ? EXIT_NONCONFORMANT
        : EXIT_CONFORMANT;

  const kind = facts.target.kind;
  try {
    await writeAllure(paths, envelopes, support, results, facts, env);
  } catch (error) {
    harnessErrors.push(`Allure report: ${(error as Error).message}`);
    exitCode = EXIT_HARNESS_ERROR;
  }
  mkdirSync(paths.reportsDir, { recursive: true });
  writeFileSync(paths.junit, renderJunit(results, envelopes, `IPIC security conformance: ${kind}`));

  const finished = new Date();
  const unsealed = buildSummary(index, results, {
    ...facts,
    exitCode,
    harnessErrors: harnessErrors.map(masker.text),
    rulesWithScenarios: rulesWithScenarios(facts.inputs.features.map((f) => f.path)),
    time: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
    },
  });
  const { summary, text } = writeSummary(paths, unsealed);
  keepKindSummary(paths, kind, text);
  try {
    buildSite({ outDir: paths.site, summariesDir: paths.summaries, pagesDir: paths.sitePages, index });
  } catch (error) {
    complain(`documentation site: ${(error as Error).message}`);
    return EXIT_HARNESS_ERROR;
  }

  say(
    `conformance: ${tally.passed} conformant, ${tally.nonconformant} nonconformant, ${tally.notApplicable} not applicable, ${tally.harnessErrors} harness errors (scenarios)`,
  );
  say(
    `rules: ${Object.entries(summary.totals.rules)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  for (const rule of summary.rules.filter((r) => r.status === 'nonconformant'))
    say(`nonconformant: ${rule.id} ${rule.statement}`);
  for (const problem of summary.outcome.harnessErrors) complain(`harness error: ${problem}`);
  say(
    `summary: ${paths.summaryJson} (sha256 ${summary.integrity.fileSha256}), ${paths.summaryMarkdown}, ${paths.summaryHtml}`,
  );
  say(
    `JUnit: ${paths.junit}; Allure report: ${paths.allureReport}/index.html; documentation: ${paths.site}/index.html`,
  );
  return summary.outcome.exitCode;
}

function makeMasker(env: NodeJS.ProcessEnv): Masker {
  if (env[UNSAFE_DISABLE_MASKING] === '1') {
    console.error(
      `WARNING: ${UNSAFE_DISABLE_MASKING}=1: secrets are NOT masked in this run's artifacts (test use only)`,
    );
    return { text: (t) => t, value: (v) => v };
  }
  const { secrets, userids, owned } = knownSecrets(env);
  return createMasker(secrets, userids, owned);
}

/** Everything about the run that does not depend on its outcome; throws HarnessInputError on bad input. */
async function describeRun(env: NodeJS.ProcessEnv, selection: Selection): Promise<RunDescription> {
  const target = await loadTarget(env);
  let description: ReturnType<typeof target.describe>;
  try {
    description = target.describe();
  } finally {
    await target.close?.();
  }
  const { kind, identity, ...rest } = description;
  const inventoryPath = env.IPIC_INVENTORY?.trim();
  const featurePaths = [
    ...new Set([...featureFiles('features'), ...selection.summary.paths.map((p) => p.replace(/:[\d:]+$/, ''))]),
  ].sort();
  const pkg = harnessPackage();
  return {
    target: {
      kind: String(kind),
      identity: String(identity),
      module: env.IPIC_TARGET?.trim() || 'model',
      description: sortKeys(rest) as Record<string, unknown>,
      inventory: inventoryPath ? fileDigest(inventoryPath, 'IPIC_INVENTORY', inventoryPath) : null,
    },
    harness: {
      name: pkg.name,
      version: pkg.version,
      commit: gitCommit(),
      node: process.version,
      ruleIndex: fileDigest(RULES_FILE, 'rule index', 'docs/rules.yaml'),
    },
    inputs: { selection: selection.summary, features: featurePaths.map((p) => fileDigest(p, 'feature file', p)) },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

function rulesWithScenarios(features: readonly string[]): Set<string> {
  return new Set(readFeatures(features).flatMap((f) => f.scenarios.flatMap((s) => s.ruleIds)));
}

/** Failures outside any scenario: BeforeAll/AfterAll hooks, or the run itself. */
function runLevelErrors(envelopes: readonly Envelope[]): string[] {
  const errors: string[] = [];
  for (const e of envelopes) {
    const hook = e.testRunHookFinished?.result;
    if (hook?.status === 'FAILED')
      errors.push(
        `a BeforeAll/AfterAll hook failed: ${(hook.exception?.message ?? hook.message ?? '').split('\n')[0]}`,
      );
    const run = e.testRunFinished;
    if (run?.exception) errors.push(`the run failed: ${(run.exception.message ?? run.message ?? '').split('\n')[0]}`);
  }
  return errors;
}

async function writeAllure(
  paths: ReportPaths,
  envelopes: Envelope[],
  support: unknown,
  results: ScenarioResult[],
  facts: RunDescription,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const kind = facts.target.kind;
  rmSync(paths.allureResults, { recursive: true, force: true });
  mkdirSync(paths.allureResults, { recursive: true });
  const environment: Record<string, string> = {
    'target kind': kind,
    'target identity': facts.target.identity,
    'target module (IPIC_TARGET)': facts.target.module,
    ...Object.fromEntries(Object.entries(facts.target.description).map(([k, v]) => [`target ${k}`, describeValue(v)])),
    inventory: facts.target.inventory
      ? `${facts.target.inventory.path} sha256 ${facts.target.inventory.sha256}`
      : 'none',
    harness: `${facts.harness.name} ${facts.harness.version}`,
    'git commit': facts.harness.commit ?? 'unknown',
    node: facts.harness.node,
    'rule index sha256': facts.harness.ruleIndex.sha256,
    'IBM page': 'z/OS Connect: Configuring security for an IPIC connection',
  };
  const info = {
    resultsDir: paths.allureResults,
    environment,
    executor: { reportName: `IPIC security conformance: ${kind}`, buildName: `conformance on ${kind}` },
  };
  await writeAllureResults(envelopes, support, info, results);
  writeExecutor(paths.allureResults, paths.allureHistory(kind), info.executor, env);
  restoreHistory(paths.allureHistory(kind), paths.allureResults);
  // CI stages that build the Allure report elsewhere (and the harness's own tests) may skip the HTML.
  if (env[SKIP_ALLURE_HTML] === '1') return;
  await generateAllureReport(paths.allureResults, paths.allureReport);
  keepHistory(paths.allureReport, paths.allureHistory(kind));
}

/** The run stopped before any scenario: say why, leave a sealed summary and a JUnit error, exit 2. */
function harnessFailure(
  paths: ReportPaths,
  masker: Masker,
  { index, facts, selection }: Partial<Prepared>,
  started: Date,
  error: unknown,
  complain: (line: string) => void,
): number {
  const message = masker.text(
    error instanceof HarnessInputError
      ? error.message
      : (`${(error as Error)?.message ?? String(error)}`.split('\n')[0] ?? ''),
  );
  complain(`harness error: ${message}`);
  const finished = new Date();
  const unknownDigest = { path: '', sha256: '0'.repeat(64) };
  const pkg = harnessPackage();
  const summary = harnessFailureSummary(index, {
    target: facts?.target ?? {
      kind: 'unknown',
      identity: 'the target could not be loaded',
      module: process.env.IPIC_TARGET?.trim() || 'model',
      description: {},
      inventory: null,
    },
    harness: facts?.harness ?? {
      name: pkg.name,
      version: pkg.version,
      commit: gitCommit(),
      node: process.version,
      ruleIndex: safeDigest(RULES_FILE) ?? unknownDigest,
    },
    inputs: facts?.inputs ?? { selection: selection?.summary ?? { tags: null, names: [], paths: [] }, features: [] },
    harnessErrors: [message],
    time: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
    },
  });
  try {
    writeSummary(paths, summary);
    writeFileSync(paths.junit, harnessErrorJunit(message));
  } catch (writeError) {
    complain(`could not write the summary: ${(writeError as Error).message}`);
  }
  return EXIT_HARNESS_ERROR;
}

function safeDigest(file: string): { path: string; sha256: string } | undefined {
  try {
    return fileDigest(file, 'rule index', displayPath(file));
  } catch {
    return undefined;
  }
}

function harnessErrorJunit(message: string): string {
  const xml = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="IPIC security conformance" tests="1" failures="0" errors="1" skipped="0">',
    '  <testsuite name="harness" tests="1" failures="0" errors="1" skipped="0">',
    `    <testcase classname="harness" name="the harness could not run the conformance suite"><error type="harness error" message="${xml(message)}"/></testcase>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** `npm run conformance -- --tags @bind` passes cucumber options through. */
function cucumberArgs(argv: string[]): Selection {
  const provided: Record<string, unknown> = {};
  const summary: Selection['summary'] = { tags: null, names: [], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new HarnessInputError('command line', arg, 'a value after it');
      return v;
    };
    if (arg === '--tags') provided.tags = summary.tags = value();
    else if (arg === '--name') summary.names.push(value());
    else if (arg.endsWith('.feature') || arg.includes('.feature:')) summary.paths.push(arg);
    else throw new HarnessInputError('command line', arg, 'one of --tags EXPR, --name TEXT, or feature paths');
  }
  if (summary.names.length) provided.name = [...summary.names];
  if (summary.paths.length) provided.paths = [...summary.paths];
  summary.names.sort();
  summary.paths = summary.paths.map((p) => displayPath(p)).sort();
  return { provided, summary };
}
