/**
 * Seals a fleet summary exactly as a run's summary is sealed (src/report/integrity.ts): fileSha256 over the
 * file's bytes with that value written as 64 zeros, contentSha256 over the canonical JSON of the rest.
 * `npm run verify-report -- fleet.json` checks it like any summary.
 */
import { canonicalJson, sha256 } from '../report/integrity';

const ZEROS = '0'.repeat(64);

export interface Sealed<T> {
  text: string;
  document: T & { integrity: { algorithm: 'sha256'; contentSha256: string; fileSha256: string } };
}

export function sealDocument<T extends object>(document: T): Sealed<T> {
  const contentSha256 = sha256(canonicalJson(document));
  const draft = { ...document, integrity: { algorithm: 'sha256' as const, contentSha256, fileSha256: ZEROS } };
  const zeroed = `${JSON.stringify(draft, null, 2)}\n`;
  const fileSha256 = sha256(Buffer.from(zeroed, 'utf8'));
  return {
    text: zeroed.replace(`"fileSha256": "${ZEROS}"`, `"fileSha256": "${fileSha256}"`),
    document: { ...draft, integrity: { ...draft.integrity, fileSha256 } },
  };
}
