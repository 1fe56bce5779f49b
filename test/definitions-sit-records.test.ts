/**
 * SIT override records as IBM's SYSIN coding rules describe them: a blank starts a comment, all 80
 * columns are input (so sequence numbers after a blank are a comment), a list continued after a comma,
 * and the overrides kept in a JCL member running DFHSIP.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics } from '../src/definitions/diagnostics';
import { parseSit } from '../src/definitions/sit';

function read(lines: string[], symbols?: Record<string, string>) {
  const diagnostics = new Diagnostics();
  const sit = parseSit(lines.join('\n'), 'sit.txt', diagnostics, symbols ? { symbols } : {});
  return { sit, diagnostics };
}

test('a comment after a blank, and sequence numbers in 73-80 after one, are not read', () => {
  const { sit, diagnostics } = read([
    'SEC=NO    security off in the test region',
    'DFLTUSER=CICSDFLT,'.padEnd(72) + '00020000',
    "GMTEXT='Welcome, user''s region',APPLID=CICSAOR1  the APPLID",
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(sit.sec, false);
  assert.equal(sit.dfltuser, 'CICSDFLT');
  assert.equal(sit.applid, 'CICSAOR1');
  assert.deepEqual(sit.sources.APPLID?.at, { file: 'sit.txt', line: 3, column: 34 });
});

test('a list continued after a comma on the next record is joined without blanks, located where written', () => {
  const { sit, diagnostics } = read(['GRPLIST=(DFHLIST,', '         ZCONLIST,ZCON*)   lists', 'SEC=YES']);
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(sit.grplist?.lists, ['DFHLIST', 'ZCONLIST', 'ZCON*']);
  assert.equal(sit.sec, true);
});

test('a list left open without a comma at the end of the record is a problem where the record ends', () => {
  const { diagnostics } = read(['GRPLIST=(DFHLIST,ZCONLIST', 'SEC=YES']);
  const first = diagnostics.problems[0];
  assert.deepEqual([first?.field, first?.at.line, first?.at.column], ['parameter', 1, 25]);
});

test('overrides kept in a JCL member running DFHSIP are read from its SYSIN, with the member line numbers', () => {
  const { sit, diagnostics } = read(
    [
      '//CICSAOR1 JOB (1),CLASS=A',
      '//CICS     EXEC PGM=DFHSIP,PARM=SYSIN,REGION=0M',
      '//SYSIN    DD *,SYMBOLS=EXECSYS',
      'APPLID=&APPLID.,',
      'SEC=YES     security on',
      '.END',
      '/*',
    ],
    { APPLID: 'CICSAOR1' },
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(sit.applid, 'CICSAOR1');
  assert.deepEqual(sit.sources.SEC?.at, { file: 'sit.txt', line: 5, column: 1 });
});
