/**
 * Masking by value, one encoding at a time: a known secret is masked in hex, base64 and base64url, URL-,
 * JSON- and HTML-escaped as the various encoders write them, inside a Basic header of any user and at any
 * offset inside a larger base64 blob, and masking leaves the text around it as it was. What is not caught
 * is listed in support/secret-encodings.ts.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { maskEnvelope } from '../src/report/mask-envelopes';
import { MaskingStream } from '../src/report/masking-stream';
import { createMasker, MASK } from '../support/redaction';

/** Every escaping changes it: quotes, <>&, a space, / ! * ( ), and characters outside ASCII. */
const SECRET = `Qx "od<ed> & 'sp ace'/é!*()€`;
const PASSWORD = 'Kx12345Q';
/** Its base64 holds + and padding, so base64url padded is a form of its own. */
const SYMBOLS = 'Ok~?>~a';
const masker = createMasker([SECRET, PASSWORD, SYMBOLS], ['ALICE']);
const mask = masker.text;
const bytes = (s: string) => Buffer.from(s, 'utf8');

/**
 * Another secret of the same length in UTF-8 bytes: where a text masked with the secret and the same text
 * masked with its twin in its place agree, nothing of the secret was left beside the mask.
 */
const twin = (secret: string) => [...secret].reverse().join('');

/** The form is masked whole in running text, the text around it is kept, and masking again changes nothing. */
function assertMasked(form: string, label: string): void {
  const text = `seen ${form} here`;
  const masked = mask(text);
  assert.equal(masked, `seen ${MASK} here`, `${label}: ${JSON.stringify(masked)}`);
  assert.equal(mask(masked), masked, `${label}: masking twice`);
}

