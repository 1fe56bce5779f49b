/**
 * Secrets never leak: a conformance run against a target that uses real secrets (the model's generated
 * passwords and phrases, and an inventory password) and leaks them on purpose into evidence, observations
 * and error messages. Every file the run leaves under its reports directory, and its console output, is
 * scanned for every secret the run used, in every encoding. With masking on nothing may be found; with
 * masking switched off (test-only flag) the same scan must find the leaks, which shows it can fail. The
 * inventory passwords, which the harness knows by value, are leaked in every encoding it must mask them
 * in (hex, base64url, URL, JSON and HTML escapes as various encoders write them, at an offset inside a
 * larger base64 blob, ...: leaky-target.ts, encodedLeaks), into evidence and into an error message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeTempReports, REPO, runConformance, tempReports, type Run } from './fixtures/report/run';

after(removeTempReports);
import { consoleText, formsOf, missingArtifacts, readTree, scan, type Leak } from './fixtures/report/scan';

const LEAKY = './test/fixtures/report/leaky-target.ts';
// Bind (one scenario there makes the leaking target throw), VERIFY passwords, and phrases of every length.
const TAGS = '@area:bind or @R28 or @R35 or @R37';
const INVENTORY_USER = { user: 'LEAKUSR', password: 'Inv3ntory!Pw9' };
// A password every escaping changes: quotes, <>&, a space, / and ! (which only strict URL encoders
// escape), and a character outside ASCII (UTF-8 bytes in a URL, \u00e9 in ASCII JSON).
const ESCAPED_USER = { user: 'ENCUSR', password: `Enc "od<ed> & 'sp ace'/é!` };

let masked: Run;
let unmasked: Run;
let plainCucumber: Run;
let secrets: string[];
let userids: string[];

function collected(file: string): { secrets: string[]; userids: string[] } {
  const all = { secrets: new Set<string>(), userids: new Set<string>() };
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { secrets: string[]; userids: string[] };
    entry.secrets.forEach((s) => all.secrets.add(s));
    entry.userids.forEach((u) => all.userids.add(u));
  }
  return { secrets: [...all.secrets].sort(), userids: [...all.userids].sort() };
}

function everything(run: Run): Map<string, string> {
  const texts = readTree(run.dir);
  texts.set('(console stdout)', consoleText(run.stdout));
  texts.set('(console stderr)', consoleText(run.stderr));
  return texts;
}

/** A plain `cucumber-js` run (no harness runner) with the project's default profile (cucumber.js). */
function runPlainCucumber(env: Record<string, string>, tags: string): Promise<Run> {
  const dir = tempReports('plain-cucumber');
  const results = path.join(dir, 'allure-results');
  mkdirSync(results, { recursive: true });
  const cli = path.join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const child = spawn(process.execPath, [cli, '--tags', tags], {
    cwd: REPO,
    env: { ...process.env, ...env, IPIC_ALLURE_RESULTS: results },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, dir })));
}

/** Where and how, never the secret itself: a failing test must not print what it protects. */
function describeLeaks(leaks: Leak[]): string {
  return leaks
    .slice(0, 20)
    .map((l) => `secret #${l.secretIndex} as ${l.form} in ${l.where}`)
    .join('\n');
}

before(async () => {
  const dir = tempReports('secrets');
  const inventory = path.join(dir, 'inventory.json');
  writeFileSync(
    inventory,
    JSON.stringify({ endpoint: 'https://zcon.example:9443', users: [INVENTORY_USER, ESCAPED_USER] }),
  );
  const env = (out: string, extra: Record<string, string> = {}) => ({
    IPIC_TARGET: LEAKY,
    IPIC_INVENTORY: inventory,
    IPIC_SECRETS_OUT: out,
    ...extra,
  });
  const maskedOut = path.join(dir, 'secrets-masked.jsonl');
  const unmaskedOut = path.join(dir, 'secrets-unmasked.jsonl');
  const plainOut = path.join(dir, 'secrets-plain.jsonl');
  [masked, unmasked, plainCucumber] = await Promise.all([
    runConformance(['--tags', TAGS, '--record-subset'], env(maskedOut)),
    runConformance(['--tags', TAGS, '--record-subset'], env(unmaskedOut, { IPIC_UNSAFE_DISABLE_MASKING: '1' })),
    runPlainCucumber(env(plainOut), TAGS),
  ]);
  const all = [maskedOut, unmaskedOut, plainOut].map(collected);
  secrets = [...new Set(all.flatMap((c) => c.secrets))];
  userids = [...new Set(all.flatMap((c) => c.userids))];
});

