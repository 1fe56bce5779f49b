/**
 * A rule the index marks untestable (no target can observe it) shows its reason in the summary and in
 * every reading of it, instead of "not covered"; a required untestable rule still makes the run incomplete.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderHtml } from '../src/report/render-html';
import { renderMarkdown } from '../src/report/render-markdown';
import { loadRuleIndex } from '../src/report/rules';
import { buildSummary, describeCoverage, type RunFacts } from '../src/report/summary';
import { summarySchema, type Summary } from '../src/report/summary-schema';

const index = loadRuleIndex();
const zeros = '0'.repeat(64);
const untestable = index.rules.filter((r) => r.untestable);

function facts(overrides: Partial<RunFacts> = {}): RunFacts {
  return {
    target: { kind: 'model', identity: 'embedded reference model', module: 'model', description: {}, inventory: null },
    harness: {
      name: 'h',
      version: '1',
      commit: null,
      node: 'v20',
      ruleIndex: { path: 'docs/rules.yaml', sha256: zeros },
    },
    inputs: { selection: { tags: null, names: [], paths: [] }, features: [] },
    time: { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000 },
    exitCode: 0,
    harnessErrors: [],
    rulesWithScenarios: new Set(['R1']),
    ...overrides,
  };
}

const sealed = (s: ReturnType<typeof buildSummary>): Summary =>
  ({ ...s, integrity: { algorithm: 'sha256', contentSha256: zeros, fileSha256: zeros } }) as Summary;

describe('untestable rules in the summary', () => {
  test('the rule index marks at least one rule untestable, each with a reason', () => {
    assert.ok(untestable.length > 0);
    for (const rule of untestable) assert.ok((rule.untestable ?? '').length >= 10, rule.id);
  });

  test('an untestable rule is not covered because it is untestable, with the reason', () => {
    const summary = buildSummary(
      index,
      [{ name: 'a', feature: 'features/a.feature', line: 3, rules: ['R1'], outcome: 'conformant' }],
      facts(),
    );
    for (const rule of untestable) {
      const result = summary.rules.find((r) => r.id === rule.id)!;
      assert.equal(result.status, 'not covered');
      assert.equal(result.notCoveredBecause, 'untestable');
      assert.equal(result.untestable, rule.untestable);
    }
    const plain = summary.rules.find((r) => r.id === 'R2')!;
    assert.equal(plain.notCoveredBecause, 'no scenario');
    assert.equal(plain.untestable, undefined);
    assert.equal(summary.coverage?.untestable, untestable.length);
    assert.match(
      describeCoverage(summary),
      new RegExp(`\\(${untestable.length} of them untestable on every target\\)`),
    );
    summarySchema.parse(sealed(summary));
  });

  test('the Markdown and HTML readings show the reason, not "not covered"', () => {
    const summary = sealed(buildSummary(index, [], facts({ rulesWithScenarios: new Set() })));
    const rule = untestable[0]!;
    const markdown = renderMarkdown(summary);
    assert.match(markdown, new RegExp(`### ${rule.id}: UNTESTABLE`));
    assert.ok(markdown.includes(`No target can observe this rule, so no scenario checks it: `));
    const html = renderHtml(summary);
    assert.ok(html.includes('No target can observe this rule'));
    assert.ok(
      html.includes(`<h3>${rule.id} <span class="status none" data-status="untestable">untestable</span></h3>`),
    );
  });

  test('a required untestable rule makes the run incomplete, giving the reason', () => {
    const rule = untestable[0]!;
    const summary = buildSummary(
      index,
      [{ name: 'a', feature: 'features/a.feature', line: 3, rules: ['R1'], outcome: 'conformant' }],
      facts({ requiredRules: [rule.id] }),
    );
    assert.equal(summary.outcome.exitCode, 3);
    assert.match(summary.outcome.incomplete?.[0]?.reason ?? '', /untestable on every target/);
  });
});
