/**
 * The sandbox as a deployment: it provisions a site per scenario on 127.0.0.1, writes an inventory the live
 * target accepts, answers like z/OS Connect (401 with a challenge, 403, CICS refusals as 500 with a BAQR
 * errorMessage, the whoami answer), verifies IPIC client certificates for real, and is gone after stop().
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { emptySituation, type Arrangement, type Situation } from '../support/target-port';
import { loadInventory, type LoadedInventory } from '../src/inventory/load';
import { startSandbox, type Sandbox } from '../src/sandbox';
import { callHttps } from '../src/targets/live/https-call';
import { createLiveTarget } from '../src/targets/live/live-target';

const mutualIdentify: Situation = (() => {
  const s = emptySituation();
  s.tcpipService.ssl = 'CLIENTAUTH';
  s.zosConnect.tls = { state: 'valid', mappedTo: 'ZCONSRV' };
  s.ipconn = { defined: true, userauth: 'IDENTIFY' };
  s.users = { ZCONSRV: {}, ALICE: {}, BOB: { transactions: { CSMI: false } } };
  return s;
})();
const closedService: Situation = (() => {
  const s = emptySituation();
  s.tcpipService.open = false;
  s.users = { ALICE: {} };
  return s;
})();

describe('sandbox deployment', () => {
  let sandbox: Sandbox;
  let loaded: LoadedInventory;
  let arrangement: Arrangement;

  before(async () => {
    sandbox = await startSandbox({
      dir: mkdtempSync(path.join(tmpdir(), 'sandbox-')),
      removeOnStop: true,
      recording: {
        version: 1,
        scenarios: [
          {
            situation: mutualIdentify,
            requests: [
              { caller: { kind: 'certificate', mappedTo: 'ALICE' } },
              { caller: { kind: 'certificate', mappedTo: null } },
            ],
          },
          { situation: closedService, requests: [] },
        ],
      },
    });
    loaded = loadInventory(sandbox.inventoryPath);
    const arranged = await createLiveTarget(loaded).arrange(structuredClone(mutualIdentify));
    assert.ok(!('notApplicable' in arranged), JSON.stringify(arranged));
    arrangement = arranged as Arrangement;
  });
  after(async () => {
    await sandbox?.stop();
  });

  it('writes an inventory the live target loads, with one site per scenario', () => {
    assert.deepEqual(
      loaded.inventory.sites.map((s) => s.name),
      ['SBX1', 'SBX2'],
    );
    assert.equal(sandbox.sites[1]?.open, false);
  });

  it('binds aliases to user IDs of its own, not to the aliases', () => {
    assert.notEqual(arrangement.userIdOf('ALICE'), 'ALICE');
    assert.match(arrangement.userIdOf('ALICE'), /^ALI\d+[A-Z]$/);
    assert.equal(arrangement.userIdOf('<default user>'), 'CICSUSER');
  });

  it('a partner with the mapped client certificate acquires the connection', async () => {
    assert.deepEqual(await arrangement.acquire(1), { acquired: true });
  });

  it('requests run under the caller (IDENTIFY), and CICS refuses a user without CSMI', async () => {
    const alice = await arrangement.send({ caller: { kind: 'basic', user: 'ALICE', password: 'correct' } });
    assert.deepEqual(alice, { outcome: 'ran', taskUser: arrangement.userIdOf('ALICE'), transid: 'CSMI' });
    const bob = await arrangement.send({ caller: { kind: 'basic', user: 'BOB', password: 'correct' } });
    assert.deepEqual(
      { outcome: bob.outcome, by: 'by' in bob ? bob.by : undefined },
      { outcome: 'refused', by: 'CICS' },
    );
  });

  it('HTTP client certificates and JWTs identify callers; bad ones are refused by z/OS Connect', async () => {
    const byCertificate = await arrangement.send({ caller: { kind: 'certificate', mappedTo: 'ALICE' } });
    assert.deepEqual(byCertificate, { outcome: 'ran', taskUser: arrangement.userIdOf('ALICE'), transid: 'CSMI' });
    const unmapped = await arrangement.send({ caller: { kind: 'certificate', mappedTo: null } });
    assert.equal('by' in unmapped && unmapped.by, 'z/OS Connect authentication');
    const jwt = await arrangement.send({ caller: { kind: 'jwt', subject: 'ALICE', validity: 'valid' } });
    assert.equal(jwt.outcome, 'ran');
    for (const validity of ['expired', 'untrusted signature'] as const) {
      const refused = await arrangement.send({ caller: { kind: 'jwt', subject: 'ALICE', validity } });
      assert.equal('by' in refused && refused.by, 'z/OS Connect authentication', validity);
    }
  });

  it('answers like z/OS Connect: a challenge on 401, a BAQR errorMessage when CICS refuses', async () => {
    const site = loaded.inventory.sites[0];
    const server = site?.zosConnect.servers[0];
    const password = loaded.secrets.get(site?.racf.users.find((u) => u.id === arrangement.userIdOf('BOB')) as object);
    const call = (user: string, secret: string) =>
      callHttps({
        url: new URL(`${server?.baseUrl}/whoami/cics1`),
        method: 'GET',
        headers: { authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` },
        trustedCasPem: loaded.trustStores.get(loaded.resolvePath(server?.trustStore ?? '')),
        verifyServerCertificate: true,
        timeoutMs: 5000,
      });
    const challenged = await call(arrangement.userIdOf('BOB'), 'WRONG9PW');
    assert.equal(challenged.kind === 'response' && challenged.status, 401);
    assert.match((challenged.kind === 'response' && challenged.wwwAuthenticate) || '', /^Basic realm=/);
    const refused = await call(arrangement.userIdOf('BOB'), password ?? '');
    assert.equal(refused.kind === 'response' && refused.status, 500);
    assert.match((refused.kind === 'response' && JSON.parse(refused.body).errorMessage) || '', /^BAQR0429W/);
  });

  it('a closed TCPIPSERVICE refuses the TCP connection', async () => {
    const arranged = await createLiveTarget(loaded).arrange(structuredClone(closedService));
    assert.ok(!('notApplicable' in arranged));
    const observation = await (arranged as Arrangement).acquire(1);
    assert.deepEqual(
      { acquired: observation.acquired, stage: 'stage' in observation ? observation.stage : undefined },
      { acquired: false, stage: 'tcp' },
    );
  });

  it('after stop() nothing listens any more', async () => {
    const ports = [sandbox.zosConnectPort, ...sandbox.sites.filter((s) => s.open).map((s) => s.port)];
    await sandbox.stop();
    for (const port of ports) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      assert.ok(refused, `port ${port} is closed`);
    }
  });
});
