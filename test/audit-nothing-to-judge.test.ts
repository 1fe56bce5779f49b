/**
 * Never a pass on nothing (issue 11, item 1): a site in which no IPIC connection was read, or whose
 * connection cannot be joined to the CICS definitions that would receive it, stops the audit with a
 * problem (exit 2) at the place that names the missing part, saying what was read instead. Each planted
 * gap is named exactly; each legal variant next to it loads.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadSite } from '../src/definitions/load-site';
import { DefinitionsError } from '../src/definitions/diagnostics';
import { siteVariants } from './fixtures/definitions/site-variants';

const { variant, scratch } = siteVariants('audit-nothing');

function problems(directory: string): string[] {
  try {
    loadSite(directory);
  } catch (error) {
    assert.ok(error instanceof DefinitionsError, `a DefinitionsError, not ${String(error)}`);
    return error.message.split('\n').map((line) => line.replace(directory + path.sep, '').replace(scratch, ''));
  }
  return [];
}

const inFile = (file: string, text: string) => text.split('\n').findIndex((l) => l.includes(file)) + 1;

test('server.xml whose include holds no connection: no IPIC connection read is a problem at server.xml', () => {
  const directory = variant({
    'zosconnect/ipic.xml': (t) => t.replace(/<zosconnect_cicsIpicConnection[^>]*\/>/g, ''),
  });
  const found = problems(directory);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0] as string, /zosconnect\/server\.xml:1:1: zosconnect_cicsIpicConnection: expected at least one/);
  assert.match(found[0] as string, /none was read in .*server\.xml, .*ipic\.xml/);
});

test('an optional include that is not found is named in the "nothing read" problem, with the line naming it', () => {
  const directory = variant({
    'zosconnect/server.xml': (t) =>
      t.replace(/<include\s+location="([^"]*)"/, '<include optional="true" location="$1-gone"'),
  });
  const server = readFileSync(path.join(directory, 'zosconnect/server.xml'), 'utf8');
  const found = problems(directory);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(
    found[0] as string,
    /none was read in .*server\.xml; not read: .*zosconnect\/server\.xml:\d+:\d+: optional include location="\$\{server\.config\.dir\}\/ipic\.xml-gone" skipped: .*ipic\.xml-gone not found$/,
  );
  assert.equal(
    Number(/server\.xml:(\d+):\d+: optional include/.exec(found[0] as string)?.[1]),
    inFile('ipic.xml-gone', server),
  );
});

test('a connection to a port no TCPIPSERVICE is defined on is a problem at its port attribute', () => {
  const directory = variant({
    'zosconnect/ipic.xml': (t) =>
      t.replace('port="1492"\n        zosConnectApplid="ZCONBTCH"', 'port="1499"\n        zosConnectApplid="ZCONBTCH"'),
  });
  const found = problems(directory);
  assert.deepEqual(found, [
    'zosconnect/ipic.xml:11:79: zosconnect_cicsIpicConnection cicsBatch port: expected a TCPIPSERVICE on PORTNUMBER(1499) in the CSD, where none is defined: the IPIC services read are IPICMTLS on 1491, IPICTLS on 1492',
  ]);
});

test('a connection whose APPLID matches no IPCONN, on a service that refuses autoinstall, is a problem at zosConnectApplid', () => {
  const directory = variant({
    'cics/dfhcsdup.txt': (t) =>
      t.replace(
        'DEF TCPIPS(IPICTLS) GROUP(ZCONIPIC) PROT(IPIC) PORTN(1492)',
        'DEF TCPIPS(IPICTLS) GROUP(ZCONIPIC) PROT(IPIC) PORTN(1492) URM(NO)',
      ),
    'zosconnect/ipic.xml': (t) => t.replace('zosConnectApplid="ZCONBTCH"', 'zosConnectApplid="ZCONBTC2"'),
  });
  const found = problems(directory);
  assert.deepEqual(found, [
    'zosconnect/ipic.xml:12:9: zosconnect_cicsIpicConnection cicsBatch zosConnectApplid: expected an IPCONN with APPLID(ZCONBTC2) and NETWORKID(EXBANK) on TCPIPSERVICE IPICTLS, which refuses autoinstall (URM(NO)): the IPCONNs read there are ZCBTCH (EXBANK.ZCONBTCH), ZCLGCY (EXBANK.ZCONLGCY)',
  ]);
});

test('legal: with an autoinstall program (URM other than NO) an unmatched APPLID joins, as CICS would install an IPCONN', () => {
  const directory = variant({
    'zosconnect/ipic.xml': (t) => t.replace('zosConnectApplid="ZCONBTCH"', 'zosConnectApplid="ZCONBTC2"'),
  });
  assert.deepEqual(problems(directory), []);
});

test('legal: a connection to a port where a non-IPIC service listens joins, and is left to R53 to judge', () => {
  const directory = variant({
    'zosconnect/ipic.xml': (t) =>
      t.replace('port="1492"\n        zosConnectApplid="ZCONBTCH"', 'port="1499"\n        zosConnectApplid="ZCONBTCH"'),
    'cics/dfhcsdup.txt': (t) =>
      `${t}DEFINE TCPIPSERVICE(HTTP1499) GROUP(ZCONWEB) PROTOCOL(HTTP)\n       PORTNUMBER(1499)\n`,
  });
  assert.deepEqual(problems(directory), []);
});

test('the conformance run on a site with nothing to judge exits 2, naming the file, and writes no verdict', () => {
  const directory = variant({
    'zosconnect/ipic.xml': (t) => t.replace(/<zosconnect_cicsIpicConnection[^>]*\/>/g, ''),
  });
  const reports = path.join(scratch, 'reports');
  const run = spawnSync(process.execPath, ['scripts/run-conformance.js', '--tags', '@R53'], {
    env: { ...process.env, IPIC_TARGET: 'audit', IPIC_DEFINITIONS: directory, IPIC_REPORTS_DIR: reports },
    encoding: 'utf8',
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /server\.xml:1:1: zosconnect_cicsIpicConnection: expected at least one IPIC connection/);
  assert.doesNotMatch(run.stdout + run.stderr, /CONFORMANT/);
});
