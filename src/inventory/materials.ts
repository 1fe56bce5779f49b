/**
 * The files and secrets an inventory points at, read once at load time so that a missing file or variable
 * is a harness error before any scenario runs. Secret values stay inside SecretStore: it never serialises
 * them, and nothing here prints them.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InventoryCertificate, SecretSource } from './schema';

/** Holds secret values by the inventory object that declared them. JSON.stringify shows no value. */
export class SecretStore {
  private readonly values = new WeakMap<object, string>();
  private readonly every = new Set<string>();

  set(owner: object, value: string): void {
    this.values.set(owner, value);
    this.every.add(value);
  }

  /** Every secret value read, for the masker: it must know each one to mask it in every encoding. */
  all(): string[] {
    return [...this.every].sort();
  }

  get(owner: object): string | undefined {
    return this.values.get(owner);
  }

  toJSON(): string {
    return '<secrets withheld>';
  }
}

/** A certificate as its file says it is (names as the model writes them: "CN=X,O=Y"). */
export interface CertificateFacts {
  certificatePem: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  extendedKeyUsage: string[];
  fingerprint256: string;
}

const EKU_NAMES: Record<string, string> = { '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth' };

export function dnOf(x509Name: string): string {
  return x509Name.split('\n').filter(Boolean).join(',');
}

export function certificateFacts(pem: string): CertificateFacts {
  const x509 = new X509Certificate(pem);
  return {
    certificatePem: pem,
    subject: dnOf(x509.subject),
    issuer: dnOf(x509.issuer),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    extendedKeyUsage: (x509.keyUsage ?? []).map((oid) => EKU_NAMES[oid] ?? oid),
    fingerprint256: x509.fingerprint256,
  };
}

/** What a certificate's own fields say about the states the inventory may declare; undefined if consistent. */
export function stateContradiction(
  declared: InventoryCertificate['state'],
  facts: CertificateFacts,
  now: Date,
): string | undefined {
  const t = now.getTime();
  const inDate = Date.parse(facts.notBefore) <= t && t <= Date.parse(facts.notAfter);
  const selfSigned = facts.subject === facts.issuer;
  const clientUse = facts.extendedKeyUsage.length === 0 || facts.extendedKeyUsage.includes('clientAuth');
  const actual = [
    !inDate && t > Date.parse(facts.notAfter) ? 'expired' : undefined,
    !inDate && t < Date.parse(facts.notBefore) ? 'not yet valid' : undefined,
    selfSigned ? 'self-signed' : undefined,
    clientUse ? undefined : 'without client-auth key usage',
  ].filter(Boolean);
  const describe = () => (actual.length ? actual.join(', ') : 'in date, CA-issued, fit for client authentication');
  switch (declared) {
    case 'valid':
    case 'issued by an untrusted CA':
      return inDate && !selfSigned && clientUse ? undefined : describe();
    case 'expired':
      return t > Date.parse(facts.notAfter) ? undefined : describe();
    case 'not yet valid':
      return t < Date.parse(facts.notBefore) ? undefined : describe();
    case 'self-signed':
      return selfSigned && inDate ? undefined : describe();
    case 'without client-auth key usage':
      return !clientUse && inDate ? undefined : describe();
    case 'with no extended key usage':
      return inDate && !selfSigned && facts.extendedKeyUsage.length === 0
        ? undefined
        : `${describe()}${facts.extendedKeyUsage.length ? `, extended key usage ${facts.extendedKeyUsage.join(', ')}` : ''}`;
  }
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** One or more PEM certificates from a bundle; throws if there is none. */
export function readPemBundle(file: string): string[] {
  const text = readText(file);
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate in the file');
  for (const block of blocks) new X509Certificate(block);
  return blocks.map((b) => b + '\n');
}

export function readPrivateKey(file: string): { pem: string; key: KeyObject } {
  const pem = readText(file);
  return { pem, key: createPrivateKey(pem) };
}

/** A secret's value, or a sentence saying why it cannot be had (never the value). */
export function readSecret(
  source: SecretSource,
  env: NodeJS.ProcessEnv,
  resolvePath: (p: string) => string,
  read: (file: string) => string = readText,
): { value: string } | { problem: string } {
  if ('env' in source) {
    const value = env[source.env];
    return value ? { value } : { problem: `the environment variable ${source.env} to be set and not empty` };
  }
  const file = resolvePath(source.file);
  try {
    const value = read(file).replace(/\r?\n$/, '');
    return value ? { value } : { problem: `a non-empty secret file (${file} is empty)` };
  } catch (error) {
    return { problem: `a readable secret file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}: ${file})` };
  }
}
