/**
 * Every parser rejects malformed input at the exact file, line and column, and never quotes a secret
 * while doing so: a corpus of broken statements (test/fixtures/definitions/broken, indexed by
 * corpus.yaml) and, for each, where the problem must be reported.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseCertificateInventory } from '../src/definitions/certificates';
import { parseCsd } from '../src/definitions/csd';
import { DefinitionsError, describeProblem, Diagnostics } from '../src/definitions/diagnostics';
import { parseManifest } from '../src/definitions/manifest';
import { parseProperties } from '../src/definitions/properties';
import { parseRacf } from '../src/definitions/racf';
import { parseServerXml } from '../src/definitions/server-xml';
import { parseSit } from '../src/definitions/sit';

const DIR = 'test/fixtures/definitions/broken';

interface Case {
  file: string;
  parser: 'csd' | 'sit' | 'racf' | 'server-xml' | 'properties' | 'manifest' | 'certificates';
  line: number;
  column: number;
  field: string;
  secret?: string;
}

const cases = parse(readFileSync('test/fixtures/definitions/corpus.yaml', 'utf8')) as Case[];

function read(c: Case): Diagnostics {
  const file = path.join(DIR, c.file);
  const content = readFileSync(file, 'utf8');
  const diagnostics = new Diagnostics();
  switch (c.parser) {
    case 'csd':
      parseCsd(content, file, diagnostics);
      break;
    case 'sit':
      parseSit(content, file, diagnostics);
      break;
    case 'racf':
      parseRacf([{ content, file }], diagnostics);
      break;
    case 'server-xml':
      parseServerXml(file, undefined, diagnostics);
      break;
    case 'properties':
      parseProperties(content, file, diagnostics);
      break;
    case 'manifest':
      parseManifest(content, file, diagnostics);
      break;
    case 'certificates':
      parseCertificateInventory(content, file, diagnostics);
      break;
  }
  return diagnostics;
}

test('the corpus indexes every broken file exactly once', () => {
  assert.deepEqual(cases.map((c) => c.file).sort(), readdirSync(DIR).sort());
});

for (const c of cases) {
  test(`${c.parser}: ${c.file} is reported at line ${c.line}, column ${c.column}`, () => {
    const diagnostics = read(c);
    const first = diagnostics.problems[0];
    assert.ok(first, 'the parser reports a problem');
    assert.deepEqual(
      { file: first.at.file, line: first.at.line, column: first.at.column },
      { file: path.join(DIR, c.file), line: c.line, column: c.column },
    );
    assert.ok(first.field.includes(c.field), `field "${first.field}" names ${c.field}`);
    const error = (() => {
      try {
        diagnostics.throwIfProblems();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof DefinitionsError, 'stopping on it raises a harness input error (exit code 2)');
    assert.match(
      error.message,
      new RegExp(`^${path.join(DIR, c.file).replace(/[.]/g, '\\.')}:${c.line}:${c.column}: `),
    );
    if (c.secret) {
      const everything = [
        error.message,
        ...diagnostics.problems.map(describeProblem),
        ...diagnostics.warnings.map((w) => w.message),
      ].join('\n');
      assert.ok(!everything.includes(c.secret), 'no message quotes the secret in the broken statement');
    }
  });
}
