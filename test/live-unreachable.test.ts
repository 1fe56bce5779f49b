/**
 * The live target tells what it observed from what it could not reach (src/targets/live/unreachable.ts):
 * - a TCPIPSERVICE the inventory declares CLOSED that refuses the connection is an observation (stage tcp);
 * - one declared OPEN that refuses, or does not answer before connectMs, is a harness error, and so is a
 *   host that does not resolve, whatever the status; the error names host, port and the inventory line;
 * - z/OS Connect's HTTPS endpoint refusing or not resolving is a harness error naming baseUrl's line, never a
 *   refusal or "not sent".
 * The live target runs in process on a copy of examples/live/site.yaml, against 127.0.0.1 only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Document } from 'yaml';
import { UnreachableEndpointError } from '../support/errors';
import { emptySituation, isNotApplicable, type Arrangement, type Situation } from '../support/target-port';
import { loadInventory } from '../src/inventory/load';
import { closedPort, startBlackhole, type ProbeTarget } from '../src/sandbox/probe-targets';
import { createLiveTarget } from '../src/targets/live/live-target';
import type { BindProbeResult } from '../src/targets/live/bind-probe';
import { checkTcpStage } from '../src/targets/live/unreachable';
import { exampleInventoryCopy, lineContaining, type InventoryCopy } from './fixtures/report/example-inventory';
import { removeTempReports, tempReports } from './fixtures/report/run';

const IPICTLS = ['sites', 0, 'cics', 'regions', 0, 'tcpipServices', 1];
const SERVER = ['sites', 0, 'zosConnect', 'servers', 0];

/** The example with IPICTLS (connection cicsqa1Link's service) and z/OS Connect moved as `edit` says. */
async function arrangeOn(edit: (doc: Document) => void, situation: Situation = linkSituation()) {
  const copy = await exampleInventoryCopy(tempReports('live-unreachable'), (doc) => {
    doc.setIn(['timeouts', 'connectMs'], 300);
    edit(doc);
  });
  const target = createLiveTarget(loadInventory(copy.file, copy.env));
  const arranged = await target.arrange(situation);
  assert.ok(!isNotApplicable(arranged), isNotApplicable(arranged) ? arranged.notApplicable : '');
  return { copy, arranged: arranged as Arrangement };
}

/**
 * Plain USERAUTH(LOCAL) with a link user, as connection cicsqa1Link's IPCONN ZCQA1L says: under LOCAL its
 * SECURITYNAME decides whom requests run as, so only a scenario that states one fits it.
 */
function linkSituation(): Situation {
  const situation = emptySituation();
  situation.ipconn.securityName = 'LINK';
  return situation;
}

/** A situation that only the closed IPICTLS fits: TLS without a client certificate, the service closed. */
function closedServiceSituation(): Situation {
  const situation = linkSituation();
  situation.tcpipService = { ssl: 'YES', open: false };
  situation.zosConnect.tls = 'server-auth only';
  return situation;
}

async function unreachable(call: () => Promise<unknown>): Promise<UnreachableEndpointError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UnreachableEndpointError, `an UnreachableEndpointError, got ${String(caught)}`);
  assert.match(caught.message, /the inventory and the site seem to disagree/);
  return caught;
}

const where = (copy: InventoryCopy, needle: string, path: string) =>
  `${copy.file}:${lineContaining(copy.text, needle)} (${path})`;

let port: number;
let blackhole: ProbeTarget;
before(async () => {
  port = await closedPort();
  blackhole = await startBlackhole();
});
after(async () => {
  await blackhole.close();
  removeTempReports();
});