describe('a known secret is masked', () => {
  test('in hex, lower and upper case, also at an even offset of a longer hex string', () => {
    for (const secret of [SECRET, PASSWORD]) {
      assertMasked(bytes(secret).toString('hex'), 'hex');
      assertMasked(bytes(secret).toString('hex').toUpperCase(), 'HEX');
    }
    const digest = `00ff${bytes(PASSWORD).toString('hex')}a1b2`;
    assert.equal(mask(`id ${digest}`), `id 00ff${MASK}a1b2`);
  });

  test('in base64 and base64url, padded and unpadded', () => {
    for (const secret of [SECRET, PASSWORD, SYMBOLS]) {
      const base64 = bytes(secret).toString('base64');
      const base64url = bytes(secret).toString('base64url');
      assert.ok(base64.endsWith('='), 'padded and unpadded forms differ');
      assertMasked(base64, 'base64');
      assertMasked(base64.replace(/=+$/, ''), 'base64 unpadded');
      assertMasked(base64url, 'base64url');
      assertMasked(base64url.padEnd(base64.length, '='), 'base64url padded');
    }
  });

  test("URL-encoded: %20 or + for a space, upper- or lower-case hex, !'()* escaped or not", () => {
    const component = encodeURIComponent(SECRET);
    const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const lower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
    for (const url of [component, strict, lower(component), lower(strict)]) {
      assertMasked(url, url);
      assertMasked(url.replace(/%20/g, '+'), `${url} with +`);
    }
    assertMasked(new URLSearchParams({ q: SECRET }).toString().slice(2), 'URLSearchParams');
    assertMasked(
      encodeURIComponent(PASSWORD).replace(/[KQ]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
      'letters',
    );
  });

  test('JSON-escaped: as JSON.stringify writes it, with \\/ and in ASCII with \\u escapes of either case', () => {
    const json = JSON.stringify(SECRET).slice(1, -1);
    const ascii = json.replace(/[^ -~]|[<>&'/]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assertMasked(json, 'JSON');
    assertMasked(json.replace(/\//g, '\\/'), 'JSON with \\/');
    assertMasked(ascii, 'ASCII JSON');
    assertMasked(
      ascii.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`),
      'ASCII JSON, upper case',
    );
    const emoji = `${PASSWORD}😀`;
    assert.equal(createMasker([emoji]).text(`"${JSON.stringify(emoji).slice(1, -3)}\\ud83d\\ude00"`), `"${MASK}"`);
  });

  test('HTML-escaped: named entities, decimal and hex references', () => {
    const html = (quote: string, apostrophe: string) =>
      SECRET.replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, quote)
        .replace(/'/g, apostrophe);
    for (const [quote, apostrophe] of [
      ['&quot;', '&#39;'],
      ['&#34;', '&#x27;'],
      ['&#x22;', '&apos;'],
      ['"', "'"],
    ] as const)
      assertMasked(html(quote, apostrophe), `${quote} ${apostrophe}`);
    assertMasked(
      SECRET.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.codePointAt(0)};`),
      'every symbol a reference',
    );
  });

  test('in a Basic header (base64 of user:secret) of a user it was paired with, and of any other user', () => {
    assertMasked(bytes(`ALICE:${PASSWORD}`).toString('base64'), 'paired user');
    for (const user of ['BOB', 'CAROL1', 'ZCONSRV'])
      for (const secret of [SECRET, PASSWORD]) {
        // No "Basic" before it, so the shape rule cannot help: the masker finds the secret inside.
        const sent = (s: string) => createMasker([s]).text(`sent ${bytes(`${user}:${s}`).toString('base64')} then`);
        assert.ok(sent(secret).includes(MASK), user);
        assert.equal(sent(secret), sent(twin(secret)), `nothing of the secret is left (${user})`);
      }
  });

  test('at any offset inside a larger base64 or base64url blob, with nothing of it left around the mask', () => {
    for (const secret of [SECRET, PASSWORD])
      for (let offset = 0; offset < 6; offset++)
        for (const encoding of ['base64', 'base64url'] as const) {
          const blob = (s: string) =>
            bytes(`${'{"n":1,'.slice(0, offset)}"who":"${s}","more":"after it"}`).toString(encoding);
          const masked = createMasker([secret]).text(`body ${blob(secret)} end`);
          assert.ok(masked.includes(MASK), `${encoding}, offset ${offset}`);
          assert.equal(masked, createMasker([twin(secret)]).text(`body ${blob(twin(secret))} end`));
          assert.ok(masked.startsWith('body ') && masked.endsWith(' end'), masked);
        }
  });
});

describe('masking by value keeps the rest of the text', () => {
  test('escapes that hold no secret stay as they were, and only the characters that wrote the secret go', () => {
    const text = `q=a%20b&amp;c \\"quoted\\" x=%4Bx12345Q&y=K\\u0078${PASSWORD.slice(2)}+1 &lt;${PASSWORD}&gt;`;
    assert.equal(mask(text), `q=a%20b&amp;c \\"quoted\\" x=${MASK}&y=${MASK}+1 &lt;${MASK}&gt;`);
  });
});

describe('encoded secrets on the console and in Allure attachments', () => {
  const hex = bytes(SECRET).toString('hex');

  test('the console stream masks a hex-encoded secret', async () => {
    const sink = new PassThrough();
    let seen = '';
    sink.on('data', (d: Buffer) => (seen += d.toString()));
    const stream = new MaskingStream(sink, mask);
    stream.write(`trace ${hex.slice(0, 9)}`);
    stream.write(`${hex.slice(9)} end\n`);
    stream.flushPending();
    await new Promise((r) => setImmediate(r));
    assert.equal(seen, `trace ${MASK} end\n`);
  });

  test('an Allure runtime attachment and a base64 cucumber attachment mask hex and escaped forms', () => {
    const body = `hex ${hex}\nurl ${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}\nhtml ${SECRET.replace(/'/g, '&#x27;')}`;
    const content = Buffer.from(body).toString('base64');
    const allure = maskEnvelope(
      {
        attachment: {
          body: JSON.stringify({
            type: 'attachment_content',
            data: { content, encoding: 'base64', contentType: 'text/plain' },
          }),
          contentEncoding: 'IDENTITY',
          mediaType: 'application/vnd.allure.message+json',
        },
      } as Envelope,
      masker,
    );
    const written = (JSON.parse(allure.attachment!.body) as { data: { content: string } }).data.content;
    const expected = `hex ${MASK}\nurl ${MASK}\nhtml ${MASK}`;
    assert.equal(Buffer.from(written, 'base64').toString(), expected);
    const cucumber = maskEnvelope(
      { attachment: { body: content, contentEncoding: 'BASE64', mediaType: 'text/plain' } } as Envelope,
      masker,
    );
    assert.equal(Buffer.from(cucumber.attachment!.body, 'base64').toString(), expected);
  });
});
