/**
 * npm run merge-reports: three real sealed summaries (the model, the sandbox, the audit of examples/site)
 * merged into a sealed fleet summary whose totals are the sum of the sites' own statuses; a tampered input
 * stops the merge with exit 2 and nothing written; mixed harness versions are refused unless allowed.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyReport } from '../scripts/verify-report';
import { FLEET_STATUSES, type FleetSummary } from '../src/fleet/fleet-summary';
import { seal } from '../src/report/integrity';
import type { Summary } from '../src/report/summary-schema';
import { exchangeStatus } from '../src/report/waiver-view';
import { makeFleetInputs, runMergeReports, type FleetInputs } from './fixtures/report/fleet-inputs';
import { removeTempReports, tempReports } from './fixtures/report/run';

let inputs: FleetInputs;
const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

before(async () => {
  inputs = await makeFleetInputs();
});
after(removeTempReports);

describe('merge-reports', () => {
  test('three sites merge into a sealed fleet summary whose totals are the sites’ own statuses', async () => {
    const reports = tempReports('fleet');
    const run = await runMergeReports(
      [`LPAR1 model=${inputs.model}`, inputs.sandbox, `SITEA audit=${inputs.audit}`],
      reports,
    );
    assert.equal(run.code, 0, run.stderr);
    const fleetFile = path.join(reports, 'fleet.json');
    assert.equal(
      verifyReport(
        [fleetFile],
        () => {},
        () => {},
      ),
      0,
    );
    const fleet = read<FleetSummary>(fleetFile);
    const summaries = [inputs.model, inputs.sandbox, inputs.audit].map((f) => read<Summary>(f));
    assert.deepEqual(
      fleet.sites.map((s) => s.name),
      ['LPAR1 model', summaries[1]!.target.identity, 'SITEA audit'],
    );
    assert.deepEqual(
      fleet.sites.map((s) => s.summaryFileSha256),
      summaries.map((s) => s.integrity.fileSha256),
    );
    for (const status of FLEET_STATUSES) {
      const expected = summaries.reduce((n, s) => n + s.rules.filter((r) => exchangeStatus(r) === status).length, 0);
      assert.equal(fleet.totals.cells[status], expected, status);
    }
    assert.equal(fleet.totals.cells.nonconformant, 3);
    assert.equal(
      FLEET_STATUSES.reduce((n, s) => n + fleet.totals.cells[s], 0),
      fleet.rules.length * 3,
    );
    const r14 = fleet.rules.find((r) => r.id === 'R14')!;
    assert.deepEqual(r14.statuses, {
      'LPAR1 model': summaries[0]!.rules.find((r) => r.id === 'R14')!.status,
      [summaries[1]!.target.identity]: summaries[1]!.rules.find((r) => r.id === 'R14')!.status,
      'SITEA audit': 'nonconformant',
    });
    assert.deepEqual(fleet.totals.sites, { conformant: 2, nonconformant: 1 });
    assert.deepEqual(fleet.mixed, []);
    assert.ok(existsSync(path.join(reports, 'site', 'fleet.html')));
    assert.match(run.stdout, /fleet: 3 sites, 57 rules: 3 nonconformant/);
  });

  test('the same summaries give the same fleet summary', async () => {
    const [a, b] = [tempReports('fleet-a'), tempReports('fleet-b')];
    await runMergeReports([inputs.model, inputs.audit], a);
    await runMergeReports([inputs.model, inputs.audit], b);
    assert.equal(readFileSync(path.join(a, 'fleet.json'), 'utf8'), readFileSync(path.join(b, 'fleet.json'), 'utf8'));
  });

  test('a tampered summary stops the merge with exit 2, naming it, and nothing is written', async () => {
    const dir = tempReports('fleet-tampered');
    const tampered = path.join(dir, 'tampered.json');
    const text = readFileSync(inputs.audit, 'utf8');
    writeFileSync(tampered, text.replace('"status": "nonconformant"', '"status": "conformant"'));
    const run = await runMergeReports([inputs.model, tampered, inputs.sandbox], dir);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stderr, new RegExp(`TAMPERED: ${tampered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: tampered`));
    assert.match(run.stderr, /nothing merged/);
    assert.equal(existsSync(path.join(dir, 'fleet.json')), false);
  });

  test('mixed harness versions are refused unless --allow-mixed', async () => {
    const dir = tempReports('fleet-mixed');
    const older = path.join(dir, 'older.json');
    const summary = read<Summary>(inputs.model);
    const rest: Partial<Summary> = { ...summary, harness: { ...summary.harness, version: '0.0.9' } };
    delete rest.integrity;
    writeFileSync(older, seal(rest as Omit<Summary, 'integrity'>).text);
    copyFileSync(inputs.audit, path.join(dir, 'audit.json'));
    const refused = await runMergeReports([older, path.join(dir, 'audit.json')], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /harness versions differ: .*0\.0\.9/);
    assert.equal(existsSync(path.join(dir, 'fleet.json')), false);
    const allowed = await runMergeReports(['--allow-mixed', older, path.join(dir, 'audit.json')], dir);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(read<FleetSummary>(path.join(dir, 'fleet.json')).mixed[0]!, /harness versions differ/);
  });
});
