/**
 * The masking function and where it is applied: secrets by shape and by value in every encoding, cucumber
 * messages (plain, base64 and Allure runtime attachments), the console stream, and the known secrets
 * gathered from the environment and the inventory. Also what masking must leave alone, so reports stay
 * readable.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { knownSecrets } from '../src/report/known-secrets';
import { maskEnvelope } from '../src/report/mask-envelopes';
import { MaskingStream } from '../src/report/masking-stream';
import { createMasker, encodingsOf, isSecretKeyName, MASK } from '../support/redaction';

const PASSWORD = 'Kx12345Q';
const PHRASE = '7 amber cranes, 4 dusk fields';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('masking by shape', () => {
  const mask = createMasker().text;

  // Each text holds one shape and none of the other shapes' trigger words, so each word the masker looks
  // for before trying the shapes (SHAPE_TRIGGER) is needed by one of these.
  const alone: [string, string][] = [
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJB\n-----END RSA PRIVATE KEY-----', 'MIIBOgIBAAJB'],
    ['Proxy-Authorization: Negotiate YIIGfgYGKwY', 'YIIGfgYGKwY'],
    [`sent Basic ${b64('ALICE:Zq81mmT')}`, b64('ALICE:Zq81mmT')],
    ['Bearer abc.def-123 was sent', 'abc.def-123'],
    ['ran with eyJhbGciOiJ.eyJzdWIiOiJ.c2lnbmF0dXJl', 'eyJhbGciOiJ.eyJzdWIiOiJ.c2lnbmF0dXJl'],
    ['{aes}ARCmEjpNnZR7vKdg', 'ARCmEjpNnZR7vKdg'],
    ['https://ALICE:Zq81mmT@zcon.example/', 'Zq81mmT'],
    ['pwd=Zq81mmT', 'Zq81mmT'],
    ['passwd: Zq81mmT', 'Zq81mmT'],
    ['phrase: Zq81mmT', 'Zq81mmT'],
    ['secret=Zq81mmT', 'Zq81mmT'],
    ['token=Zq81mmT', 'Zq81mmT'],
    ['api-key=Zq81mmT', 'Zq81mmT'],
    ['private_key=Zq81mmT', 'Zq81mmT'],
    ['credentials: Zq81mmT', 'Zq81mmT'],
    ['cookie=Zq81mmT', 'Zq81mmT'],
  ];
  for (const [input, secret] of alone) {
    test(`masks a lone shape: ${input.split(/\s|=|:/)[0]}`, () =>
      assert.ok(!mask(input).includes(secret), mask(input)));
  }
  const cases: [string, string][] = [
    [`Authorization: Basic ${b64(`ALICE:${PASSWORD}`)}`, PASSWORD],
    [`"authorization": "Bearer abc.def-123"`, 'abc.def-123'],
    [`{"user":"ALICE","password":"${PASSWORD}"}`, PASSWORD],
    [`<zosconnect_authData id="c" user="ALICE" password="${PASSWORD}"/>`, PASSWORD],
    [`password={xor}Lz4sLCgwLTs=`, 'Lz4sLCgwLTs='],
    [`passphrase: '${PHRASE}'`, PHRASE],
    [`https://ALICE:${PASSWORD}@zcon.example/whoami`, PASSWORD],
    [`token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl`, 'eyJzdWIiOiJhbGljZSJ9'],
    [
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecret\n-----END RSA PRIVATE KEY-----`,
      'MIIEowIBAAKCAQEAsecret',
    ],
    [`client_secret=s3cr3t-value&x=1`, 's3cr3t-value'],
    [`?access_token=abc123def`, 'abc123def'],
  ];
  for (const [text, secret] of cases) {
    test(`masks ${text.slice(0, 40).replace(/\n/g, ' ')}`, () => {
      const masked = mask(text);
      assert.ok(!masked.includes(secret), masked);
      assert.ok(masked.includes(MASK), masked);
    });
  }

  test('leaves descriptions of secrets and ordinary words alone', () => {
    for (const text of [
      'password not valid for ALICE (wrong); invalid attempts now 1',
      '{"secret":{"kind":"password","correct":true},"hasPassword":false,"phraseLength":14,"passwordExpired":true}',
      '"phrase": "<redacted> (14 characters)"',
      'Configuring basic authentication on an IPIC connection: Basic authentication is fine',
      "Given the connection's authData holds ALICE with the correct password",
    ]) {
      assert.equal(mask(text), text);
    }
  });

  test('is idempotent', () => {
    const once = mask(`Authorization: Basic ${b64('A:b1234567')} password=${PASSWORD}`);
    assert.equal(mask(once), once);
  });
});

describe('masking by value', () => {
  const mask = createMasker([PASSWORD, PHRASE], ['ALICE']).text;

  test('finds a known secret in free text and in every encoding', () => {
    for (const form of encodingsOf(PHRASE, ['ALICE'])) assert.ok(!mask(`we saw ${form} here`).includes(form), form);
    assert.ok(!mask(`the inventory says ALICE logs on with ${PASSWORD}`).includes(PASSWORD));
    assert.ok(!mask(`x ${b64(`ALICE:${PASSWORD}`)} y`).includes(b64(`ALICE:${PASSWORD}`)));
    assert.ok(!mask(`q=${encodeURIComponent(PHRASE)}`).includes(encodeURIComponent(PHRASE)));
  });

  test('ignores values too short to mask safely', () => {
    assert.equal(createMasker(['abc']).text('abc abc'), 'abc abc');
  });
});

describe('masking cucumber messages', () => {
  const masker = createMasker([PASSWORD]);

  test('plain, base64 and Allure runtime-message attachments, and error messages', () => {
    const plain = maskEnvelope(
      { attachment: { body: `pw ${PASSWORD}`, contentEncoding: 'IDENTITY', mediaType: 'text/plain' } } as Envelope,
      masker,
    );
    assert.ok(!plain.attachment!.body.includes(PASSWORD));
    const based = maskEnvelope(
      {
        attachment: {
          body: b64(`{"password":"x${PASSWORD}"}`),
          contentEncoding: 'BASE64',
          mediaType: 'application/json',
        },
      } as Envelope,
      masker,
    );
    assert.ok(!Buffer.from(based.attachment!.body, 'base64').toString().includes(PASSWORD));
    const allure = JSON.stringify({
      type: 'attachment_content',
      data: { name: 'x', content: b64(`secret ${PASSWORD}`), encoding: 'base64', contentType: 'text/plain' },
    });
    const viaAllure = maskEnvelope(
      {
        attachment: { body: allure, contentEncoding: 'IDENTITY', mediaType: 'application/vnd.allure.message+json' },
      } as Envelope,
      masker,
    );
    const content = (JSON.parse(viaAllure.attachment!.body) as { data: { content: string } }).data.content;
    assert.ok(!Buffer.from(content, 'base64').toString().includes(PASSWORD));
    const failed = maskEnvelope(
      {
        testStepFinished: {
          testCaseStartedId: 'a',
          testStepId: 'b',
          timestamp: { seconds: 0, nanos: 0 },
          testStepResult: {
            status: 'FAILED',
            duration: { seconds: 0, nanos: 0 },
            message: `Authorization: Basic ${b64('A:B9999999')}`,
            exception: { type: 'Error', message: `sent ${PASSWORD}` },
          },
        },
      } as Envelope,
      masker,
    );
    assert.ok(!JSON.stringify(failed).includes(PASSWORD) && !JSON.stringify(failed).includes(b64('A:B9999999')));
  });

  test('a message that holds only IDs and timestamps is passed on as it is; one with more is masked', () => {
    const started = {
      testStepStarted: { testCaseStartedId: 'a', testStepId: 'b', timestamp: { seconds: 0, nanos: 0 } },
    };
    assert.equal(maskEnvelope(started as Envelope, masker), started);
    // Only an envelope that is one of those messages and nothing else skips masking.
    const stowaway = maskEnvelope({ ...started, source: { data: `pw ${PASSWORD}` } } as unknown as Envelope, masker);
    assert.ok(!JSON.stringify(stowaway).includes(PASSWORD));
  });

  test('binary attachments are passed through unchanged', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
    assert.equal(
      maskEnvelope({ attachment: { body: png, contentEncoding: 'BASE64', mediaType: 'image/png' } } as Envelope, masker)
        .attachment!.body,
      png,
    );
  });
});

describe('the console stream', () => {
  test('masks whole lines even when a secret is split across writes', async () => {
    const sink = new PassThrough();
    let seen = '';
    sink.on('data', (d: Buffer) => (seen += d.toString()));
    const stream = new MaskingStream(sink, createMasker([PASSWORD]).text);
    stream.write(`failed with ${PASSWORD.slice(0, 3)}`);
    stream.write(`${PASSWORD.slice(3)} as password\nnext line`);
    stream.flushPending();
    await new Promise((r) => setImmediate(r));
    assert.ok(!seen.includes(PASSWORD), seen);
    assert.match(seen, /next line$/);
  });
});

describe('known secrets', () => {
  test('come from secret-named environment variables and secret-named inventory keys, with user IDs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ipic-known-'));
    const inventory = path.join(dir, 'inventory.yaml');
    writeFileSync(
      inventory,
      [
        'endpoint: https://zcon.example',
        'users:',
        '  - user: ALICE',
        '    password: Inv3ntory1',
        '  - user: BOB',
        '    passwordEnv: BOB_PW',
        '  - user: CAROL',
        '    phrase: ${CAROL_PHRASE}',
      ].join('\n'),
    );
    const found = knownSecrets({
      IPIC_INVENTORY: inventory,
      BOB_PW: 'FromEnv22',
      CAROL_PHRASE: 'a long phrase 12',
      IPIC_LIVE_TOKEN: 'tok-123456',
      SKIP_TOKEN: 'true',
      PATH: '/usr/bin',
    });
    assert.deepEqual(found.secrets, ['FromEnv22', 'Inv3ntory1', 'a long phrase 12', 'tok-123456']);
    assert.deepEqual(found.userids, ['ALICE', 'BOB', 'CAROL']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('inventory secrets given as {env: NAME} or {file: path} are known; readings and shell directories are not secrets', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ipic-known-'));
    const inventory = path.join(dir, 'inventory.yaml');
    writeFileSync(path.join(dir, 'dave.phrase'), 'dave phrase from file 9\n');
    writeFileSync(
      inventory,
      [
        'readings:',
        '  identifyWithPassword: verify',
        'users:',
        '  - user: ERIN',
        '    password: { env: QA_ERIN }',
        '  - user: DAVE',
        '    phrase: { file: dave.phrase }',
      ].join('\n'),
    );
    const found = knownSecrets({
      IPIC_INVENTORY: inventory,
      QA_ERIN: 'Er1nPass',
      PWD: '/work/main',
      OLDPWD: '/work',
    });
    assert.deepEqual(found.secrets, ['Er1nPass', 'dave phrase from file 9']);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a secret paired with its owner is masked inside that owner's Basic header", () => {
    const masker = createMasker([], [], [['ALICE', 'Owned9pw']]);
    const header = `Authorization: Basic ${Buffer.from('ALICE:Owned9pw').toString('base64')}`;
    assert.ok(!masker.text(`sent ${Buffer.from('ALICE:Owned9pw').toString('base64')}`).includes('QUxJQ0'));
    assert.ok(!masker.text(header).includes(Buffer.from('ALICE:Owned9pw').toString('base64')));
    assert.equal(masker.text('Owned9pw'), MASK);
  });

  test('secret names are recognised in the usual spellings', () => {
    for (const name of [
      'password',
      'userPassword',
      'IPIC_LIVE_PASSWORD',
      'client-secret',
      'apiKey',
      'PRIVATE_KEY',
      'passphrase',
      'token',
    ])
      assert.ok(isSecretKeyName(name), name);
    for (const name of ['passwordExpired', 'phraseLength', 'user', 'endpoint', 'PATH'])
      assert.ok(!isSecretKeyName(name), name);
  });
});
