/**
 * The conformance run, one stage per module (as cucumber-js's own src/api):
 *   settings + command-line  every input checked before anything runs, every problem reported;
 *   reports-lock             one run at a time in a reports directory;
 *   describe-run + plan      the target loaded and described, cucumber's plan made (an empty one stops);
 *   run-cucumber             the scenarios, with masked messages and a masked console;
 *   classify + summary       nonconformance kept apart from harness errors, coverage and required rules;
 *   write-artifacts          everything written into a staging directory;
 *   staging                  the whole set moved into place, or none of it.
 *
 * Exit codes: 0 at least one scenario applied and every applicable one conformed; 1 a Then-step observed
 * a rule broken; 2 the harness could not do its job; 3 incomplete (a required rule was not verified, or no
 * scenario applied); 128+n when stopped by signal n. See README, Exit codes.
 */
import { preflightFirst } from './preflight-first';
import { createProgress, type Progress } from './progress';
import type { Envelope } from '@cucumber/messages';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR, EXIT_NONCONFORMANT, HarnessInputError } from '../../support/errors';
import { createMasker, type Masker } from '../../support/redaction';
import { messageWithCauses, problemsOf, readSettings, type Settings } from '../../support/settings';
import { reportPaths, type ReportPaths } from '../report/artifacts';
import { EXCHANGE_ENTRIES, writeExchangeDocuments } from '../report/exchange-artifacts';
import { historyFile } from '../site/run-history';
import { knownSecrets } from '../report/known-secrets';
import { loadRuleIndex, type RuleIndex } from '../report/rules';
import { scenarioResults } from '../report/scenarios';
import { buildSummary } from '../report/summary';
import type { Summary } from '../report/summary-schema';
import { readFeatures } from '../site/gherkin';
import {
  attestationPath,
  auditLines,
  completeSummary,
  inputsWithWaivers,
  judgeWaivers,
  writeAttestation,
} from './audit-flow';
import { readAuditInputs, type AuditInputs } from './audit-inputs';
import { classify } from './classify';
import { parseCommandLine, type RunOptions } from './command-line';
import { describeRun, type RunDescription } from './describe-run';
import { Interruptions } from './interruptions';
import { makePlan, type Plan } from './plan';
import { lockReports } from './reports-lock';
import { requiredRuleIds, ruleTags } from './required-rules';
import { dropStackFrames, runPlannedScenarios } from './run-cucumber';
import { createStaging, publishingProblem, removeLeftovers } from './staging';
import {
  writeAllure,
  writeAllureHtml,
  writeJunit,
  writeSummaryAndSite,
  type AllureHtmlOutcome,
} from './write-artifacts';

/** Test-only switch for the secret-scan test that proves the scan catches a leak. Never set it in CI. */
export const UNSAFE_DISABLE_MASKING = 'IPIC_UNSAFE_DISABLE_MASKING';

/** Written after every run that held the reports directory: which run the artifacts in place come from. */
export const LAST_RUN_FILE = 'last-run.json';

interface Prepared {
  settings: Settings;
  options: RunOptions;
  index: RuleIndex;
  facts: RunDescription;
  plan: Plan;
  requiredRules: string[];
  audit: AuditInputs;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = new Date();
  const masker = makeMasker(env);
  const debug = env.IPIC_DEBUG?.trim() === '1';
  const say = (line: string) => console.log(masker.text(line));
  const complain = (line: string) => console.error(masker.text(debug ? line : dropStackFrames(line)));
  const interruptions = new Interruptions(complain);
  const progress = createProgress();
  try {
    return await run(argv, env, { started, masker, say, complain, interruptions, progress });
  } finally {
    interruptions.close();
  }
}

interface RunContext {
  started: Date;
  masker: Masker;
  say(line: string): void;
  complain(line: string): void;
  interruptions: Interruptions;
  progress: Progress;
}

