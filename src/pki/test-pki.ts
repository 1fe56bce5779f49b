/**
 * The test PKI: a trusted CA (the one CICS's key ring and z/OS Connect's trust stores hold), a second CA
 * nobody trusts, server certificates for the sandbox listeners, and client certificates for every case
 * the features name. Everything is cached under .cache/pki (gitignored) and never printed.
 *
 * Key generation is the slow part (~200 ms per 2048-bit RSA key), so certificates draw their keys from a
 * small pool: the CAs have keys of their own, leaves share a pool keyed by subject. Sharing leaf keys is
 * harmless for a test PKI: trust is decided by names and signatures, never by which key a leaf holds.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { issueCertificate, type CertificateSpec, type IssuedCertificate, type Issuer } from './certificates';
import { generateRsaKeyPair, type RsaKeyPair } from './forge-native';

export const TRUSTED_CA_DN = 'CN=IPIC Test CA,O=Conformance';
export const OTHER_CA_DN = 'CN=Unknown CA,O=Elsewhere';
/** Wide, fixed windows for CAs and servers, so their certificates (and every leaf's cache key) stay stable. */
const LONG_LIVED = { notBefore: '2020-01-01T00:00:00Z', notAfter: '2045-01-01T00:00:00Z' };

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_PKI_CACHE = path.join(REPO_ROOT, '.cache', 'pki');

export type ClientCertificateCase =
  | 'valid'
  | 'expired'
  | 'not yet valid'
  | 'self-signed'
  | 'other CA'
  | 'wrong extended key usage'
  | 'no extended key usage';

export interface TestPkiOptions {
  cacheDir?: string;
  leafKeyPoolSize?: number;
}

export class TestPki {
  private constructor(
    private readonly cacheDir: string,
    private readonly caKeys: { trusted: RsaKeyPair; other: RsaKeyPair },
    private readonly leafKeys: RsaKeyPair[],
    readonly trustedCa: IssuedCertificate,
    readonly otherCa: IssuedCertificate,
  ) {}

  private readonly namedCas = new Map<string, Promise<IssuedCertificate>>();

  static async open(options: TestPkiOptions = {}): Promise<TestPki> {
    const cacheDir = options.cacheDir ?? DEFAULT_PKI_CACHE;
    mkdirSync(path.join(cacheDir, 'keys'), { recursive: true, mode: 0o700 });
    const names = [
      'ca-trusted',
      'ca-other',
      ...Array.from({ length: options.leafKeyPoolSize ?? 4 }, (_, i) => `leaf-${i}`),
    ];
    const keys = await Promise.all(names.map((name) => cachedKey(cacheDir, name)));
    const [trusted, other, ...leaves] = keys as [RsaKeyPair, RsaKeyPair, ...RsaKeyPair[]];
    const caSpec = (subject: string): CertificateSpec => ({ subject, ...LONG_LIVED, extendedKeyUsage: [], isCa: true });
    const trustedCa = cachedIssue(cacheDir, caSpec(TRUSTED_CA_DN), trusted, 'self');
    const otherCa = cachedIssue(cacheDir, caSpec(OTHER_CA_DN), other, 'self');
    return new TestPki(cacheDir, { trusted, other }, leaves, trustedCa, otherCa);
  }

  /**
   * Issues (or takes from the cache) a leaf certificate signed by the given CA (one of the two, or one
   * from namedCa), or self-signed.
   */
  issue(spec: CertificateSpec, issuer: 'trusted CA' | 'other CA' | 'self' | IssuedCertificate): IssuedCertificate {
    const by: Issuer =
      issuer === 'self'
        ? 'self'
        : issuer === 'trusted CA'
          ? this.trustedCa
          : issuer === 'other CA'
            ? this.otherCa
            : issuer;
    return cachedIssue(this.cacheDir, spec, this.leafKeyFor(spec.subject), by);
  }

