/**
 * The signed attestation (issue 12): DSSE's pre-authentication encoding and Ed25519 signature checked
 * against the DSSE project's own test vectors; then a real run signs an in-toto test-result statement over
 * every file it published, `verify-report` accepts it, and rejects it after one byte of any subject changes
 * or with another key; the openssl recipe of docs/running.md verifies it too (and fails on a changed byte);
 * a key of the wrong type stops the run with exit 2 without showing the key; a run without a key leaves
 * no stale attestation behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify as cryptoVerify } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pae, PAYLOAD_TYPE, TEST_RESULT_PREDICATE, type Envelope, type Statement } from '../src/report/attestation';
import { verifyReport } from '../scripts/verify-report';
import { removeTempReports, REPO, runConformanceHere, tempReports, type Run } from './fixtures/report/run';

after(removeTempReports);

// RFC 8032's first Ed25519 test key (section 7.1, TEST 1).
const SEED_A = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const STATEMENT = '{"_type":"https://in-toto.io/Statement/v1"}';

const ed25519FromSeed = (seedHex: string) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });

/**
 * DSSE's pre-authentication encoding, restated from its protocol: "DSSEv1", then the payload type's length
 * and the type, then the body's length and the body, separated by single spaces, lengths in bytes as
 * decimal numbers.
 */
