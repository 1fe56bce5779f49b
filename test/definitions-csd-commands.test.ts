/**
 * DFHCSDUP commands applied in order, as DFHCSDUP applies them: ALTER, DELETE, COPY, USERDEFINE, the
 * lists GRPLIST installs, IBM's minimum abbreviations, export metadata, and statements about resource
 * types the audit does not read, which never stop it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsd, type CsdContext } from '../src/definitions/csd';
import { Diagnostics } from '../src/definitions/diagnostics';

function read(lines: string[], context: CsdContext = {}) {
  const diagnostics = new Diagnostics();
  const csd = parseCsd(lines.join('\n'), 'csd.txt', diagnostics, { localNetworkid: 'NET', ...context });
  return { csd, diagnostics };
}

/** Two records: the DEFINE of the batch API's IPCONN. */
const BATCH = 'DEFINE IPCONN(ZCBTCH) GROUP(ZCONIPIC) APPLID(ZCONBTCH)\n       USERAUTH(VERIFY) SECURITYNAME(ZCLINK2)';

test('ALTER after the DEFINE changes the attribute, and the change is located at the ALTER', () => {
  const { csd, diagnostics } = read([BATCH, 'ALTER IPCONN(ZCBTCH) GROUP(ZCONIPIC) USERAUTH(IDENTIFY)']);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.ipconns[0]?.userauth, 'IDENTIFY');
  assert.deepEqual(csd.sources.ipconn.ZCBTCH?.attributes.USERAUTH, { file: 'csd.txt', line: 3, column: 38 });
  assert.deepEqual(csd.sources.ipconn.ZCBTCH?.at, { file: 'csd.txt', line: 1, column: 1 });
});

test('ALTER abbreviated (AL, I, G) and with an empty value puts the attribute back to its default', () => {
  const { csd, diagnostics } = read([BATCH, 'al i(zcbtch) g(zconipic) userauth() securityname()']);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.ipconns[0]?.userauth, 'LOCAL');
  assert.equal(csd.ipconns[0]?.securityname, null);
});

test('ALTER with a generic name alters every definition it matches in the group', () => {
  const { csd } = read([
    'DEFINE IPCONN(ZCA1) GROUP(G1) USERAUTH(VERIFY)',
    'DEFINE IPCONN(ZCA2) GROUP(G1) USERAUTH(VERIFY)',
    'DEFINE IPCONN(ZCB1) GROUP(G1) USERAUTH(VERIFY)',
    'ALTER IPCONN(ZCA*) GROUP(G+) USERAUTH(IDENTIFY)',
  ]);
  assert.deepEqual(
    csd.ipconns.map((i) => [i.name, i.userauth]),
    [
      ['ZCA1', 'IDENTIFY'],
      ['ZCA2', 'IDENTIFY'],
      ['ZCB1', 'VERIFY'],
    ],
  );
});

test('ALTER of a definition never defined in the input is a problem: the audit cannot know the rest of it', () => {
  const { diagnostics } = read(['ALTER IPCONN(ZCBTCH) GROUP(ZCONIPIC) USERAUTH(IDENTIFY)']);
  assert.deepEqual(diagnostics.problems[0]?.at, { file: 'csd.txt', line: 1, column: 7 });
  assert.match(diagnostics.problems[0]?.field ?? '', /^ALTER IPCONN\(ZCBTCH\) GROUP\(ZCONIPIC\)$/);
});

test('DELETE removes one definition, or with GROUP alone the whole group', () => {
  const one = read([BATCH, 'DEFINE IPCONN(ZCACCT) GROUP(ZCONIPIC)', 'DELETE IPCONN(ZCBTCH) GROUP(ZCONIPIC)']);
  assert.deepEqual(
    one.csd.ipconns.map((i) => i.name),
    ['ZCACCT'],
  );
  const all = read([BATCH, 'DEFINE TRANSACTION(ZCMI) GROUP(ZCONIPIC) PROGRAM(DFHMIRS)', 'DEL G(ZCONIPIC) R']);
  assert.deepEqual(all.diagnostics.problems, []);
  assert.deepEqual([all.csd.ipconns, all.csd.transactions], [[], []]);
});