async function run(argv: string[], env: NodeJS.ProcessEnv, ctx: RunContext): Promise<number> {
  const { say, complain, interruptions } = ctx;
  const problems: string[] = [];
  const attempt = async <T>(stage: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await stage();
    } catch (error) {
      problems.push(...problemsOf(error));
      return undefined;
    }
  };
  const settings = await attempt(() => readSettings(env));
  const options = await attempt(() => parseCommandLine(argv));
  const final = reportPaths(settings?.reportsDir ?? env.IPIC_REPORTS_DIR?.trim() ?? 'reports', settings?.allureResults);
  const lock = await attempt(() => lockReports(final.reportsDir, `npm run conformance ${argv.join(' ')}`.trim()));
  if (lock) interruptions.onInterrupt(lock.release);
  await attempt(() => {
    const problem = lock && publishingProblem(final);
    if (problem) throw problem;
  });
  if (lock && options && settings) ctx.progress.phase('loading the target and planning the scenarios');
  const prepared =
    lock && options && settings ? await prepare(settings, options, env, ctx.masker, ctx.started, attempt) : undefined;

  if (problems.length > 0 || !prepared) {
    ctx.progress.done();
    for (const problem of problems) complain(`harness error: ${problem}`);
    if (lock) recordLastRun(final, ctx.started, EXIT_HARNESS_ERROR, false, problems, ctx.masker);
    if (lock) say(`reports: nothing in ${final.reportsDir} was replaced; the artifacts there are from an earlier run`);
    lock?.release();
    return EXIT_HARNESS_ERROR;
  }
  try {
    return await runAndPublish(prepared, final, env, ctx);
  } finally {
    lock?.release();
  }
}

async function prepare(
  settings: Settings,
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  masker: Masker,
  started: Date,
  attempt: <T>(stage: () => T | Promise<T>) => Promise<T | undefined>,
): Promise<Prepared | undefined> {
  if (settings.preflight) await attempt(() => preflightFirst(settings, env));
  const index = await attempt(() => loadRuleIndex());
  const facts = await attempt(() => describeRun(env, options, masker));
  const plan = await attempt(() => makePlan(options, env));
  const requiredRules = index
    ? await attempt(() => requiredRulesOf(options, index, facts?.inputs.features.map((f) => f.path) ?? []))
    : undefined;
  const audit = facts ? await attempt(() => readAuditInputs(options, env, started, facts.target.kind)) : undefined;
  if (!index || !facts || !plan || !requiredRules || !audit) return undefined;
  return { settings, options, index, facts, plan, requiredRules, audit };
}

function requiredRulesOf(options: RunOptions, index: RuleIndex, featurePaths: string[]): string[] {
  if (options.requirements.length === 0) return [];
  const tags = ruleTags(index, readFeatures(featurePaths));
  const unmatched = options.requirements.filter((r) => requiredRuleIds([r], tags).length === 0);
  if (unmatched.length > 0)
    throw new HarnessInputError(
      unmatched[0]!.from,
      unmatched.map((r) => r.expression).join(', '),
      'a requirement that matches at least one rule (it matches none: a misspelt tag?)',
    );
  return requiredRuleIds(options.requirements, tags);
}

