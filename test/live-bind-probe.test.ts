/**
 * The bind probe against real loopback servers: it tells a closed port from a refused handshake from an
 * accepted one, over TLS 1.2 and 1.3, including TLS 1.3's late rejection of a client certificate, and
 * every network step gives up within its configured time. Servers nobody here wrote: live-bind-servers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestPki, type IssuedCertificate } from '../src/pki';
import {
  closedPort,
  startBlackhole,
  startSilentServer,
  startTlsServer,
  type ProbeTarget,
} from '../src/sandbox/probe-targets';
import { bindProbe, type ProbeTimeouts, type TlsVersion } from '../src/targets/live/bind-probe';

const timeouts: ProbeTimeouts = { connectMs: 1500, handshakeMs: 1500, settleMs: 80 };
const host = '127.0.0.1';

describe('bind probe', () => {
  let pki: TestPki;
  let demanding: ProbeTarget;
  let permissive: ProbeTarget;
  let valid: IssuedCertificate;
  const stop: (() => Promise<void>)[] = [];

  before(async () => {
    pki = await TestPki.open();
    const server = pki.serverCertificate();
    demanding = await startTlsServer({
      certificate: server,
      demandClientCertificateFrom: [pki.trustedCa.certificatePem],
    });
    permissive = await startTlsServer({ certificate: server });
    valid = pki.clientCertificate('valid', 'ZCONSRV');
    stop.push(demanding.close, permissive.close);
  });
  after(async () => {
    await Promise.all(stop.map((s) => s()));
  });

  const probe = (port: number, cert: IssuedCertificate | undefined, versions: TlsVersion[] = ['TLSv1.2', 'TLSv1.3']) =>
    bindProbe(
      { host, port },
      {
        tls: {
          certificatePem: cert?.certificatePem,
          privateKeyPem: cert?.privateKeyPem,
          trustedCasPem: [pki.trustedCa.certificatePem],
        },
        versions,
        timeouts,
      },
    );

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`${version}: a server demanding client certificates accepts a valid one`, async () => {
      const result = await probe(demanding.port, valid, [version]);
      assert.equal(result.stage, 'passed', result.detail);
    });

    it(`${version}: no client certificate is "certificate required"`, async () => {
      const result = await probe(demanding.port, undefined, [version]);
      assert.equal(result.stage, 'tls');
      const attempt = result.attempts[0]?.attempt;
      assert.equal(attempt?.outcome, 'tls refused');
      if (attempt?.outcome === 'tls refused') assert.equal(attempt.reason, 'certificate required');
    });

    for (const kind of ['expired', 'not yet valid', 'self-signed', 'other CA', 'wrong extended key usage'] as const) {
      it(`${version}: a ${kind} client certificate is refused at the TLS stage`, async () => {
        const result = await probe(demanding.port, pki.clientCertificate(kind, 'ZCONSRV'), [version]);
        assert.equal(result.stage, 'tls', result.detail);
      });
    }

    it(`${version}: a server that does not demand certificates accepts a partner without one`, async () => {
      const result = await probe(permissive.port, undefined, [version]);
      assert.equal(result.stage, 'passed');
    });
  }

  it('TLS 1.3 shows a rejected certificate only after secureConnect: the close without a session ticket is a refusal', async () => {
    const result = await probe(demanding.port, pki.clientCertificate('expired', 'ZCONSRV'), ['TLSv1.3']);
    const attempt = result.attempts[0]?.attempt;
    assert.equal(attempt?.outcome, 'tls refused');
    if (attempt?.outcome === 'tls refused')
      assert.ok(attempt.serverSpokeTls, 'the handshake completed before the refusal');
    // node's server refuses after its side of the handshake, by closing before it sends a session ticket: the
    // probe waits for the ticket or the close, so no timer decides (test/live-bind-loaded.test.ts loads the CPU).
  });

  it('a settle time longer than the handshake timeout does not turn an accepted handshake into a timeout', async () => {
    const result = await bindProbe(
      { host, port: demanding.port },
      { tls: pemOf(valid), versions: ['TLSv1.3'], timeouts: { connectMs: 1500, handshakeMs: 150, settleMs: 400 } },
    );
    assert.equal(result.stage, 'passed', result.detail);
  });

  it('a closed port is refused at the TCP stage', async () => {
    const result = await probe(await closedPort(), valid);
    assert.equal(result.stage, 'tcp');
    assert.match(result.detail, /ECONNREFUSED/);
  });

  it('a CICS server certificate the trust store lacks is refused at the TLS stage', async () => {
    const result = await bindProbe(
      { host, port: permissive.port },
      { tls: { trustedCasPem: [pki.otherCa.certificatePem] }, versions: ['TLSv1.3'], timeouts },
    );
    assert.equal(result.stage, 'tls');
    assert.match(result.detail, /server certificate not trusted/);
  });

  it('without TLS, a port that answers a ClientHello is refused at the TLS stage; a plain one passes', async () => {
    assert.equal(
      (await bindProbe({ host, port: demanding.port }, { tls: 'none', versions: ['TLSv1.3'], timeouts })).stage,
      'tls',
    );
    const plain = await startSilentServer();
    stop.push(plain.close);
    const result = await bindProbe(
      { host, port: plain.port },
      { tls: 'none', versions: ['TLSv1.3'], timeouts: { ...timeouts, handshakeMs: 300 } },
    );
    assert.equal(result.stage, 'passed', result.detail);
  });

  it('a server that accepts TCP and then stays silent fails the handshake within handshakeMs', async () => {
    const silent = await startSilentServer();
    stop.push(silent.close);
    const started = Date.now();
    const result = await bindProbe(
      { host, port: silent.port },
      { tls: {}, versions: ['TLSv1.3'], timeouts: { ...timeouts, handshakeMs: 400 } },
    );
    assert.equal(result.stage, 'tls');
    assert.match(result.detail, /timeout|no TLS handshake/);
    assert.ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
  });

  it('a blackholed port fails the TCP stage within connectMs', async () => {
    const blackhole = await startBlackhole();
    stop.push(blackhole.close);
    const started = Date.now();
    const result = await bindProbe(
      { host, port: blackhole.port },
      { tls: {}, versions: ['TLSv1.2', 'TLSv1.3'], timeouts: { ...timeouts, connectMs: 400 } },
    );
    assert.equal(result.stage, 'tcp');
    assert.match(result.detail, /no TCP connection within 400 ms/);
    assert.ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
  });
});

function pemOf(cert: IssuedCertificate) {
  return { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem, trustedCasPem: undefined };
}
