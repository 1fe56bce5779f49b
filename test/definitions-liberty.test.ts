/**
 * Liberty configuration read the way Liberty assembles it (configDropins, include optional/onConflict,
 * variables and their precedence, server.env, predefined directory variables), and a
 * zosconnect_cicsIpicConnection given only host and port. Each "Why" case of issue 11 is a variant of the
 * sample site with a planted fault the audit must name (rule, file, line), next to a legal-syntax variant
 * that must raise no finding beyond the sample's own.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { acquireConnection, DEFAULT_OPTIONS } from '../src/model';
import { Diagnostics, describeWarning, displayPath } from '../src/definitions/diagnostics';
import { loadSite } from '../src/definitions/load-site';
import { parseProperties } from '../src/definitions/properties';
import { parseServerXml } from '../src/definitions/server-xml';
import { deriveLayout } from '../src/definitions/liberty-variables';
import { findings, PLANTED, siteVariants } from './fixtures/definitions/site-variants';

const variants = siteVariants('liberty');
const { scratch } = variants;

/** A copy of the sample site; `edit` changes files under it (paths relative to the site). */
const site = variants.copy;

const LEGACY = `    <zosconnect_cicsIpicConnection id="cicsLegacy" host="cicsaor1.example.com" port="1492"
        zosConnectApplid="ZCONLGCY" zosConnectNetworkid="EXBANK"
        sslCertsRef="ipicServerAuthTls" transid="ZLGY" transidUsage="EIB_AND_MIRROR"/>`;
const withoutLegacy = (ipic: string) => {
  const start = ipic.indexOf('    <!-- Legacy API -->');
  assert.ok(start > 0);
  return ipic.slice(0, start) + '</server>\n';
};

test('Why: the IPIC connection defined only in configDropins/overrides is read, and its fault named there', async () => {
  const directory = site((write, read) => {
    write('zosconnect/ipic.xml', withoutLegacy(read('zosconnect/ipic.xml')));
    write('zosconnect/configDropins/overrides/legacy.xml', `<server>\n${LEGACY}\n</server>\n`);
  });
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  assert.match(
    found.get('R14')?.join('\n') ?? '',
    /connection cicsLegacy .*DFHIS2040\) \[.*dfhcsdup\.txt:25:49, .*dfhcsdup\.txt:11:8, .*zosconnect\/configDropins\/overrides\/legacy\.xml:2:5,/,
  );
  assert.match(found.get('R48')?.join('\n') ?? '', /configDropins\/overrides\/legacy\.xml:4:41\]/);
});

test('configDropins: defaults before server.xml, overrides after, each directory in lower-cased name order', async () => {
  const directory = site((write) => {
    // A default that server.xml's include overrides: the sample's port 1492 stays, so no R53 finding.
    write(
      'zosconnect/configDropins/defaults/a.xml',
      '<server><zosconnect_cicsIpicConnection id="cicsBatch" port="1499"/></server>',
    );
    // Two overrides of one attribute: b.XML is read after A.xml whatever the platform, so 1492 wins.
    write(
      'zosconnect/configDropins/overrides/A.xml',
      '<server><zosconnect_cicsIpicConnection id="cicsBatch" port="1499"/></server>',
    );
    write(
      'zosconnect/configDropins/overrides/b.XML',
      '<server><zosconnect_cicsIpicConnection id="cicsBatch" port="1492"/></server>',
    );
    write('zosconnect/configDropins/overrides/notes.txt', 'not configuration');
  });
  const loaded = loadSite(directory);
  const batch = loaded.site.zosConnect.connections.find((c) => c.id === 'cicsBatch');
  assert.equal(batch?.port, 1492);
  assert.equal(batch?.applid, 'ZCONBTCH', 'the dropins merge into the definition, attribute by attribute');
  assert.match(loaded.sources.zosConnection.cicsBatch?.attributes.port?.file ?? '', /overrides\/b\.XML$/);
  assert.deepEqual([...(await findings(directory)).keys()].sort(), PLANTED);
});

test('Why: an optional include whose location uses an unresolved variable is named, with the variable', () => {
  const directory = site((write, read) =>
    write(
      'zosconnect/server.xml',
      read('zosconnect/server.xml').replace(
        '<include location="${server.config.dir}/ipic.xml"/>',
        '<include optional="true" location="${ipic.dir}/ipic.xml"/>',
      ),
    ),
  );
  // Nothing else defines a connection: the audit stops (exit 2), naming the include and the variable.
  assert.throws(
    () => loadSite(directory),
    /server\.xml:1:1: zosconnect_cicsIpicConnection: expected at least one IPIC connection: none was read in .*; not read: .*zosconnect\/server\.xml:22:30: optional include location="\$\{ipic\.dir\}\/ipic\.xml" skipped: .*\$\{ipic\.dir\} is defined neither/,
  );
});

