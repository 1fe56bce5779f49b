/**
 * SIT overrides, server.xml with bootstrap.properties, and the sample site read as a whole: the parts of
 * the model's Site each source yields.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Diagnostics } from '../src/definitions/diagnostics';
import { toCommaDn } from '../src/definitions/dn';
import { loadSite } from '../src/definitions/load-site';
import { parseProperties } from '../src/definitions/properties';
import { decodePassword, OPAQUE, parseServerXml } from '../src/definitions/server-xml';
import { parseSit } from '../src/definitions/sit';

test('SIT overrides: several per record, comments, .END, the later value wins, irrelevant ones warned', () => {
  const diagnostics = new Diagnostics();
  const sit = parseSit(
    [
      '* OVERRIDES',
      'APPLID=CICSAOR1,GRPLIST=(DFHLIST,ZCONLIST),SEC=YES,',
      'XTRAN=ZCTRAN,SECPRFX=CICSPROD,',
      'DFLTUSER=CICSDFLT,KEYRING=CICSREGN/CICSRING',
      'SEC=NO',
      '.END',
      'SEC=YES',
    ].join('\n'),
    'sit.txt',
    diagnostics,
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(sit.applid, 'CICSAOR1');
  assert.equal(sit.sec, false, 'the later SEC=NO wins, and nothing after .END is read');
  assert.deepEqual(sit.xtran, { checked: true, memberClass: 'TZCTRAN', groupingClass: 'GZCTRAN' });
  assert.deepEqual(sit.secprfx, { prefix: 'CICSPROD' });
  assert.deepEqual(sit.keyring, { owner: 'CICSREGN', ring: 'CICSRING' });
  assert.deepEqual(sit.sources.SEC?.at, { file: 'sit.txt', line: 5, column: 1 });
  assert.deepEqual(
    diagnostics.warnings.map((w) => w.message),
    ['SIT SEC given again: this later value is the one DFHSIP uses'],
  );
  // GRPLIST is read: it decides which of two definitions of one CSD resource CICS installs.
  assert.deepEqual(sit.grplist?.lists, ['DFHLIST', 'ZCONLIST']);
  assert.deepEqual(diagnostics.skipped, []);
});

test('SIT defaults: SEC=YES, DFLTUSER=CICSUSER, XTRAN=YES, SECPRFX=NO', () => {
  const sit = parseSit('APPLID=CICSAOR1', 'sit.txt', new Diagnostics());
  assert.equal(sit.sec, true);
  assert.equal(sit.dfltuser, 'CICSUSER');
  assert.deepEqual(sit.xtran, { checked: true, memberClass: 'TCICSTRN', groupingClass: 'GCICSTRN' });
  assert.equal(sit.secprfx, 'NO');
});

test('Liberty {xor} passwords are decoded; {aes} ones are opaque; all forms are secrets', () => {
  const secrets = new Set<string>();
  assert.equal(decodePassword('{xor}Lz4sLCgwLTs=', secrets), 'password');
  assert.equal(decodePassword('{aes}AEmVKa+jOeA7pos', secrets), null);
  assert.deepEqual([...secrets].sort(), ['password', '{aes}AEmVKa+jOeA7pos', '{xor}Lz4sLCgwLTs=']);
});

test('server.xml: variables from bootstrap.properties and <variable>, includes, locations of elements', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'server-xml-'));
  try {
    writeFileSync(
      path.join(dir, 'server.xml'),
      [
        '<server>',
        '  <variable name="cics.port" value="1492"/>',
        '  <include location="${server.config.dir}/ipic.xml"/>',
        '  <zosconnect_authData id="creds" user="${batch.user}" password="{aes}AEmVKa+jOeA7pos"/>',
        '  <openidConnectClient id="jwt" issuerIdentifier="https://idp.example" mapIdentityToRegistryUser="true"/>',
        '</server>',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'ipic.xml'),
      '<server>\n  <zosconnect_cicsIpicConnection id="c1" host="h" port="${cics.port}" zosConnectApplid="zcon1" zosConnectNetworkid="NET" authDataRef="creds"/>\n</server>',
    );
    const diagnostics = new Diagnostics();
    const bootstrap = parseProperties('batch.user = ZCBATCH\n', 'bootstrap.properties', diagnostics);
    const server = parseServerXml(path.join(dir, 'server.xml'), bootstrap, diagnostics);
    assert.deepEqual(diagnostics.problems, []);
    assert.deepEqual(server.connections, [
      { id: 'c1', port: 1492, applid: 'ZCON1', networkid: 'NET', transidUsage: 'EIB_ONLY', authDataRef: 'creds' },
    ]);
    assert.deepEqual(server.authData, [{ id: 'creds', user: 'ZCBATCH', password: OPAQUE }]);
    assert.ok(server.opaquePasswords.has('creds'));
    assert.deepEqual(server.jwt, { issuer: 'https://idp.example', mapIdentityToRegistryUser: true });
    assert.equal(server.sources.zosConnection.c1?.at.line, 2);
    assert.match(server.sources.zosConnection.c1?.at.file ?? '', /ipic\.xml$/);
    assert.match(diagnostics.warnings.map((w) => w.message).join('\n'), /password is \{aes\} or \{hash\} encoded/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('RACF-style distinguished names become comma-separated; periods inside values stay', () => {
  assert.equal(
    toCommaDn('CN=zcon-accounts.example.com.O=Example Bank.C=GB'),
    'CN=zcon-accounts.example.com,O=Example Bank,C=GB',
  );
  assert.equal(toCommaDn('CN=a,O=b'), 'CN=a,O=b');
});

test('the sample site reads into one Site: region, key ring, services, connections, users, permits', () => {
  const loaded = loadSite('examples/site');
  const site = loaded.site;
  assert.deepEqual(site.region, {
    applid: 'CICSAOR1',
    sec: true,
    dfltuser: 'CICSDFLT',
    regionUserid: 'CICSREGN',
    xtran: true,
    secprfx: false,
    keyringCas: ['CN=Example Bank Root CA,O=Example Bank,C=GB'],
  });
  assert.deepEqual(
    site.tcpipServices.map((s) => [s.name, s.port, s.ssl]),
    [
      ['IPICMTLS', 1491, 'CLIENTAUTH'],
      ['IPICTLS', 1492, 'YES'],
    ],
  );
  assert.deepEqual(
    site.ipconns.map((i) => [i.name, i.linkauth, i.securityname, i.userauth]),
    [
      ['ZCACCT', 'CERTUSER', null, 'IDENTIFY'],
      ['ZCBTCH', 'SECUSER', 'ZCLINK2', 'VERIFY'],
      ['ZCLGCY', 'SECUSER', 'CICSREGN', 'IDENTIFY'],
    ],
  );
  assert.deepEqual(
    site.transactions.map((t) => `${t.transid} ${t.program} ${t.profile}`),
    ['CSMI DFHMIRS DFHCICSA', 'ZCMI DFHMIRS DFHCICSA', 'ZLGY DFHMIRS DFHCICST'],
  );
  assert.deepEqual(
    site.racf.users.map(
      (u) =>
        `${u.id}${u.revoked ? ' revoked' : ''}${u.password ? ' password' : ''}${u.phrase ? ' phrase' : ''}${u.passwordExpired ? ' expired' : ''}`,
    ),
    [
      'CICSREGN',
      'CICSDFLT',
      'ZCLINK1',
      'ZCLINK2',
      'ZCBATCH password',
      'ALICE password phrase',
      'BOB revoked password',
      'CAROL password',
    ],
  );
  assert.equal(
    site.zosConnect.authData[0]?.password,
    site.racf.users.find((u) => u.id === 'ZCBATCH')?.password,
    'the {xor} authData password is the RACF one',
  );
  assert.deepEqual(
    site.zosConnect.ssl.map((s) => [s.id, s.clientCertificate?.subject ?? null, s.trustsServerCertificate]),
    [
      ['ipicMutualTls', 'CN=zcon-accounts.example.com,O=Example Bank,C=GB', true],
      ['ipicServerAuthTls', null, true],
    ],
  );
  const readersOf = (cls: string, profile: string) =>
    site.racf.permits
      .filter((p) => p.class === cls && p.profile === profile)
      .map((p) => p.userid)
      .sort();
  assert.deepEqual(readersOf('TCICSTRN', 'CSMI'), ['ALICE', 'BOB', 'ZCLINK1']);
  assert.deepEqual(readersOf('TCICSTRN', 'ZCMI'), ['ZCBATCH', 'ZCLINK2']);
  assert.deepEqual(readersOf('APPL', 'CICSAOR1'), ['ALICE', 'BOB', 'ZCBATCH']);
  assert.deepEqual(loaded.sources.ipconn.ZCLGCY?.attributes.SECURITYNAME, {
    file: 'examples/site/cics/dfhcsdup.txt',
    line: 25,
    column: 26,
  });
});
