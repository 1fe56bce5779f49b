/**
 * node-forge builds the certificates (it writes any X.509 field we need), node's own crypto does the slow
 * parts: RSA key generation (OpenSSL, on libuv's thread pool) and the signature over forge's
 * to-be-signed DER. Forge's pure-JavaScript signing costs about 24 ms a certificate; crypto.sign about
 * 0.4 ms (bench/pki-generate.ts measures both).
 */
import { createPrivateKey, generateKeyPair, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** Parts of forge that its type definitions leave out. */
const internals = forge as unknown as {
  util: { isNodejs?: unknown };
  options: { usePureJavaScript?: boolean };
  pki: { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };
};

export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Native RSA key generation, off the main thread. */
export function generateRsaKeyPair(bits = 2048): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: bits,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (error, publicKeyPem, privateKeyPem) => (error ? reject(error) : resolve({ privateKeyPem, publicKeyPem })),
    );
  });
}

/**
 * Whether forge.pki.rsa.generateKeyPair would take node's native path (it does when forge runs under
 * node, usePureJavaScript is off, and crypto.generateKeyPairSync exists), rather than its own JavaScript
 * prime search, which takes seconds for a 2048-bit key.
 */
export function forgeUsesNativeKeyGeneration(): boolean {
  return (
    Boolean(internals.util.isNodejs) &&
    internals.options.usePureJavaScript !== true &&
    typeof generateKeyPairSync === 'function'
  );
}

/** Signs a forge certificate with SHA-256/RSA through node's crypto instead of forge's BigInteger code. */
export function signWithNodeCrypto(certificate: forge.pki.Certificate, issuerKey: KeyObject | string): void {
  const key = typeof issuerKey === 'string' ? createPrivateKey(issuerKey) : issuerKey;
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  certificate.signatureOid = oid;
  certificate.siginfo.algorithmOid = oid;
  const tbs = forge.asn1.toDer(internals.pki.getTBSCertificate(certificate)).getBytes();
  const signature = sign('sha256', Buffer.from(tbs, 'binary'), key);
  certificate.signature = signature.toString('binary');
}