test('a required include whose location cannot be resolved is a located problem', () => {
  const directory = site((write, read) =>
    write(
      'zosconnect/server.xml',
      read('zosconnect/server.xml').replace('${server.config.dir}/ipic.xml', '${ipic.dir}/ipic.xml'),
    ),
  );
  assert.throws(
    () => loadSite(directory),
    /zosconnect\/server\.xml:22:14: include location="\$\{ipic\.dir\}\/ipic\.xml": expected a location the audit can resolve: \$\{ipic\.dir\}/,
  );
});

test('Why, resolved: the include location from server.env (${env.X}) reads the connections and their faults', async () => {
  const directory = site((write, read) => {
    write(
      'zosconnect/server.xml',
      read('zosconnect/server.xml').replace(
        '<include location="${server.config.dir}/ipic.xml"/>',
        '<include optional="true" location="${env.IPIC_CONFIG}/ipic.xml"/>',
      ),
    );
    write(
      'zosconnect/server.env',
      '# z/OS Connect environment\nIPIC_CONFIG=${server.config.dir}\n'.replace('${server.config.dir}', '.'),
    );
  });
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  assert.match(found.get('R14')?.join('\n') ?? '', /zosconnect\/ipic\.xml:17:5/);
});

test('include onConflict: IGNORE keeps the earlier definition, MERGE and REPLACE let the included values win', () => {
  for (const [onConflict, port] of [
    ['IGNORE', 1491],
    ['MERGE', 1499],
    ['replace', 1499],
  ] as const) {
    const dir = mkdtempSync(path.join(scratch, 'onconflict-'));
    writeFileSync(
      path.join(dir, 'server.xml'),
      [
        '<server>',
        '  <zosconnect_cicsIpicConnection id="c1" host="h" port="1491" zosConnectApplid="ZCON1" zosConnectNetworkid="NET"/>',
        `  <include location="more.xml" onConflict="${onConflict}"/>`,
        '</server>',
      ].join('\n'),
    );
    // The nested include inherits its parent's onConflict.
    writeFileSync(path.join(dir, 'more.xml'), '<server>\n  <include location="nested/port.xml"/>\n</server>');
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(
      path.join(dir, 'nested', 'port.xml'),
      '<server>\n  <zosconnect_cicsIpicConnection id="c1" port="1499" sslCertsRef="tls"/>\n</server>',
    );
    const diagnostics = new Diagnostics();
    const server = parseServerXml(path.join(dir, 'server.xml'), undefined, diagnostics);
    assert.deepEqual(diagnostics.problems, []);
    const c1 = server.connections[0];
    assert.equal(c1?.port, port, onConflict);
    assert.equal(c1?.applid, 'ZCON1', `${onConflict}: attributes the include does not set stay`);
    assert.equal(c1?.sslCertsRef, onConflict === 'IGNORE' ? undefined : 'tls');
    if (onConflict === 'IGNORE')
      assert.match(diagnostics.warnings.map((w) => w.message).join('\n'), /is ignored: .*onConflict="IGNORE"/);
  }
});

test('variables: <variable value> over bootstrap.properties over server.env over defaultValue; env names as Open Liberty tries them', () => {
  const dir = mkdtempSync(path.join(scratch, 'variables-'));
  writeFileSync(
    path.join(dir, 'server.xml'),
    [
      '<server>',
      '  <variable name="a.port" value="1491"/>',
      '  <variable name="b.port" defaultValue="9"/>',
      '  <variable name="c.port" defaultValue="9"/>',
      '  <variable name="d.port" defaultValue="1494"/>',
      '  <zosconnect_cicsIpicConnection id="a" port="${a.port}"/>',
      '  <zosconnect_cicsIpicConnection id="b" port="${b.port}"/>',
      '  <zosconnect_cicsIpicConnection id="c" port="${c.port}"/>',
      '  <zosconnect_cicsIpicConnection id="d" port="${d.port}"/>',
      '  <zosconnect_cicsIpicConnection id="e" port="${env.E_PORT}" zosConnectApplid="&#90;CON&#x45;&amp;"/>',
      '</server>',
    ].join('\n'),
  );
  const diagnostics = new Diagnostics();
  const bootstrap = parseProperties('a.port=9\nb.port=1492\n', 'bootstrap.properties', diagnostics);
  const environment = new Map([
    ['C_PORT', '1493'],
    ['b.port', '9'],
    ['E_PORT', '1495'],
  ]);
  const server = parseServerXml(path.join(dir, 'server.xml'), bootstrap, diagnostics, { environment });
  assert.deepEqual(
    server.connections.map((c) => [c.id, c.port]),
    [
      ['a', 1491],
      ['b', 1492],
      ['c', 1493],
      ['d', 1494],
      ['e', 1495],
    ],
  );
  // Character references are decoded: the APPLID reads ZCONE&, which is then not a valid APPLID.
  assert.deepEqual(
    diagnostics.problems.map((p) => p.field),
    ['zosconnect_cicsIpicConnection e zosConnectApplid'],
  );
});

