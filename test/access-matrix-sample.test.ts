/**
 * The access matrix of the sample site against a table worked out by hand from its definitions, and
 * against the model's own end-to-end decision for the transaction each connection actually attaches.
 *
 * Worked by hand: TCICSTRN CSMI grants READ to group ZCAPIUSR (ALICE, BOB) and ZCLINK1; the grouping
 * profile ZCMIRROR (ZCMI, ZLGY) to ZCBATCH and ZCLINK2; APPL CICSAOR1 to ZCAPIUSR and ZCBATCH, with the
 * APPL class active (R40). BOB is revoked. ZLGY's PROFILE is DFHCICST, so it is no copy of CSMI (R48).
 * cicsAccounts: CERTUSER link user ZCLINK1 from the client certificate, IDENTIFY, checks the caller and
 * ZCLINK1 (R22). cicsBatch: VERIFY with authData user ZCBATCH for every caller, link user ZCLINK2.
 * cicsLegacy: IDENTIFY over SSL(YES) from outside the sysplex is never acquired (R14).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { decideRequest, DEFAULT_OPTIONS } from '../src/model';
import { accessMatrix, type MatrixRow } from '../src/access-matrix/compute';
import { matrixCsv, matrixFragment } from '../src/access-matrix/render';
import { loadSite } from '../src/definitions/load-site';
import { main } from '../scripts/access-matrix';

const loaded = loadSite('examples/site');
const rows = accessMatrix(loaded.site, DEFAULT_OPTIONS);

/** connection | user | transaction | can run | task user | checked user IDs | rule that refuses */
const BY_HAND = `
cicsAccounts | ALICE    | CSMI | yes | ALICE   | ALICE ZCLINK1   |
cicsAccounts | ALICE    | ZCMI | no  | -       | ALICE ZCLINK1   | R49
cicsAccounts | ALICE    | ZLGY | no  | -       | ALICE ZCLINK1   | R48
cicsAccounts | BOB      | CSMI | no  | -       |                 | R39
cicsAccounts | BOB      | ZCMI | no  | -       |                 | R39
cicsAccounts | BOB      | ZLGY | no  | -       |                 | R39
cicsAccounts | CAROL    | CSMI | no  | -       |                 | R40
cicsAccounts | CAROL    | ZCMI | no  | -       |                 | R40
cicsAccounts | CAROL    | ZLGY | no  | -       |                 | R40
cicsAccounts | CICSDFLT | CSMI | no  | -       |                 | R40
cicsAccounts | CICSDFLT | ZCMI | no  | -       |                 | R40
cicsAccounts | CICSDFLT | ZLGY | no  | -       |                 | R40
cicsAccounts | CICSREGN | CSMI | no  | -       |                 | R40
cicsAccounts | CICSREGN | ZCMI | no  | -       |                 | R40
cicsAccounts | CICSREGN | ZLGY | no  | -       |                 | R40
cicsAccounts | ZCBATCH  | CSMI | no  | -       | ZCBATCH ZCLINK1 | R49
cicsAccounts | ZCBATCH  | ZCMI | no  | -       | ZCBATCH ZCLINK1 | R49
cicsAccounts | ZCBATCH  | ZLGY | no  | -       | ZCBATCH ZCLINK1 | R48
cicsAccounts | ZCLINK1  | CSMI | no  | -       |                 | R40
cicsAccounts | ZCLINK1  | ZCMI | no  | -       |                 | R40
cicsAccounts | ZCLINK1  | ZLGY | no  | -       |                 | R40
cicsAccounts | ZCLINK2  | CSMI | no  | -       |                 | R40
cicsAccounts | ZCLINK2  | ZCMI | no  | -       |                 | R40
cicsAccounts | ZCLINK2  | ZLGY | no  | -       |                 | R40
cicsBatch    | ZCBATCH  | CSMI | no  | -       | ZCBATCH ZCLINK2 | R49
cicsBatch    | ZCBATCH  | ZCMI | yes | ZCBATCH | ZCBATCH ZCLINK2 |
cicsBatch    | ZCBATCH  | ZLGY | no  | -       | ZCBATCH ZCLINK2 | R48
cicsLegacy   | *        | *    | no  | -       |                 | R14
`;

function asLine(r: MatrixRow): string {
  const rule = r.reason.match(/^R\d+/)?.[0] ?? '';
  return [r.connection, r.user, r.transaction, r.canRun ? 'yes' : 'no', r.taskUser, r.checked.join(' '), rule].join(
    ' | ',
  );
}

test('the access matrix of the sample site is the table worked out by hand', () => {
  const expected = BY_HAND.trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/\s+/g, ' '))
        .join(' | '),
    );
  assert.deepEqual(rows.map(asLine), expected);
});

