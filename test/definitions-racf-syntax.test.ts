/**
 * RACF command syntax sites use and the audit used to refuse or misread: profile lists after the class
 * name, REVOKE and RESUME with dates judged on the audit date, and a comment left open at the end of a
 * line (TSO/E ends it there).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics } from '../src/definitions/diagnostics';
import { parseRacf } from '../src/definitions/racf';
import { racfCommandDate, revokedOn } from '../src/definitions/racf-dates';

function replay(commands: string, auditDate = '2026-06-01') {
  const diagnostics = new Diagnostics();
  const db = parseRacf([{ content: commands, file: 'racf.txt' }], diagnostics, { auditDate });
  return { db, diagnostics };
}

const profiles = (db: ReturnType<typeof replay>['db']) =>
  db.profiles.map((p) => `${p.cls} ${p.name} ${p.uacc} ${[...p.accessList].map(([id, a]) => `${id}:${a}`).join(',')}`);

test('RDEFINE, RALTER, PERMIT and RDELETE take a list of profiles after the class name', () => {
  const { db, diagnostics } = replay(
    [
      'ADDUSER (ZCLINK1 ZCBATCH) NOPASSWORD',
      'RDEFINE TCICSTRN (CSMI ZCMI ZLGY) UACC(NONE)',
      'RALTER TCICSTRN (ZCMI ZLGY) UACC(READ)',
      'PERMIT (CSMI ZCMI) CLASS(TCICSTRN) ID(ZCLINK1 ZCBATCH) ACCESS(UPDATE)',
      'RDELETE TCICSTRN (ZLGY)',
      'RDEFINE APPL (CICSAOR1 CICSAOR2) UACC(NONE)',
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(profiles(db), [
    'TCICSTRN CSMI NONE ZCLINK1:UPDATE,ZCBATCH:UPDATE',
    'TCICSTRN ZCMI READ ZCLINK1:UPDATE,ZCBATCH:UPDATE',
    'APPL CICSAOR1 NONE ',
    'APPL CICSAOR2 NONE ',
  ]);
});

test('RACF dates: mm/dd/yy, with 71-99 read as 19yy and 00-70 as 20yy; impossible dates refused', () => {
  assert.equal(racfCommandDate('12/31/30'), '2030-12-31');
  assert.equal(racfCommandDate('1/5/71'), '1971-01-05');
  assert.equal(racfCommandDate('02/29/24'), '2024-02-29');
  assert.equal(racfCommandDate('02/29/25'), undefined);
  assert.equal(racfCommandDate('2030-12-31'), undefined);
});

test('revoked between the revoke date and a later resume date, on the audit date', () => {
  const on = '2026-06-01';
  assert.equal(revokedOn({ revokedFlag: false, revokeDate: '2030-12-31' }, on), false, 'revoke date to come');
  assert.equal(revokedOn({ revokedFlag: false, revokeDate: '2026-06-01' }, on), true, 'revoked from that day');
  assert.equal(revokedOn({ revokedFlag: true, resumeDate: '2026-07-01' }, on), true, 'resumed only in July');
  assert.equal(revokedOn({ revokedFlag: true, resumeDate: '2026-06-01' }, on), false, 'resumed that day');
  assert.equal(
    revokedOn({ revokedFlag: false, revokeDate: '2026-03-01', resumeDate: '2026-01-01' }, on),
    true,
    'a resume date before the revoke date does not end the later revocation',
  );
});

test('ALTUSER REVOKE(date) after the audit date is not a revocation yet; RESUME(date) to come keeps it', () => {
  const { db, diagnostics } = replay(
    [
      'ADDUSER (LATER PAST FLAG BACK CLEARED) NOPASSWORD',
      'ALTUSER LATER REVOKE(12/31/30)',
      'ALTUSER PAST REVOKE(01/15/26)',
      'ALTUSER FLAG REVOKE RESUME(12/31/30)',
      'ALTUSER BACK REVOKE',
      'ALTUSER BACK RESUME(05/31/26)',
      'ALTUSER CLEARED REVOKE(01/15/26)',
      'ALTUSER CLEARED NOREVOKE',
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  const revoked = Object.fromEntries([...db.users.values()].map((u) => [u.id, u.revoked]));
  assert.deepEqual(revoked, { LATER: false, PAST: true, FLAG: true, BACK: false, CLEARED: false });
  assert.equal(db.users.get('LATER')?.revokeDate, '2030-12-31');
});

test('RESUME without a date ends the revocation in effect but leaves a revoke date still to come', () => {
  const { db } = replay(
    ['ADDUSER (A B) NOPASSWORD', 'ALU A REVOKE', 'ALU A RESUME', 'ALU B REVOKE(12/31/30)', 'ALU B RESUME'].join('\n'),
  );
  assert.equal(db.users.get('A')?.revoked, false);
  assert.equal(db.users.get('B')?.revokeDate, '2030-12-31');
  // The commands carry no date of their own: the audit date stands for when they ran, so by 2031 the
  // revoke date has come and the RESUME ends that revocation.
  const later = replay('ADDUSER B NOPASSWORD\nALU B REVOKE(12/31/30)\nALU B RESUME', '2031-01-02').db;
  assert.equal(later.users.get('B')?.revoked, false);
  assert.equal(later.users.get('B')?.revokeDate, undefined);
});

test('a malformed REVOKE date is a located problem, never a guess', () => {
  const { diagnostics } = replay('ADDUSER A NOPASSWORD\nALTUSER A REVOKE(2030-12-31)');
  assert.deepEqual(
    diagnostics.problems.map((p) => [p.at.line, p.at.column, p.field, p.expected]),
    [[2, 11, 'ALTUSER REVOKE', 'REVOKE or REVOKE(mm/dd/yy)']],
  );
});

test('a comment left open at the end of a line ends there, as TSO/E allows', () => {
  const { db, diagnostics } = replay(
    [
      "ADDUSER ALICE NOPASSWORD /* analyst, o'brien's team",
      'ALTUSER ALICE REVOKE /* left the bank in March',
      '/* a whole line of comment, never closed',
      'ADDUSER BOB NOPASSWORD /* two */ /* and one left open -',
      '        DFLTGRP(APIUSERS)',
      "ALTUSER BOB PHRASE('not /* a comment, 4 sure')",
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(db.users.get('ALICE')?.revoked, true);
  assert.deepEqual([...(db.users.get('BOB')?.groups ?? [])], ['APIUSERS']);
  assert.equal(db.users.get('BOB')?.phrase, 'not /* a comment, 4 sure');
});
