/**
 * `npm run inventory -- init` drafts a live inventory from a site's definitions that loads with the
 * schema, every unknown value marked and every secret an {env:} reference; `check` finds where a
 * hand-kept inventory disagrees with the definitions, naming the inventory's line and field (exit 1),
 * and passes an inventory that agrees (exit 0).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { main } from '../scripts/inventory';
import { parseInventoryFile } from '../src/inventory/load';
import { rehearse } from '../src/sandbox/rehearsal';
import { runTypeScript } from './fixtures/report/run';

const scratch = mkdtempSync(path.join(tmpdir(), 'inventory-init-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(argv: string[]): { status: number; out: string } {
  let out = '';
  const status = main(argv, (s) => (out += s));
  return { status, out };
}

for (const definitions of ['examples/site', 'zos-kit']) {
  test(`init ${definitions}: an inventory that loads with the schema, unknowns marked, secrets referenced`, () => {
    const file = path.join(scratch, `${definitions.replace(/\W/g, '_')}.yaml`);
    assert.equal(run(['init', definitions, '--out', file]).status, 0);
    const text = readFileSync(file, 'utf8');
    const { inventory } = parseInventoryFile(file);
    const site = inventory.sites[0];
    assert.ok(site);
    const region = site.cics.regions[0];
    assert.ok(region);
    assert.ok(region.tcpipServices.length >= 2 && region.ipconns.length >= 3);
    assert.ok((site.zosConnect.servers[0]?.connections.length ?? 0) >= 3);
    // Every placeholder carries a comment saying what to put there.
    for (const line of text.split('\n').filter((l) => !l.startsWith('#') && l.includes('FILL-IN')))
      assert.match(line, /# FILL IN: /, line);
    // Users with a password in RACF get a reference; protected users get 'none'; no value is copied.
    const withPassword = site.racf.users.filter((u) => typeof u.password === 'object');
    assert.ok(withPassword.length >= 3);
    for (const u of withPassword) assert.deepEqual(Object.keys(u.password as object), ['env']);
    assert.ok(!/Kit1Exmp|Al1ce#26|B4tch#26/.test(text), 'no password of the definitions reaches the draft');
    assert.equal(run(['check', file, definitions]).status, 0);
  });
}

test('check names a planted disagreement with the inventory line and both values (exit 1)', () => {
  const file = path.join(scratch, 'kit-drifted.yaml');
  assert.equal(run(['init', 'zos-kit', '--out', file]).status, 0);
  const text = readFileSync(file, 'utf8');
  const drifted = text
    .replace(/(- name: KITLOCL[\s\S]*?userauth: )LOCAL/, '$1IDENTIFY')
    .replace(/(- id: KITREVK\n\s+revoked: )true/, '$1false');
  assert.notEqual(drifted, text);
  writeFileSync(file, drifted);
  const lines = drifted.split('\n');
  const userauthLine = lines.findIndex((l) => l.includes('userauth: IDENTIFY')) + 1;
  const { status, out } = run(['check', file, 'zos-kit']);
  assert.equal(status, 1, out);
  assert.match(
    out,
    new RegExp(
      `kit-drifted\\.yaml:${userauthLine}: sites\\[0\\]\\.cics\\.regions\\[0\\]\\.ipconns\\[0\\]\\.userauth: the inventory says "IDENTIFY", the definitions say "LOCAL"`,
    ),
  );
  assert.match(out, /racf\.users\[\d+\]\.revoked: the inventory says false, the definitions say true/);
  assert.match(out, /2 disagreements between/);
});

test('a public site whose definitions leave values out: init marks each, check names each, a rehearsal asks for them', async () => {
  // The public CICS Bank Sample Application (cicsdev/cics-banking-sample-application-cbsa, EPL-2.0; see
  // test/fixtures/real-world/PROVENANCE.md): its server.xml sets no zosConnectApplid or zosConnectNetworkid,
  // no whoami program is named, and its RACF job defines no user.
  const definitions = 'test/fixtures/real-world/sites/cbsa';
  const file = path.join(scratch, 'cbsa.yaml');
  assert.equal(run(['init', definitions, '--out', file]).status, 0);
  const lines = readFileSync(file, 'utf8').split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l)) + 1;
  for (const field of ['applid', 'networkid', 'program'])
    assert.ok(lineOf(new RegExp(`^\\s+${field}: FILL-IN # FILL IN: `)) > 0, `${field} marked`);
  assert.ok(lineOf(/^\s+# FILL IN: the RACF users the scenarios may use/) > 0, 'users marked');
  // Until they are filled in, the draft is not an inventory: each value is named at its line (exit 2).
  const check = await runTypeScript('scripts/inventory.ts', ['check', file, definitions], process.env, scratch);
  assert.equal(check.code, 2, check.stdout + check.stderr);
  const out = check.stderr;
  assert.match(out, /sites\[0\]\.racf\.users: expected at least 1 entry/);
  for (const field of ['applid', 'networkid', 'whoami.program'])
    assert.match(
      out,
      new RegExp(`cbsa\\.yaml:\\d+: sites\\[0\\]\\.zosConnect\\.servers\\[0\\]\\.connections\\[0\\]\\.${field}: `),
    );
  // The rehearsal cannot make them up either, and says how to give them.
  await assert.rejects(
    rehearse({ definitions, log: () => undefined }),
    /cannot fill in sites\.\*\.racf\.users: .*rehearse with --draft FILE/,
  );
});

test('a rehearsal keeps the values the user filled in a draft where the definitions give none', async () => {
  // A public Redbook sample (test/fixtures/real-world/PROVENANCE.md): CICS autoinstalls the IPCONN, and
  // server.xml sets neither zosConnectApplid nor zosConnectNetworkid, so the draft leaves both to the user.
  const definitions = 'test/fixtures/real-world/sites/cics-api-first';
  const draft = path.join(scratch, 'cics-api-first.yaml');
  assert.equal(run(['init', definitions, '--out', draft]).status, 0);
  const filled = readFileSync(draft, 'utf8')
    .replace(/applid: FILL-IN #/, 'applid: ZOSCONN #')
    .replace(/networkid: FILL-IN #/, 'networkid: NETID01 #');
  assert.match(filled, /applid: ZOSCONN # FILL IN: /, 'the value filled in, its comment kept, as a user edits it');
  writeFileSync(draft, filled);
  const reports = path.join(scratch, 'cics-api-first-reports');
  const env = { ...process.env, IPIC_REPORTS_DIR: reports, IPIC_SKIP_ALLURE_HTML: '1' };
  const args = ['--definitions', definitions, '--draft', draft, '--tags', '@area:bind'];
  const rehearsal = await runTypeScript('scripts/sandbox/conformance.ts', args, env, scratch);
  // Nothing on this site fits a bind scenario (its TCPIPSERVICE has no SSL): incomplete, not a harness error,
  // and the reasons name the connection by the values the user gave.
  assert.equal(rehearsal.code, 3, rehearsal.stdout + rehearsal.stderr);
  assert.match(readFileSync(path.join(reports, 'conformance.json'), 'utf8'), /NETID01\.ZOSCONN/);
});

test('a missing definitions directory or a malformed inventory is a harness error (exit 2)', () => {
  assert.equal(run(['init', path.join(scratch, 'nowhere')]).status, 2);
  const bad = path.join(scratch, 'bad.yaml');
  writeFileSync(bad, 'version: 2\n');
  assert.equal(run(['check', bad, 'zos-kit']).status, 2);
});
