/**
 * The bind probe against TLS servers nobody here wrote, and one written to check nothing: OpenSSL's
 * s_server in its client-authentication modes (TLS 1.2 and 1.3, with and without session tickets), and a
 * node server that accepts every handshake and closes right after it. The probe must tell "refused in the
 * handshake" from "accepted, then closed" from "accepted", and say when it had no session ticket to go by.
 *
 * The s_server tests need /usr/bin/openssl (Debian package openssl); without it they are skipped, saying so.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { TestPki, type IssuedCertificate } from '../src/pki';
import { bindProbe, verdictOf, type BindProbeResult, type TlsVersion } from '../src/targets/live/bind-probe';

const host = '127.0.0.1';
const timeouts = { connectMs: 2000, handshakeMs: 3000, settleMs: 100, verdictWaitMs: 600 };
const OPENSSL = '/usr/bin/openssl';
const opensslMissing =
  spawnSync(OPENSSL, ['version']).status === 0 ? false : `${OPENSSL} is not installed (Debian package openssl)`;

let pki: TestPki;
let valid: IssuedCertificate;
let expired: IssuedCertificate;
before(async () => {
  pki = await TestPki.open();
  valid = pki.clientCertificate('valid', 'ZCONSRV');
  expired = pki.clientCertificate('expired', 'ZCONSRV');
});

function probe(port: number, cert: IssuedCertificate | undefined, version: TlsVersion): Promise<BindProbeResult> {
  return bindProbe(
    { host, port },
    {
      tls: { certificatePem: cert?.certificatePem, privateKeyPem: cert?.privateKeyPem },
      versions: [version],
      timeouts,
    },
  );
}

function only(result: BindProbeResult) {
  const attempt = result.attempts[0]?.attempt;
  assert.ok(attempt, 'one attempt');
  return attempt;
}

describe('a TLS server that accepts every handshake and closes right after it', () => {
  let closer: { port: number; close(): Promise<void> };
  before(async () => {
    closer = await startAcceptThenClose(pki.serverCertificate());
  });
  after(() => closer.close());

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    for (const [name, cert] of [
      ['a valid certificate', () => valid],
      ['no certificate', () => undefined],
    ] as const) {
      it(`${version}, ${name}: "accepted, then closed", which is TLS acceptance`, async () => {
        const result = await probe(closer.port, cert(), version);
        const attempt = only(result);
        assert.equal(verdictOf(attempt), 'accepted, then closed', attempt.detail);
        assert.equal(result.stage, 'passed');
        assert.doesNotMatch(result.detail, /rejected|did not accept/);
        assert.match(result.detail, /then closed the connection/);
      });
    }
  }
});

describe('openssl s_server', { skip: opensslMissing }, () => {
  const files = { dir: '', cert: '', key: '', ca: '' };
  before(() => {
    files.dir = mkdtempSync(path.join(tmpdir(), 'bind-s-server-'));
    const server = pki.serverCertificate();
    files.cert = write(files.dir, 'server.pem', server.certificatePem);
    files.key = write(files.dir, 'server.key.pem', server.privateKeyPem);
    files.ca = write(files.dir, 'ca.pem', pki.trustedCa.certificatePem);
  });
  after(() => rmSync(files.dir, { recursive: true, force: true }));

  type Expect = 'accepted' | 'refused in the handshake';
  const modes: { args: string[]; expect: Record<'valid' | 'expired' | 'none', Expect>; ticketless?: boolean }[] = [
    {
      args: ['-Verify', '1', '-verify_return_error'],
      expect: { valid: 'accepted', expired: 'refused in the handshake', none: 'refused in the handshake' },
    },
    {
      args: ['-verify', '1', '-verify_return_error'],
      expect: { valid: 'accepted', expired: 'refused in the handshake', none: 'accepted' },
    },
    {
      // -no_ticket: TLS 1.3 still sends a (stateful) ticket, so the positive sign is still there.
      args: ['-Verify', '1', '-verify_return_error', '-no_ticket'],
      expect: { valid: 'accepted', expired: 'refused in the handshake', none: 'refused in the handshake' },
    },
    {
      // No tickets at all: TLS 1.3 acceptance can only be inferred from the wait.
      args: ['-Verify', '1', '-verify_return_error', '-num_tickets', '0'],
      expect: { valid: 'accepted', expired: 'refused in the handshake', none: 'refused in the handshake' },
      ticketless: true,
    },
    {
      // Without -verify_return_error s_server notes a bad certificate and carries on: the server accepted it.
      args: ['-Verify', '1'],
      expect: { valid: 'accepted', expired: 'accepted', none: 'refused in the handshake' },
    },
  ];

  for (const mode of modes) {
    describe(`s_server ${mode.args.join(' ')}`, () => {
      let server: { port: number; stop(): void };
      before(async () => {
        server = await startSServer([...mode.args, '-cert', files.cert, '-key', files.key, '-CAfile', files.ca]);
      });
      after(() => server.stop());

      for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
        for (const [name, cert] of [
          ['valid', () => valid],
          ['expired', () => expired],
          ['none', () => undefined],
        ] as const) {
          const expected = mode.expect[name];
          it(`${version}, client certificate ${name}: ${expected}`, async () => {
            const result = await probe(server.port, cert(), version);
            const attempt = only(result);
            assert.equal(verdictOf(attempt), expected, attempt.detail);
            assert.equal(result.stage, expected === 'accepted' ? 'passed' : 'tls');
            if (attempt.outcome !== 'accepted') return;
            const inferred = mode.ticketless === true && version === 'TLSv1.3';
            assert.equal(
              attempt.signal,
              version === 'TLSv1.2' ? 'server Finished' : inferred ? 'no refusal within the wait' : 'session ticket',
            );
            if (inferred) assert.match(attempt.detail, /session tickets turned off/);
          });
        }
      }
    });
  }
});

/**
 * A node TLS server that checks nothing and closes every connection right after its handshake. It closes
 * on the next turn of the event loop: node writes its last handshake flight (TLS 1.2's Finished, TLS 1.3's
 * session tickets) after 'secureConnection', so closing inside that callback would drop the flight and look,
 * on the wire, exactly like a refusal; a TLS library that finishes its handshake before returning to the
 * application sends it.
 */
async function startAcceptThenClose(certificate: IssuedCertificate) {
  const server = tls.createServer({ cert: certificate.certificatePem, key: certificate.privateKeyPem }, (socket) => {
    socket.on('error', () => {});
    setImmediate(() => socket.destroy());
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  server.unref();
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** s_server on an OS-picked loopback port; it serves at most 50 connections and is killed after the tests. */
async function startSServer(args: string[]): Promise<{ port: number; stop(): void }> {
  const child: ChildProcess = spawn(OPENSSL, ['s_server', '-accept', `${host}:0`, '-naccept', '50', ...args], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += String(data);
      const port = /ACCEPT .*:(\d+)/.exec(out)?.[1];
      if (port) resolve(Number(port));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`openssl s_server exited (${code}) before listening`)));
  });
  child.stdout?.resume();
  return { port, stop: () => child.kill() };
}

function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}