test('COPY: one definition to another group (TO) or under another name (AS); REPLACE decides over a duplicate', () => {
  const { csd, diagnostics } = read([
    'DEFINE TRANSACTION(CSMI) GROUP(G1) PROGRAM(DFHMIRS) PROFILE(DFHCICSA)',
    'C TRANSACTION(CSMI) G(G1) AS(ZCMI)',
    'DEFINE TRANSACTION(ZLGY) GROUP(G2) PROGRAM(OLDPROG)',
    'COPY TRANSACTION(ZCMI) GROUP(G1) TO(G2) AS(ZLGY)',
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.transactions.find((t) => t.transid === 'ZCMI')?.profile, 'DFHCICSA');
  assert.equal(csd.transactions.find((t) => t.transid === 'ZLGY')?.program, 'OLDPROG', 'no REPLACE: kept');
  const replaced = read([
    'DEFINE TRANSACTION(ZCMI) GROUP(G1) PROGRAM(DFHMIRS) PROFILE(DFHCICSA)',
    'DEFINE TRANSACTION(ZLGY) GROUP(G2) PROGRAM(OLDPROG)',
    'COPY TRANSACTION(ZCMI) GROUP(G1) TO(G2) AS(ZLGY) REPLACE',
  ]);
  assert.equal(replaced.csd.transactions.find((t) => t.transid === 'ZLGY')?.program, 'DFHMIRS');
});

test('COPY of a whole group onto duplicates without MERGE or REPLACE copies nothing, as DFHCSDUP fails it', () => {
  const { csd, diagnostics } = read(
    [
      'DEFINE IPCONN(P1) GROUP(NEW) USERAUTH(IDENTIFY)',
      'DEFINE IPCONN(P1) GROUP(PROD) USERAUTH(VERIFY)',
      'DEFINE IPCONN(P2) GROUP(NEW) USERAUTH(IDENTIFY)',
      'COPY GROUP(NEW) TO(PROD)',
      'ADD GROUP(PROD) LIST(L)',
    ],
    { grplist: { lists: ['DFHLIST', 'L'], at: { file: 'sit.txt', line: 1, column: 9 } } },
  );
  assert.match(diagnostics.warnings.map((w) => w.message).join('\n'), /copies nothing/);
  assert.equal(csd.ipconns.find((i) => i.name === 'P1')?.userauth, 'VERIFY');
});

test('GRPLIST decides which of two definitions CICS installs: the one in the group later in its lists', () => {
  const lines = [
    'DEFINE IPCONN(P1) GROUP(OVERRIDE) USERAUTH(VERIFY)',
    'DEFINE IPCONN(P1) GROUP(BASE) USERAUTH(IDENTIFY)',
    'ADD GROUP(BASE) LIST(ZLIST)',
    'ADD GROUP(OVERRIDE) LIST(ZLIST)',
  ];
  const grplist = { lists: ['DFHLIST', 'ZLIST'], at: { file: 'sit.txt', line: 3, column: 9 } };
  assert.equal(read(lines, { grplist }).csd.ipconns[0]?.userauth, 'VERIFY', 'OVERRIDE comes later in ZLIST');
  assert.equal(read(lines).csd.ipconns[0]?.userauth, 'IDENTIFY', 'without GRPLIST the later one written wins');
  const removed = read([...lines, 'REMOVE GROUP(OVERRIDE) LIST(ZLIST)'], { grplist });
  assert.equal(removed.csd.ipconns[0]?.userauth, 'IDENTIFY', 'OVERRIDE is no longer installed');
  assert.match(
    removed.diagnostics.warnings.map((w) => w.message).join('\n'),
    /group OVERRIDE is in no list of GRPLIST/,
  );
});

test('USERDEFINE takes its defaults from the USER definition of group USERDEF', () => {
  const { csd, diagnostics } = read([
    'DEFINE IPCONN(USER) GROUP(USERDEF) USERAUTH(IDENTIFY)',
    '       LINKAUTH(CERTUSER)',
    'USERDEFINE IPCONN(ZCNEW) GROUP(ZCONIPIC) APPLID(ZCONNEW)',
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(
    csd.ipconns.filter((i) => i.name === 'ZCNEW').map((i) => [i.applid, i.userauth, i.linkauth]),
    [['ZCONNEW', 'IDENTIFY', 'CERTUSER']],
  );
});

test("G(...) is GROUP even on a TCPIPSERVICE (GRPCRITICAL then needs GRP); an export's metadata is not read", () => {
  const { csd, diagnostics } = read([
    'DEF TCPIPS(IPIC1) G(ZCONIPIC) PROT(IPIC) PORTN(1491) GRPCRITICAL(NO)',
    '    DEFINETIME(24/01/15 10:22:31) CHANGETIME(24/02/01 08:00:00)',
    '    CHANGEUSRID(SYSPROG1) CHANGEAGENT(CSDBATCH) CHANGEAGREL(0730)',
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.tcpipServices[0]?.port, 1491);
});

test('statements about other resource types never stop the audit, even malformed: they are counted', () => {
  const { csd, diagnostics } = read([
    'DEFINE PROGRAM(ACCTINQ) GROUP(G) DESCRIPTION(open (paren LANGUAGE(COBOL',
    'ALTER PROGRAM(ACCTINQ) GROUP(G) NEWATTRIBUTE(X)',
    BATCH,
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.ipconns.length, 1);
  assert.deepEqual(
    diagnostics.skipped.map((s) => [s.kind, s.count]),
    [
      ['DEFINE PROGRAM', 1],
      ['ALTER PROGRAM', 1],
    ],
  );
});

test('RENAME is a CEDA command DFHCSDUP rejects: a problem where it stands, not read as part of the DEFINE before it', () => {
  const { csd, diagnostics } = read([BATCH, 'RENAME IPCONN(ZCBTCH) GROUP(ZCONIPIC) AS(ZCBATCH)']);
  assert.deepEqual(
    diagnostics.problems.map((p) => [p.field, p.at.line, p.at.column]),
    [['RENAME', 3, 1]],
  );
  assert.equal(csd.ipconns[0]?.name, 'ZCBTCH');
});