describe('secrets in a run against a leaking target', () => {
  test('the run used real secrets and produced every artifact', () => {
    assert.ok(secrets.length > 20, `collected ${secrets.length} secrets`);
    assert.ok(secrets.includes(INVENTORY_USER.password));
    assert.ok(
      secrets.some((s) => s.length > 8),
      'password phrases are among them',
    );
    // The deliberate error (an Authorization header in an exception) makes this a harness error run.
    assert.equal(masked.code, 2, masked.stderr);
    assert.deepEqual(missingArtifacts(masked.dir), []);
    assert.match(
      masked.stdout + masked.stderr,
      /Authorization: Basic \[MASKED\]/,
      'the error reached the console, masked',
    );
  });

  test('with masking on, no secret appears in any artifact or on the console, in any encoding', () => {
    const leaks = scan(everything(masked), secrets, userids);
    assert.deepEqual(leaks, [], describeLeaks(leaks));
  });

  test('a plain cucumber-js run (default profile) writes no secret into its Allure results', () => {
    const texts = readTree(path.join(plainCucumber.dir, 'allure-results'));
    assert.ok(
      [...texts.keys()].some((f) => f.endsWith('-attachment.txt') || f.endsWith('-attachment.json')),
      'attachments were written',
    );
    const leaks = scan(texts, secrets, userids);
    assert.deepEqual(leaks, [], describeLeaks(leaks));
  });

  test('with masking off, the same scan finds the leaks everywhere they were written', () => {
    assert.match(unmasked.stderr, /secrets are NOT masked/);
    const leaks = scan(everything(unmasked), secrets, userids);
    const places = new Set(leaks.map((l) => l.where.split('/')[0]));
    for (const place of ['allure-results', 'allure-report', 'junit.xml', 'conformance.json', '(console stdout)']) {
      assert.ok(places.has(place), `a leak is found in ${place} (found in: ${[...places].join(', ')})`);
    }
    const forms = new Set(leaks.map((l) => l.form));
    for (const form of ['plain', 'inside a base64 run']) assert.ok(forms.has(form), `found as ${form}`);
    assert.ok(
      [...forms].some((f) => f.startsWith('basic header of')),
      'found as a Basic header',
    );
    assert.ok(
      leaks.some((l) => secrets[l.secretIndex] === INVENTORY_USER.password),
      'the inventory password is found',
    );
  });

  test('with masking off, every encoding of the inventory passwords is found in the attachments and on the console', () => {
    const leaks = scan(everything(unmasked), secrets, userids);
    const attachments = [...readTree(unmasked.dir).keys()].filter((f) => /^allure-results\/.*-attachment/.test(f));
    for (const { user, password } of [INVENTORY_USER, ESCAPED_USER]) {
      const found = (where: (w: string) => boolean) =>
        new Set(leaks.filter((l) => secrets[l.secretIndex] === password && where(l.where)).map((l) => l.form));
      const expected = [...[...formsOf(password, [user]).keys()].filter((f) => f !== 'plain'), 'inside a base64 run'];
      const inAttachments = found((w) => attachments.includes(w));
      const onConsole = found((w) => w === '(console stdout)');
      for (const form of expected) {
        assert.ok(inAttachments.has(form), `${user}'s password as ${form} is in an Allure attachment`);
        assert.ok(onConsole.has(form), `${user}'s password as ${form} is on the console`);
      }
    }
  });

  test('with masking on, the encoded inventory passwords are masked where they were leaked', () => {
    const attachment = [...readTree(masked.dir)].find(
      ([f, body]) => /^allure-results\/.*-attachment/.test(f) && body.startsWith('e0 '),
    );
    assert.ok(attachment, 'the encodings attachment was written');
    // Every encoded form was replaced whole; in a blob, the part that held the secret.
    for (const line of attachment[1].split('\n'))
      assert.match(line, /^e\d+ \[MASKED\]$|^b\d+ [\w+/=-]*\[MASKED\][\w+/=-]*$/, line.split(' ')[0]);
    assert.match(masked.stdout, /the request carried:\n\s*e0 \[MASKED\]\n\s*e1 \[MASKED\]\n/);
  });
});
