/**
 * The auditor's workflow end to end (issue 12), through `npm run conformance` as CI runs it, against the
 * rule-breaker target (the model, except that every request runs under the default user):
 * - waivers: a waived failure exits 0 and shows WAIVED in the summary, .md, .html, JUnit, Allure and the
 *   site; once expired (IPIC_NOW past the date) the run exits 1 and names the expired waiver; a waiver that
 *   matched nothing is reported unused; a malformed file stops the run with exit 2, located;
 * - a baseline (a sealed summary): one rule fixed and one regressed; --fail-on regressions passes a run
 *   whose failures were all there before; a baseline whose seal does not verify is a harness error;
 * - provenance: operator, host and the digest of every input, waivers and baseline included.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifySealed } from '../src/report/integrity';
import { summarySchema, type Summary } from '../src/report/summary-schema';
import { writeEditedBaseline } from './fixtures/audit/baseline';
import { removeTempReports, runConformanceHere, tempReports, type Run } from './fixtures/report/run';

after(removeTempReports);

const BREAKER = './test/fixtures/report/rule-breaker-target.ts';
const WAIVERS = 'test/fixtures/audit/waivers-rule-breaker.yaml';
const BASE_ENV = { IPIC_SKIP_ALLURE_HTML: '1', IPIC_TARGET: BREAKER, IPIC_OPERATOR: 'auditor-7' };
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const summaryOf = (dir: string): Summary => summarySchema.parse(JSON.parse(read(dir, 'conformance.json')));

let waived: Run;
let expired: Run;
let malformed: Run;
let baselineRun: Run;
let compared: Run;
let gated: Run;
let badBaseline: Run;
let baselineFile: string;

before(async () => {
  const laneA = async () => {
    waived = await runConformanceHere(['--tags', '@R28', '--waivers', WAIVERS, '--record-subset'], {
      ...BASE_ENV,
      IPIC_NOW: '2030-06-30T23:59:59.999Z',
    });
    expired = await runConformanceHere(['--tags', '@R28', '--waivers', WAIVERS], {
      ...BASE_ENV,
      IPIC_NOW: '2030-07-01T00:00:00Z',
    });
    malformed = await runConformanceHere(
      ['--tags', '@R28', '--waivers', 'test/fixtures/audit/waivers-malformed.yaml'],
      BASE_ENV,
    );
  };
  const laneB = async () => {
    baselineRun = await runConformanceHere(['--tags', '@R10 or @R28'], BASE_ENV);
    baselineFile = path.join(tempReports('baseline'), 'filed-conformance.json');
    writeEditedBaseline(path.join(baselineRun.dir, 'conformance.json'), baselineFile);
    compared = await runConformanceHere(
      ['--tags', '@R10 or @R28', '--baseline', baselineFile, '--record-subset'],
      BASE_ENV,
    );
    gated = await runConformanceHere(
      [
        '--tags',
        '@R10 or @R28',
        '--baseline',
        path.join(baselineRun.dir, 'conformance.json'),
        '--fail-on',
        'regressions',
      ],
      BASE_ENV,
    );
    const tampered = path.join(tempReports('tampered'), 'conformance.json');
    writeFileSync(tampered, read(baselineRun.dir, 'conformance.json').replace('"R10"', '"R01"'));
    badBaseline = await runConformanceHere(['--tags', '@R10', '--baseline', tampered], BASE_ENV);
  };
  await Promise.all([laneA(), laneB()]);
});

describe('a waived failure', () => {
  test('exits 0: the waived nonconformances do not fail the gate', () => {
    assert.equal(waived.code, 0, waived.stdout + waived.stderr);
    assert.match(waived.stdout, /0 nonconformant, 17 waived/);
    assert.match(
      waived.stdout,
      /waived: W-R28 \(R28, approved by Security office \(ticket SEC-1234\), expires 2030-06-30\)/,
    );
  });
  test('is WAIVED in the summary, with its justification', () => {
    const s = summaryOf(waived.dir);
    assert.equal(s.schemaVersion, '1.4.0');
    const r28 = s.rules.find((r) => r.id === 'R28')!;
    assert.equal(r28.status, 'waived');
    assert.ok(r28.scenarios.every((sc) => sc.outcome === 'waived' && sc.waiver && sc.message));
    assert.equal(s.totals.scenarios.waived, 17);
    assert.equal(s.totals.scenarios.nonconformant, 0);
    assert.equal(s.time.waiversJudgedAt, '2030-06-30T23:59:59.999Z');
    const w = s.waivers!.find((x) => x.id === 'W-R28')!;
    assert.equal(w.status, 'applied');
    assert.equal(w.justification, 'VERIFY users move to the new security manager in the next release');
    assert.equal(s.inputs.waivers?.path, WAIVERS);
  });
  test('is WAIVED in conformance.md and .html, with the justification', () => {
    for (const file of ['conformance.md', 'conformance.html']) {
      const text = read(waived.dir, file);
      assert.match(text, /R28: WAIVED|R28 <span class="status waived" data-status="waived">waived/, file);
      assert.match(
        text,
        /WAIVED by W-R28 \(approved by Security office \(ticket SEC-1234\), expires 2030-06-30\): VERIFY users move/,
        file,
      );
    }
  });
  test('is a <skipped> WAIVED test case in JUnit, not a failure', () => {
    const junit = read(waived.dir, 'junit.xml');
    assert.match(junit, /<testsuites [^>]*failures="0"/);
    assert.match(junit, /<skipped message="WAIVED by W-R\d+ \(approved by Security office/);
    assert.match(junit, /<property name="waiver" value="W-R28"/);
  });
  test('is in its own Allure category, apart from not applicable', () => {
    const dir = path.join(waived.dir, 'allure-results');
    const categories = JSON.parse(read(dir, 'categories.json')) as { name: string; messageRegex?: string }[];
    const category = categories.find((c) => /^Waived/.test(c.name))!;
    assert.ok(category, 'a Waived category');
    const results = readdirSync(dir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(read(dir, f)) as { status: string; statusDetails?: { message?: string } });
    const waivedResults = results.filter((r) => r.statusDetails?.message?.startsWith('WAIVED by'));
    assert.equal(waivedResults.length, 17);
    assert.ok(
      waivedResults.every(
        (r) => r.status === 'skipped' && new RegExp(`^${category.messageRegex}$`).test(r.statusDetails!.message!),
      ),
    );
    const na = categories.find((c) => /^Not applicable/.test(c.name))!;
    assert.ok(waivedResults.every((r) => !new RegExp(`^${na.messageRegex}$`).test(r.statusDetails!.message!)));
  });
  test('is shown as waived on the site, with the waiver on the changes page', () => {
    const area = read(waived.dir, 'site/area-credentials.html') + read(waived.dir, 'site/area-user.html');
    assert.match(area, /data-status="waived"/);
    assert.match(area, /accepted by W-R28 until 2030-06-30/);
    const changes = read(waived.dir, 'site/changes.html');
    assert.match(changes, /<tr data-waiver="W-R28">.*applied/);
  });
});

describe('an expired or unused waiver', () => {
  test('an expired waiver waives nothing: exit 1, and the run names it', () => {
    assert.equal(expired.code, 1, expired.stdout + expired.stderr);
    assert.match(
      expired.stdout,
      /waiver expired: W-R28 \(R28\) stopped applying at 2030-07-01T00:00:00.000Z; judged normally: /,
    );
    const s = summaryOf(expired.dir);
    assert.equal(s.rules.find((r) => r.id === 'R28')!.status, 'nonconformant');
    assert.equal(s.waivers!.find((w) => w.id === 'W-R28')!.status, 'expired');
    assert.match(read(expired.dir, 'conformance.md'), /\| W-R28 \| R28 \| rule-breaker \| EXPIRED \|/);
  });
  test('a waiver that matched nothing is reported as unused', () => {
    assert.match(waived.stdout, /waiver unused: W-UNUSED \(R14\) matched no nonconformance in this run/);
    assert.equal(summaryOf(waived.dir).waivers!.find((w) => w.id === 'W-UNUSED')!.status, 'unused');
  });
});

describe('a malformed waivers file', () => {
  test('stops the run before any scenario with exit 2, naming the file, line and field', () => {
    assert.equal(malformed.code, 2, malformed.stdout + malformed.stderr);
    assert.match(
      malformed.stderr,
      /harness error: test\/fixtures\/audit\/waivers-malformed\.yaml:2: waivers\.0\.justification: expected a justification/,
    );
    assert.match(malformed.stderr, /waivers-malformed\.yaml:12: waivers\.1\.expires: expected an expiry date/);
    assert.doesNotMatch(malformed.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!readdirSync(malformed.dir).includes('conformance.json'), 'no summary written');
  });
});

describe('change since a baseline', () => {
  test('marks the fixed and the regressed rule in the summary, the console and every rendering', () => {
    assert.equal(compared.code, 1, compared.stdout + compared.stderr);
    const s = summaryOf(compared.dir);
    const rule = (id: string) => s.rules.find((r) => r.id === id)!;
    assert.equal(rule('R10').change, 'fixed');
    assert.equal(rule('R10').was, 'nonconformant');
    assert.equal(rule('R28').change, 'regressed');
    assert.equal(rule('R28').was, 'conformant');
    assert.ok(rule('R10').scenarios.every((sc) => sc.change === 'fixed'));
    assert.ok(rule('R28').scenarios.every((sc) => sc.change === 'regressed'));
    assert.equal(rule('R14').change, 'unchanged');
    assert.equal(s.baseline!.changes.rules.fixed, 1);
    assert.equal(s.baseline!.path, baselineFile);
    // The baseline's digests are recorded under their own names: the summary's own seal still verifies.
    assert.equal(verifySealed(readFileSync(path.join(compared.dir, 'conformance.json'))).status, 'ok');
    assert.match(compared.stdout, /fixed: R10 \(was nonconformant, now conformant\)/);
    assert.match(compared.stdout, /regressed: R28 \(was conformant, now nonconformant\)/);
    assert.match(read(compared.dir, 'conformance.md'), /### R10: CONFORMANT, FIXED \(baseline: nonconformant\)/);
    assert.match(read(compared.dir, 'conformance.md'), /### R28: NONCONFORMANT, REGRESSED \(baseline: conformant\)/);
    assert.match(read(compared.dir, 'conformance.html'), /data-change="regressed"/);
    assert.match(read(compared.dir, 'junit.xml'), /<property name="change" value="regressed"/);
    assert.match(read(compared.dir, 'junit.xml'), /<property name="change" value="fixed"/);
    const allure = readdirSync(path.join(compared.dir, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => read(path.join(compared.dir, 'allure-results'), f))
      .join('\n');
    assert.match(allure, /"name":"tag","value":"change: regressed"/);
    assert.match(allure, /"name":"tag","value":"change: fixed"/);
  });
  test('the site shows the regressed rule on the changes page', () => {
    const changes = read(compared.dir, 'site/changes.html');
    assert.match(changes, /<tr data-rule="R28">.*data-change="regressed"/);
    assert.match(changes, /<tr data-rule="R10">.*data-change="fixed"/);
  });
  test('--fail-on regressions passes a run whose failures were all failing in the baseline (verdict unchanged)', () => {
    assert.equal(gated.code, 0, gated.stdout + gated.stderr);
    const s = summaryOf(gated.dir);
    assert.equal(s.outcome.verdict, 'nonconformant');
    assert.equal(s.outcome.exitCode, 0);
    assert.equal(s.baseline!.failOn, 'regressions');
    assert.equal(s.rules.find((r) => r.id === 'R28')!.change, 'still failing');
  });
  test('a baseline whose seal does not verify is a harness error (exit 2), named', () => {
    assert.equal(badBaseline.code, 2, badBaseline.stdout + badBaseline.stderr);
    assert.match(
      badBaseline.stderr,
      /harness error: --baseline: .*conformance\.json: expected a sealed conformance\.json that verifies \(tampered/,
    );
  });
});

describe('provenance', () => {
  test('records the operator, the host, the working tree and every input with its digest', () => {
    const p = summaryOf(compared.dir).provenance!;
    assert.deepEqual(p.operator, { name: 'auditor-7', from: 'IPIC_OPERATOR' });
    assert.ok(p.host.length > 0);
    assert.ok(p.workingTreeDirty === true || p.workingTreeDirty === false, 'this is a git checkout');
    const roles = new Set(p.inputs.map((i) => i.role));
    for (const role of ['feature', 'rule index', 'baseline'] as const) assert.ok(roles.has(role), role);
    assert.equal(
      p.inputs.find((i) => i.role === 'baseline')!.sha256,
      createHash('sha256').update(readFileSync(baselineFile)).digest('hex'),
    );
    assert.ok(summaryOf(waived.dir).provenance!.inputs.some((i) => i.role === 'waivers' && i.path === WAIVERS));
  });
});