  /**
   * A CA with the distinguished name a site's definitions give (its key ring's CA, the issuer of its client
   * certificates), so that a sandbox for those definitions issues certificates under the names they use.
   * Its key is its own, generated once and cached like the other CAs'.
   */
  async namedCa(subject: string): Promise<IssuedCertificate> {
    if (subject === TRUSTED_CA_DN) return this.trustedCa;
    if (subject === OTHER_CA_DN) return this.otherCa;
    // Once per instance: a concurrent process may replace the cached key meanwhile, and a key ring and the
    // certificates it must verify have to come from the same CA.
    let ca = this.namedCas.get(subject);
    if (!ca) {
      const name = `ca-${createHash('sha256').update(subject).digest('hex').slice(0, 16)}`;
      ca = cachedKey(this.cacheDir, name).then((key) =>
        cachedIssue(this.cacheDir, { subject, ...LONG_LIVED, extendedKeyUsage: [], isCa: true }, key, 'self'),
      );
      this.namedCas.set(subject, ca);
    }
    return ca;
  }

  /** A TLS server certificate for the loopback listeners, from the trusted CA. */
  serverCertificate(commonName = 'sandbox.ipic.test'): IssuedCertificate {
    const spec: CertificateSpec = {
      subject: `CN=${commonName},O=Conformance`,
      ...LONG_LIVED,
      extendedKeyUsage: ['serverAuth'],
      altNames: { ip: ['127.0.0.1'], dns: ['localhost', commonName] },
    };
    return this.issue(spec, 'trusted CA');
  }

  /** One client certificate of each kind the features name, relative to `now`. */
  clientCertificate(kind: ClientCertificateCase, commonName: string, now = new Date()): IssuedCertificate {
    const day = 86_400_000;
    const at = (days: number) => new Date(Math.floor(now.getTime() / day) * day + days * day).toISOString();
    const spec: CertificateSpec = {
      subject: `CN=${commonName},O=Conformance`,
      notBefore: at(-30),
      notAfter: at(365),
      extendedKeyUsage: ['clientAuth'],
    };
    switch (kind) {
      case 'valid':
        return this.issue(spec, 'trusted CA');
      case 'expired':
        return this.issue({ ...spec, notBefore: at(-400), notAfter: at(-35) }, 'trusted CA');
      case 'not yet valid':
        return this.issue({ ...spec, notBefore: at(30), notAfter: at(400) }, 'trusted CA');
      case 'self-signed':
        return this.issue(spec, 'self');
      case 'other CA':
        return this.issue(spec, 'other CA');
      case 'wrong extended key usage':
        return this.issue({ ...spec, extendedKeyUsage: ['serverAuth'] }, 'trusted CA');
      case 'no extended key usage':
        return this.issue({ ...spec, extendedKeyUsage: [] }, 'trusted CA');
    }
  }

  private leafKeyFor(subject: string): RsaKeyPair {
    const index = createHash('sha256').update(subject).digest().readUInt32BE(0) % this.leafKeys.length;
    return this.leafKeys[index] as RsaKeyPair;
  }

  /** The CA keys are not exposed: only certificates leave this class with their own leaf key. */
  get caCount(): number {
    return Object.keys(this.caKeys).length;
  }
}

async function cachedKey(cacheDir: string, name: string): Promise<RsaKeyPair> {
  const file = path.join(cacheDir, 'keys', `${name}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RsaKeyPair;
  const pair = await generateRsaKeyPair(2048);
  writeSecretFile(file, JSON.stringify(pair));
  return pair;
}

function cachedIssue(cacheDir: string, spec: CertificateSpec, key: RsaKeyPair, issuer: Issuer): IssuedCertificate {
  const id = createHash('sha256')
    .update(JSON.stringify(spec))
    .update(key.publicKeyPem)
    .update(issuer === 'self' ? 'self' : issuer.certificatePem)
    .digest('hex')
    .slice(0, 32);
  const file = path.join(cacheDir, `${id}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IssuedCertificate;
  const issued = issueCertificate(spec, key, issuer);
  writeSecretFile(file, JSON.stringify(issued));
  return issued;
}

/** A file under `dir` (folders made as needed), owner-only when it holds a secret; returns its full path. */
export function writeFileUnder(dir: string, relative: string, content: string, secret = false): string {
  const full = path.join(dir, relative);
  if (secret) writeSecretFile(full, content);
  else {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return full;
}

/** Files holding private keys or secrets: owner-only. */
export function writeSecretFile(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write, then rename: a concurrent reader (tests run in parallel) never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, content, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}
