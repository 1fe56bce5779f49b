/**
 * The summary's logic without a cucumber run: how scenario outcomes make a rule status, that the seal
 * detects every single changed byte, and that the readable forms escape what they show.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { canonicalJson, contentDigest, seal, verifySealed } from '../src/report/integrity';
import { renderJunit } from '../src/report/junit';
import { renderHtml } from '../src/report/render-html';
import { renderMarkdown } from '../src/report/render-markdown';
import { loadRuleIndex } from '../src/report/rules';
import type { ScenarioResult } from '../src/report/scenarios';
import { buildSummary, ruleStatus, type RunFacts } from '../src/report/summary';
import { summarySchema } from '../src/report/summary-schema';
import { verifyReport } from '../scripts/verify-report';

const index = loadRuleIndex();
const zeros = '0'.repeat(64);

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
    inputs: {
      selection: { tags: null, names: [], paths: [] },
      features: [{ path: 'features/a.feature', sha256: zeros }],
    },
    time: { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000 },
    exitCode: 1,
    harnessErrors: [],
    rulesWithScenarios: new Set(['R1', 'R2', 'R3', 'R10', 'R11', 'R12']),
    ...overrides,
  };
}

const scenarios: ScenarioResult[] = [
  { name: 'passes', feature: 'features/a.feature', line: 3, rules: ['R1'], outcome: 'conformant' },
  {
    name: 'declined | <b>',
    feature: 'features/a.feature',
    line: 5,
    rules: ['R2'],
    outcome: 'not applicable',
    reason: 'no <sandbox> for this',
  },
  {
    name: 'breaks',
    feature: 'features/a.feature',
    line: 7,
    rules: ['R3'],
    outcome: 'nonconformant',
    step: 'Then the request is refused by CICS',
    message: 'expected "ran" | <script>alert(1)</script>',
  },
  { name: 'fine too', feature: 'features/a.feature', line: 9, rules: ['R3'], outcome: 'conformant' },
  {
    name: 'undefined',
    feature: 'features/a.feature',
    line: 11,
    rules: ['R10'],
    outcome: 'harness error',
    message: 'the step has no step definition (undefined)',
  },
  { name: 'half', feature: 'features/a.feature', line: 13, rules: ['R11'], outcome: 'not applicable', reason: 'b' },
  { name: 'other half', feature: 'features/a.feature', line: 15, rules: ['R11'], outcome: 'conformant' },
];

describe('rule status from scenario outcomes', () => {
  test('nonconformance wins, then harness errors, then conformance; all declined is not applicable', () => {
    assert.equal(ruleStatus([]), 'not covered');
    assert.equal(ruleStatus(['conformant', 'nonconformant', 'harness error']), 'nonconformant');
    assert.equal(ruleStatus(['conformant', 'harness error']), 'harness error');
    assert.equal(ruleStatus(['conformant', 'not applicable']), 'conformant');
    assert.equal(ruleStatus(['not applicable', 'not applicable']), 'not applicable');
  });

  test('the summary gives every rule a status, its scenarios, reasons and why it is not covered', () => {
    const s = buildSummary(index, scenarios, facts());
    const rule = (id: string) => s.rules.find((r) => r.id === id)!;
    assert.equal(s.rules.length, 57);
    assert.equal(rule('R1').status, 'conformant');
    assert.equal(rule('R2').status, 'not applicable');
    assert.deepEqual(rule('R2').notApplicableReasons, ['no <sandbox> for this']);
    assert.equal(rule('R3').status, 'nonconformant');
    assert.equal(rule('R3').scenarios.length, 2);
    assert.equal(rule('R10').status, 'harness error');
    assert.equal(rule('R11').status, 'conformant');
    assert.equal(rule('R12').notCoveredBecause, 'not selected');
    assert.equal(rule('R13').notCoveredBecause, 'no scenario');
    assert.deepEqual(s.totals.scenarios, { conformant: 3, nonconformant: 1, 'not applicable': 2, 'harness error': 1 });
    assert.equal(s.totals.rules['not covered'], 57 - 5);
    assert.equal(s.outcome.verdict, 'nonconformant');
  });

  test('a scenario tagged with a rule the index does not know is a harness error, exit code 2', () => {
    const s = buildSummary(
      index,
      [{ name: 'x', feature: 'features/a.feature', line: 2, rules: ['R99'], outcome: 'conformant' }],
      facts({ exitCode: 0 }),
    );
    assert.equal(s.outcome.exitCode, 2);
    assert.match(s.outcome.harnessErrors[0]!, /features\/a\.feature:2: tag @R99 names no rule/);
  });
});

describe('the seal', () => {
  const sealed = seal(buildSummary(index, scenarios, facts()));
  const bytes = Buffer.from(sealed.text, 'utf8');

  test('a sealed summary verifies and matches the schema', () => {
    assert.equal(verifySealed(bytes).status, 'ok');
    summarySchema.parse(JSON.parse(sealed.text));
  });

  test('changing any single byte anywhere is detected as tampering', () => {
    const missed: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const copy = Buffer.from(bytes);
      copy[i] = copy[i] === 0x30 ? 0x31 : 0x30; // '0' <-> '1', or anything else to '0'
      const result = verifySealed(copy);
      if (result.status !== 'tampered') missed.push(i);
    }
    assert.deepEqual(missed, [], 'byte positions whose change went unnoticed');
  });

  test('removing or adding a byte is detected, and the content digest ignores only the times', () => {
    assert.equal(verifySealed(bytes.subarray(0, bytes.length - 1)).status, 'tampered');
    assert.equal(verifySealed(Buffer.concat([bytes, Buffer.from(' ')])).status, 'tampered');
    const later = buildSummary(
      index,
      scenarios,
      facts({
        time: { startedAt: '2027-01-01T00:00:00.000Z', finishedAt: '2027-01-01T00:00:09.000Z', durationMs: 9000 },
      }),
    );
    assert.equal(contentDigest(later), sealed.summary.integrity.contentSha256);
    assert.notEqual(
      contentDigest(buildSummary(index, scenarios.slice(1), facts())),
      sealed.summary.integrity.contentSha256,
    );
  });

  test('canonical JSON sorts keys at every level', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }),
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  test('verify-report exits 0 for intact, 1 for tampered or not the filed digest, 2 for unreadable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ipic-verify-'));
    const file = path.join(dir, 'conformance.json');
    const quiet = () => undefined;
    writeFileSync(file, bytes);
    assert.equal(verifyReport([file], quiet, quiet), 0);
    assert.equal(verifyReport([file, '--expect', sealed.summary.integrity.fileSha256], quiet, quiet), 0);
    assert.equal(verifyReport([file, '--expect', 'f'.repeat(64)], quiet, quiet), 1);
    writeFileSync(file, sealed.text.replace('"nonconformant"', '"conformant"'));
    assert.equal(verifyReport([file], quiet, quiet), 1);
    writeFileSync(file, '{"not": "a summary"}');
    assert.equal(verifyReport([file], quiet, quiet), 2);
    assert.equal(verifyReport([path.join(dir, 'missing.json')], quiet, quiet), 2);
    assert.equal(verifyReport([], quiet, quiet), 2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('readable forms', () => {
  const sealed = seal(buildSummary(index, scenarios, facts())).summary;

  test('Markdown lists every rule and escapes pipes and markup', () => {
    const md = renderMarkdown(sealed);
    for (const rule of index.rules) assert.match(md, new RegExp(`^### ${rule.id}: `, 'm'));
    assert.match(md, /### R3: NONCONFORMANT/);
    assert.ok(md.includes('declined \\| &lt;b&gt;'));
    assert.ok(!md.includes('<script>'));
    assert.ok(md.includes(sealed.integrity.fileSha256));
  });

  test('HTML shows every rule with its status and never raw markup from a message', () => {
    const html = renderHtml(sealed);
    for (const rule of index.rules) assert.ok(html.includes(`id="${rule.id}"`), rule.id);
    assert.ok(html.includes('data-status="nonconformant"'));
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  test('JUnit tells failures (nonconformance) from errors (harness) and skips (not applicable)', () => {
    const xml = renderJunit(scenarios, [], 'IPIC security conformance: model');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: Record<string, unknown> };
    assert.equal(doc.testsuites['@_tests'], '7');
    assert.equal(doc.testsuites['@_failures'], '1');
    assert.equal(doc.testsuites['@_errors'], '1');
    assert.equal(doc.testsuites['@_skipped'], '2');
    assert.ok(xml.includes('type="nonconformance"') && xml.includes('type="harness error"'));
    assert.ok(!xml.includes('<script>'));
  });
});
