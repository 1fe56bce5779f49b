/**
 * Configuration requirements on the sample site and on variants of it, each breaking one requirement:
 * the sample breaks exactly the three requirements planted in it, and every requirement names the
 * statement that breaks it, with file and line.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_OPTIONS } from '../src/model';
import { loadSite } from '../src/definitions/load-site';
import { REQUIREMENTS, type Requirement } from '../src/definitions/requirements';
import { createAuditTarget } from '../src/targets/audit';
import { findings, PLANTED, siteVariants } from './fixtures/definitions/site-variants';

const { variant: siteVariant } = siteVariants('audit-variants');

/** A copy of the sample site with one file edited; the edit must change the file. */
const variant = (file: string, edit: (text: string) => string): string => siteVariant({ [file]: edit });

test('the sample site breaks exactly the planted requirements, each named with file and line', async () => {
  const found = await findings('examples/site');
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  assert.deepEqual(found.get('R14'), [
    'R14/R45: IPCONN ZCLGCY (USERAUTH(IDENTIFY)) reached by z/OS Connect connection cicsLegacy sits behind TCPIPSERVICE IPICTLS with SSL(YES), and z/OS Connect runs outside the sysplex: CICS will not acquire the connection (DFHIS2040) [examples/site/cics/dfhcsdup.txt:25:49, examples/site/cics/dfhcsdup.txt:11:8, examples/site/zosconnect/ipic.xml:17:5, examples/site/site.yaml:19:16]',
  ]);
  assert.deepEqual(found.get('R21'), [
    'R21/R22: IPCONN ZCLGCY, link user CICSREGN from SECURITYNAME(CICSREGN) is the region user ID CICSREGN: CICS then omits link security, so the link no longer caps what requests may do [examples/site/cics/dfhcsdup.txt:25:26, examples/site/site.yaml:6:17]',
  ]);
  assert.deepEqual(found.get('R48'), [
    'R48: transaction ZLGY, named by z/OS Connect connection cicsLegacy has PROGRAM(DFHMIRS) PROFILE(DFHCICST): it is not a copy of CSMI, so the mirror cannot run it [examples/site/cics/dfhcsdup.txt:32:1, examples/site/zosconnect/ipic.xml:19:41]',
  ]);
});

/** The variant breaks `id` (as well as the planted ones), with a finding naming `where`. */
async function breaks(directory: string, id: string, where: RegExp): Promise<void> {
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), [...new Set([...PLANTED, id])].sort());
  const lines = found.get(id) ?? [];
  assert.ok(
    lines.some((l) => where.test(l)),
    `a finding of ${id} points at ${where}: ${lines.join(' | ')}`,
  );
}

test('R4: a CERTUSER IPCONN moved behind the SSL(YES) service', async () => {
  const moved = variant('cics/dfhcsdup.txt', (t) =>
    t.replace('NETWORKID(EXBANK) TCPIPSERVICE(IPICMTLS)', 'NETWORKID(EXBANK) TCPIPSERVICE(IPICTLS)'),
  );
  await breaks(moved, 'R4', /IPCONN ZCACCT .*dfhcsdup\.txt:17:8, .*dfhcsdup\.txt:11:8/);
});

test('R31/R54: the batch authData without a password', async () => {
  await breaks(
    variant('zosconnect/ipic.xml', (t) => t.replace(' password="${ipic.batch.password}"', '')),
    'R31',
    /lacks a password: .*ipic\.xml:10:5/,
  );
});

test('R7: two IPCONNs for the same partner', async () => {
  const twin = 'DEFINE IPCONN(ZCOLDACC) GROUP(ZCONOLD) APPLID(ZCONACCT)\n       NETWORKID(EXBANK)\n';
  await breaks(
    variant('cics/dfhcsdup.txt', (t) => t + twin),
    'R7',
    /IPCONN ZCACCT \(EXBANK\.ZCONACCT\) shares APPLID and NETWORKID with IPCONN ZCOLDACC: .*dfhcsdup\.txt:14:1, .*dfhcsdup\.txt:37:1/,
  );
});

test('R20: a revoked link user', async () => {
  await breaks(
    variant('racf/users.racf', (t) => `${t}ALTUSER ZCLINK2 REVOKE\n`),
    'R20',
    /SECURITYNAME\(ZCLINK2\) names a user that is revoked: .*dfhcsdup\.txt:20:45/,
  );
});

test('R6: a connection that does not start TLS towards an SSL(YES) service', async () => {
  await breaks(
    variant('zosconnect/ipic.xml', (t) => t.replace('sslCertsRef="ipicServerAuthTls" authDataRef', 'authDataRef')),
    'R6',
    /cicsBatch .*has no sslCertsRef/,
  );
});

test('R53: a connection to a port where an HTTP service listens, not an IPIC one', async () => {
  const directory = variant('zosconnect/ipic.xml', (t) =>
    t.replace('port="1492"\n        zosConnectApplid="ZCONBTCH"', 'port="1499"\n        zosConnectApplid="ZCONBTCH"'),
  );
  appendFileSync(
    path.join(directory, 'cics/dfhcsdup.txt'),
    'DEFINE TCPIPSERVICE(HTTP1499) GROUP(ZCONWEB) PROTOCOL(HTTP)\n       PORTNUMBER(1499)\n',
  );
  await breaks(directory, 'R53', /cicsBatch to port 1499 reaches no PROTOCOL\(IPIC\) TCPIPSERVICE .*ipic\.xml:11:\d+/);
});

test('R12: an expired client certificate, judged by the model in the TLS handshake', async () => {
  await breaks(
    variant('certificates.yaml', (t) => t.replace(/notAfter: 2027-09-01/g, 'notAfter: 2026-03-01')),
    'R12',
    /cicsAccounts .*refused in the TLS handshake: outside its validity period .*certificates\.yaml:/,
  );
});

test('R14 does not apply when z/OS Connect runs in the sysplex: nothing is in scope', async () => {
  const directory = variant('site.yaml', (t) => t.replace('sameSysplex: false', 'sameSysplex: true'));
  const definitions = await createAuditTarget(loadSite(directory), DEFAULT_OPTIONS).definitions();
  const r14 = REQUIREMENTS.find((r) => r.id === 'R14') as Requirement;
  assert.match(r14.check(definitions).emptyScope ?? '', /runs in the CICS region's sysplex/);
});

test('each requirement has a distinct scope and condition pair (steps find it by its wording)', () => {
  const pairs = REQUIREMENTS.map((r) => `${r.scope} | ${r.condition}`);
  assert.equal(new Set(pairs).size, pairs.length);
});
