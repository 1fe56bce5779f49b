/**
 * A signed attestation of a run: an in-toto Statement v1 whose predicate is the in-toto test-result
 * predicate v0.1, whose subjects are every file the run published, wrapped in a DSSE envelope signed with
 * Ed25519 or ECDSA P-256 (node:crypto only).
 *
 * References (read for this, not copied):
 * - DSSE protocol 1.0.0, github.com/secure-systems-lab/dsse protocol.md: the signature is over
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN the decimal byte length with no
 *   leading zeros; envelope.md: {payload (base64), payloadType, signatures: [{keyid, sig (base64)}]};
 *   verifiers accept standard and URL-safe base64. test/report-attestation.test.ts checks the PAE as the
 *   protocol restates it, and openssl verifies the signature independently.
 * - in-toto attestation framework, Statement v1 (`_type` https://in-toto.io/Statement/v1, `subject` with
 *   `name` and `digest`, `predicateType`, `predicate`), payloadType application/vnd.in-toto+json.
 * - github.com/in-toto/attestation spec/predicates/test-result.md (v0.1): `result` PASSED|WARNED|FAILED,
 *   `configuration` (ResourceDescriptors), optional `url`, `passedTests`, `warnedTests`, `failedTests`.
 *
 * Signatures: Ed25519 over the PAE bytes; ECDSA P-256 with SHA-256 over the PAE bytes, DER-encoded (what
 * `openssl dgst -verify` and cosign expect). The key id is the SHA-256 of the public key (SPKI DER), a hint
 * only: verification always uses the key the verifier brings.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';
import { sha256 } from './integrity';
import type { Summary } from './summary-schema';

export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
/** The environment variable naming the PEM file of the signing key; unset: no attestation. */
export const SIGNING_KEY_VARIABLE = 'IPIC_SIGNING_KEY';
/** Its passphrase, when the PEM is encrypted (secret-named, so masked everywhere). */
export const SIGNING_KEY_PASSPHRASE_VARIABLE = 'IPIC_SIGNING_KEY_PASSPHRASE';
/** Where the envelope goes, in the reports directory. */
export const ATTESTATION_FILE = 'attestation.dsse.json';

export interface Envelope {
  payloadType: string;
  payload: string;
  signatures: { keyid?: string; sig: string }[];
}

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface ResourceDescriptor {
  name: string;
  digest: { sha256: string };
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof TEST_RESULT_PREDICATE;
  predicate: {
    result: 'PASSED' | 'WARNED' | 'FAILED';
    configuration: ResourceDescriptor[];
    url?: string;
    passedTests: string[];
    warnedTests: string[];
    failedTests: string[];
  };
}

/** DSSE's pre-authentication encoding: what is signed, so the payload type cannot be swapped. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${body.length} `, 'ascii'),
    body,
  ]);
}

export interface SigningKey {
  key: KeyObject;
  algorithm: 'ed25519' | 'ecdsa-p256';
  keyid: string;
}

/**
 * The signing key named by IPIC_SIGNING_KEY, or undefined when it is unset. Checked before any scenario
 * runs; a problem names the variable and the file, never the key.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv): SigningKey | undefined {
  const file = env[SIGNING_KEY_VARIABLE]?.trim();
  if (!file) return undefined;
  // Someone may paste the key itself into the variable: never echo it.
  const shown = file.includes('-----BEGIN') || file.includes('\n') ? '(a PEM value, not a file name)' : file;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessInputError(
      SIGNING_KEY_VARIABLE,
      shown,
      `the path of a readable PEM private key (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  let key: KeyObject;
  try {
    const passphrase = env[SIGNING_KEY_PASSPHRASE_VARIABLE];
    key = createPrivateKey(passphrase ? { key: pem, passphrase } : { key: pem });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new HarnessInputError(
      SIGNING_KEY_VARIABLE,
      shown,
      `a PEM private key (${code}${/PASSPHRASE|DECRYPT|BAD_DECRYPT/i.test(code) ? `; an encrypted key needs ${SIGNING_KEY_PASSPHRASE_VARIABLE}` : ''})`,
    );
  }
  const algorithm =
    key.asymmetricKeyType === 'ed25519'
      ? 'ed25519'
      : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
        ? 'ecdsa-p256'
        : undefined;
  if (!algorithm)
    throw new HarnessInputError(
      SIGNING_KEY_VARIABLE,
      shown,
      `an Ed25519 or ECDSA P-256 private key (it is ${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''})`,
    );
  return { key, algorithm, keyid: keyIdOf(createPublicKey(key)) };
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256(publicKey.export({ type: 'spki', format: 'der' }));
}

function signPae(message: Buffer, key: KeyObject): Buffer {
  return key.asymmetricKeyType === 'ed25519'
    ? sign(null, message, key)
    : sign('sha256', message, { key, dsaEncoding: 'der' });
}

function verifyPae(message: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    return key.asymmetricKeyType === 'ed25519'
      ? verify(null, message, key, signature)
      : verify('sha256', message, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

export function signEnvelope(statement: Statement, signer: SigningKey): Envelope {
  const body = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = signPae(pae(PAYLOAD_TYPE, body), signer.key);
  return {
    payloadType: PAYLOAD_TYPE,
    payload: body.toString('base64'),
    signatures: [{ keyid: signer.keyid, sig: sig.toString('base64') }],
  };
}

/** Every file under each path (a file or a directory), as subjects named relative to `base`, sorted. */
export function subjectsOf(files: readonly { name: string; file: string }[]): Subject[] {
  const out: Subject[] = [];
  const visit = (name: string, file: string) => {
    if (!existsSync(file)) return;
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) visit(`${name}/${entry}`, path.join(file, entry));
      return;
    }
    out.push({ name, digest: { sha256: sha256(readFileSync(file)) } });
  };
  for (const f of files) visit(f.name, f.file);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The statement for a run. Tests are scenarios ("feature:line name"): passed when conformant, warned when
 * waived, failed when nonconformant or a harness error; not-applicable ones are in none of the lists. The
 * result follows the exit code: 0 PASSED (WARNED when something was waived), anything else FAILED.
 */
