/**
 * Waivers (issue 12), without a run: expiry on both sides of the boundary (a date is valid through the end
 * of that day UTC, a timestamp is exact), what a rule waiver covers, and located errors for a bad file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { ScenarioResult } from '../src/report/scenarios';
import { applyWaivers, expiredFrom, loadWaivers, waiverClock, type Waiver } from '../src/report/waivers';
import { removeTempReports, tempReports } from './fixtures/report/run';

after(removeTempReports);

const TARGET = { kind: 'rule-breaker', identity: 'x' };
const failing = (line: number, rules: string[]): ScenarioResult => ({
  name: `scenario ${line}`,
  feature: 'features/f.feature',
  line,
  rules,
  outcome: 'nonconformant',
  step: 'Then it runs as ALICE',
  message: 'AssertionError: ran as the default user',
});
const waiver = (over: Partial<Waiver>): Waiver => ({
  id: 'W',
  target: { kind: 'rule-breaker' },
  justification: 'accepted',
  approvedBy: 'CISO',
  expires: '2030-06-30',
  ...over,
});
const outcomeAt = (now: string, expires: string) =>
  applyWaivers([failing(10, ['R28'])], [waiver({ rule: 'R28', expires })], TARGET, new Date(now));

describe('waiver expiry', () => {
  test('a date is valid through the last millisecond of that day in UTC, and no longer at midnight after', () => {
    assert.equal(expiredFrom('2030-06-30')!.toISOString(), '2030-07-01T00:00:00.000Z');
    const lastMoment = outcomeAt('2030-06-30T23:59:59.999Z', '2030-06-30');
    assert.equal(lastMoment.results[0]!.outcome, 'waived');
    assert.equal(lastMoment.outcomes[0]!.status, 'applied');
    const midnight = outcomeAt('2030-07-01T00:00:00.000Z', '2030-06-30');
    assert.equal(midnight.results[0]!.outcome, 'nonconformant');
    assert.equal(midnight.outcomes[0]!.status, 'expired');
    assert.deepEqual(midnight.outcomes[0]!.matched, ['features/f.feature:10'], 'says what it no longer covers');
  });
  test('a date in another zone is still judged in UTC: 2030-07-01T01:00+02:00 is 23:00 UTC on the 30th', () => {
    assert.equal(outcomeAt('2030-07-01T01:00:00+02:00', '2030-06-30').results[0]!.outcome, 'waived');
    assert.equal(outcomeAt('2030-07-01T02:00:00+02:00', '2030-06-30').results[0]!.outcome, 'nonconformant');
  });
  test('a timestamp is exact: applies a millisecond before, not at the instant', () => {
    assert.equal(outcomeAt('2030-06-30T11:59:59.999Z', '2030-06-30T12:00:00Z').results[0]!.outcome, 'waived');
    assert.equal(outcomeAt('2030-06-30T12:00:00.000Z', '2030-06-30T12:00:00Z').results[0]!.outcome, 'nonconformant');
    assert.equal(outcomeAt('2030-06-30T13:59:59Z', '2030-06-30T14:00:00+02:00').results[0]!.outcome, 'nonconformant');
  });
  test('refuses a timestamp without a zone and a date that does not exist', () => {
    assert.equal(expiredFrom('2030-06-30T12:00:00'), undefined);
    assert.equal(expiredFrom('2030-02-30'), undefined);
    assert.equal(expiredFrom('30/06/2030'), undefined);
  });
  test('IPIC_NOW sets the clock (with a zone only); unset, the run start is now', () => {
    const started = new Date('2026-01-01T00:00:00Z');
    assert.equal(waiverClock({}, started), started);
    assert.equal(waiverClock({ IPIC_NOW: '2030-06-30T23:59:59Z' }, started).toISOString(), '2030-06-30T23:59:59.000Z');
    assert.throws(() => waiverClock({ IPIC_NOW: '2030-06-30 23:59' }, started), /IPIC_NOW: .*an ISO 8601 instant/);
  });
});

describe('what a waiver covers', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test('a rule waiver covers a failure only when every rule the scenario checks is waived', () => {
    const results = [failing(10, ['R28']), failing(20, ['R28', 'R3'])];
    const one = applyWaivers(results, [waiver({ id: 'A', rule: 'R28' })], TARGET, now);
    assert.deepEqual(
      one.results.map((r) => r.outcome),
      ['waived', 'nonconformant'],
    );
    const both = applyWaivers(
      results,
      [waiver({ id: 'A', rule: 'R28' }), waiver({ id: 'B', rule: 'R3' })],
      TARGET,
      now,
    );
    assert.deepEqual(
      both.results.map((r) => r.outcome),
      ['waived', 'waived'],
    );
  });
  test('a scenario waiver by place or by name; another target kind or identity is not covered', () => {
    const results = [failing(10, ['R28']), failing(20, ['R3'])];
    const byPlace = applyWaivers(results, [waiver({ scenario: 'features/f.feature:20' })], TARGET, now);
    assert.deepEqual(
      byPlace.results.map((r) => r.outcome),
      ['nonconformant', 'waived'],
    );
    const byName = applyWaivers(results, [waiver({ scenario: 'scenario 10' })], TARGET, now);
    assert.equal(byName.results[0]!.outcome, 'waived');
    assert.equal(byName.results[0]!.waiver!.justification, 'accepted');
    const otherKind = applyWaivers(results, [waiver({ rule: 'R28', target: { kind: 'live' } })], TARGET, now);
    assert.equal(otherKind.results[0]!.outcome, 'nonconformant');
    assert.equal(otherKind.outcomes[0]!.status, 'unused');
    const otherIdentity = applyWaivers(
      results,
      [waiver({ rule: 'R28', target: { kind: 'rule-breaker', identity: 'another' } })],
      TARGET,
      now,
    );
    assert.equal(otherIdentity.results[0]!.outcome, 'nonconformant');
  });
  test('harness errors and conformant scenarios are never waived; a waiver that matched nothing is unused', () => {
    const broken: ScenarioResult = { ...failing(30, ['R28']), outcome: 'harness error' };
    const w = applyWaivers([broken], [waiver({ rule: 'R28' })], TARGET, now);
    assert.equal(w.results[0]!.outcome, 'harness error');
    assert.equal(w.outcomes[0]!.status, 'unused');
  });
});

describe('a waivers file', () => {
  test('every problem names the file, its line and the field', () => {
    let message = '';
    try {
      loadWaivers('test/fixtures/audit/waivers-malformed.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /waivers-malformed\.yaml:2: waivers\.0\.justification: expected a justification/);
    assert.match(message, /waivers-malformed\.yaml:12: waivers\.1\.expires: expected an expiry date/);
  });
  test('rule and scenario together, no target, a duplicate id and YAML syntax are refused, located', () => {
    const dir = tempReports('waivers');
    const file = path.join(dir, 'w.yaml');
    writeFileSync(
      file,
      [
        'waivers:',
        '  - { id: A, rule: R1, scenario: x, target: { kind: model }, justification: j, approvedBy: a, expires: 2030-01-01 }',
        '  - { id: A, rule: R1, target: {}, justification: j, approvedBy: a, expires: 2030-01-01 }',
      ].join('\n'),
    );
    assert.throws(() => loadWaivers(file), /w\.yaml:2: waivers\.0\.rule: expected exactly one of rule or scenario/);
    assert.throws(() => loadWaivers(file), /w\.yaml:3: waivers\.1\.target: expected a target kind or identity/);
    writeFileSync(file, 'waivers: [ { id: A\n');
    assert.throws(() => loadWaivers(file), /w\.yaml:\d+: \(YAML\): expected valid YAML/);
  });
});