describe('DSSE pre-authentication encoding and signature', () => {
  test('PAE is the protocol\u2019s, lengths in bytes (a non-ASCII payload type counts 29, not 28)', () => {
    const body = Buffer.from(STATEMENT);
    assert.equal(pae(PAYLOAD_TYPE, body).toString(), `DSSEv1 28 application/vnd.in-toto+json 43 ${STATEMENT}`);
    const nonAscii = 'application/vnd.ex\u00e4mple+json';
    assert.equal(Buffer.byteLength(nonAscii), 29);
    assert.equal(pae(nonAscii, body).toString(), `DSSEv1 29 ${nonAscii} 43 ${STATEMENT}`);
    assert.equal(
      pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(),
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });
  test('an Ed25519 signature over the PAE verifies, and not over a PAE one byte different', () => {
    const key = ed25519FromSeed(SEED_A);
    const message = pae(PAYLOAD_TYPE, Buffer.from(STATEMENT));
    const signature = sign(null, message, key);
    const publicKey = createPublicKey(key);
    assert.ok(cryptoVerify(null, message, publicKey, signature));
    const changed = Buffer.from(message);
    changed[changed.length - 2] ^= 1;
    assert.ok(!cryptoVerify(null, changed, publicKey, signature));
  });
});

function keyFiles(dir: string, kind: 'ed25519' | 'ec' | 'rsa'): { key: string; pub: string; pem: string } {
  const pair =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = path.join(dir, `${kind}.pem`);
  const pub = path.join(dir, `${kind}.pub.pem`);
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(key, pem);
  writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return { key, pub, pem };
}

const verify = (envelope: string, pub: string) => {
  const lines: string[] = [];
  const code = verifyReport(
    [envelope, '--public-key', pub],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, text: lines.join('\n') };
};

/** A copy of a reports directory, so that each tampering starts from the run's own files. */
function copyOf(dir: string): string {
  const copy = tempReports('tamper');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function flipByte(file: string): void {
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  writeFileSync(file, bytes);
}

const RECIPE = /<!-- openssl-recipe -->\s*```sh\n([\s\S]*?)```/.exec(
  readFileSync(path.join(REPO, 'docs', 'running.md'), 'utf8'),
)?.[1];
const HAS_TOOLS = ['openssl', 'jq', 'sha256sum', 'base64'].every(
  (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0,
);

function runRecipe(reports: string, publicKey: string, ecdsa = false): { status: number | null; output: string } {
  let script = RECIPE!.replace(/^cd reports$/m, 'cd "$REPORTS"');
  if (ecdsa) script = script.replace(/^openssl pkeyutl .*$/m, '').replace(/^# ECDSA P-256 instead: /m, '');
  const result = spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
    env: { ...process.env, REPORTS: reports, PUBLIC_KEY: publicKey },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

let keys: ReturnType<typeof keyFiles>;
let ecKeys: ReturnType<typeof keyFiles>;
let other: ReturnType<typeof keyFiles>;
let rsa: ReturnType<typeof keyFiles>;
let signed: Run;
let ecSigned: Run;
let wrongKey: Run;
let unsignedAfter: Run;
let statement: Statement;

before(async () => {
  const dir = tempReports('keys');
  keys = keyFiles(dir, 'ed25519');
  ecKeys = keyFiles(tempReports('keys-ec'), 'ec');
  other = keyFiles(tempReports('keys-other'), 'ed25519');
  rsa = keyFiles(dir, 'rsa');
  const env = { IPIC_TARGET: './test/fixtures/report/rule-breaker-target.ts', IPIC_NOW: '2030-01-01T00:00:00Z' };
  const args = ['--tags', '@R28', '--waivers', 'test/fixtures/audit/waivers-rule-breaker.yaml', '--record-subset'];
  // The Allure HTML report is built in this run (Java permitting), so it is among the subjects.
  [signed, ecSigned, wrongKey] = await Promise.all([
    runConformanceHere(args, { ...env, IPIC_SIGNING_KEY: keys.key }),
    runConformanceHere(['--tags', '@R10'], { IPIC_SKIP_ALLURE_HTML: '1', IPIC_SIGNING_KEY: ecKeys.key }),
    runConformanceHere(['--tags', '@R10'], { IPIC_SKIP_ALLURE_HTML: '1', IPIC_SIGNING_KEY: rsa.key }),
  ]);
  const envelope = JSON.parse(readFileSync(path.join(signed.dir, 'attestation.dsse.json'), 'utf8')) as Envelope;
  statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement;
  unsignedAfter = await runConformanceHere(['--tags', '@R10'], { IPIC_SKIP_ALLURE_HTML: '1' }, copyOf(ecSigned.dir));
});

describe('the attestation of a run', () => {
  test('is an in-toto test-result statement over every file the run published', () => {
    assert.equal(signed.code, 0, signed.stdout + signed.stderr);
    assert.match(signed.stdout, /attestation: .*attestation\.dsse\.json \(in-toto test-result, DSSE, key id /);
    assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
    assert.equal(statement.predicateType, TEST_RESULT_PREDICATE);
    assert.equal(statement.predicate.result, 'WARNED', 'exit 0 with waived findings');
    assert.equal(statement.predicate.warnedTests.length, 17);
    assert.equal(statement.predicate.failedTests.length, 0);
    assert.ok(statement.predicate.configuration.some((c) => /^waivers: /.test(c.name) && c.digest.sha256));
    assert.ok(statement.predicate.configuration.some((c) => /^feature: features\//.test(c.name)));
    const names = statement.subject.map((s) => s.name);
    for (const expected of [
      'conformance.json',
      'conformance.md',
      'conformance.html',
      'junit.xml',
      'summaries/rule-breaker.json',
      'site/index.html',
      'site/changes.html',
    ])
      assert.ok(names.includes(expected), expected);
    assert.ok(names.some((n) => n.startsWith('allure-results/')));
    const published: string[] = [];
    const walk = (d: string, rel = '') => {
      for (const e of readdirSync(d)) {
        const full = path.join(d, e);
        const name = rel ? `${rel}/${e}` : e;
        if (statSync(full).isDirectory()) walk(full, name);
        else published.push(name);
      }
    };
    walk(signed.dir);
    const unattested = published.filter((n) => !names.includes(n));
    assert.deepEqual(unattested.sort(), ['attestation.dsse.json', 'last-run.json'], 'every other file is a subject');
    if (existsSync(path.join(signed.dir, 'allure-report', 'index.html')))
      assert.ok(names.includes('allure-report/index.html'));
  });
  test('verify-report accepts it with the signer\u2019s public key', () => {
    const result = verify(path.join(signed.dir, 'attestation.dsse.json'), keys.pub);
    assert.equal(result.code, 0, result.text);
    assert.match(result.text, /all \d+ subjects match \(result WARNED\)/);
    assert.equal(verify(path.join(ecSigned.dir, 'attestation.dsse.json'), ecKeys.pub).code, 0, 'ECDSA P-256');
  });
  test('is rejected with another key (exit 1)', () => {
    const result = verify(path.join(signed.dir, 'attestation.dsse.json'), other.pub);
    assert.equal(result.code, 1);
    assert.match(result.text, /TAMPERED: .*no signature in the envelope verifies with this public key/);
    assert.equal(verify(path.join(signed.dir, 'attestation.dsse.json'), ecKeys.pub).code, 1);
  });
  for (const subject of [
    'conformance.json',
    'conformance.md',
    'conformance.html',
    'junit.xml',
    'site/index.html',
    'summaries/rule-breaker.json',
    'allure-results',
  ])
    test(`is rejected after one byte of ${subject} changes (exit 1)`, () => {
      const copy = copyOf(signed.dir);
      const name =
        subject === 'allure-results'
          ? statement.subject.find((s) => s.name.startsWith('allure-results/'))!.name
          : subject;
      flipByte(path.join(copy, name));
      const result = verify(path.join(copy, 'attestation.dsse.json'), keys.pub);
      assert.equal(result.code, 1, result.text);
      assert.match(result.text, new RegExp(`subject ${name.replace(/[.]/g, '\\.')} hashes to`));
    });
  test('is rejected when the signed payload itself changes (exit 1)', () => {
    const copy = copyOf(signed.dir);
    const file = path.join(copy, 'attestation.dsse.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as Envelope;
    const changed = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('"WARNED"', '"PASSED"');
    writeFileSync(file, JSON.stringify({ ...envelope, payload: Buffer.from(changed).toString('base64') }));
    assert.equal(verify(file, keys.pub).code, 1);
  });
  test('the openssl recipe of docs/running.md verifies it, and fails after one changed byte', (t) => {
    if (!HAS_TOOLS || !RECIPE)
      return t.skip('openssl, jq, sha256sum or base64 missing (or the recipe is gone from the docs)');
    const good = runRecipe(copyOf(signed.dir), keys.pub);
    assert.equal(good.status, 0, good.output);
    assert.equal(runRecipe(copyOf(ecSigned.dir), ecKeys.pub, true).status, 0, 'ECDSA P-256 with openssl dgst');
    assert.notEqual(runRecipe(copyOf(signed.dir), other.pub).status, 0, 'another key');
    const tampered = copyOf(signed.dir);
    flipByte(path.join(tampered, 'conformance.md'));
    const bad = runRecipe(tampered, keys.pub);
    assert.notEqual(bad.status, 0);
    assert.match(bad.output, /conformance\.md: FAILED/);
  });
  test('a key that is not Ed25519 or P-256 stops the run (exit 2), naming the variable, never the key', () => {
    assert.equal(wrongKey.code, 2, wrongKey.stdout + wrongKey.stderr);
    assert.match(
      wrongKey.stderr,
      /harness error: IPIC_SIGNING_KEY: .*rsa\.pem: expected an Ed25519 or ECDSA P-256 private key \(it is rsa\)/,
    );
    const body = rsa.pem.split('\n')[3]!;
    assert.ok(!(wrongKey.stdout + wrongKey.stderr).includes(body));
  });
  test('no private key reaches any artifact', () => {
    for (const [run, pem] of [
      [signed, keys.pem],
      [ecSigned, ecKeys.pem],
    ] as const) {
      const secret = pem.split('\n')[1]!;
      const stack = [run.dir];
      while (stack.length) {
        const d = stack.pop()!;
        for (const e of readdirSync(d)) {
          const full = path.join(d, e);
          if (statSync(full).isDirectory()) stack.push(full);
          else assert.ok(!readFileSync(full, 'latin1').includes(secret), full);
        }
      }
    }
  });
  test('a later run without a key leaves no stale attestation in place', () => {
    assert.equal(unsignedAfter.code, 0, unsignedAfter.stderr);
    assert.ok(!existsSync(path.join(unsignedAfter.dir, 'attestation.dsse.json')));
  });
});
