/**
 * RACF commands replayed into users, secrets, access and certificate mappings, and the permits the model
 * reads: generic profiles, grouping classes, groups, ID(*), UACC, WARNING mode, SECPRFX.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics } from '../src/definitions/diagnostics';
import { parseRacf } from '../src/definitions/racf';
import { matches, permitsFor, type ProtectedResource } from '../src/definitions/racf-access';

function replay(commands: string) {
  const diagnostics = new Diagnostics();
  const db = parseRacf([{ content: commands, file: 'racf.txt' }], diagnostics, { auditDate: '2026-06-01' });
  return { db, diagnostics };
}

const transaction = (transid: string, extra: Partial<ProtectedResource> = {}): ProtectedResource => ({
  modelClass: 'TCICSTRN',
  modelName: transid,
  memberClass: 'TCICSTRN',
  groupingClass: 'GCICSTRN',
  racfName: transid,
  unprotected: 'refused',
  ...extra,
});

function readers(db: ReturnType<typeof replay>['db'], resource: ProtectedResource): string[] {
  return permitsFor(db, [resource], new Diagnostics())
    .map((p) => p.userid)
    .sort();
}

test('a password set by ADDUSER is expired; ALTUSER ... NOEXPIRED sets a usable one; REVOKE and RESUME', () => {
  const { db, diagnostics } = replay(
    [
      'ADDUSER ALICE PASSWORD(Init0001)',
      'ADDUSER BOB PASSWORD(Init0002)',
      'ALTUSER ALICE PASSWORD(Al1ce#26) -',
      "        PHRASE('Seven amber cranes, 4 dusk fields') NOEXPIRED",
      'ALU BOB PASSWORD(B0b#2026)',
      'ALU BOB REVOKE',
      'AU CAROL NOPASSWORD REVOKE',
      'ALTUSER CAROL RESUME',
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  const alice = db.users.get('ALICE');
  assert.equal(alice?.password, 'Al1ce#26');
  assert.equal(alice?.phrase, 'Seven amber cranes, 4 dusk fields');
  assert.equal(alice?.passwordExpired, false);
  assert.equal(
    db.users.get('BOB')?.passwordExpired,
    true,
    'ALTUSER PASSWORD without NOEXPIRED sets an expired password',
  );
  assert.equal(db.users.get('BOB')?.revoked, true);
  assert.equal(db.users.get('CAROL')?.password, undefined);
  assert.equal(db.users.get('CAROL')?.revoked, false);
  assert.ok(
    db.secrets.has('Init0001') && db.secrets.has('Al1ce#26') && db.secrets.has('Seven amber cranes, 4 dusk fields'),
  );
});

test('commands RACF would reject are skipped with a warning, never applied', () => {
  const { db, diagnostics } = replay(
    'ALTUSER NOBODY REVOKE\nPERMIT CSMI CLASS(TCICSTRN) ID(ALICE)\nADDUSER ALICE\nADDUSER ALICE REVOKE',
  );
  assert.equal(db.users.get('ALICE')?.revoked, false);
  assert.deepEqual(
    diagnostics.warnings.map((w) => w.at.line),
    [1, 2, 4],
  );
});

test('a discrete profile wins over a grouping profile, which wins over the most specific generic one', () => {
  const { db } = replay(
    [
      'ADDUSER (A B C D) NOPASSWORD',
      'RDEFINE TCICSTRN ** UACC(NONE)',
      'RDEFINE TCICSTRN Z* UACC(NONE)',
      'PERMIT Z* CLASS(TCICSTRN) ID(A)',
      'RDEFINE GCICSTRN MIRRORS ADDMEM(ZCMI) UACC(NONE)',
      'PERMIT MIRRORS CLASS(GCICSTRN) ID(B) ACCESS(READ)',
      'RDEFINE TCICSTRN ZLGY UACC(NONE)',
      'PERMIT ZLGY CLASS(TCICSTRN) ID(C) ACCESS(UPDATE)',
      'PERMIT ** CLASS(TCICSTRN) ID(D) ACCESS(READ)',
    ].join('\n'),
  );
  assert.deepEqual(readers(db, transaction('ZCMI')), ['B'], 'member of a grouping profile');
  assert.deepEqual(readers(db, transaction('ZLGY')), ['C'], 'discrete profile');
  assert.deepEqual(readers(db, transaction('ZABC')), ['A'], 'Z* is more specific than **');
  assert.deepEqual(readers(db, transaction('CSMI')), ['D'], 'only the backstop ** matches');
});

test('access through a group, ID(*), UACC; EXECUTE is not READ; no profile means refused', () => {
  const { db } = replay(
    [
      'ADDGROUP APIUSERS',
      'ADDUSER ALICE DFLTGRP(APIUSERS) NOPASSWORD',
      'ADDUSER BOB NOPASSWORD',
      'CONNECT BOB GROUP(APIUSERS)',
      'ADDUSER CAROL NOPASSWORD',
      'RDEFINE TCICSTRN CSMI UACC(NONE)',
      'PERMIT CSMI CLASS(TCICSTRN) ID(APIUSERS) ACCESS(READ)',
      'PERMIT CSMI CLASS(TCICSTRN) ID(ALICE) ACCESS(NONE)',
      'RDEFINE TCICSTRN ZCMI UACC(READ)',
      'RDEFINE TCICSTRN ZLGY UACC(NONE)',
      'PERMIT ZLGY CLASS(TCICSTRN) ID(*) ACCESS(EXECUTE)',
      'RDEFINE TCICSTRN ZCWN UACC(NONE) WARNING',
    ].join('\n'),
  );
  assert.deepEqual(readers(db, transaction('CSMI')), ['BOB'], "ALICE's own NONE entry wins over her group's READ");
  assert.deepEqual(readers(db, transaction('ZCMI')), ['ALICE', 'BOB', 'CAROL'], 'UACC(READ)');
  assert.deepEqual(readers(db, transaction('ZLGY')), [], 'EXECUTE is less than READ');
  assert.deepEqual(readers(db, transaction('ZCWN')), ['ALICE', 'BOB', 'CAROL'], 'WARNING mode lets everyone through');
  assert.deepEqual(readers(db, transaction('NONE')), [], 'no profile: CICS counts it as refused');
  assert.deepEqual(
    readers(db, { ...transaction('CICSAOR1'), modelClass: 'APPL', memberClass: 'APPL', unprotected: 'allowed' }),
    ['ALICE', 'BOB', 'CAROL'],
    'no APPL profile: RACF allows the application',
  );
});

test('SECPRFX: RACF is asked about the prefixed name', () => {
  const { db } = replay(
    'ADDUSER A NOPASSWORD\nRDEFINE TCICSTRN CICSREGN.* UACC(NONE)\nPERMIT CICSREGN.* CLASS(TCICSTRN) ID(A)',
  );
  assert.deepEqual(readers(db, transaction('CSMI', { racfName: 'CICSREGN.CSMI', modelName: 'CICSREGN.CSMI' })), ['A']);
  assert.deepEqual(readers(db, transaction('CSMI')), []);
});

test('generic names: % one character, * within a qualifier, a final * or ** everything', () => {
  assert.ok(matches('Z%MI', 'ZCMI'));
  assert.ok(!matches('Z%MI', 'ZCCMI'));
  assert.ok(matches('CICSREGN.*', 'CICSREGN.CSMI'));
  assert.ok(matches('A*.B', 'AX.B'));
  assert.ok(!matches('A*.B', 'AX.Y.B'));
  assert.ok(matches('A.**', 'A.X.Y'));
  assert.ok(!matches('ZCMI', 'ZCMIX'));
});

test('certificates, filters, rings and RACMAP filters; IDIDMAP must be refreshed after RACMAP', () => {
  const { db, diagnostics } = replay(
    [
      "RACDCERT CERTAUTH ADD('CA.CERT') WITHLABEL('Root CA') TRUST",
      "RACDCERT ID(LINK1) ADD('LINK1.CERT') WITHLABEL('Link one') NOTRUST",
      "RACDCERT ID(LINK1) ALTER(LABEL('Link one')) TRUST",
      "RACDCERT MAP ID(BRANCH) SDNFILTER('OU=Branches.O=Example Bank.C=GB') WITHLABEL('Branches')",
      'RACDCERT ID(CICSREGN) ADDRING(CICSRING)',
      "RACDCERT ID(CICSREGN) CONNECT(CERTAUTH LABEL('Root CA') RING(CICSRING) USAGE(CERTAUTH))",
      "RACMAP ID(ALICE) MAP USERDIDFILTER(NAME('cn=alice,o=example')) REGISTRY(NAME('ldap.example'))",
      'SETROPTS CLASSACT(IDIDMAP) RACLIST(IDIDMAP)',
      "RACMAP ID(BOB) MAP USERDIDFILTER(NAME('cn=bob,o=example')) REGISTRY(NAME('ldap.example'))",
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(
    db.certificates.map((c) => [c.owner, c.label, c.trust]),
    [
      ['CERTAUTH', 'Root CA', true],
      ['LINK1', 'Link one', true],
    ],
  );
  assert.deepEqual(
    db.certificateFilters.map((f) => [f.userid, f.sdnFilter, f.trust]),
    [['BRANCH', 'OU=Branches,O=Example Bank,C=GB', true]],
  );
  assert.deepEqual(
    db.rings[0]?.connected.map((c) => [c.owner, c.label, c.usage]),
    [['CERTAUTH', 'Root CA', 'CERTAUTH']],
  );
  assert.deepEqual(
    db.distributedIdentityFilters.map((f) => [f.userid, f.refreshed]),
    [
      ['ALICE', true],
      ['BOB', false],
    ],
  );
});

test('SETROPTS: mixed case, revocation count, KDFAES, active classes', () => {
  const { db } = replay('SETR CLASSACT(TCICSTRN APPL) PASSWORD(MIXEDCASE REVOKE(3) ALGORITHM(KDFAES))');
  assert.equal(db.mixedCasePasswords, true);
  assert.equal(db.revokeAfter, 3);
  assert.equal(db.kdfaes, true);
  assert.ok(db.activeClasses.has('APPL'));
  assert.equal(replay('SETROPTS PASSWORD(NOREVOKE)').db.revokeAfter, undefined);
});

test("a comment may end a command, and a command continued with + loses the next line's leading blanks", () => {
  const { db, diagnostics } = replay(
    "ADDUSER ALICE NOPASSWORD /* analyst */\nALTUSER ALICE PHRASE('Seven amber +\n     cranes, 4 dusk fields') NOEXPIRED",
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(db.users.get('ALICE')?.phrase, 'Seven amber cranes, 4 dusk fields');
});
