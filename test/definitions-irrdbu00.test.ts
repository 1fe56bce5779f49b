/**
 * An IRRDBU00 unload read into the RACF database the commands build: users with their revocation flag and
 * dates, groups and connections, CICS profiles with members and access lists, certificates and key rings;
 * and a site audited from an unload instead of commands.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_OPTIONS } from '../src/model';
import { Diagnostics } from '../src/definitions/diagnostics';
import { parseIrrdbu00 } from '../src/definitions/irrdbu00';
import { loadSite } from '../src/definitions/load-site';
import { parseRacf } from '../src/definitions/racf';
import { createAuditTarget } from '../src/targets/audit';
import { findings } from './fixtures/definitions/site-variants';
import { emptySituation, isNotApplicable } from '../support/target-port';

const FIXTURE = 'test/fixtures/definitions/irrdbu00';
const UNLOAD = readFileSync(path.join(FIXTURE, 'exbank.irrdbu00'), 'utf8');
const CLASSES = new Set(['TCICSTRN', 'GCICSTRN', 'MCICSPPT', 'NCICSPPT', 'APPL']);

function read(content: string, auditDate = '2026-06-01') {
  const diagnostics = new Diagnostics();
  const base = parseIrrdbu00([{ content, file: 'racfdb.unload' }], diagnostics, { classes: CLASSES });
  const db = parseRacf([], diagnostics, { auditDate, base });
  return { db, diagnostics };
}

test('users: revoked flag and dates judged on the audit date, default groups and connections, secrets unknown', () => {
  const { db, diagnostics } = read(UNLOAD);
  assert.deepEqual(diagnostics.problems, []);
  const users = [...db.users.values()].map((u) => [
    u.id,
    u.revoked,
    [...u.groups].sort().join(' '),
    !!u.secretsUnknown,
  ]);
  assert.deepEqual(users, [
    ['IBMUSER', true, 'SYS1', false],
    ['CICSREGN', false, 'CICSGRP', false],
    ['CICSDFLT', false, 'CICSGRP', false],
    ['ZCLINK1', false, 'CICSGRP', false],
    ['ZCLINK2', false, 'CICSGRP', false],
    ['ZCBATCH', false, 'CICSGRP', true],
    ['ALICE', false, 'ZCAPIUSR', true],
    ['BOB', true, 'ZCAPIUSR', true],
    ['CAROL', false, 'CICSGRP', true],
    ['IRRCERTA', true, 'SYS1', false],
  ]);
  assert.equal(db.users.get('CAROL')?.revokeDate, '2026-12-31');
  assert.equal(read(UNLOAD, '2027-01-01').db.users.get('CAROL')?.revoked, true, 'revoked once the date has come');
  assert.equal(db.users.get('ALICE')?.password, undefined, 'an unload holds no password');
});

test('profiles: UACC, WARNING, grouping members and access lists of the classes IPIC security uses', () => {
  const { db, diagnostics } = read(UNLOAD);
  assert.deepEqual(
    db.profiles.map((p) => [
      p.cls,
      p.name,
      p.uacc,
      [...p.members].join(' '),
      [...p.accessList].map((e) => e.join(':')).join(' '),
    ]),
    [
      ['TCICSTRN', 'CSMI', 'NONE', '', 'ZCAPIUSR:READ ZCLINK1:READ'],
      ['TCICSTRN', '**', 'NONE', '', ''],
      ['GCICSTRN', 'ZCMIRROR', 'NONE', 'ZCMI ZLGY', 'ZCBATCH:READ ZCLINK2:READ'],
      ['MCICSPPT', 'ACCT*', 'NONE', '', 'ZCAPIUSR:READ ZCBATCH:READ ZCLINK1:READ ZCLINK2:READ'],
      ['APPL', 'CICSAOR1', 'NONE', '', 'ZCAPIUSR:READ ZCBATCH:READ'],
    ],
  );
  assert.deepEqual(
    diagnostics.skipped.map((s) => [s.kind, s.count]),
    [
      ['IRRDBU00 record 0101', 2],
      ['IRRDBU00 record 0220', 3],
      ['IRRDBU00 record 0400', 1],
      ['IRRDBU00 record 0404', 1],
      ['IRRDBU00 0500 profile in class SERVER', 1],
      ['IRRDBU00 0500 profile in class FACILITY', 1],
      ['IRRDBU00 0505 access entry of a profile not read', 1],
      ['IRRDBU00 record 0560', 3],
      ['IRRDBU00 0500 profile in class DIGTRING', 1],
    ],
  );
  const warned = read(UNLOAD.replace(/^(0500 CSMI.{650})NO {2}/m, '$1YES ')).db;
  assert.equal(warned.profiles[0]?.warningMode, true, 'GRBD_WARNING YES');
});

test('certificates: owner from GRBD_APPL_DATA (irrcerta is CERTAUTH), label from 0207, trust from GRBD_UACC; key ring', () => {
  const { db } = read(UNLOAD.replace(/^(0500 7A\.OU.{326})TRUST {3}/m, '$1NOTRUST '));
  assert.deepEqual(
    db.certificates.map((c) => [c.owner, c.label, c.trust]),
    [
      ['CICSREGN', 'CICSAOR1 SERVER', true],
      ['ZCLINK1', 'ZCON ACCOUNTS CLIENT', false],
      ['CERTAUTH', 'Example Bank Root CA', true],
    ],
  );
  assert.deepEqual(
    db.rings.map((r) => [r.owner, r.name, r.connected.map((c) => [c.owner, c.label, c.usage, c.isDefault])]),
    [
      [
        'CICSREGN',
        'CICSRING',
        [
          ['CERTAUTH', 'Example Bank Root CA', 'CERTAUTH', false],
          ['CICSREGN', 'CICSAOR1 SERVER', 'PERSONAL', true],
        ],
      ],
    ],
  );
});

test('a record that is not IRRDBU00 output, a bad date and a bad access level are located problems', () => {
  const { diagnostics } = read(
    [
      'ADDUSER ALICE',
      UNLOAD.split('\n')
        .find((l) => l.startsWith('0200 CAROL'))
        ?.replace('2026-12-31', '2026-13-31'),
      UNLOAD.split('\n').find((l) => l.startsWith('0500 CSMI')),
      UNLOAD.split('\n')
        .find((l) => l.startsWith('0505 CSMI'))
        ?.replace('READ    ', 'READALL '),
    ].join('\n'),
  );
  assert.deepEqual(
    diagnostics.problems.map((p) => [p.at.line, p.at.column, p.field]),
    [
      [1, 1, 'IRRDBU00 record'],
      [2, 458, 'IRRDBU00 USBD_REVOKE_DATE'],
      [4, 271, 'IRRDBU00 GRACC_ACCESS'],
    ],
  );
});

const scratch = mkdtempSync(path.join(tmpdir(), 'audit-irrdbu00-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let sites = 0;

/** The sample site with its RACF commands replaced by the unload (edited) and the after-unload commands. */
function unloadSite(edit: (unload: string) => string = (u) => u): string {
  const directory = path.join(scratch, `site-${++sites}`);
  cpSync('examples/site', directory, { recursive: true });
  writeFileSync(path.join(directory, 'racf', 'exbank.irrdbu00'), edit(UNLOAD));
  cpSync(path.join(FIXTURE, 'after-unload.racf'), path.join(directory, 'racf', 'after-unload.racf'));
  const manifest = path.join(directory, 'site.yaml');
  writeFileSync(
    manifest,
    readFileSync(manifest, 'utf8').replace(
      /racf:\n( {2}- .*\n)+/,
      'racfUnload: racf/exbank.irrdbu00\nracf: racf/after-unload.racf\n',
    ),
  );
  return directory;
}

