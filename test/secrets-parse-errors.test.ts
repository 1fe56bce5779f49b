/**
 * Problems the definitions parsers report stay readable after masking: every message reaches the console
 * and the summary through the masker (support/redaction.ts), whose shape rule reads a secret-named keyword
 * followed by a colon and a word ("PHRASE: quoted string") as a secret and its value. Each problem and
 * warning of the broken-definitions corpus must come out of the masker unchanged, and none may hold a
 * secret of the broken statements; a conformance run on a site with an unterminated PHRASE prints the
 * problem as the parser wrote it.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { parseCertificateInventory } from '../src/definitions/certificates';
import { parseCsd } from '../src/definitions/csd';
import { describeProblem, Diagnostics } from '../src/definitions/diagnostics';
import { parseManifest } from '../src/definitions/manifest';
import { parseProperties } from '../src/definitions/properties';
import { parseRacf } from '../src/definitions/racf';
import { parseServerXml } from '../src/definitions/server-xml';
import { parseSit } from '../src/definitions/sit';
import { createMasker } from '../support/redaction';
import { removeTempReports, REPO, runConformance, tempReports } from './fixtures/report/run';

after(removeTempReports);

const DIR = 'test/fixtures/definitions/broken';
const PHRASE = 'Nine lunar gulls, 3 quiet shores';

interface Case {
  file: string;
  parser: string;
  secret?: string;
}

const PARSERS: Record<string, (content: string, file: string, diagnostics: Diagnostics) => unknown> = {
  csd: parseCsd,
  sit: parseSit,
  racf: (content, file, diagnostics) => parseRacf([{ content, file }], diagnostics),
  'server-xml': (_content, file, diagnostics) => parseServerXml(file, undefined, diagnostics),
  properties: parseProperties,
  manifest: parseManifest,
  certificates: parseCertificateInventory,
};

/** Every problem and warning the parser reports for one broken file, as the run would print them. */
function messagesOf(c: Case): string[] {
  const file = path.join(DIR, c.file);
  const diagnostics = new Diagnostics();
  const parser = PARSERS[c.parser];
  assert.ok(parser, `corpus.yaml names parser ${c.parser}`);
  parser(readFileSync(file, 'utf8'), file, diagnostics);
  return [...diagnostics.problems.map(describeProblem), ...diagnostics.warnings.map((w) => w.message)];
}

const cases = parse(readFileSync('test/fixtures/definitions/corpus.yaml', 'utf8')) as Case[];
const secrets = cases.flatMap((c) => (c.secret ? [c.secret] : []));

describe('parse errors after masking', () => {
  const mask = createMasker(secrets).text;

  test('every problem and warning of the broken-definitions corpus comes out of the masker as the parser wrote it', () => {
    for (const c of cases) {
      const messages = messagesOf(c);
      assert.ok(messages.length > 0, `${c.file}: the parser reports something`);
      for (const message of messages) assert.equal(mask(message), message, c.file);
      for (const secret of secrets) assert.ok(!messages.some((m) => m.includes(secret)), `${c.file}: a secret`);
    }
  });

  test('a broken quote or comment inside PASSWORD(...) or PHRASE(...) is reported readably', () => {
    for (const [statement, keyword, problem] of [
      [`ADDUSER ALICE PASSWORD('Qu1et#77`, 'PASSWORD', 'a closing apostrophe'],
      // A comment left open ends with its line (TSO/E), so the open quote is what is broken here.
      [`ALTUSER ALICE PHRASE('${PHRASE} /* left open`, 'PHRASE', 'a closing apostrophe'],
      [`RACDCERT ID(ALICE) ADD('x') WITHLABEL('l') PASSWORD('Qu1et#77`, 'PASSWORD', 'a closing apostrophe'],
    ]) {
      const diagnostics = new Diagnostics();
      parseRacf([{ content: `${statement}\n`, file: 'users.racf' }], diagnostics);
      const message = describeProblem(diagnostics.problems[0]!);
      assert.equal(mask(message), message);
      assert.ok(message.includes(` in ${keyword}: expected ${problem}`), message);
      assert.ok(!message.includes('Qu1et') && !message.includes(PHRASE.slice(0, 10)), message);
    }
  });

  test('an unterminated PHRASE names the keyword and the problem', () => {
    const [first] = messagesOf({ file: 'racf-unterminated-phrase.racf', parser: 'racf' });
    assert.equal(
      mask(first as string),
      `${DIR}/racf-unterminated-phrase.racf:2:22: quoted string in PHRASE: expected a closing apostrophe for the string opened here`,
    );
  });

  test('a conformance run on a site with an unterminated PHRASE prints it readably, as a harness error', async () => {
    const site = path.join(tempReports('broken-site'), 'site');
    cpSync(path.join(REPO, 'examples', 'site'), site, { recursive: true });
    appendFileSync(path.join(site, 'racf', 'users.racf'), `ALTUSER ZCBATCH PHRASE('${PHRASE}) NOEXPIRED\n`);
    const run = await runConformance(['--tags', '@R35'], { IPIC_TARGET: 'audit', IPIC_DEFINITIONS: site });
    const printed = run.stdout + run.stderr;
    assert.equal(run.code, 2, printed);
    assert.match(
      printed,
      /racf\/users\.racf:\d+:24: quoted string in PHRASE: expected a closing apostrophe for the string opened here/,
    );
    assert.ok(!printed.includes('[MASKED]'), printed);
    assert.ok(!printed.includes(PHRASE.slice(0, 10)), 'the phrase is not printed');
  });
});