test('each connection row carries its USERAUTH, LINKAUTH, link user and the transaction it attaches', () => {
  const first = (id: string) => rows.find((r) => r.connection === id) as MatrixRow;
  assert.deepEqual(
    [first('cicsAccounts').userauth, first('cicsAccounts').linkauth, first('cicsAccounts').linkUser],
    ['IDENTIFY', 'CERTUSER', 'ZCLINK1'],
  );
  assert.deepEqual(
    [first('cicsBatch').userauth, first('cicsBatch').linkauth, first('cicsBatch').linkUser],
    ['VERIFY', 'SECUSER', 'ZCLINK2'],
  );
  assert.deepEqual(
    rows.filter((r) => r.attachedByConnection && r.transaction !== '*').map((r) => `${r.connection} ${r.transaction}`),
    [...Array(8).fill('cicsAccounts CSMI'), 'cicsBatch ZCMI'],
  );
});

test('for the transaction a connection attaches, the matrix agrees with the model deciding a whole request', () => {
  const site = loaded.site;
  for (const row of rows.filter((r) => r.attachedByConnection && r.user !== '*')) {
    const user = site.racf.users.find((u) => u.id === row.user);
    if (!user?.password || user.revoked || user.passwordExpired) continue; // the caller could not log on to z/OS Connect at all
    const decision = decideRequest(site, DEFAULT_OPTIONS, row.connection, {
      kind: 'basic',
      userid: user.id,
      password: user.password,
    });
    assert.equal(decision.outcome === 'ran', row.canRun, `${row.connection} ${row.user}: ${decision.outcome}`);
    if (decision.outcome === 'ran') {
      assert.equal(decision.taskUser, row.taskUser);
      assert.deepEqual(decision.checked, row.checked);
    }
  }
});

test('CSV: one header and one line per row, quoted where a field holds a comma', () => {
  const csv = matrixCsv(rows).split('\r\n');
  assert.equal(
    csv[0],
    'connection,ipconn,tcpipservice,port,ssl,linkauth,userauth,link_user,user,transaction,attached_by_connection,can_run,task_user,checked_user_ids,reason',
  );
  assert.equal(csv.length, rows.length + 2);
  assert.ok(
    csv.includes(
      'cicsBatch,ZCBTCH,IPICTLS,1492,YES,SECUSER,VERIFY,ZCLINK2,ZCBATCH,ZCMI,yes,yes,ZCBATCH,ZCBATCH ZCLINK2,',
    ),
  );
  assert.ok(
    csv.some((l) =>
      l.startsWith(
        'cicsAccounts,ZCACCT,IPICMTLS,1491,CLIENTAUTH,CERTUSER,IDENTIFY,ZCLINK1,ALICE,ZCMI,no,no,-,ALICE ZCLINK1,"R49: ALICE, ZCLINK1 may not attach ZCMI',
      ),
    ),
  );
});

test('HTML: a table per connection, users down, transactions across, text escaped', () => {
  const fragment = matrixFragment(rows, {
    origin: 'examples/site',
    auditDate: loaded.site.clock,
    connectionAt: { cicsAccounts: 'ipic.xml:5:5' },
  });
  assert.equal(fragment.match(/<table>/g)?.length, 3);
  assert.match(fragment, /<th scope="col">CSMI <span class="attached">\(attached\)<\/span><\/th>/);
  assert.match(
    fragment,
    /<tr><th scope="row">ALICE<\/th><td class="yes"><strong class="yes">yes<\/strong> as ALICE<br><small>checks ALICE, ZCLINK1<\/small><\/td>/,
  );
  assert.ok(!fragment.includes('<script'));
});

test('npm run access-matrix writes the CSV, the standalone HTML page and a site page, and exits 2 on a bad directory', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'access-matrix-'));
  const quiet = process.stderr.write;
  const reportsDir = process.env.IPIC_REPORTS_DIR;
  process.env.IPIC_REPORTS_DIR = path.join(out, 'reports');
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.equal(main(['examples/site', '--out', path.join(out, 'm.csv'), '--html', path.join(out, 'm.html')]), 0);
    assert.equal(readFileSync(path.join(out, 'm.csv'), 'utf8'), matrixCsv(rows));
    assert.match(
      readFileSync(path.join(out, 'm.html'), 'utf8'),
      /^<!doctype html>[\s\S]*<section class="access-matrix"/,
    );
    // The living documentation site has the matrix as a page of its own, reachable from every page's navigation.
    const sitePage = readFileSync(path.join(out, 'reports', 'site', 'access-matrix.html'), 'utf8');
    assert.match(
      sitePage,
      /<nav class="areas"[\s\S]*<a href="access-matrix.html" aria-current="page">Access matrix<\/a>/,
    );
    assert.match(sitePage, /<section class="access-matrix"/);
    const overview = readFileSync(path.join(out, 'reports', 'site', 'index.html'), 'utf8');
    assert.match(overview, /<a href="access-matrix.html">Access matrix<\/a>/);
    assert.equal(main([path.join(out, 'nowhere')]), 2);
    assert.equal(main([]), 2);
  } finally {
    process.stderr.write = quiet;
    if (reportsDir === undefined) delete process.env.IPIC_REPORTS_DIR;
    else process.env.IPIC_REPORTS_DIR = reportsDir;
    rmSync(out, { recursive: true, force: true });
  }
});
