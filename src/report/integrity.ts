/**
 * Seals a conformance summary so that a filed copy can be checked later, and checks it.
 *
 * - fileSha256 is the SHA-256 of the file's exact bytes with the fileSha256 value itself written as 64
 *   zeros. Any changed, added or removed byte anywhere in the file changes it. Reproducible with standard
 *   tools: replace the value by 64 zeros (sed) and run sha256sum.
 * - contentSha256 is the SHA-256 of the canonical JSON (keys sorted, no whitespace) of everything except
 *   `time` and `integrity`, so two runs on the same inputs have the same contentSha256.
 *
 * The digest proves integrity only against a digest recorded elsewhere (a CI log, a ticket): whoever can
 * edit the file can also recompute it. verify-report --expect <fileSha256> checks against such a record.
 */
import { createHash } from 'node:crypto';
import type { Summary, UnsealedSummary } from './summary-schema';

const ZEROS = '0'.repeat(64);
const FILE_DIGEST = /"fileSha256": "([0-9a-f]{64})"/g;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level and no insignificant whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentDigest(summary: UnsealedSummary | Summary): string {
  const rest: Partial<Summary> = { ...summary };
  delete rest.time;
  delete rest.integrity;
  return sha256(canonicalJson(rest));
}

/** The file text of a sealed summary (pretty JSON, trailing newline) and its fileSha256. */
export function seal(summary: UnsealedSummary): { text: string; summary: Summary } {
  const draft: Summary = {
    ...summary,
    integrity: { algorithm: 'sha256', contentSha256: contentDigest(summary), fileSha256: ZEROS },
  };
  const zeroed = `${JSON.stringify(draft, null, 2)}\n`;
  const fileSha256 = sha256(Buffer.from(zeroed, 'utf8'));
  const text = zeroed.replace(`"fileSha256": "${ZEROS}"`, `"fileSha256": "${fileSha256}"`);
  return { text, summary: { ...draft, integrity: { ...draft.integrity, fileSha256 } } };
}

export type Verification =
  | { status: 'ok'; fileSha256: string; contentSha256: string }
  | { status: 'tampered'; reason: string }
  | { status: 'unreadable'; reason: string };

export function verifySealed(bytes: Buffer, expectedFileSha256?: string): Verification {
  // latin1 maps every byte to one character and back, so the check works on the exact bytes.
  const text = bytes.toString('latin1');
  const found = [...text.matchAll(FILE_DIGEST)];
  if (found.length === 0) {
    // One changed byte can break at most one of these marks: a file with any of them left was a summary.
    const marks = ['ipic-conformance-summary', '"integrity"', 'fileSha256', 'contentSha256'];
    if (marks.some((m) => text.includes(m)))
      return { status: 'tampered', reason: 'the integrity.fileSha256 entry is damaged' };
    return { status: 'unreadable', reason: 'no integrity.fileSha256 in the file: not a sealed conformance summary' };
  }
  if (found.length > 1) return { status: 'tampered', reason: 'more than one fileSha256 in the file' };
  const recorded = found[0]![1]!;
  const actual = sha256(Buffer.from(text.replace(found[0]![0], `"fileSha256": "${ZEROS}"`), 'latin1'));
  if (actual !== recorded)
    return { status: 'tampered', reason: `the file's bytes hash to ${actual}, the file records ${recorded}` };
  if (expectedFileSha256 && expectedFileSha256.toLowerCase() !== recorded) {
    return {
      status: 'tampered',
      reason: `the file records ${recorded}, the filed record says ${expectedFileSha256.toLowerCase()}`,
    };
  }
  let parsed: Summary;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as Summary;
  } catch (error) {
    return { status: 'tampered', reason: `the bytes match but are not JSON (${(error as Error).message})` };
  }
  const content = contentDigest(parsed);
  if (content !== parsed.integrity?.contentSha256)
    return {
      status: 'tampered',
      reason: `contentSha256 is ${parsed.integrity?.contentSha256}, the content hashes to ${content}`,
    };
  return { status: 'ok', fileSha256: recorded, contentSha256: content };
}
