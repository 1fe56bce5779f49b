/**
 * Masks secrets in text before it reaches any report, log or attachment. Pure: the same text and the same
 * known values always give the same result.
 *
 * Two kinds of masking, because neither alone is enough:
 * - by shape: anything that looks like a credential wherever it appears (Authorization headers, Basic and
 *   Bearer values, JWTs, PEM private keys, Liberty {xor}/{aes} encodings, user:password@ in URLs, and the
 *   value of any key or attribute named like a secret: password, passphrase, phrase, secret, token, ...);
 * - by value: secrets the harness knows (from the inventory and the environment), in every encoding a leak
 *   could take: plain, URL-, JSON- and HTML-escaped, hex, base64 and base64url (also as user:secret for
 *   Basic, and at any offset inside a larger base64 blob). support/secret-encodings.ts lists what is and
 *   is not caught.
 */
import { byValuePattern, maskByValue } from './secret-encodings';

export { encodingsOf, MIN_KNOWN_SECRET_LENGTH } from './secret-encodings';

export const MASK = '[MASKED]';

/** Key or attribute names whose value is a secret. A word boundary keeps "passwordExpired" etc. out. */
const SECRET_KEY = String.raw`(?:password|passwd|pwd|passphrase|pass[_-]?phrase|phrase|secret|client[_-]?secret|token|access[_-]?token|id[_-]?token|refresh[_-]?token|api[_-]?key|private[_-]?key|credentials?|cookie|set-cookie)`;

const SECRET_KEY_ENDINGS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'phrase',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'credential',
  'credentials',
];

/** Whether a key or variable name (userPassword, IPIC_LIVE_TOKEN, client-secret) names a secret value. */
export function isSecretKeyName(name: string): boolean {
  const flat = name.toLowerCase().replace(/[_-]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => flat.endsWith(ending));
}

/**
 * Each shape has a trigger: a word every match of its pattern contains (case aside). Text without the
 * trigger cannot match, and masking only inserts MASK, which holds no trigger, so the shape is skipped.
 */
const SHAPES: {
  name: string;
  trigger: RegExp;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}[] = [
  {
    name: 'PEM private key',
    trigger: /PRIVATE KEY/,
    pattern: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g,
    replace: () => `-----BEGIN PRIVATE KEY-----${MASK}-----END PRIVATE KEY-----`,
  },
  {
    name: 'authorization header value',
    trigger: /authorization/i,
    // "Authorization: Basic xyz", "authorization": "Bearer xyz", Proxy-Authorization too.
    pattern:
      /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(basic|bearer|negotiate|digest|ltpa2?|token)?\s*[^\s"',;}]+/gi,
    replace: (_m, name: string, sep: string, scheme?: string) => `${name}${sep}${scheme ? `${scheme} ` : ''}${MASK}`,
  },
  {
    name: 'Basic or Bearer credential',
    trigger: /basic|bearer/i,
    // The look-ahead wants a digit or a base64 symbol, so prose such as "Basic authentication" stays.
    pattern: /\b(Basic|Bearer)\s+(?=[A-Za-z0-9+/._~-]*[0-9+/=_.~-])[A-Za-z0-9+/._~-]{6,}={0,2}/g,
    replace: (_m, scheme: string) => `${scheme} ${MASK}`,
  },
  {
    name: 'JSON Web Token',
    trigger: /eyJ/,
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    replace: () => MASK,
  },
  {
    name: 'Liberty encoded password',
    trigger: /\{(?:xor|aes|hash)\}/i,
    pattern: /\{(xor|aes|hash)\}[A-Za-z0-9+/=_-]+/gi,
    replace: (_m, kind: string) => `{${kind}}${MASK}`,
  },
  {
    name: 'password in a URL',
    trigger: /:\/\//,
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+):([^\s/@"']+)@/gi,
    replace: (_m, prefix: string) => `${prefix}:${MASK}@`,
  },
  {
    name: 'value of a secret-named key',
    trigger: new RegExp(SECRET_KEY, 'i'),
    // key: value, key=value, "key": "value", key="value" (XML), 'key': 'value'. Values that start an
    // object or array are left alone: they describe a secret (e.g. {"kind":"password"}) rather than hold one.
    pattern: new RegExp(
      String.raw`(\b${SECRET_KEY}\b)(["']?)(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|(?![\[{])[^\s,;&"'}\]<>]+)`,
      'gi',
    ),
    replace: (match: string, key: string, quote: string, sep: string, value: string) => {
      // "password: expected ..." is the harness naming a field in an error message, not a secret.
      if (
        value.includes(MASK) ||
        /^["']?<redacted/.test(value) ||
        /^["']?(true|false|null|expected)["']?$/i.test(value)
      )
        return match;
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${key}${quote}${sep}${q}${MASK}${q}`;
    },
  },
];

/**
 * Any shape's trigger: most strings in a run's messages (names, IDs, step text) have none, and one test
 * returns them as they are; this halves the cost of masking a model run.
 */
const SHAPE_TRIGGER = new RegExp(SHAPES.map((shape) => shape.trigger.source).join('|'), 'i');

export interface Masker {
  /** The text with every recognisable secret replaced by MASK. */
  text(input: string): string;
  /** A JSON-like value with every string masked (keys kept); parts with nothing masked are not copied. */
  value<T>(input: T): T;
}

/**
 * Builds a masker. `known` are secret values to mask wherever they appear; `userids` lets the masker also
 * recognise them inside a Basic header (base64 of user:secret), pairing every user with every secret;
 * `owned` pairs a secret with the one user it belongs to, which a large inventory needs (hundreds of users
 * times hundreds of secrets would make one regular expression of a hundred thousand forms).
 */
export function createMasker(
  known: Iterable<string> = [],
  userids: Iterable<string> = [],
  owned: Iterable<readonly [user: string, secret: string]> = [],
): Masker {
  const secrets = [...known];
  const users = [...new Set(userids)];
  const byValue = byValuePattern(secrets, [
    ...users.flatMap((user) => secrets.map((secret) => [user, secret] as const)),
    ...owned,
  ]);

  const text = (input: string): string => {
    let out = byValue ? maskByValue(input, byValue, MASK) : input;
    if (!SHAPE_TRIGGER.test(out)) return out;
    for (const shape of SHAPES)
      if (shape.trigger.test(out))
        out = out.replace(shape.pattern, shape.replace as (m: string, ...g: string[]) => string);
    return out;
  };
  const value = <T>(input: T): T => deepMap(input, text) as T;
  return { text, value };
}

/** Maps every string inside `input`; a part in which nothing changed is returned as it was, not copied. */
function deepMap(input: unknown, map: (s: string) => string): unknown {
  if (typeof input === 'string') return map(input);
  if (Array.isArray(input)) {
    let out: unknown[] | undefined;
    input.forEach((v, i) => {
      const mapped = deepMap(v, map);
      if (mapped !== v) (out ??= input.slice())[i] = mapped;
    });
    return out ?? input;
  }
  if (input && typeof input === 'object') {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      const mapped = deepMap(v, map);
      if (mapped !== v) (out ??= { ...(input as Record<string, unknown>) })[k] = mapped;
    }
    return out ?? input;
  }
  return input;
}

/** Masks one text with shape rules only: for callers that know no secret values. */
export function maskSecrets(input: string, known: Iterable<string> = []): string {
  return createMasker(known).text(input);
}