describe('the bind probe of the live target', () => {
  test('a service declared CLOSED that refuses the connection is observed as refused at tcp', async () => {
    const { arranged } = await arrangeOn((doc) => {
      doc.setIn([...IPICTLS, 'host'], '127.0.0.1');
      doc.setIn([...IPICTLS, 'port'], port);
      doc.setIn([...IPICTLS, 'status'], 'CLOSED');
    }, closedServiceSituation());
    const observed = await arranged.acquire();
    assert.equal(observed.acquired, false);
    assert.equal(observed.acquired === false && observed.stage, 'tcp');
  });

  test('a service declared OPEN that refuses the connection is a harness error naming host, port and line', async () => {
    const { copy, arranged } = await arrangeOn((doc) => {
      doc.setIn([...IPICTLS, 'host'], '127.0.0.1');
      doc.setIn([...IPICTLS, 'port'], port);
    });
    const error = await unreachable(() => arranged.acquire());
    assert.equal(error.host, '127.0.0.1');
    assert.equal(error.port, port);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.declaredAt, where(copy, `port: ${port}`, 'sites[0].cics.regions[0].tcpipServices[1].port'));
    assert.match(
      error.message,
      new RegExp(`^cannot reach CICS TCPIPSERVICE IPICTLS \\(declared OPEN\\) at 127\\.0\\.0\\.1:${port} `),
    );
  });

  test('a service declared OPEN that does not answer before connectMs is a harness error', async () => {
    const { arranged } = await arrangeOn((doc) => {
      doc.setIn([...IPICTLS, 'host'], '127.0.0.1');
      doc.setIn([...IPICTLS, 'port'], blackhole.port);
    });
    const error = await unreachable(() => arranged.acquire());
    assert.equal(error.code, 'ETIMEDOUT');
    assert.match(error.message, /no answer before the connect timeout/);
  });

  test('a host that does not resolve is a harness error even for a service declared CLOSED', async () => {
    const { copy, arranged } = await arrangeOn((doc) => {
      doc.setIn([...IPICTLS, 'host'], 'does-not-resolve.invalid');
      doc.setIn([...IPICTLS, 'status'], 'CLOSED');
    }, closedServiceSituation());
    const error = await unreachable(() => arranged.acquire());
    assert.match(error.code, /^(ENOTFOUND|EAI_AGAIN)$/);
    assert.equal(
      error.declaredAt,
      where(copy, 'host: does-not-resolve.invalid', 'sites[0].cics.regions[0].tcpipServices[1].host'),
    );
  });
});

describe('requests to z/OS Connect', () => {
  for (const [name, host, code] of [
    ['refuses the connection', '127.0.0.1', /^ECONNREFUSED$/],
    ['does not resolve', 'does-not-resolve.invalid', /^(ENOTFOUND|EAI_AGAIN)$/],
  ] as const) {
    test(`a z/OS Connect server that ${name} is a harness error naming baseUrl's line, not a refusal`, async () => {
      const baseUrl = `https://${host}:${port}`;
      const { copy, arranged } = await arrangeOn((doc) => doc.setIn([...SERVER, 'baseUrl'], baseUrl));
      const error = await unreachable(() => arranged.send({ caller: { kind: 'anonymous' } }));
      assert.equal(error.host, host);
      assert.equal(error.port, port);
      assert.match(error.code, code);
      assert.equal(error.declaredAt, where(copy, `baseUrl: ${baseUrl}`, 'sites[0].zosConnect.servers[0].baseUrl'));
      assert.match(error.message, /^cannot reach z\/OS Connect server ZCQA1 at /);
    });
  }
});

describe('checkTcpStage', () => {
  const service = {
    name: 'IPICX',
    host: 'h',
    port: 1,
    ssl: 'NO' as const,
    atTls: false,
    status: 'OPEN' as const,
    autoinstall: false,
  };
  const loaded = { file: 'site.yaml', inventory: { sites: [] } } as unknown as Parameters<typeof checkTcpStage>[2];
  const stoppedAtTcp = (...codes: (string | undefined)[]): BindProbeResult => ({
    stage: 'tcp',
    detail: 'refused',
    attempts: codes.map((code) => ({
      version: 'TLSv1.3',
      attempt: { outcome: 'tcp refused', detail: 'refused', code },
      ms: 1,
    })),
  });

  test('leaves a reset, an unknown failure, or a probe that got past TCP as an observation', () => {
    for (const probe of [
      stoppedAtTcp('ECONNRESET'),
      stoppedAtTcp(undefined),
      stoppedAtTcp('ECONNREFUSED', 'ECONNRESET'),
    ])
      assert.doesNotThrow(() => checkTcpStage(probe, service, loaded));
    assert.doesNotThrow(() => checkTcpStage({ stage: 'tls', detail: 'x', attempts: [] }, service, loaded));
  });

  test('names the inventory file alone when the service is not found in it', () => {
    assert.throws(
      () => checkTcpStage(stoppedAtTcp('EHOSTUNREACH', 'EHOSTUNREACH'), service, loaded),
      (error: UnreachableEndpointError) =>
        error.declaredAt === 'site.yaml' && /no route to the host/.test(error.message),
    );
  });
});
