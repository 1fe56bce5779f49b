/**
 * Identifiers the exchange documents (OSCAL, SARIF, the fleet) derive from what they describe, never from
 * the clock or chance, so that the same summary always gives the same document.
 */
import { sha256 } from './integrity';

/** A name-based UUID (version 5 layout) from the SHA-256 of the parts: stable for the same parts. */
export function stableUuid(...parts: string[]): string {
  const hex = sha256(parts.join('\u0000'));
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The namespace of this harness's own OSCAL properties and SARIF property bags. */
export const HARNESS_NS = 'urn:ipic-security-conformance';

/** One line, trimmed, with runs of white space as one blank (OSCAL's plain string type allows no newline). */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
