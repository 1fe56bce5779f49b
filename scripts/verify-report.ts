/**
 * npm run verify-report -- reports/conformance.json [--expect <fileSha256>]
 *
 * Checks that a filed conformance summary is exactly what the run wrote: any changed byte is detected.
 * With --expect, also checks it against a digest recorded elsewhere (a CI log, an audit ticket), which is
 * what makes the check meaningful against someone who could also recompute the digest.
 *
 * Exit codes: 0 intact, 1 tampered (or does not match --expect), 2 unreadable (missing, not a sealed
 * summary, bad command line).
 */
import { readFileSync } from 'node:fs';
import { verifySealed } from '../src/report/integrity';

export function verifyReport(argv: string[], log = console.log, fail = console.error): number {
  let file: string | undefined;
  let expected: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--expect') expected = argv[++i];
    else if (file === undefined) file = argv[i];
    else file = '';
  }
  if (!file || (expected !== undefined && !/^[0-9a-fA-F]{64}$/.test(expected))) {
    fail('usage: npm run verify-report -- <conformance.json> [--expect <64 hex digits>]');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    fail(`unreadable: ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const result = verifySealed(bytes, expected);
  if (result.status === 'ok') {
    log(`ok: ${file} is intact (fileSha256 ${result.fileSha256}, contentSha256 ${result.contentSha256})`);
    return 0;
  }
  if (result.status === 'tampered') {
    fail(`TAMPERED: ${file}: ${result.reason}`);
    return 1;
  }
  fail(`unreadable: ${file}: ${result.reason}`);
  return 2;
}

if (require.main === module) process.exit(verifyReport(process.argv.slice(2)));
