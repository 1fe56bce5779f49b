/**
 * Masking by value: every form a known secret can take in an artifact. Deterministic: the same secrets
 * and the same text always give the same result. Two passes over each text:
 * - one regular expression of literal forms, longest first (V8 runs an alternation of plain strings
 *   fast; per-character patterns for the escaped forms made masking 25 times slower with 400 secrets):
 *   the secret as it is; its UTF-8 bytes in hex, lower and upper case (also at any even offset of a longer
 *   hex string); base64 and base64url, padded and unpadded; base64 of user:secret (a Basic header) for
 *   the users it is paired with; and the base64 cores that catch it at any offset inside a larger base64
 *   or base64url blob, such as a JSON body or a JWT payload holding it (base64Cores), which also finds it
 *   in the Basic header of a user the masker was never told about;
 * - for a text that holds URL, JSON or HTML escapes, each way of escaping undone on its own and the
 *   plain secrets searched for in the result (escaped-text.ts): every encoder's choice of what to escape
 *   (encodeURIComponent leaves !'()* alone, Java's URLEncoder does not; Go's JSON writes < as \u003c),
 *   + or %20 for a space, hex digits in either case, &#39; &#x27; &apos; ... Few texts hold an escape
 *   (37 of the 36,000 strings of a model run's messages), so this pass costs almost nothing.
 * What is not caught: a secret escaped two ways at once or twice over (JSON inside a JSON string), hex in
 * mixed case or with separators (4b:78, \x4b), base64 broken across lines (MIME, PEM) where the break
 * falls inside the secret, a secret under 7 bytes inside a larger base64 blob unless its own base64 form
 * appears there whole (shorter cores would match ordinary base64 by chance: MIN_BASE64_CORE), and any other
 * transformation (compression, encryption, UTF-16). Secrets shorter than MIN_KNOWN_SECRET_LENGTH are
 * never masked by value.
 */
import { ESCAPINGS, unescape, type UnescapedText } from './escaped-text';

/** Values shorter than this are not masked by value: they would mask ordinary words and digits. */
export const MIN_KNOWN_SECRET_LENGTH = 4;

/**
 * The shortest run of base64 characters masked as a secret at an offset: 8 characters are 48 bits of the
 * secret, which ordinary base64 (an ID, a certificate) matches by chance about once in 2^48 places. It
 * takes a secret of 7 bytes or more to give such a run at every offset.
 */