export function buildStatement(summary: Summary, subjects: Subject[], url?: string): Statement {
  const scenarios = [
    ...new Map(
      [...summary.rules.flatMap((r) => r.scenarios), ...summary.scenariosWithoutRule].map((s) => [
        `${s.feature}:${s.line} ${s.name}`,
        s,
      ]),
    ).entries(),
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const named = (...outcomes: string[]) => scenarios.filter(([, s]) => outcomes.includes(s.outcome)).map(([n]) => n);
  const warned = named('waived');
  const configuration: ResourceDescriptor[] = (summary.provenance?.inputs ?? []).map((i) => ({
    name: `${i.role}: ${i.path}`,
    digest: { sha256: i.sha256 },
  }));
  return {
    _type: STATEMENT_TYPE,
    subject: subjects,
    predicateType: TEST_RESULT_PREDICATE,
    predicate: {
      result: summary.outcome.exitCode !== 0 ? 'FAILED' : warned.length > 0 ? 'WARNED' : 'PASSED',
      configuration,
      ...(url ? { url } : {}),
      passedTests: named('conformant'),
      warnedTests: warned,
      failedTests: named('nonconformant', 'harness error'),
    },
  };
}

export type AttestationCheck =
  | { status: 'ok'; subjects: number; result: string; keyid: string }
  | { status: 'tampered'; reason: string }
  | { status: 'unreadable'; reason: string };

/**
 * Checks an envelope against a public key the verifier brings, then every subject's digest against the file
 * of that name relative to `baseDir` (the envelope's directory by default).
 */
export function verifyAttestation(envelopeBytes: Buffer, publicKeyPem: string, baseDir: string): AttestationCheck {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(publicKeyPem);
  } catch (error) {
    return { status: 'unreadable', reason: `the public key is not a PEM public key (${(error as Error).message})` };
  }
  let envelope: Envelope;
  try {
    envelope = JSON.parse(envelopeBytes.toString('utf8')) as Envelope;
  } catch (error) {
    return { status: 'unreadable', reason: `not JSON (${(error as Error).message})` };
  }
  if (
    typeof envelope?.payload !== 'string' ||
    typeof envelope.payloadType !== 'string' ||
    !Array.isArray(envelope.signatures)
  )
    return { status: 'unreadable', reason: 'not a DSSE envelope (payload, payloadType, signatures)' };
  // Node's base64 decoder reads both the standard and the URL-safe alphabet, as DSSE requires.
  const body = Buffer.from(envelope.payload, 'base64');
  const message = pae(envelope.payloadType, body);
  const signed = envelope.signatures.some(
    (s) => typeof s?.sig === 'string' && verifyPae(message, Buffer.from(s.sig, 'base64'), publicKey),
  );
  if (!signed) return { status: 'tampered', reason: 'no signature in the envelope verifies with this public key' };
  if (envelope.payloadType !== PAYLOAD_TYPE)
    return { status: 'tampered', reason: `payloadType is ${envelope.payloadType}, not ${PAYLOAD_TYPE}` };
  let statement: Statement;
  try {
    statement = JSON.parse(body.toString('utf8')) as Statement;
  } catch (error) {
    return { status: 'tampered', reason: `the signed payload is not JSON (${(error as Error).message})` };
  }
  if (
    statement._type !== STATEMENT_TYPE ||
    statement.predicateType !== TEST_RESULT_PREDICATE ||
    !Array.isArray(statement.subject)
  )
    return { status: 'tampered', reason: 'the payload is not an in-toto Statement v1 with the test-result predicate' };
  for (const subject of statement.subject) {
    const file = path.resolve(baseDir, subject.name);
    if (!existsSync(file)) return { status: 'tampered', reason: `subject ${subject.name} is missing (${file})` };
    const actual = sha256(readFileSync(file));
    if (actual !== subject.digest?.sha256)
      return {
        status: 'tampered',
        reason: `subject ${subject.name} hashes to ${actual}, the attestation records ${subject.digest?.sha256}`,
      };
  }
  return {
    status: 'ok',
    subjects: statement.subject.length,
    result: statement.predicate?.result,
    keyid: keyIdOf(publicKey),
  };
}

export function isEnvelope(bytes: Buffer): boolean {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<Envelope>;
    return typeof parsed?.payloadType === 'string' && Array.isArray(parsed.signatures);
  } catch {
    return false;
  }
}
