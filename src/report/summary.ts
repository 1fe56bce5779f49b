/**
 * Builds the conformance summary from the rule index, the scenario results and the run's metadata. Pure
 * and deterministic: everything is sorted, and the only time-dependent values live in `time`.
 *
 * A rule's status, from its scenarios in this run:
 * - nonconformant  at least one scenario saw the target break the rule (this wins: it is a finding);
 * - harness error  otherwise, a scenario could not be checked because the harness failed;
 * - waived         otherwise (1.4), a scenario saw the rule broken and a current waiver accepts that;
 * - conformant     otherwise, at least one scenario passed (others may be not applicable);
 * - not applicable every scenario was declined by the target, with the target's reasons;
 * - not covered    no scenario of the run checks it: none is tagged with it, or the selection left it out, or
 *                  the rule index marks it untestable (no target can observe it) and says why.
 *
 * The run's exit code, from the scenarios' verdicts (facts.exitCode: 0, 1 or 2) and the coverage:
 * 2 a harness error (also a scenario tagged with a rule the index does not know), else 1 a nonconformance,
 * else 3 (incomplete) when no scenario applied to the target or a required rule was not verified, else 0.
 */
import type { RuleIndex } from './rules';
import type { Outcome, ScenarioResult } from './scenarios';
import {
  RULE_STATUSES,
  SCENARIO_OUTCOMES,
  VERIFIED_STATUSES,
  SUMMARY_SCHEMA,
  SUMMARY_SCHEMA_VERSION,
  type RuleResult,
  type RuleStatus,
  type Summary,
  type UnsealedSummary,
} from './summary-schema';

export interface RunFacts {
  target: Summary['target'];
  harness: Summary['harness'];
  inputs: Summary['inputs'];
  time: Summary['time'];
  /** From the scenarios alone: 0 all applicable conformed, 1 a nonconformance, 2 a harness error. */
  exitCode: 0 | 1 | 2;
  harnessErrors: string[];
  /** The rules --require / --require-file named (rule IDs), or none. */
  requiredRules?: readonly string[];
  /** Rule IDs that at least one scenario in the feature files is tagged with (selected or not). */
  rulesWithScenarios: ReadonlySet<string>;
  /** 1.4: set when a waivers file was given: the totals then count waived outcomes too. */
  waived?: boolean;
}

export function ruleStatus(outcomes: readonly Outcome[]): RuleStatus {
  if (outcomes.length === 0) return 'not covered';
  if (outcomes.includes('nonconformant')) return 'nonconformant';
  if (outcomes.includes('harness error')) return 'harness error';
  if (outcomes.includes('waived')) return 'waived';
  if (outcomes.includes('conformant')) return 'conformant';
  return 'not applicable';
}

export function buildSummary(index: RuleIndex, scenarios: readonly ScenarioResult[], facts: RunFacts): UnsealedSummary {
  const known = new Set(index.rules.map((r) => r.id));
  const rules: RuleResult[] = index.rules.map((rule) => {
    const own = scenarios.filter((s) => s.rules.includes(rule.id));
    const status = ruleStatus(own.map((s) => s.outcome));
    return {
      id: rule.id,
      statement: rule.statement,
      area: rule.area,
      tags: [...rule.tags],
      sources: [...rule.sources],
      ibmPage: rule.ibmPage,
      status,
      notApplicableReasons: status === 'not applicable' ? [...new Set(own.map((s) => s.reason ?? ''))].sort() : [],
      ...(status === 'not covered' ? notCovered(rule, facts) : {}),
      scenarios: own.map(entry),
    };
  });
  const unknownTags = [
    ...new Set(
      scenarios.flatMap((s) =>
        s.rules
          .filter((id) => !known.has(id))
          .map((id) => `${s.feature}:${s.line}: tag @${id} names no rule in docs/rules.yaml`),
      ),
    ),
  ];
  const harnessErrors = [...facts.harnessErrors, ...unknownTags].sort();
  const requiredRules = [...(facts.requiredRules ?? [])];
  const incomplete = incompleteBecause(rules, requiredRules, scenarios);
  const exitCode = unknownTags.length > 0 ? 2 : facts.exitCode === 0 && incomplete.length > 0 ? 3 : facts.exitCode;
  const statuses = rules.map((r) => r.status);
  const count = (...of: string[]) => statuses.filter((st) => of.includes(st)).length;
  return {
    schema: SUMMARY_SCHEMA,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    outcome: {
      verdict: VERDICT_OF_EXIT[exitCode],
      exitCode,
      harnessErrors,
      incomplete,
    },
    target: facts.target,
    harness: facts.harness,
    inputs: facts.inputs,
    totals: {
      rules: tally(
        counted(RULE_STATUSES, facts.waived),
        rules.map((r) => r.status),
      ),
      scenarios: tally(
        counted(SCENARIO_OUTCOMES, facts.waived),
        scenarios.map((s) => s.outcome),
      ),
    },
    coverage: {
      verified: count(...VERIFIED_STATUSES),
      notApplicable: count('not applicable'),
      notCovered: count('not covered'),
      untestable: rules.filter((r) => r.notCoveredBecause === 'untestable').length,
      harnessError: count('harness error'),
      requiredRules,
    },
    rules,
    scenariosWithoutRule: scenarios.filter((s) => s.rules.length === 0).map(entry),
    time: facts.time,
  };
}

