/**
 * X.509 certificates for the test PKI, described by a spec: subject and issuer names, validity window,
 * extended key usage, whether it is a CA, and subject alternative names for servers. Issuing is pure
 * given the keys; caching lives in cache.ts.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { signWithNodeCrypto } from './forge-native';

export type ExtendedKeyUsage = 'clientAuth' | 'serverAuth';

export interface CertificateSpec {
  /** Distinguished name as the model writes it: "CN=ZCONSRV-zcon1,O=Conformance". */
  subject: string;
  notBefore: string;
  notAfter: string;
  /** Empty: no extendedKeyUsage extension (unrestricted). */
  extendedKeyUsage: ExtendedKeyUsage[];
  isCa?: boolean;
  /** For server certificates: IP addresses and DNS names. */
  altNames?: { ip?: string[]; dns?: string[] };
}

/** An issued certificate with its private key, both PEM. The key is a secret: never log or attach it. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** The issuer of a certificate: a CA certificate and its key, or the certificate itself ("self"). */
export type Issuer = IssuedCertificate | 'self';

export function parseDn(dn: string): forge.pki.CertificateField[] {
  return dn.split(',').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 1) throw new Error(`not a distinguished name: ${dn}`);
    return { shortName: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
  });
}

/** A positive serial number derived from the spec, so re-issuing the same spec gives the same serial. */
function serialOf(spec: CertificateSpec, issuerPem: string): string {
  return '01' + createHash('sha256').update(JSON.stringify(spec)).update(issuerPem).digest('hex').slice(0, 30);
}

export function issueCertificate(
  spec: CertificateSpec,
  subjectKey: { privateKeyPem: string; publicKeyPem: string },
  issuer: Issuer,
): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subjectKey.publicKeyPem);
  cert.validity.notBefore = new Date(spec.notBefore);
  cert.validity.notAfter = new Date(spec.notAfter);
  cert.setSubject(parseDn(spec.subject));
  const issuerCert = issuer === 'self' ? undefined : forge.pki.certificateFromPem(issuer.certificatePem);
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : parseDn(spec.subject));
  cert.serialNumber = serialOf(spec, issuer === 'self' ? '' : issuer.certificatePem);
  cert.setExtensions(extensionsFor(spec));
  const signingKey = issuer === 'self' ? subjectKey.privateKeyPem : issuer.privateKeyPem;
  signWithNodeCrypto(cert, createPrivateKey(signingKey));
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: subjectKey.privateKeyPem };
}

function extensionsFor(spec: CertificateSpec): object[] {
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.isCa === true, critical: true }];
  if (spec.isCa) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
  }
  if (spec.extendedKeyUsage.length > 0) {
    const usage: Record<string, boolean> = {};
    for (const u of spec.extendedKeyUsage) usage[u] = true;
    extensions.push({ name: 'extKeyUsage', ...usage });
  }
  const altNames = [
    ...(spec.altNames?.dns ?? []).map((value) => ({ type: 2, value })),
    ...(spec.altNames?.ip ?? []).map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  extensions.push({ name: 'subjectKeyIdentifier' });
  return extensions;
}
