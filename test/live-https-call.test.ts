/**
 * The request channel's reading of a failed HTTPS call. A z/OS Connect that demands a client certificate
 * refuses a caller without one with a TLS alert (TLS 1.3: certificate required; TLS 1.2: handshake
 * failure, which node reports as EPROTO): that is a refusal by z/OS Connect, not a server the harness
 * cannot trust and not an unreachable server. Checked over real loopback sockets under both versions.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TestPki } from '../src/pki';
import { callHttps, classifyRequestError } from '../src/targets/live/https-call';

describe('HTTPS request errors', () => {
  it('sorts alerts, server-trust codes and network errors apart', () => {
    assert.equal(classifyRequestError('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', false), 'tls refused');
    assert.equal(classifyRequestError('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', true), 'tls refused');
    assert.equal(classifyRequestError('EPROTO', false), 'tls refused');
    assert.equal(classifyRequestError('CERT_HAS_EXPIRED', false), 'server not trusted');
    assert.equal(classifyRequestError('DEPTH_ZERO_SELF_SIGNED_CERT', false), 'server not trusted');
    assert.equal(classifyRequestError('ERR_TLS_CERT_ALTNAME_INVALID', false), 'server not trusted');
    assert.equal(classifyRequestError('ECONNRESET', true), 'tls refused');
    assert.equal(classifyRequestError('ECONNRESET', false), 'unreachable');
    assert.equal(classifyRequestError('ECONNREFUSED', false), 'unreachable');
  });

  describe('against a loopback server that demands a client certificate', () => {
    let pki: TestPki;
    const servers: https.Server[] = [];
    before(async () => {
      pki = await TestPki.open();
    });
    after(() => {
      for (const s of servers) s.close();
    });

    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      it(`${version}: a caller without a certificate is refused at the TLS stage, one with a valid one gets in`, async () => {
        const certificate = pki.serverCertificate('zosconnect.https.test');
        const server = https.createServer(
          {
            cert: certificate.certificatePem,
            key: certificate.privateKeyPem,
            ca: [pki.trustedCa.certificatePem],
            requestCert: true,
            rejectUnauthorized: true,
            maxVersion: version,
          },
          (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
        );
        server.on('tlsClientError', () => {});
        servers.push(server);
        server.listen(0, '127.0.0.1');
        await once(server, 'listening');
        const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/whoami`);
        const call = {
          url,
          method: 'GET' as const,
          headers: {},
          trustedCasPem: [pki.trustedCa.certificatePem],
          verifyServerCertificate: true,
          timeoutMs: 3000,
        };
        const refused = await callHttps(call);
        assert.equal(refused.kind, 'tls refused', JSON.stringify(refused));
        const client = pki.clientCertificate('valid', 'HTTPSCLI');
        const accepted = await callHttps({ ...call, clientCertificate: client });
        assert.equal(accepted.kind, 'response', JSON.stringify(accepted));
        const untrusting = await callHttps({
          ...call,
          clientCertificate: client,
          trustedCasPem: [pki.otherCa.certificatePem],
        });
        assert.equal(untrusting.kind, 'server not trusted', JSON.stringify(untrusting));
      });
    }
  });
});
