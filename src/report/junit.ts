/**
 * reports/junit.xml for CI systems, written from the masked scenario results. One <testsuite> per feature
 * file, one <testcase> per scenario. Nonconformance is a <failure>, a harness error an <error> (so a CI
 * dashboard keeps them apart, as the exit code does), and a not-applicable scenario is <skipped> with the
 * target's reason. Each test case lists the rules it checks as properties. A run that is incomplete (a
 * required rule not verified, or nothing applied) adds a suite "required rules" with a <failure
 * type="incomplete"> per reason, so a CI dashboard does not show an incomplete run as green.
 */
import type { Envelope, Timestamp } from '@cucumber/messages';
import { XMLBuilder } from 'fast-xml-parser';
import type { ScenarioResult } from './scenarios';
import type { Summary } from './summary-schema';

export function renderJunit(
  results: readonly ScenarioResult[],
  envelopes: readonly Envelope[],
  suiteName: string,
  incomplete: NonNullable<Summary['outcome']['incomplete']> = [],
): string {
  const durations = scenarioDurations(envelopes);
  const features = [...new Set(results.map((r) => r.feature))].sort();
  const count = (rs: readonly ScenarioResult[], outcome: ScenarioResult['outcome']) =>
    rs.filter((r) => r.outcome === outcome).length;
  const seconds = (rs: readonly ScenarioResult[]) =>
    rs.reduce((sum, r) => sum + (durations.get(key(r)) ?? 0), 0).toFixed(3);
  const suites = features.map((feature) => {
    const rs = results.filter((r) => r.feature === feature);
    return {
      '@_name': feature,
      '@_tests': rs.length,
      '@_failures': count(rs, 'nonconformant'),
      '@_errors': count(rs, 'harness error'),
      '@_skipped': count(rs, 'not applicable') + count(rs, 'waived'),
      '@_time': seconds(rs),
      testcase: rs.map((r) => testcase(r, durations.get(key(r)) ?? 0)),
    };
  });
  if (incomplete.length > 0) suites.push(requiredRulesSuite(incomplete));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': suiteName,
      '@_tests': results.length + incomplete.length,
      '@_failures': count(results, 'nonconformant') + incomplete.length,
      '@_errors': count(results, 'harness error'),
      '@_skipped': count(results, 'not applicable') + count(results, 'waived'),
      '@_time': seconds(results),
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    suppressEmptyNode: true,
    processEntities: true,
  });
  return `${builder.build(doc) as string}`;
}

function testcase(r: ScenarioResult, duration: number): Record<string, unknown> {
  const tc: Record<string, unknown> = {
    '@_classname': r.feature,
    '@_name': `${r.name} (line ${r.line})`,
    '@_file': r.feature,
    '@_line': r.line,
    '@_time': duration.toFixed(3),
    properties: {
      property: [
        ...r.rules.map((id) => ({ '@_name': 'rule', '@_value': id })),
        ...(r.waiver ? [{ '@_name': 'waiver', '@_value': r.waiver.id }] : []),
        ...(r.change ? [{ '@_name': 'change', '@_value': r.change }] : []),
      ],
    },
  };
  if (r.outcome === 'nonconformant')
    tc.failure = { '@_type': 'nonconformance', '@_message': r.message ?? '', '#text': detail(r) };
  if (r.outcome === 'harness error')
    tc.error = { '@_type': 'harness error', '@_message': r.message ?? '', '#text': detail(r) };
  if (r.outcome === 'not applicable') tc.skipped = { '@_message': `Not applicable on this target: ${r.reason ?? ''}` };
  // A waived nonconformance passes the gate, so it is not a <failure>; <skipped> with WAIVED first keeps it
  // visible (and apart from not applicable) on a CI dashboard, with the finding in its text.
  if (r.outcome === 'waived' && r.waiver)
    tc.skipped = {
      '@_message': `WAIVED by ${r.waiver.id} (approved by ${r.waiver.approvedBy}, expires ${r.waiver.expires}): ${r.waiver.justification}`,
      '#text': detail(r),
    };
  return tc;
}

function requiredRulesSuite(incomplete: NonNullable<Summary['outcome']['incomplete']>) {
  return {
    '@_name': 'required rules',
    '@_tests': incomplete.length,
    '@_failures': incomplete.length,
    '@_errors': 0,
    '@_skipped': 0,
    '@_time': '0.000',
    testcase: incomplete.map((i) => ({
      '@_classname': 'required rules',
      '@_name': i.rule ?? 'the run',
      '@_time': '0.000',
      properties: { property: i.rule ? [{ '@_name': 'rule', '@_value': i.rule }] : [] },
      failure: { '@_type': 'incomplete', '@_message': i.reason, '#text': i.reason },
    })),
  };
}

function detail(r: ScenarioResult): string {
  return [`Rules: ${r.rules.join(', ') || 'none'}`, r.step ? `Step: ${r.step}` : '', r.message ?? '']
    .filter(Boolean)
    .join('\n');
}

function key(r: { feature: string; line: number; name: string }): string {
  return `${r.feature}:${r.line}:${r.name}`;
}

function scenarioDurations(envelopes: readonly Envelope[]): Map<string, number> {
  const pickles = new Map<string, { uri: string; line: number; name: string }>();
  const casePickle = new Map<string, string>();
  const started = new Map<string, { testCaseId: string; at: Timestamp }>();
  const out = new Map<string, number>();
  const secs = (t: Timestamp) => t.seconds + t.nanos / 1e9;
  for (const e of envelopes) {
    if (e.pickle)
      pickles.set(e.pickle.id, { uri: e.pickle.uri, line: e.pickle.location?.line ?? 0, name: e.pickle.name });
    if (e.testCase) casePickle.set(e.testCase.id, e.testCase.pickleId);
    if (e.testCaseStarted)
      started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, at: e.testCaseStarted.timestamp });
    const finished = e.testCaseFinished;
    if (finished && !finished.willBeRetried) {
      const s = started.get(finished.testCaseStartedId);
      const p = pickles.get(casePickle.get(s?.testCaseId ?? '') ?? '');
      if (s && p)
        out.set(
          key({ feature: p.uri, line: p.line, name: p.name }),
          Math.max(0, secs(finished.timestamp) - secs(s.at)),
        );
    }
  }
  return out;
}
