/**
 * `npm run inventory -- init` on examples/site and on the kit drafts inventories that load with the schema
 * and that the live target runs against the sandbox (issue 17): init's own output, filled in only where it
 * says FILL IN or references a secret, bound to a sandbox serving the same definitions (the rehearsal of
 * `npm run conformance:sandbox -- --definitions DIR`), is judged conformant with scenarios applicable, not
 * merely "nothing ran". A region that drifted from the definitions the inventory was drafted from (an
 * IPCONN the definitions say is IDENTIFY, running LOCAL) is judged nonconformant, naming R14.
 *
 * Measured when written (scenarios conformant, nonconformant, not applicable): examples/site 6, 0, 296
 * (4 rules); the kit 8, 0, 294 (8 rules); the drifted kit 6, 2 (R1, R14), 294.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { plantedKitCopy } from './fixtures/kit/planted-copy';
import { after, test } from 'node:test';
import { main as inventoryCommand } from '../scripts/inventory';
import { loadSite } from '../src/definitions/load-site';
import { loadInventory, parseInventoryFile } from '../src/inventory/load';
import { startDefinitionsSandbox } from '../src/sandbox/definitions-sandbox';
import { fillDraft } from '../src/sandbox/fill-draft';
import type { Summary } from '../src/report/summary-schema';
import { runFresh, testEnv, type Run } from './fixtures/report/run';

const scratch = mkdtempSync(path.join(tmpdir(), 'inventory-init-live-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function init(definitions: string): string {
  const file = path.join(scratch, `${definitions.replace(/\W/g, '_')}.yaml`);
  const status = inventoryCommand(['init', definitions, '--out', file], () => {});
  assert.equal(status, 0);
  return file;
}

/**
 * The rehearsal, as `npm run conformance:sandbox -- --definitions DIR --draft FILE` makes it, in this
 * process with its own reports directory (fixtures/report/run.ts, runFresh: a child process would add
 * only the start-up).
 */
async function rehearse(definitions: string, draft: string, name: string): Promise<Run> {
  const dir = path.join(scratch, `reports-${name}`);
  const environment = () => {
    const env: NodeJS.ProcessEnv = { ...testEnv(), IPIC_SKIP_ALLURE_HTML: '1', IPIC_REPORTS_DIR: dir };
    for (const name of ['IPIC_TARGET', 'IPIC_INVENTORY', 'IPIC_ALLURE_RESULTS', 'IPIC_MODEL_OPTIONS']) delete env[name];
    return { env };
  };
  const run = await runFresh([], environment, () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('../src/sandbox/rehearsal') as typeof import('../src/sandbox/rehearsal')).rehearse({
      definitions,
      draft,
    }),
  );
  return { ...run, dir };
}

function summaryOf(run: Run): Summary {
  return JSON.parse(readFileSync(path.join(run.dir, 'conformance.json'), 'utf8')) as Summary;
}

test('the draft loads with the schema; filled in for the sandbox, only FILL IN values and secret references change', async () => {
  const draftFile = init('zos-kit');
  const draft = parseInventoryFile(draftFile).inventory;
  const sandbox = await startDefinitionsSandbox(loadSite('zos-kit'), { dir: path.join(scratch, 'fill') });
  try {
    const filledFile = path.join(sandbox.dir, 'inventory.yaml');
    writeFileSync(filledFile, fillDraft(readFileSync(draftFile, 'utf8'), sandbox.facts));
    const { inventory: filled } = loadInventory(filledFile);
    const [before, after] = [draft.sites[0], filled.sites[0]];
    assert.ok(before && after);
    // What the definitions say is kept as init wrote it.
    assert.deepEqual(after.cics.regions[0]?.ipconns, before.cics.regions[0]?.ipconns);
    assert.deepEqual(
      after.racf.users.map(({ password: _p, phrase: _f, ...rest }) => rest),
      before.racf.users.map(({ password: _p, phrase: _f, ...rest }) => rest),
    );
    // The authData user's password exists though no definition shows it: a reference, then a sandbox file.
    const authUser = before.racf.users.find((u) => u.id === 'ZCKAUTH');
    assert.deepEqual(authUser?.password, { env: 'CICSKIT1_ZCKAUTH_PASSWORD' });
    assert.ok(after.racf.users.every((u) => u.password === undefined || u.password === 'none' || 'file' in u.password));
    assert.equal(draft.responses.connectionFailure, null, 'init does not invent how z/OS Connect answers');
    assert.ok(filled.responses.connectionFailure, 'the sandbox says how it answers');
    assert.equal(after.cics.regions[0]?.tcpipServices[0]?.host, '127.0.0.1');
    // The client certificate the sandbox issued carries the subject and CA the site's certificate inventory names.
    const certificate = after.certificates.find((c) => c.id === 'ipic-ipicMutualTls');
    assert.ok(certificate);
    const x509 = new X509Certificate(readFileSync(path.resolve(sandbox.dir, certificate.certificate)));
    assert.match(x509.subject, /CN=zckit-ipic\.example\.com/);
    assert.match(x509.issuer, /CN=IPIC KIT TEST CA/);
  } finally {
    await sandbox.stop();
  }
});

// The three rehearsals, made one after the other (runFresh) when the first test that reads one asks: a
// rehearsal in this process has process.env and the console while it runs, so none overlaps another test.
let rehearsals: Map<string, Promise<Run>> | undefined;
function rehearsal(name: string): Promise<Run> {
  if (!rehearsals) {
    rehearsals = new Map();
    for (const definitions of ['examples/site', 'zos-kit'])
      rehearsals.set(definitions, rehearse(definitions, init(definitions), definitions.replace(/\W/g, '_')));
    rehearsals.set('drifted', rehearse(driftedKit(), init('zos-kit'), 'drifted'));
  }
  return rehearsals.get(name) as Promise<Run>;
}

for (const definitions of ['examples/site', 'zos-kit']) {
  test(`init ${definitions}: the live target runs the draft against the sandbox, and it is conformant`, async () => {
    const run = await rehearsal(definitions);
    assert.equal(run.code, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
    const { totals, outcome } = summaryOf(run);
    assert.equal(outcome.verdict, 'conformant');
    assert.equal(totals.scenarios.nonconformant, 0);
    assert.equal(totals.scenarios['harness error'], 0);
    // Not "conformant because nothing applied": several scenarios of several rules ran against the site.
    assert.ok(totals.scenarios.conformant >= 5, JSON.stringify(totals));
    assert.ok(totals.rules.conformant >= 3, JSON.stringify(totals));
  });
}

/** A copy of the kit whose IPCONN KITIDNT runs USERAUTH(LOCAL), where the kit (and the draft) say IDENTIFY. */
function driftedKit(): string {
  const to = 'LINKAUTH(CERTUSER) USERAUTH(LOCAL)';
  return plantedKitCopy(path.join(scratch, 'kit-drifted'), 'LINKAUTH(CERTUSER) USERAUTH(IDENTIFY)', to).dir;
}

test('a region that drifted from its definitions (an IDENTIFY IPCONN running LOCAL) is nonconformant, naming R14', async () => {
  const run = await rehearsal('drifted');
  assert.equal(run.code, 1, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  const summary = summaryOf(run);
  assert.equal(summary.outcome.verdict, 'nonconformant');
  const broken = summary.rules.filter((r) => r.status === 'nonconformant').map((r) => r.id);
  assert.ok(broken.includes('R14'), broken.join(', '));
  assert.match(run.stdout, /nonconformant: R14 /);
});
