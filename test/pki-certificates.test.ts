/**
 * The test PKI issues what it says: each client-certificate case has the dates, issuer and key usage the
 * features rely on, signatures made with node's crypto verify, forge generates keys through node's native
 * code, and the cache returns the same certificates with owner-only files.
 */
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import forge from 'node-forge';
import { OTHER_CA_DN, TRUSTED_CA_DN, TestPki, forgeUsesNativeKeyGeneration, issueCertificate } from '../src/pki';
import { certificateFacts } from '../src/inventory/materials';

describe('test PKI', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'pki-test-'));
  let pki: TestPki;
  const now = new Date();
  const caKey = () => new crypto.X509Certificate(pki.trustedCa.certificatePem).publicKey;

  before(async () => {
    pki = await TestPki.open({ cacheDir, leafKeyPoolSize: 2 });
  });
  after(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('issues a valid client certificate from the trusted CA, in date, for client authentication', () => {
    const cert = new crypto.X509Certificate(pki.clientCertificate('valid', 'ALICE', now).certificatePem);
    const facts = certificateFacts(cert.toString());
    assert.equal(facts.subject, 'CN=ALICE,O=Conformance');
    assert.equal(facts.issuer, TRUSTED_CA_DN);
    assert.ok(Date.parse(facts.notBefore) < now.getTime() && now.getTime() < Date.parse(facts.notAfter));
    assert.deepEqual(facts.extendedKeyUsage, ['clientAuth']);
    assert.ok(cert.verify(caKey()), 'signed by the trusted CA');
    assert.ok(cert.checkIssued(new crypto.X509Certificate(pki.trustedCa.certificatePem)));
  });

  it('issues each refusal case as the features name it', () => {
    const facts = (kind: Parameters<TestPki['clientCertificate']>[0]) =>
      certificateFacts(pki.clientCertificate(kind, 'ALICE', now).certificatePem);
    assert.ok(Date.parse(facts('expired').notAfter) < now.getTime(), 'expired');
    assert.ok(Date.parse(facts('not yet valid').notBefore) > now.getTime(), 'not yet valid');
    assert.equal(facts('self-signed').issuer, facts('self-signed').subject, 'self-signed');
    assert.equal(facts('other CA').issuer, OTHER_CA_DN, 'from another CA');
    assert.deepEqual(facts('wrong extended key usage').extendedKeyUsage, ['serverAuth'], 'server-only key usage');
    const selfSigned = new crypto.X509Certificate(pki.clientCertificate('self-signed', 'ALICE', now).certificatePem);
    assert.ok(selfSigned.verify(selfSigned.publicKey), 'signed by its own key');
    assert.ok(!selfSigned.verify(caKey()), 'not by the CA');
    const other = new crypto.X509Certificate(pki.clientCertificate('other CA', 'ALICE', now).certificatePem);
    assert.ok(other.verify(new crypto.X509Certificate(pki.otherCa.certificatePem).publicKey) && !other.verify(caKey()));
  });

  it("signs forge's TBS certificate with node's crypto, verifiable by forge itself", () => {
    const ca = forge.pki.certificateFromPem(pki.trustedCa.certificatePem);
    const leaf = forge.pki.certificateFromPem(pki.clientCertificate('valid', 'BOB', now).certificatePem);
    assert.ok(ca.verify(leaf));
    assert.equal(leaf.signatureOid, forge.pki.oids.sha256WithRSAEncryption);
  });

  it('server certificates name the loopback address', () => {
    const cert = new crypto.X509Certificate(pki.serverCertificate('cics.test').certificatePem);
    assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
  });

  it("forge's key generation takes node's native path", () => {
    assert.ok(forgeUsesNativeKeyGeneration());
    // The module object itself (an `import * as` namespace would be a copy forge never sees).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the live module object, on purpose
    const cryptoModule = require('node:crypto') as typeof crypto;
    const native = cryptoModule.generateKeyPairSync;
    let calls = 0;
    const spy = ((...args: Parameters<typeof native>) => {
      calls++;
      return native(...args);
    }) as typeof native;
    Object.defineProperty(cryptoModule, 'generateKeyPairSync', { value: spy, configurable: true, writable: true });
    try {
      const pair = forge.pki.rsa.generateKeyPair({ bits: 1024 });
      assert.equal(calls, 1, 'forge called crypto.generateKeyPairSync');
      assert.ok(crypto.createPrivateKey(forge.pki.privateKeyToPem(pair.privateKey)).asymmetricKeyType === 'rsa');
    } finally {
      Object.defineProperty(cryptoModule, 'generateKeyPairSync', { value: native, configurable: true, writable: true });
    }
  });

  it('caches certificates and keys in owner-only files, and reissues nothing it has', async () => {
    const first = pki.clientCertificate('expired', 'CAROL', now);
    const again = (await TestPki.open({ cacheDir, leafKeyPoolSize: 2 })).clientCertificate('expired', 'CAROL', now);
    assert.equal(again.certificatePem, first.certificatePem);
    for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.json'))) {
      assert.equal(statSync(path.join(cacheDir, name)).mode & 0o077, 0, `${name} is owner-only`);
    }
  });

  it('issues any spec directly, and a certificate for one key carries that key', () => {
    const key = crypto.generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const issued = issueCertificate(
      {
        subject: 'CN=DIRECT,O=Conformance',
        notBefore: '2020-01-01T00:00:00Z',
        notAfter: '2040-01-01T00:00:00Z',
        extendedKeyUsage: [],
      },
      { privateKeyPem: key.privateKey, publicKeyPem: key.publicKey },
      pki.trustedCa,
    );
    const cert = new crypto.X509Certificate(issued.certificatePem);
    assert.ok(cert.checkPrivateKey(crypto.createPrivateKey(key.privateKey)));
    assert.equal(cert.keyUsage, undefined, 'no extended key usage: unrestricted');
  });
});
