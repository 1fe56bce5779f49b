/** DFHCSDUP DEFINE statements: records, continuation, comments, abbreviations, defaults, skipped resources. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsd } from '../src/definitions/csd';
import { Diagnostics } from '../src/definitions/diagnostics';
import { keywordTable, resolveKeyword } from '../src/definitions/keywords';

function read(content: string) {
  const diagnostics = new Diagnostics();
  const csd = parseCsd(content, 'csd.txt', diagnostics, { localNetworkid: 'LOCALNET' });
  return { csd, diagnostics };
}

test('a DEFINE spread over several records, with CEDA abbreviations, reads like the full form', () => {
  const { csd, diagnostics } = read(
    [
      '* COMMENT IN COLUMN 1',
      'DEF TCPIPS(IPICTLS) GROUP(G) PROT(IPIC) PORTN(1492)',
      '       SSL(YES)',
      '',
      'DEF IPCONN(ZCBTCH) GROUP(G) APPLID(ZCONBTCH)',
      '       TCPIPSERVICE(IPICTLS) LINKA(SECUSER) SECURITYN(zclink2)',
      '       USERA(VERIFY)',
    ].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(csd.tcpipServices, [
    { name: 'IPICTLS', port: 1492, open: true, ssl: 'YES', atTls: false, autoinstall: true },
  ]);
  assert.deepEqual(csd.ipconns, [
    {
      name: 'ZCBTCH',
      applid: 'ZCONBTCH',
      networkid: 'LOCALNET',
      tcpipservice: 'IPICTLS',
      inService: true,
      linkauth: 'SECUSER',
      securityname: 'ZCLINK2',
      userauth: 'VERIFY',
      idprop: 'NOTALLOWED',
    },
  ]);
  assert.deepEqual(csd.sources.ipconn.ZCBTCH?.at, { file: 'csd.txt', line: 5, column: 1 });
  assert.deepEqual(csd.sources.ipconn.ZCBTCH?.attributes.SECURITYNAME, { file: 'csd.txt', line: 6, column: 45 });
});

test("CICS's defaults: APPLID is the IPCONN's name, LOCAL, SECUSER, blank SECURITYNAME; PROFILE DFHCICST", () => {
  const { csd } = read(
    'DEFINE IPCONN(PARTNER1) GROUP(G) NETWORKID(NET)\nDEFINE TRANSACTION(ZLGY) GROUP(G) PROGRAM(DFHMIRS)',
  );
  assert.equal(csd.ipconns[0]?.applid, 'PARTNER1');
  assert.equal(csd.ipconns[0]?.userauth, 'LOCAL');
  assert.equal(csd.ipconns[0]?.linkauth, 'SECUSER');
  assert.equal(csd.ipconns[0]?.securityname, null);
  assert.deepEqual(csd.transactions[0], { transid: 'ZLGY', program: 'DFHMIRS', profile: 'DFHCICST', ressec: false });
});

test('an asterisk in column 72 continues a value on the next record, from its column 1', () => {
  const first = '       DESCRIPTION(A description long enough to need a second rec';
  const { csd, diagnostics } = read(
    ['DEFINE TRANSACTION(ZCMI) GROUP(G) PROGRAM(DFHMIRS)', first.padEnd(71) + '*', 'ord) PROFILE(DFHCICSA)'].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.transactions[0]?.profile, 'DFHCICSA');
  assert.equal(csd.sources.transaction.ZCMI?.attributes.PROFILE?.line, 3);
});

test('a character other than * in column 72 continues nothing and is not read: counted, never a stop', () => {
  const { csd, diagnostics } = read(
    ['DEFINE TRANSACTION(ZCMI) GROUP(G) PROGRAM(DFHMIRS)'.padEnd(71) + 'X', '       PROFILE(DFHCICSA)'].join('\n'),
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.transactions[0]?.profile, 'DFHCICSA');
  assert.deepEqual(
    diagnostics.skipped.map((s) => [s.kind, s.first]),
    [['DFHCSDUP record with a character other than * in column 72', { file: 'csd.txt', line: 1, column: 72 }]],
  );
});

test('columns 73 to 80 hold sequence numbers and are not read', () => {
  const { csd, diagnostics } = read('DEFINE TRANSACTION(ZCMI) GROUP(G) PROGRAM(DFHMIRS)'.padEnd(72) + '00010000');
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(csd.transactions[0]?.program, 'DFHMIRS');
});

test('other resource types, reporting commands, and non-IPIC services are counted by kind, each with its first line', () => {
  const { csd, diagnostics } = read(
    [
      'DEFINE PROGRAM(ACCTINQ) GROUP(G) LANGUAGE(COBOL)',
      'LIST GROUP(G) OBJECTS',
      'DEFINE TCPIPSERVICE(HTTP1) GROUP(G) PORTNUMBER(8080)',
      'DEFINE PROGRAM(ACCTUPD) GROUP(G) LANGUAGE(COBOL)',
    ].join('\n'),
  );
  assert.deepEqual(csd.tcpipServices, []);
  assert.deepEqual(diagnostics.warnings, []);
  assert.deepEqual(
    diagnostics.skipped.map((s) => [s.kind, s.count, s.first.line]),
    [
      ['DEFINE PROGRAM', 2, 1],
      ['DFHCSDUP LIST', 1, 2],
      ['DEFINE TCPIPSERVICE PROTOCOL(HTTP)', 1, 3],
    ],
  );
});

test('URM(NO) refuses autoinstall; STATUS(CLOSED) closes the port', () => {
  const { csd } = read(
    'DEFINE TCPIPSERVICE(IPIC1) GROUP(G) PROTOCOL(IPIC)\n       PORTNUMBER(1491) URM(NO) STATUS(CLOSED)',
  );
  assert.equal(csd.tcpipServices[0]?.autoinstall, false);
  assert.equal(csd.tcpipServices[0]?.open, false);
});

test('a resource defined again in another group: the later definition is read, with a warning', () => {
  const { csd, diagnostics } = read(
    'DEFINE IPCONN(P1) GROUP(A) NETWORKID(N) USERAUTH(LOCAL)\nDEFINE IPCONN(P1) GROUP(B) NETWORKID(N) USERAUTH(VERIFY)',
  );
  assert.equal(csd.ipconns.length, 1);
  assert.equal(csd.ipconns[0]?.userauth, 'VERIFY');
  assert.match(diagnostics.warnings[0]?.message ?? '', /defined again/);
});

test('abbreviations: any leading part at least as long as the unique prefix, never an ambiguous one', () => {
  const table = keywordTable(['SECURITYNAME', 'SENDCOUNT', 'SSL', 'USERAUTH']);
  assert.equal(resolveKeyword('USERA', table), 'USERAUTH');
  assert.equal(resolveKeyword('u', table), 'USERAUTH');
  assert.equal(resolveKeyword('SEC', table), 'SECURITYNAME');
  assert.equal(resolveKeyword('SE', table), undefined);
  assert.equal(resolveKeyword('USERAUTHX', table), undefined);
  const commands = keywordTable(['DEFINE', 'DELETE'], { DEFINE: 3 });
  assert.equal(resolveKeyword('DEF', commands), 'DEFINE');
  assert.equal(resolveKeyword('DE', commands), undefined);
});