const zclink2 = (edit: (record: string) => string) => (unload: string) =>
  unload.replace(/^0200 ZCLINK2 .*$/m, (record) => edit(record));

test('a site audited from an unload finds what its commands give; a revoke date still to come is no finding', async () => {
  const planted = ['R14', 'R21', 'R48'];
  assert.deepEqual([...(await findings(unloadSite())).keys()].sort(), planted);
  const later = unloadSite(zclink2((r) => `${r.slice(0, 457)}2030-12-31${r.slice(467)}`));
  assert.deepEqual([...(await findings(later)).keys()].sort(), planted);
});

test('R20 from an unload: ZCLINK2 revoked (USBD_REVOKE YES), named at the IPCONN that uses it', async () => {
  const found = await findings(unloadSite(zclink2((r) => `${r.slice(0, 49)}YES ${r.slice(53)}`)));
  assert.deepEqual([...found.keys()].sort(), ['R14', 'R20', 'R21', 'R48']);
  assert.match(
    found.get('R20')?.join(' | ') ?? '',
    /SECURITYNAME\(ZCLINK2\) names a user that is revoked: .*dfhcsdup\.txt:20:45/,
  );
});

test('an unload holds no passwords: a scenario that needs to know whether authData holds the right one is not applicable, saying why', async () => {
  const target = createAuditTarget(loadSite(unloadSite()), DEFAULT_OPTIONS);
  const situation = emptySituation();
  // What cicsBatch is: VERIFY over server-only TLS, link user from SECURITYNAME, mirror ZCMI.
  situation.tcpipService = { ssl: 'YES' };
  situation.ipconn = { linkauth: 'SECUSER', securityName: 'the link user', userauth: 'VERIFY' };
  situation.mirror = { transid: 'ZCMI', transidUsage: 'EIB_AND_MIRROR', copyOfCsmi: true };
  situation.zosConnect = {
    tls: 'server-auth only',
    authData: { user: 'the batch user', secret: { kind: 'password', correct: true } },
  };
  const arranged = await target.arrange(situation);
  assert.ok(isNotApplicable(arranged), 'declined');
  assert.match(
    arranged.notApplicable,
    /ZCBATCH's RACF password is not in the definitions \(an IRRDBU00 unload holds none\)/,
  );
});
