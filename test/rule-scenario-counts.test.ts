/**
 * How many scenarios hold each rule. One edit to a feature must never drop a rule silently, so a rule
 * needs at least two scenarios (outline rows count one each), unless docs/rules.yaml says why one is
 * enough (`singleFact`) or why no target can observe it (`untestable`, and then it has none).
 * Run with --test-reporter=spec to see the table (it is written as test diagnostics).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadRuleIndex, type Rule } from '../src/report/rules';
import { featureFiles, readFeatures } from '../src/site/gherkin';

const index = loadRuleIndex();
const counts = new Map<string, number>(index.rules.map((r) => [r.id, 0]));
for (const feature of readFeatures(featureFiles()))
  for (const scenario of feature.scenarios)
    for (const id of scenario.ruleIds) counts.set(id, (counts.get(id) ?? 0) + 1);

/** What is wrong with a rule's scenario count, or undefined. */
export function countProblem(rule: Rule, count: number): string | undefined {
  if (rule.untestable) return count > 0 ? `${rule.id} is marked untestable but ${count} scenarios check it` : undefined;
  if (count === 0) return `${rule.id} has no scenario and no untestable reason`;
  if (count === 1 && !rule.singleFact) return `${rule.id} is held by a single scenario and is not marked singleFact`;
  return undefined;
}

describe('rules by scenario count', () => {
  test('lists every rule with its count', (t) => {
    const rows = index.rules.map((r) => {
      const note = r.untestable ? ' (untestable)' : r.singleFact ? ' (single fact)' : '';
      return `${r.id.padEnd(4)} ${String(counts.get(r.id)).padStart(3)}${note}`;
    });
    for (const row of rows) t.diagnostic(row);
    assert.equal(rows.length, index.rules.length);
  });

  test('no rule is held by fewer than two scenarios unless the rule index says why', () => {
    const problems = index.rules
      .map((r) => countProblem(r, counts.get(r.id) ?? 0))
      .filter((p): p is string => p !== undefined);
    assert.deepEqual(problems, []);
  });

  test('every scenario tag names a rule of the index', () => {
    assert.deepEqual(
      [...counts.keys()].filter((id) => !index.rules.some((r) => r.id === id)),
      [],
    );
  });

  test('the check itself: an uncovered, a lone, and a covered-but-untestable rule are each a problem', () => {
    const rule = { ...index.rules[0]!, singleFact: undefined, untestable: undefined };
    assert.match(countProblem(rule, 0) ?? '', /no scenario/);
    assert.match(countProblem(rule, 1) ?? '', /single scenario/);
    assert.equal(countProblem(rule, 2), undefined);
    assert.equal(countProblem({ ...rule, singleFact: 'one fact, nothing compared' }, 1), undefined);
    assert.match(countProblem({ ...rule, untestable: 'nothing to observe here' }, 1) ?? '', /untestable/);
    assert.equal(countProblem({ ...rule, untestable: 'nothing to observe here' }, 0), undefined);
  });
});
