/**
 * One result per scenario that ran, read from (already masked) cucumber messages: where it is written
 * (feature file and line), which rules it checks (its @R<n> tags, inherited from Rule: blocks), the
 * verdict of src/run/classify.ts, and why it was not applicable or what went wrong.
 */
import type { Envelope, Pickle, TestCase, TestStepResultStatus } from '@cucumber/messages';
import { verdicts, type Verdict } from '../run/classify';
import { ruleIdsOf } from '../site/gherkin';
import type { AppliedWaiver, Change } from './summary-schema';

export const NOT_APPLICABLE_PREFIX = 'Not applicable on this target:';

/** Messages are cut here: enough to read the finding, short enough for a JUnit or Markdown cell. */
const MAX_MESSAGE = 1500;

/** A scenario's outcome: cucumber's verdict, or (after src/report/waivers.ts) a nonconformance waived. */
export type Outcome = Verdict | 'waived';

export interface ScenarioResult {
  name: string;
  feature: string;
  line: number;
  rules: string[];
  outcome: Outcome;
  /** Waived: the waiver that accepted the nonconformance (step and message stay as they were). */
  waiver?: AppliedWaiver;
  /** With --baseline: how the scenario compares with the baseline run. */
  change?: Change;
  /** Not applicable: the target's reason. */
  reason?: string;
  /** Nonconformant or harness error: the step that did not pass and what it said. */
  step?: string;
  message?: string;
  /** Cucumber's id of the (last) attempt, for matching other artifacts; not part of the summary. */
  startedId?: string;
}

export function scenarioResults(envelopes: readonly Envelope[]): ScenarioResult[] {
  const pickles = new Map<string, Pickle>();
  const testCases = new Map<string, TestCase>();
  const startedCase = new Map<string, string>();
  const stepKeywords = new Map<string, string>();
  const reasons = new Map<string, string>();
  const firstProblem = new Map<string, { testStepId: string; status: TestStepResultStatus; message?: string }>();
  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) testCases.set(e.testCase.id, e.testCase);
    if (e.testCaseStarted) startedCase.set(e.testCaseStarted.id, e.testCaseStarted.testCaseId);
    if (e.gherkinDocument) collectKeywords(e, stepKeywords);
    const a = e.attachment;
    if (a?.testCaseStartedId && a.mediaType.startsWith('text/plain')) {
      const body = a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body;
      if (body.startsWith(NOT_APPLICABLE_PREFIX) && !reasons.has(a.testCaseStartedId)) {
        reasons.set(a.testCaseStartedId, body.slice(NOT_APPLICABLE_PREFIX.length).trim());
      }
    }
    const f = e.testStepFinished;
    if (f && !['PASSED', 'SKIPPED'].includes(f.testStepResult.status) && !firstProblem.has(f.testCaseStartedId)) {
      const r = f.testStepResult;
      firstProblem.set(f.testCaseStartedId, {
        testStepId: f.testStepId,
        status: r.status,
        message: r.exception?.message ?? r.message,
      });
    }
  }

  const results: ScenarioResult[] = [];
  for (const [startedId, outcome] of verdicts([...envelopes])) {
    const testCase = testCases.get(startedCase.get(startedId) ?? '');
    const pickle = pickles.get(testCase?.pickleId ?? '');
    if (!testCase || !pickle) continue;
    const result: ScenarioResult = {
      name: pickle.name,
      feature: pickle.uri,
      line: pickle.location?.line ?? 0,
      rules: ruleIdsOf(pickle.tags.map((t) => t.name)),
      outcome,
      startedId,
    };
    if (outcome === 'not applicable')
      result.reason = reasons.get(startedId) ?? 'the target skipped the scenario without giving a reason';
    const problem = firstProblem.get(startedId);
    if (problem && (outcome === 'nonconformant' || outcome === 'harness error')) {
      const testStep = testCase.testSteps.find((s) => s.id === problem.testStepId);
      const pickleStep = pickle.steps.find((s) => s.id === testStep?.pickleStepId);
      result.step = pickleStep
        ? `${stepKeywords.get(pickleStep.astNodeIds[0] ?? '') ?? ''}${pickleStep.text}`
        : 'a hook';
      result.message = describeProblem(problem.status, problem.message);
    }
    results.push(result);
  }
  return results.sort(byPlace);
}

export function byPlace(
  a: { feature: string; line: number; name: string },
  b: { feature: string; line: number; name: string },
): number {
  return a.feature < b.feature
    ? -1
    : a.feature > b.feature
      ? 1
      : a.line - b.line || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function describeProblem(status: TestStepResultStatus, message: string | undefined): string {
  if (status === 'UNDEFINED') return 'the step has no step definition (undefined)';
  if (status === 'AMBIGUOUS') return `more than one step definition matches the step: ${firstLines(message)}`;
  if (status === 'PENDING') return 'the step definition is pending';
  return firstLines(message) || status.toLowerCase();
}

/** The message without stack frames (they hold machine paths) and without terminal colours. */
function firstLines(message: string | undefined): string {
  const text = (message ?? '')
    // eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)} …` : text;
}

function collectKeywords(e: Envelope, keywords: Map<string, string>): void {
  const steps = (
    children: readonly {
      background?: { steps: readonly { id: string; keyword: string }[] };
      scenario?: { steps: readonly { id: string; keyword: string }[] };
    }[],
  ) => {
    for (const c of children)
      for (const s of [...(c.background?.steps ?? []), ...(c.scenario?.steps ?? [])]) keywords.set(s.id, s.keyword);
  };
  const feature = e.gherkinDocument?.feature;
  steps(feature?.children ?? []);
  for (const c of feature?.children ?? []) if (c.rule) steps(c.rule.children);
}