test('predefined variables from the usr/servers/<name> layout; without it, the site.yaml field to set is named', () => {
  const wlp = path.join(scratch, 'wlp');
  const server = path.join(wlp, 'usr', 'servers', 'zcon1');
  mkdirSync(path.join(wlp, 'usr', 'shared', 'config'), { recursive: true });
  mkdirSync(server, { recursive: true });
  writeFileSync(
    path.join(wlp, 'usr', 'shared', 'config', 'ipic.xml'),
    '<server><zosconnect_cicsIpicConnection id="c1" host="h" port="1491" zosConnectApplid="${wlp.server.name}" zosConnectNetworkid="NET"/></server>',
  );
  writeFileSync(
    path.join(server, 'server.xml'),
    '<server><include location="${shared.config.dir}/ipic.xml"/></server>',
  );
  const layout = deriveLayout(path.join(server, 'server.xml'), {});
  assert.deepEqual(layout, {
    serverConfigDir: server,
    serverName: 'zcon1',
    serverOutputDir: server,
    wlpUserDir: path.join(wlp, 'usr'),
    wlpInstallDir: wlp,
  });
  const diagnostics = new Diagnostics();
  const read = parseServerXml(path.join(server, 'server.xml'), undefined, diagnostics);
  assert.deepEqual(diagnostics.problems, []);
  assert.equal(read.connections[0]?.applid, 'ZCON1');

  const elsewhere = path.join(scratch, 'flat');
  mkdirSync(elsewhere);
  writeFileSync(
    path.join(elsewhere, 'server.xml'),
    '<server><include location="${shared.config.dir}/ipic.xml"/></server>',
  );
  const lost = new Diagnostics();
  parseServerXml(path.join(elsewhere, 'server.xml'), undefined, lost);
  assert.match(lost.problems[0]?.expected ?? '', /set zosConnect\.wlpUserDir in site\.yaml/);
});

const PLAIN = '    <zosconnect_cicsIpicConnection id="cicsPlain" host="cicsaor1.example.com" port="1492"/>\n';

test('a connection given only host and port is read (blank APPLID) and audited: no sslCertsRef towards SSL(YES) is R6', async () => {
  const directory = site((write, read) =>
    write('zosconnect/ipic.xml', read('zosconnect/ipic.xml').replace('</server>', `${PLAIN}</server>`)),
  );
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), [...PLANTED, 'R6'].sort());
  assert.deepEqual(
    found.get('R6')?.filter((l) => l.includes('cicsPlain')),
    [
      'R6/R15: z/OS Connect connection cicsPlain to TCPIPSERVICE IPICTLS has no sslCertsRef, but the TCPIPSERVICE expects TLS (SSL(YES)) [' +
        `${displayPath(directory)}/zosconnect/ipic.xml:20:5, ${displayPath(directory)}/cics/dfhcsdup.txt:11:8]`,
    ],
  );
  const loaded = loadSite(directory);
  assert.match(
    loaded.warnings.map(describeWarning).join('\n'),
    /cicsPlain sets no zosConnectApplid and no zosConnectNetworkid: .*\(U14\)/,
  );
});

test('host and port only, with TLS as the service expects: no finding; CICS autoinstalls it, or the model declines to guess', async () => {
  const directory = site((write, read) =>
    write(
      'zosconnect/ipic.xml',
      read('zosconnect/ipic.xml').replace(
        '</server>',
        `${PLAIN.replace('/>', ' sslCertsRef="ipicServerAuthTls"/>')}</server>`,
      ),
    ),
  );
  assert.deepEqual([...(await findings(directory)).keys()].sort(), PLANTED);
  const site_ = loadSite(directory).site;
  const decision = acquireConnection(site_, DEFAULT_OPTIONS, 'cicsPlain');
  assert.ok(decision.acquired, JSON.stringify(decision));
  assert.equal(decision.ipconn.userauth, 'LOCAL', 'an autoinstalled IPCONN has CICS default security');
  assert.ok(decision.trace.some((t) => t.rule === 'R7' && /autoinstalled/.test(t.note)));
  assert.throws(
    () => acquireConnection(site_, { ...DEFAULT_OPTIONS, zosConnectApplidUnset: 'undecided' }, 'cicsPlain'),
    /cicsPlain sets no zosConnectApplid, and IPIC_MODEL_OPTIONS says zosConnectApplidUnset=undecided/,
  );
});
