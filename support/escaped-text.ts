/**
 * A text with its URL, JSON or HTML escapes undone, and the way back from a place in the unescaped text
 * to the characters of the original that wrote it. The masker searches the unescaped text for known
 * secrets and masks what wrote them in the original, so a secret is found however an encoder chose to
 * escape it (encodeURIComponent leaves !'()* alone and Java's URLEncoder does not; Go's JSON escapes <>&
 * as \u003c and most others do not; &#39;, &#x27; and &apos; are all an apostrophe), with hex digits in
 * either case. Each way of escaping is undone on its own, once: a secret escaped two ways at once, or
 * twice over (JSON inside a JSON string), is not found here.
 */

const JSON_SHORT: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HTML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One escape in the original, and what it stands for. */
interface Escape {
  at: number;
  length: number;
  decoded: string;
}

/**
 * One way of escaping. Each is undone on its own: undoing them all at once would read a backslash the
 * secret holds as the start of a JSON escape in a text that is URL- or HTML-escaped.
 */
export interface Escaping {
  /** Characters its escapes start with: a text with none of them has nothing to undo. */
  marker: RegExp;
  escape: RegExp;
  /** What one match of `escape` stands for: one escape or several (see percentEscapes). */
  decode(written: string, at: number): Escape[];
}

export const ESCAPINGS: readonly Escaping[] = [
  {
    // %XX runs (the UTF-8 bytes of one or more characters), and + for a space (HTML forms).
    marker: /[%+]/,
    escape: /(?:%[0-9A-Fa-f]{2})+|\+/g,
    decode: (written, at) => (written === '+' ? [{ at, length: 1, decoded: ' ' }] : percentEscapes(written, at)),
  },
  {
    // JSON's \uXXXX (UTF-16 code units) and \" \\ \/ \b \f \n \r \t.
    marker: /\\/,
    escape: /\\u[0-9A-Fa-f]{4}|\\["\\/bfnrt]/g,
    decode: (written, at) => [
      {
        at,
        length: written.length,
        decoded:
          written[1] === 'u'
            ? String.fromCharCode(parseInt(written.slice(2), 16))
            : (JSON_SHORT[written[1] as string] ?? (written[1] as string)),
      },
    ],
  },
  {
    // HTML's numeric character references and the five entities XML also knows.
    marker: /&/,
    escape: /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos);/g,
    decode: (written, at) => {
      const numeric = /^&#([xX])?(.*);$/.exec(written);
      const code = numeric ? parseInt(numeric[2] as string, numeric[1] ? 16 : 10) : undefined;
      if (code !== undefined && code > 0x10ffff) return [];
      const decoded = code !== undefined ? String.fromCodePoint(code) : HTML_NAMED[written.slice(1, -1)];
      return decoded === undefined ? [] : [{ at, length: written.length, decoded }];
    },
  },
];

export interface UnescapedText {
  text: string;
  /** Where the characters that wrote unescaped text[start, end) are in the original: [start, end). */
  original(start: number, end: number): [number, number];
}

/** Each character a %XX run writes is one escape of its own, so a match can start or end inside the run. */
function percentEscapes(run: string, at: number): Escape[] {
  const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
  const escapes: Escape[] = [];
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] as number;
    const size = Math.min(lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1, bytes.length - i);
    escapes.push({ at: at + 3 * i, length: 3 * size, decoded: bytes.subarray(i, i + size).toString('utf8') });
    i += size;
  }
  return escapes;
}

function escapesIn(text: string, escaping: Escaping): Escape[] {
  const escapes: Escape[] = [];
  escaping.escape.lastIndex = 0;
  for (let match = escaping.escape.exec(text); match; match = escaping.escape.exec(text))
    escapes.push(...escaping.decode(match[0], match.index));
  return escapes;
}

/** The text with one way of escaping undone, or undefined when it holds no escape of that kind. */
export function unescape(text: string, escaping: Escaping): UnescapedText | undefined {
  if (!escaping.marker.test(text)) return undefined;
  const escapes = escapesIn(text, escaping);
  return escapes.length > 0 ? view(text, escapes) : undefined;
}

function view(text: string, escapes: Escape[]): UnescapedText {
  // For each escape, where its decoded characters start in the unescaped text.
  const startsAt: number[] = [];
  let out = '';
  let done = 0;
  for (const escape of escapes) {
    out += text.slice(done, escape.at);
    startsAt.push(out.length);
    out += escape.decoded;
    done = escape.at + escape.length;
  }
  out += text.slice(done);

  /** The last escape whose decoded characters start at or before `index`, or -1. */
  const escapeBefore = (index: number): number => {
    let low = 0;
    let high = startsAt.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((startsAt[middle] as number) <= index) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
  /** The original range that wrote the unescaped character at `index`. */
  const writer = (index: number): [number, number] => {
    const i = escapeBefore(index);
    if (i < 0) return [index, index + 1];
    const escape = escapes[i] as Escape;
    const decodedEnd = (startsAt[i] as number) + escape.decoded.length;
    if (index < decodedEnd) return [escape.at, escape.at + escape.length];
    const position = escape.at + escape.length + (index - decodedEnd);
    return [position, position + 1];
  };
  return {
    text: out,
    original: (start, end) => [writer(start)[0], writer(end - 1)[1]],
  };
}