function notCovered(rule: RuleIndex['rules'][number], facts: RunFacts): Partial<RuleResult> {
  if (facts.rulesWithScenarios.has(rule.id)) return { notCoveredBecause: 'not selected' };
  if (rule.untestable) return { notCoveredBecause: 'untestable', untestable: rule.untestable };
  return { notCoveredBecause: 'no scenario' };
}

const VERDICT_OF_EXIT = {
  0: 'conformant',
  1: 'nonconformant',
  2: 'harness error',
  3: 'incomplete',
} as const satisfies Record<number, Summary['outcome']['verdict']>;

/** Why the run verified less than it must: nothing applied at all, or each required rule left unverified. */
function incompleteBecause(
  rules: readonly RuleResult[],
  required: readonly string[],
  scenarios: readonly ScenarioResult[],
): NonNullable<Summary['outcome']['incomplete']> {
  const reasons: NonNullable<Summary['outcome']['incomplete']> = [];
  if (scenarios.length > 0 && scenarios.every((s) => s.outcome === 'not applicable'))
    reasons.push({ rule: null, reason: 'no scenario applied to this target: nothing was verified' });
  for (const id of required) {
    const rule = rules.find((r) => r.id === id);
    if (!rule || VERIFIED_STATUSES.includes(rule.status)) continue;
    reasons.push({ rule: id, reason: `required but not verified: ${unverifiedReason(rule)}` });
  }
  return reasons;
}

function unverifiedReason(rule: RuleResult): string {
  if (rule.status === 'not covered')
    return rule.notCoveredBecause === 'not selected'
      ? 'not covered (the selection left its scenarios out)'
      : rule.notCoveredBecause === 'untestable'
        ? `untestable on every target (${rule.untestable ?? 'no reason given'})`
        : 'not covered (no scenario checks it)';
  if (rule.status === 'not applicable')
    return `not applicable on this target (${rule.notApplicableReasons.join('; ') || 'no reason given'})`;
  return 'a harness error stopped its scenarios';
}

function entry(s: ScenarioResult): RuleResult['scenarios'][number] {
  const e: RuleResult['scenarios'][number] = {
    name: s.name,
    feature: s.feature,
    line: s.line,
    rules: [...s.rules],
    outcome: s.outcome,
  };
  if (s.reason !== undefined) e.reason = s.reason;
  if (s.step !== undefined) e.step = s.step;
  if (s.message !== undefined) e.message = s.message;
  if (s.waiver !== undefined) e.waiver = { ...s.waiver };
  if (s.change !== undefined) e.change = s.change;
  return e;
}

/** The keys the totals count: 'waived' only when a waivers file was given (1.3 summaries have no such key). */
function counted<T extends readonly string[]>(keys: T, waived: boolean | undefined): T {
  return (waived ? keys : keys.filter((k) => k !== 'waived')) as unknown as T;
}

function tally<T extends readonly string[]>(keys: T, values: readonly string[]): Record<T[number], number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T[number], number>;
  for (const v of values) out[v as T[number]] += 1;
  return out;
}

/** The run's scenario selection in words ("every feature file" when nothing narrowed it). */
export function describeSelection(selection: Summary['inputs']['selection']): string {
  const parts = [];
  if (selection.tags) parts.push(`tags ${selection.tags}`);
  if (selection.names.length) parts.push(`names ${selection.names.join(', ')}`);
  if (selection.paths.length) parts.push(`paths ${selection.paths.join(', ')}`);
  return parts.join('; ') || 'every feature file';
}

/** A describe() value for people: strings as they are, objects as "name=value, ..." (sorted), the rest as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  }
  return JSON.stringify(value);
}

/** Full run or subset, in words, for every rendering of the summary. */
export function describeScope(s: Pick<Summary, 'inputs'>): string {
  return s.inputs.scope === 'subset'
    ? `subset run (${describeSelection(s.inputs.selection)}): it does not replace the site's record of the last full run`
    : 'full run: every feature file';
}

/** How many rules were verified, and which were required, in words. */
export function describeCoverage(s: Pick<Summary, 'coverage' | 'inputs'>): string {
  const c = s.coverage;
  if (!c) return 'not recorded (summary schema 1.0)';
  const required = s.inputs.required?.length
    ? `; required: ${s.inputs.required.map((r) => r.expression).join(' ; ')} (${c.requiredRules.length} rules)`
    : '; no required rules';
  const untestable = c.untestable ? ` (${c.untestable} of them untestable on every target)` : '';
  return `${c.verified} rules verified, ${c.notApplicable} not applicable, ${c.notCovered} not covered${untestable}, ${c.harnessError} harness error${required}`;
}