async function runAndPublish(
  prepared: Prepared,
  final: ReportPaths,
  env: NodeJS.ProcessEnv,
  ctx: RunContext,
): Promise<number> {
  const { say, complain, interruptions, masker } = ctx;
  const { settings, options, index, facts, plan, audit } = prepared;
  const kind = facts.target.kind;
  removeLeftovers(final.reportsDir);
  const staging = createStaging(final, kind);
  interruptions.onInterrupt(staging.discard);

  let outcome: Awaited<ReturnType<typeof runPlannedScenarios>>;
  ctx.progress.phase(`running ${plan.scenarios} scenario${plan.scenarios === 1 ? '' : 's'} on the ${kind} target`);
  try {
    // Workers of a --parallel run share one bad-password ledger, kept with the run's staged files.
    const runEnv =
      options.parallel > 1 ? { ...env, IPIC_LEDGER_DIR: path.join(staging.paths.reportsDir, '.ledger') } : env;
    outcome = await runPlannedScenarios(plan, runEnv, masker, settings.debug);
  } catch (error) {
    return abandon(`cucumber could not run: ${messageWithCauses(error)}`);
  }
  const { envelopes, support, success } = outcome;
  const tally = classify(envelopes);
  const judged = judgeWaivers(scenarioResults(envelopes), audit, facts);
  let results = judged.results;
  const harnessErrors = runLevelErrors(envelopes);
  // 1 only for an observed broken rule that no current waiver accepts; a failed run that no scenario
  // explains is the harness's failure.
  const scenarioExit: 0 | 1 | 2 =
    tally.harnessErrors > 0 || (!success && tally.nonconformant === 0)
      ? EXIT_HARNESS_ERROR
      : results.some((r) => r.outcome === 'nonconformant')
        ? EXIT_NONCONFORMANT
        : 0;
  if (!success && tally.nonconformant === 0 && tally.harnessErrors === 0)
    harnessErrors.push('cucumber reported the run as failed, but no scenario failed');

  let summary: Summary;
  let html: AllureHtmlOutcome = { built: false };
  const stopAllure = new AbortController();
  interruptions.onInterrupt(() => stopAllure.abort());
  const record = !options.subset || options.recordSubset;
  ctx.progress.phase('writing the reports');
  const entries: ((p: ReportPaths) => string)[] = [
    (p) => p.allureResults,
    (p) => p.allureReport,
    (p) => p.allureHistory(kind),
    (p) => p.junit,
    (p) => p.summaryMarkdown,
    (p) => p.summaryHtml,
    (p) => p.summaryJson,
    ...EXCHANGE_ENTRIES,
    ...(record
      ? [
          (p: ReportPaths) => p.kindSummary(kind),
          (p: ReportPaths) => historyFile(p.summaries, kind),
          (p: ReportPaths) => p.site,
        ]
      : []),
  ];
  let attestation: ReturnType<typeof writeAttestation>;
  try {
    const built = buildSummary(index, results, {
      ...facts,
      inputs: inputsWithWaivers(facts, audit),
      waived: audit.waivers !== undefined,
      exitCode: scenarioExit,
      harnessErrors: harnessErrors.map(masker.text),
      requiredRules: prepared.requiredRules,
      rulesWithScenarios: new Set(readFeatures(facts.inputs.features.map((f) => f.path)).flatMap(ruleIdsOfFeature)),
      time: timeSince(ctx.started),
    });
    const completed = completeSummary(built, results, audit, judged.outcomes, env, masker);
    const unsealed = completed.summary;
    results = completed.results;
    await writeAllure(staging.paths, envelopes, support, results, facts, unsealed.outcome.verdict, env);
    if (!settings.skipAllureHtml) ctx.progress.phase('building the Allure report');
    if (!settings.skipAllureHtml) html = await writeAllureHtml(staging.paths, final, kind, env, stopAllure.signal);
    summary = writeSummaryAndSite(staging.paths, unsealed, index, { record, sitePages: final.sitePages });
    writeJunit(staging.paths, results, envelopes, summary);
    writeExchangeDocuments(staging.paths, summary);
    // Last: its subjects are every file above, the exchange documents included.
    attestation = writeAttestation(staging.paths, final, entries, summary, audit, env);
  } catch (error) {
    return abandon(`the artifacts could not be written: ${messageWithCauses(error)}`);
  }

  ctx.progress.phase('publishing the reports');
  interruptions.runCritical(() =>
    // The attestation always takes part: a run without a signing key removes the previous run's.
    staging.publish([...entries, attestationPath]),
  );
  recordLastRun(final, ctx.started, summary.outcome.exitCode, true, [], masker);
  ctx.progress.done();
  printOutcome(summary, tally, final, html, record, say, complain);
  for (const line of auditLines(summary, attestation, final)) say(line);
  return summary.outcome.exitCode;

  function abandon(problem: string): number {
    ctx.progress.done();
    staging.discard();
    complain(`harness error: ${problem}`);
    recordLastRun(final, ctx.started, EXIT_HARNESS_ERROR, false, [problem], masker);
    say(`reports: nothing in ${final.reportsDir} was replaced; the artifacts there are from an earlier run`);
    return EXIT_HARNESS_ERROR;
  }
}

