/**
 * Change since the last audit: this run compared with a filed, sealed summary (`--baseline FILE`).
 *
 * The baseline is checked before anything runs: its seal must verify (src/report/integrity.ts), it must be a
 * summary this harness can read, and it must be a run on the same target kind. Then each rule and scenario
 * is marked, on whether the target broke it (nonconformant or waived: a waiver accepts a failure, it does
 * not make it hold) or held it (conformant):
 *   regressed      held in the baseline, broken now;
 *   fixed          broken in the baseline, holds now;
 *   still failing  broken in both;
 *   new            no verdict in the baseline (absent, not applicable, not covered, harness error) and one now;
 *   unchanged      everything else (held in both, or no verdict now; `was` then says what the baseline had).
 *
 * `--fail-on regressions` makes the exit code fail only on what got worse: a nonconformance that is
 * regressed or new. The verdict still says nonconformant; only the gate changes.
 */
import { readFileSync } from 'node:fs';
import { HarnessInputError } from '../../support/errors';
import { verifySealed } from './integrity';
import { displayPath } from './run-metadata';
import type { ScenarioResult } from './scenarios';
import {
  CHANGES,
  summarySchema,
  type BaselineFacts,
  type Change,
  type ScenarioEntry,
  type Summary,
  type UnsealedSummary,
} from './summary-schema';

export type FailOn = BaselineFacts['failOn'];

export interface LoadedBaseline {
  path: string;
  sha256: string;
  summary: Summary;
}

const BROKEN: readonly string[] = ['nonconformant', 'waived'];
const HELD: readonly string[] = ['conformant'];

/** Reads a filed summary and checks its seal and form; a problem names --baseline, the file and why. */
export function loadBaseline(file: string): LoadedBaseline {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new HarnessInputError(
      '--baseline',
      file,
      `a readable sealed conformance.json (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const seal = verifySealed(bytes);
  if (seal.status !== 'ok')
    throw new HarnessInputError(
      '--baseline',
      file,
      `a sealed conformance.json that verifies (${seal.status}: ${seal.reason})`,
    );
  const parsed = summarySchema.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HarnessInputError(
      `--baseline ${displayPath(file)}`,
      issue.path.map(String).join('.') || '(file)',
      `a conformance summary this harness reads (${issue.message})`,
    );
  }
  return { path: displayPath(file), sha256: seal.fileSha256, summary: parsed.data };
}

/** A baseline of another target kind compares two different things: refuse it before anything runs. */
export function checkBaselineTarget(baseline: LoadedBaseline, kind: string): void {
  if (baseline.summary.target.kind !== kind)
    throw new HarnessInputError(
      '--baseline',
      baseline.path,
      `a summary of a run on this target kind, ${kind} (it is of ${baseline.summary.target.kind})`,
    );
}

export function changeOf(now: string, was: string | undefined): Change {
  const verdictNow = BROKEN.includes(now) || HELD.includes(now);
  const verdictWas = was !== undefined && (BROKEN.includes(was) || HELD.includes(was));
  if (!verdictNow) return 'unchanged';
  if (!verdictWas) return 'new';
  if (BROKEN.includes(now)) return BROKEN.includes(was) ? 'still failing' : 'regressed';
  return BROKEN.includes(was) ? 'fixed' : 'unchanged';
}

const placeKey = (s: { feature: string; line: number; name: string }) => `${s.feature}:${s.line}:${s.name}`;

/** Finds a scenario of the baseline by place and name, else by name alone in the same file when unique. */
function baselineScenarios(
  baseline: Summary,
): (s: { feature: string; line: number; name: string }) => ScenarioEntry | undefined {
  const all = [...baseline.rules.flatMap((r) => r.scenarios), ...baseline.scenariosWithoutRule];
  const byPlace = new Map(all.map((s) => [placeKey(s), s]));
  return (s) => {
    const exact = byPlace.get(placeKey(s));
    if (exact) return exact;
    const sameName = [
      ...new Map(all.filter((b) => b.feature === s.feature && b.name === s.name).map((b) => [placeKey(b), b])).values(),
    ];
    return sameName.length === 1 ? sameName[0] : undefined;
  };
}

/**
 * The summary with every rule and scenario marked, the baseline's facts, and the exit code under the gate.
 * Results (for JUnit and Allure) are marked the same way.
 */
export function compareWithBaseline(
  summary: UnsealedSummary,
  results: readonly ScenarioResult[],
  baseline: LoadedBaseline,
  failOn: FailOn,
): { summary: UnsealedSummary; results: ScenarioResult[] } {
  const base = baseline.summary;
  const find = baselineScenarios(base);
  const mark = <T extends { feature: string; line: number; name: string; outcome: string }>(s: T) => {
    const was = find(s)?.outcome;
    return { ...s, change: changeOf(s.outcome, was), ...(was !== undefined ? { was } : {}) };
  };
  const rules = summary.rules.map((r) => {
    const was = base.rules.find((b) => b.id === r.id)?.status;
    return {
      ...r,
      change: changeOf(r.status, was),
      ...(was !== undefined ? { was } : {}),
      scenarios: r.scenarios.map(mark),
    };
  });
  const scenariosWithoutRule = summary.scenariosWithoutRule.map(mark);
  const count = (changes: readonly Change[]) =>
    Object.fromEntries(CHANGES.map((c) => [c, changes.filter((x) => x === c).length])) as Record<Change, number>;
  const uniqueScenarios = [
    ...new Map([...rules.flatMap((r) => r.scenarios), ...scenariosWithoutRule].map((s) => [placeKey(s), s])).values(),
  ];
  const matchedInBaseline = new Set(
    uniqueScenarios.flatMap((s) => {
      const b = find(s);
      return b ? [placeKey(b)] : [];
    }),
  );
  const gone =
    summary.inputs.scope === 'subset'
      ? []
      : [
          ...new Set(
            [...base.rules.flatMap((r) => r.scenarios), ...base.scenariosWithoutRule]
              .filter((b) => !matchedInBaseline.has(placeKey(b)))
              .map((b) => `${b.feature}:${b.line} ${b.name}`),
          ),
        ].sort();
  const facts: BaselineFacts = {
    path: baseline.path,
    sealFileSha256: baseline.sha256,
    sealContentSha256: base.integrity.contentSha256,
    targetKind: base.target.kind,
    targetIdentity: base.target.identity,
    finishedAt: base.time.finishedAt,
    failOn,
    changes: { rules: count(rules.map((r) => r.change)), scenarios: count(uniqueScenarios.map((s) => s.change)) },
    gone,
  };
  const worse = (x: { change?: Change; status?: string; outcome?: string }) =>
    (x.change === 'regressed' || x.change === 'new') && (x.status ?? x.outcome) === 'nonconformant';
  let outcome = summary.outcome;
  if (failOn === 'regressions' && outcome.exitCode === 1 && !rules.some(worse) && !uniqueScenarios.some(worse))
    outcome = { ...outcome, exitCode: (outcome.incomplete?.length ?? 0) > 0 ? 3 : 0 };
  const markResult = (r: ScenarioResult): ScenarioResult => ({ ...r, change: mark(r).change });
  return {
    summary: { ...summary, outcome, rules, scenariosWithoutRule, baseline: facts },
    results: results.map(markResult),
  };
}
