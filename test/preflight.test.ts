/**
 * The preflight against the sandbox: every check passes on the inventory the sandbox writes; a broken copy
 * (a dead port, an expired certificate declared valid, a whoami field the API does not return, a secret
 * variable unset) fails exactly the checks it should, each on its own line, and no secret is printed.
 * The whoami body the sandbox returns is the kit's contract (src/kit/whoami-contract.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { emptySituation, type Situation } from '../support/target-port';
import { startSandbox, type Sandbox } from '../src/sandbox';
import { TestPki } from '../src/pki';
import { main } from '../scripts/preflight';
import { runNode } from './fixtures/report/run';

const mutualIdentify: Situation = (() => {
  const s = emptySituation();
  s.tcpipService.ssl = 'CLIENTAUTH';
  s.zosConnect.tls = { state: 'valid', mappedTo: 'ZCONSRV' };
  s.ipconn = { defined: true, userauth: 'IDENTIFY' };
  s.users = { ZCONSRV: {}, ALICE: {} };
  return s;
})();

async function run(file: string): Promise<{ status: number; lines: string[] }> {
  let out = '';
  const status = await main([file], (s) => (out += s));
  return { status, lines: out.trim().split('\n') };
}

/** A port nothing listens on: bound, then closed (OS-picked, so no clash with other tests). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

// Concurrent: each test writes its own variant and reads only its own output. The conformance runs are
// child processes that ask the sandbox in this process, so they must never block its event loop (a
// spawnSync here left the sandbox deaf until the child's own timeouts fired: 25 s of waiting, issue 14).
describe('preflight', { concurrency: true }, () => {
  let sandbox: Sandbox;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the inventory's YAML, edited freely by the variants
  let inventory: Record<string, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const variant = (edit: (inv: Record<string, any>) => void): string => {
    const copy = structuredClone(inventory);
    edit(copy);
    const file = path.join(sandbox.dir, `variant-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(copy));
    return file;
  };

  before(async () => {
    sandbox = await startSandbox({
      dir: mkdtempSync(path.join(tmpdir(), 'preflight-')),
      removeOnStop: true,
      recording: {
        version: 1,
        scenarios: [
          { situation: mutualIdentify, requests: [{ caller: { kind: 'basic', user: 'ALICE', password: 'correct' } }] },
        ],
      },
    });
    inventory = parse(readFileSync(sandbox.inventoryPath, 'utf8'));
  });
  after(() => sandbox.stop());

  it('passes on the sandbox inventory, with a line per check and the whoami fields read', async () => {
    const { status, lines } = await run(sandbox.inventoryPath);
    assert.equal(status, 0, lines.join('\n'));
    for (const kind of ['secret', 'certificate', 'key', 'trust store', 'port', 'clock', 'whoami'])
      assert.ok(
        lines.some((l) => l.startsWith(`ok   ${kind}:`)),
        `a passing ${kind} check: ${lines.join('\n')}`,
      );
    assert.ok(
      lines.some((l) => /^ok {3}whoami: .* as [A-Z0-9]+: USERID and TRANSID present/.test(l)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((l) => l.startsWith('FAIL')));
  });

  it('fails a dead CICS port, and only that port', async () => {
    const dead = await deadPort();
    const file = variant((inv) => (inv.sites[0].cics.regions[0].tcpipServices[0].port = dead));
    const { status, lines } = await run(file);
    assert.equal(status, 2);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    assert.equal(failed.length, 1, failed.join('\n'));
    assert.match(
      failed[0] as string,
      new RegExp(
        `^FAIL port: sites\\[0\\]\\.cics\\.regions\\[0\\]\\.tcpipServices\\[0\\] .*:${dead}: no answer \\(ECONNREFUSED\\)`,
      ),
    );
  });

  it('IPIC_PREFLIGHT=1: a live run with a dead port stops before any scenario, exit 2, naming the check', async () => {
    const dead = await deadPort();
    const file = variant((inv) => (inv.sites[0].cics.regions[0].tcpipServices[0].port = dead));
    const reports = mkdtempSync(path.join(tmpdir(), 'preflight-run-'));
    const run = await runNode(
      ['scripts/run-conformance.js', '--tags', '@R28'],
      { ...process.env, IPIC_TARGET: 'live', IPIC_INVENTORY: file, IPIC_PREFLIGHT: '1', IPIC_REPORTS_DIR: reports },
      reports,
    );
    rmSync(reports, { recursive: true, force: true });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`harness error: preflight: FAIL port: .*:${dead}: no answer`));
    assert.doesNotMatch(run.stdout, /scenarios? \(/, 'no scenario ran');
  });

  it('IPIC_PREFLIGHT=1 on the model target is a setting error, exit 2', async () => {
    const run = await runNode(
      ['scripts/run-conformance.js', '--tags', '@R28'],
      { ...process.env, IPIC_TARGET: 'model', IPIC_PREFLIGHT: '1', IPIC_REPORTS_DIR: sandbox.dir },
      sandbox.dir,
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr, /IPIC_PREFLIGHT: .*a live run/);
  });

  it('fails an expired certificate that the inventory declares valid', async () => {
    const pki = await TestPki.open();
    const expired = pki.clientCertificate('expired', 'preflight expired');
    writeFileSync(path.join(sandbox.dir, 'expired.pem'), expired.certificatePem);
    const file = variant((inv) => (inv.sites[0].certificates[0].certificate = 'expired.pem'));
    const { status, lines } = await run(file);
    assert.equal(status, 2);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    assert.ok(
      failed.some((l) =>
        /^FAIL certificate: sites\[0\]\.certificates\[0\] .*declared valid, but .* it is expired/.test(l),
      ),
      failed.join('\n'),
    );
  });

  it('fails a whoami field the API does not return', async () => {
    const file = variant((inv) => (inv.responses.whoami.userId = 'whoami.USERID'));
    const { status, lines } = await run(file);
    assert.equal(status, 2);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    assert.ok(
      failed.length >= 1 &&
        failed.every((l) => /^FAIL whoami: .*the response has no whoami\.USERID \(responses\.whoami\)$/.test(l)),
      failed.join('\n'),
    );
  });

  it('fails an unset secret variable, naming the variable and never a value', async () => {
    const file = variant((inv) => {
      const user = inv.sites[0].racf.users.find((u: { password?: unknown }) => typeof u.password === 'object');
      user.password = { env: 'PREFLIGHT_TEST_UNSET_PASSWORD' };
    });
    const { status, lines } = await run(file);
    assert.equal(status, 2);
    assert.ok(
      lines.some((l) =>
        /^FAIL secret: .*password: expected the environment variable PREFLIGHT_TEST_UNSET_PASSWORD to be set/.test(l),
      ),
      lines.join('\n'),
    );
    const secretValues = inventory.sites[0].racf.users
      .filter((u: { password?: { file?: string } }) => u.password && typeof u.password === 'object' && u.password.file)
      .map((u: { password: { file: string } }) => readFileSync(path.join(sandbox.dir, u.password.file), 'utf8').trim());
    for (const value of secretValues) assert.ok(!lines.join('\n').includes(value), 'no password value is printed');
  });
});