function ruleIdsOfFeature(f: ReturnType<typeof readFeatures>[number]): string[] {
  return f.scenarios.flatMap((s) => s.ruleIds);
}

function printOutcome(
  summary: Summary,
  tally: ReturnType<typeof classify>,
  final: ReportPaths,
  html: AllureHtmlOutcome,
  record: boolean,
  say: (line: string) => void,
  complain: (line: string) => void,
): void {
  const scope = summary.inputs.scope === 'subset' ? ' (a subset run)' : '';
  const waived = summary.totals.scenarios.waived ?? 0;
  say(
    `conformance${scope}: ${tally.passed} conformant, ${summary.totals.scenarios.nonconformant} nonconformant${waived ? `, ${waived} waived` : ''}, ${tally.notApplicable} not applicable, ${tally.harnessErrors} harness errors (scenarios)`,
  );
  const c = summary.coverage!;
  say(
    `rules: ${c.verified} verified (${summary.totals.rules.conformant} conformant, ${summary.totals.rules.nonconformant} nonconformant${summary.totals.rules.waived ? `, ${summary.totals.rules.waived} waived` : ''}), ${c.notApplicable} not applicable, ${c.notCovered} not covered${c.untestable ? ` (${c.untestable} untestable on every target)` : ''}, ${c.harnessError} harness error`,
  );
  if (c.requiredRules.length > 0) say(`required rules: ${c.requiredRules.join(', ')}`);
  for (const rule of summary.rules.filter((r) => r.status === 'nonconformant'))
    say(`nonconformant: ${rule.id} ${rule.statement}`);
  for (const reason of summary.outcome.incomplete ?? [])
    say(`incomplete: ${reason.rule ? `${reason.rule} ` : ''}${reason.reason}`);
  for (const problem of summary.outcome.harnessErrors) complain(`harness error: ${problem}`);
  for (const rule of summary.rules.filter((r) => r.status === 'harness error'))
    for (const s of rule.scenarios.filter((s) => s.outcome === 'harness error'))
      complain(`harness error: ${rule.id} ${s.feature}:${s.line} ${s.name}: ${(s.message ?? '').split('\n')[0]}`);
  say(`verdict: ${summary.outcome.verdict.toUpperCase()} (exit ${summary.outcome.exitCode})`);
  say(
    `summary: ${final.summaryJson} (sha256 ${summary.integrity.fileSha256}), ${final.summaryMarkdown}, ${final.summaryHtml}`,
  );
  say(
    `JUnit: ${final.junit}; Allure report: ${html.built ? `${final.allureReport}/index.html` : `not built (Allure results in ${final.allureResults})`}; documentation: ${final.site}/index.html`,
  );
  if (html.note) complain(`warning: ${html.note}`);
  if (!record)
    say(
      `site: not updated: a subset run does not replace the ${summary.target.kind} record of the last full run (--record-subset to replace it)`,
    );
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

function timeSince(started: Date): Summary['time'] {
  const finished = new Date();
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
  };
}

/** Says which run the artifacts in place come from, so a failed run never leaves them looking current. */
function recordLastRun(
  final: ReportPaths,
  started: Date,
  exitCode: number,
  published: boolean,
  problems: string[],
  masker: Masker,
): void {
  const record = {
    startedAt: started.toISOString(),
    exitCode,
    artifacts: published ? 'this run' : 'an earlier run (this one replaced nothing)',
    problems: problems.map(masker.text),
  };
  try {
    writeFileSync(path.join(final.reportsDir, LAST_RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  } catch {
    // The reports directory was checked writable when the run took its lock; nothing more to say here.
  }
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
