/**
 * npm run verify-report -- reports/conformance.json [--expect <fileSha256>]
 * npm run verify-report -- reports/attestation.dsse.json --public-key signer.pub.pem
 *
 * Checks that a filed conformance summary is exactly what the run wrote: any changed byte is detected.
 * With --expect, also checks it against a digest recorded elsewhere (a CI log, an audit ticket), which is
 * what makes the check meaningful against someone who could also recompute the digest.
 *
 * An attestation (src/report/attestation.ts) is checked against the public key the verifier brings: the
 * DSSE signature over the in-toto statement, then every subject's SHA-256 against the file of that name
 * beside the envelope (--base DIR to look elsewhere).
 *
 * Exit codes: 0 intact, 1 tampered (or does not match --expect, or signed with another key), 2 unreadable
 * (missing, not a sealed summary or envelope, bad command line).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEnvelope, verifyAttestation } from '../src/report/attestation';
import { verifySealed } from '../src/report/integrity';

export function verifyReport(argv: string[], log = console.log, fail = console.error): number {
  let file: string | undefined;
  let expected: string | undefined;
  let publicKey: string | undefined;
  let base: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--expect') expected = argv[++i];
    else if (argv[i] === '--public-key') publicKey = argv[++i] ?? '';
    else if (argv[i] === '--base') base = argv[++i] ?? '';
    else if (file === undefined) file = argv[i];
    else file = '';
  }
  if (!file || (expected !== undefined && !/^[0-9a-fA-F]{64}$/.test(expected)) || publicKey === '' || base === '') {
    fail(
      'usage: npm run verify-report -- <conformance.json> [--expect <64 hex digits>]\n       npm run verify-report -- <attestation.dsse.json> --public-key <PEM> [--base <reports dir>]',
    );
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    fail(`unreadable: ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  if (isEnvelope(bytes) || publicKey !== undefined) return verifyEnvelopeFile(file, bytes, publicKey, base, log, fail);
  const result = verifySealed(bytes, expected);
  return exitFor(
    result,
    file,
    log,
    fail,
    (ok) => `is intact (fileSha256 ${ok.fileSha256}, contentSha256 ${ok.contentSha256})`,
  );
}

/** 0 and an ok line, 1 for a tampered file, 2 for one that cannot be read: the same for summaries and attestations. */
function exitFor<R extends { status: string; reason?: string }>(
  result: R,
  file: string,
  log: (line: string) => void,
  fail: (line: string) => void,
  okLine: (ok: Extract<R, { status: 'ok' }>) => string,
): number {
  if (result.status === 'ok') {
    log(`ok: ${file} ${okLine(result as Extract<R, { status: 'ok' }>)}`);
    return 0;
  }
  fail(`${result.status === 'tampered' ? 'TAMPERED' : 'unreadable'}: ${file}: ${result.reason}`);
  return result.status === 'tampered' ? 1 : 2;
}

function verifyEnvelopeFile(
  file: string,
  bytes: Buffer,
  publicKey: string | undefined,
  base: string | undefined,
  log: typeof console.log,
  fail: typeof console.error,
): number {
  if (publicKey === undefined) {
    fail(`unreadable: ${file}: an attestation is checked against a public key: add --public-key <PEM>`);
    return 2;
  }
  let pem: string;
  try {
    pem = readFileSync(publicKey, 'utf8');
  } catch (error) {
    fail(`unreadable: ${publicKey}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const result = verifyAttestation(bytes, pem, base ?? path.dirname(file));
  return exitFor(
    result,
    file,
    log,
    fail,
    (ok) => `is signed by key ${ok.keyid} and all ${ok.subjects} subjects match (result ${ok.result})`,
  );
}

if (require.main === module) process.exit(verifyReport(process.argv.slice(2)));