export const MIN_BASE64_CORE = 8;

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The runs of base64 (and base64url) characters that encode the secret wherever it starts in a larger
 * blob. Base64 writes 3 bytes as 4 characters, so a secret at byte offset 3k, 3k+1 or 3k+2 of the blob is
 * written in one of three ways; in each, the characters whose 6 bits all come from the secret are the same
 * whatever surrounds it. Those are the core; the character on either side mixes a few bits of the secret
 * (at most 4 of its first or last byte) with its neighbours', and the masker masks it with the core.
 * Cores shorter than MIN_BASE64_CORE are left out (see there), so a secret of under 7 bytes is caught
 * at an offset only where its full base64 form appears.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(3)]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (core.length >= MIN_BASE64_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** The literal (not escaped) encodings of a secret: hex, base64 and base64url, Basic user:secret. */
function literalForms(secret: string, users: readonly string[]): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  const base64url = bytes.toString('base64url');
  return [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    base64,
    base64.replace(/=+$/, ''),
    base64url,
    base64url.padEnd(base64.length, '='),
    ...users.map((user) => Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')),
  ];
}

/**
 * Examples of every way a known secret could appear in an artifact (for tests and documentation: the
 * masker finds escaped forms by undoing the escapes, which covers more than these).
 */
export function encodingsOf(secret: string, userids: readonly string[] = []): string[] {
  const component = encodeURIComponent(secret);
  const strictUrl = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  const html = (s: string, apostrophe: string) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, apostrophe);
  const forms = new Set<string>([
    secret,
    ...literalForms(secret, userids),
    ...[component, strictUrl].flatMap((url) => [url, url.replace(/%20/g, '+')]).flatMap((u) => [u, lowerHex(u)]),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    html(secret, '&#39;'),
    html(secret, '&#x27;'),
    html(secret, '&apos;'),
  ]);
  return [...forms]
    .filter((f) => f.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export interface ByValue {
  /** Every literal form of every known secret (global flag): plain, hex, base64, base64 cores. */
  literal: RegExp;
  /** The secrets as they are (global flag): searched for in the text with its escapes undone. */
  plain: RegExp;
  /** The base64 cores among the forms: a match of one is widened by a base64 character on each side. */
  cores: ReadonlySet<string>;
}

/** Longest first, so where one form starts with another (a base64 form and its core) the longer is masked. */
function alternation(forms: Iterable<string>): RegExp {
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
}

/** The expressions for every secret; `paired` are [user, secret] pairs for Basic headers. */
export function byValuePattern(
  secrets: Iterable<string>,
  paired: Iterable<readonly [user: string, secret: string]> = [],
): ByValue | undefined {
  const usersOf = new Map<string, Set<string>>();
  const users = (secret: string) => usersOf.get(secret) ?? usersOf.set(secret, new Set()).get(secret)!;
  for (const secret of secrets) if (secret.length >= MIN_KNOWN_SECRET_LENGTH) users(secret);
  for (const [user, secret] of paired) if (secret.length >= MIN_KNOWN_SECRET_LENGTH) users(secret).add(user);
  if (usersOf.size === 0) return undefined;
  const literal: string[] = [];
  const cores = new Set<string>();
  for (const [secret, owners] of usersOf) {
    literal.push(secret, ...literalForms(secret, [...owners]));
    for (const core of base64Cores(secret)) cores.add(core);
  }
  return { literal: alternation([...literal, ...cores]), plain: alternation(usersOf.keys()), cores };
}

/** `input` with each of `ranges` (in order, not overlapping) replaced by `mask`. */
function splice(input: string, ranges: [number, number][], mask: string): string {
  let out = '';
  let done = 0;
  for (const [start, end] of ranges) {
    out += input.slice(done, start) + mask;
    done = end;
  }
  return out + input.slice(done);
}

/** Where the literal forms are; a base64 core also takes the base64 character on either side of it. */
function literalMatches(input: string, byValue: ByValue): [number, number][] {
  const { literal, cores } = byValue;
  const ranges: [number, number][] = [];
  literal.lastIndex = 0;
  for (let match = literal.exec(input); match; match = literal.exec(input)) {
    let start = match.index;
    let end = start + match[0].length;
    if (cores.has(match[0])) {
      if (start > (ranges.at(-1)?.[1] ?? 0) && BASE64_CHAR.test(input[start - 1] as string)) start--;
      if (end < input.length && BASE64_CHAR.test(input[end] as string)) end++;
      literal.lastIndex = end;
    }
    ranges.push([start, end]);
  }
  return ranges;
}

/** Where the secrets are written escaped in one way (URL, JSON, HTML): see escaped-text.ts. */
function escapedMatches(view: UnescapedText, plain: RegExp): [number, number][] {
  const ranges: [number, number][] = [];
  plain.lastIndex = 0;
  for (let match = plain.exec(view.text); match; match = plain.exec(view.text)) {
    const [start, end] = view.original(match.index, match.index + match[0].length);
    const last = ranges.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

/** The text with every form of every known secret replaced by `mask`. */
export function maskByValue(input: string, byValue: ByValue, mask: string): string {
  const literal = literalMatches(input, byValue);
  let out = literal.length > 0 ? splice(input, literal, mask) : input;
  // Each way of escaping in turn, on the text the one before left.
  for (const escaping of ESCAPINGS) {
    const view = unescape(out, escaping);
    const escaped = view ? escapedMatches(view, byValue.plain) : [];
    if (escaped.length > 0) out = splice(out, escaped, mask);
  }
  return out;
}
