/**
 * XML oddities in a Liberty file never crash the audit: `npm run access-matrix` on a site whose
 * ipic.xml carries one exits 2 with the file, line and column, and no stack trace; legal oddities (a byte
 * order mark, comments, processing instructions, CDATA, character references) read as usual.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { displayPath } from '../src/definitions/diagnostics';
import { main } from '../scripts/access-matrix';

const scratch = mkdtempSync(path.join(tmpdir(), 'liberty-xml-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;

function siteWithIpic(edit: (ipic: string) => string): string {
  const directory = path.join(scratch, `site-${++count}`);
  cpSync('examples/site', directory, { recursive: true });
  const file = path.join(directory, 'zosconnect', 'ipic.xml');
  const before = readFileSync(file, 'utf8');
  const after_ = edit(before);
  assert.notEqual(after_, before);
  writeFileSync(file, after_);
  return directory;
}

/** main() in this process, its stderr captured; reports go to the scratch directory. */
function accessMatrix(directory: string): { code: number; stderr: string } {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = main([directory, '--out', path.join(directory, 'm.csv'), '--html', path.join(directory, 'm.html')]);
    return { code, stderr: written.join('') };
  } finally {
    process.stderr.write = original;
    process.stdout.write = out;
  }
}

const ODD: [string, (ipic: string) => string, RegExp][] = [
  [
    'an internal DTD subset defining an entity',
    (t) => t.replace('<server>', '<!DOCTYPE server [<!ENTITY a "ZCONACCT">]>\n<server>'),
    /ipic\.xml:3:1: server\.xml: expected no <!DOCTYPE>/,
  ],
  [
    'an external DTD',
    (t) => t.replace('<server>', '<!DOCTYPE server SYSTEM "server.dtd">\n<server>'),
    /ipic\.xml:3:1: server\.xml: expected no <!DOCTYPE>/,
  ],
  [
    'a lower-case doctype',
    (t) => t.replace('<server>', '<!doctype server>\n<server>'),
    /ipic\.xml:3:1: server\.xml: expected no <!DOCTYPE>/,
  ],
  [
    'an external entity',
    (t) => t.replace('<server>', '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<server>'),
    /ipic\.xml:3:1: server\.xml: expected no <!DOCTYPE>/,
  ],
  [
    'an undefined entity',
    (t) => t.replace('"ZCONACCT"', '"&applid;"'),
    /ipic\.xml:6:27: server\.xml: expected an entity XML predefines .*&applid; is not defined/,
  ],
  [
    'a lone ampersand',
    (t) => t.replace('"ZCONACCT"', '"ZCON&ACCT"'),
    /ipic\.xml:6:31: server\.xml: expected well-formed XML \(a lone & is written &amp;\)/,
  ],
  [
    '< inside an attribute value',
    (t) => t.replace('"ZCONACCT"', '"ZCON<ACCT"'),
    /ipic\.xml:6:31: server\.xml: expected well-formed XML \(`<` inside an attribute value/,
  ],
  [
    'a comment inside a tag',
    (t) => t.replace('port="1491"', '<!-- port --> port="1491"'),
    /ipic\.xml:5:\d+: server\.xml: expected well-formed XML/,
  ],
  [
    'an unclosed comment',
    (t) => t.replace('<!-- Batch API', '<!-- Batch API --'),
    /ipic\.xml:\d+:\d+: server\.xml: expected well-formed XML/,
  ],
  [
    'an unclosed CDATA section',
    (t) => t.replace('</server>', '<![CDATA[ x </server>'),
    /ipic\.xml:\d+:1: server\.xml: expected well-formed XML \(a CDATA section/,
  ],
  [
    'an unterminated processing instruction',
    (t) => t.replace('</server>', '<?pi x </server>'),
    /ipic\.xml:\d+:1: server\.xml: expected well-formed XML \(a processing instruction/,
  ],
  [
    'a truncated file',
    (t) => t.slice(0, t.indexOf('sslCertsRef="ipicServerAuthTls" authDataRef')),
    /ipic\.xml:\d+:\d+: server\.xml: expected well-formed XML/,
  ],
];

for (const [what, edit, where] of ODD) {
  test(`access-matrix: ${what} exits 2 with file, line and column, never a stack`, () => {
    const { code, stderr } = accessMatrix(siteWithIpic(edit));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^harness error: /);
    assert.match(stderr, where);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack frames');
  });
}

const LEGAL: [string, (ipic: string) => string][] = [
  ['a byte order mark', (t) => `\uFEFF${t}`],
  [
    'a processing instruction and CDATA inside <server>',
    (t) => t.replace('<server>', '<server>\n<?audit ignore?>\n<![CDATA[ notes < here ]]>'),
  ],
  [
    'character references and a comment between elements',
    (t) => t.replace('"ZCONACCT"', '"&#90;CON&#x41;CCT"').replace('<server>', '<server><!-- a & b -->'),
  ],
];

for (const [what, edit] of LEGAL) {
  test(`access-matrix: ${what} reads as usual`, () => {
    const { code, stderr } = accessMatrix(siteWithIpic(edit));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /access matrix: \d+ rows for 3 connections/);
  });
}

test('npm run access-matrix on a DOCTYPE: exit 2 and a located message, as a process (it crashed with exit 1 before)', () => {
  const directory = siteWithIpic((t) =>
    t.replace('<server>', '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<server>'),
  );
  const run = spawnSync(
    process.execPath,
    [
      '-r',
      './support/register-typescript.js',
      'scripts/access-matrix.ts',
      directory,
      '--out',
      path.join(directory, 'm.csv'),
      '--html',
      path.join(directory, 'm.html'),
    ],
    { encoding: 'utf8', env: { ...process.env, IPIC_MODEL_OPTIONS: '' } },
  );
  assert.equal(run.status, 2, run.stderr);
  assert.equal(
    run.stderr.trim(),
    `harness error: ${displayPath(path.join(directory, 'zosconnect', 'ipic.xml'))}:3:1: server.xml: expected no <!DOCTYPE>: Liberty configuration files carry no document type declaration, and the audit does not process one (its entities could change the values read)`,
  );
});
