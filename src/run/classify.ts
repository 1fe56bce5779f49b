/**
 * Reads cucumber's messages and sorts every scenario: conformant (passed), nonconformant (a step failed
 * with an assertion about what the target did), not applicable (skipped: the target could not arrange it),
 * or a harness error (undefined or ambiguous steps, hooks or steps that broke with anything but an
 * assertion). A harness error is never counted as nonconformance.
 */
import type { Envelope, TestStepResultStatus } from '@cucumber/messages';

export interface RunTally {
  passed: number;
  nonconformant: number;
  notApplicable: number;
  harnessErrors: number;
}

export type Verdict = 'conformant' | 'nonconformant' | 'not applicable' | 'harness error';

export function verdictOf(
  results: { status: TestStepResultStatus; exceptionType?: string; message?: string }[],
): Verdict {
  const broken = results.find((r) => r.status === 'UNDEFINED' || r.status === 'AMBIGUOUS' || r.status === 'PENDING');
  if (broken) return 'harness error';
  const failed = results.find((r) => r.status === 'FAILED');
  if (failed) return isAssertion(failed.exceptionType, failed.message) ? 'nonconformant' : 'harness error';
  if (results.some((r) => r.status === 'SKIPPED')) return 'not applicable';
  return 'conformant';
}

function isAssertion(type: string | undefined, message: string | undefined): boolean {
  return type === 'AssertionError' || (type === undefined && /^AssertionError/.test(message ?? ''));
}

export function verdicts(envelopes: Envelope[]): Map<string, Verdict> {
  const stepsOf = new Map<string, { status: TestStepResultStatus; exceptionType?: string; message?: string }[]>();
  for (const e of envelopes) {
    const finished = e.testStepFinished;
    if (!finished) continue;
    const list = stepsOf.get(finished.testCaseStartedId) ?? [];
    list.push({
      status: finished.testStepResult.status,
      exceptionType: finished.testStepResult.exception?.type,
      message: finished.testStepResult.message,
    });
    stepsOf.set(finished.testCaseStartedId, list);
  }
  const result = new Map<string, Verdict>();
  for (const e of envelopes) {
    const finished = e.testCaseFinished;
    if (finished && !finished.willBeRetried)
      result.set(finished.testCaseStartedId, verdictOf(stepsOf.get(finished.testCaseStartedId) ?? []));
  }
  return result;
}

export function classify(envelopes: Envelope[]): RunTally {
  const tally: RunTally = { passed: 0, nonconformant: 0, notApplicable: 0, harnessErrors: 0 };
  for (const verdict of verdicts(envelopes).values()) {
    if (verdict === 'conformant') tally.passed++;
    else if (verdict === 'nonconformant') tally.nonconformant++;
    else if (verdict === 'not applicable') tally.notApplicable++;
    else tally.harnessErrors++;
  }
  const hookOrRunError = envelopes.some(
    (e) => e.testRunHookFinished?.result.status === 'FAILED' || (e.testRunFinished && e.testRunFinished.exception),
  );
  if (hookOrRunError) tally.harnessErrors++;
  return tally;
}
