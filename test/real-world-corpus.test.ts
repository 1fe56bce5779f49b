/**
 * Definitions in the shapes public projects publish them (test/fixtures/real-world, PROVENANCE.md): every
 * file is read by the parser for its kind with no problem reported, and what it defines is actually read
 * (the values below are the files' own, so a parser that reads nothing fails); the sites built from them
 * load and give an access matrix for their connections.
 *
 * Every case runs twice. [variant]: on test/fixtures/real-world/variants, files written for this project
 * that mirror each published file's layout, syntax and values (the published files are not kept here).
 * [original]: on the published files themselves, where the user has them (originals.ts says where they are
 * looked for; `npm run real-world-originals` writes them from clones); without them these cases are
 * skipped, saying why, never passed.
 *
 * Every case was first written as a todo holding the problems the parsers of the time reported on the
 * originals (JCL members, column 72, SIT comments, configDropins, host-and-port connections, template
 * symbols); issue 11's parser work made each of them read as its project wrote it.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { accessMatrix } from '../src/access-matrix/compute';
import { parseCsd, type CsdDefinitions } from '../src/definitions/csd';
import { describeProblem, Diagnostics } from '../src/definitions/diagnostics';
import { loadSite } from '../src/definitions/load-site';
import { describeFinding, REQUIREMENTS } from '../src/definitions/requirements';
import { DEFAULT_OPTIONS } from '../src/model';
import { createAuditTarget } from '../src/targets/audit';
import { parseRacf, type RacfDatabase } from '../src/definitions/racf';
import { readLibertyServer } from '../src/definitions/liberty-server';
import type { SiteManifest } from '../src/definitions/manifest';
import type { ServerXmlDefinitions } from '../src/definitions/server-xml';
import { parseSit, type SitParameters } from '../src/definitions/sit';
import { parseModelOptions } from '../src/targets/model/options-env';
import { corpusWithGlue, findOriginals } from './fixtures/real-world/originals';

const FIXTURES = 'test/fixtures/real-world';

/**
 * The originals, where found, in a copy of the fixtures whose variants/ holds them in place of the variants,
 * so the sites' manifests (../../variants/...) read them with the same glue; else why they are not there.
 */
const found = findOriginals();
const originals: { root: string } | { skip: string } =
  'dir' in found ? { root: corpusWithGlue(found.dir) } : { skip: found.missing };
after(() => {
  if ('root' in originals) rmSync(originals.root, { recursive: true, force: true });
});

/** Where each project's files sit below a fixtures root (variants/ holding the variants or the originals). */
function layout(root: string) {
  const corpus = `${root}/variants`;
  return {
    root,
    cbsa: `${corpus}/cicsdev--cics-banking-sample-application-cbsa`,
    genapp: `${corpus}/cicsdev--cics-genapp/cntl`,
    redbook: `${corpus}/zosconnect--sample-cics-api-first`,
    restapp: `${corpus}/cicsdev--cics-java-liberty-restapp-ext`,
    zowe: `${corpus}/zowe--zowe-install-packaging/jcl`,
    trader: `${corpus}/IBMStockTrader--trader/config`,
    zcee: `${corpus}/IBM--z_ansible_collections_samples/zcee-provisioning/server.xml`,
  };
}
type Layout = ReturnType<typeof layout>;

/** One case, run on the variants and on the originals (skipped, saying why, when they are not found). */
function corpusTest(name: string, body: (files: Layout) => void | Promise<void>): void {
  test(`${name} [variant]`, () => body(layout(FIXTURES)));
  if ('root' in originals) test(`${name} [original]`, () => body(layout(originals.root)));
  else test(`${name} [original]`, { skip: originals.skip }, () => {});
}

/** Fails with every problem, located, so a todo case shows exactly what the parser still rejects. */
function assertNoProblems(diagnostics: Diagnostics): void {
  assert.deepEqual(diagnostics.problems.map(describeProblem), [], 'problems reported');
}

function csd(file: string): { csd: CsdDefinitions; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const read = parseCsd(readFileSync(file, 'utf8'), file, diagnostics);
  assertNoProblems(diagnostics);
  return { csd: read, diagnostics };
}

function sit(file: string): SitParameters {
  const diagnostics = new Diagnostics();
  const read = parseSit(readFileSync(file, 'utf8'), file, diagnostics);
  assertNoProblems(diagnostics);
  return read;
}

/** symbols: what a site gives in site.yaml for the values a template member leaves blank (SET LABEL=''). */
function racf(file: string, symbols?: Record<string, string>): RacfDatabase {
  const diagnostics = new Diagnostics();
  const read = parseRacf([{ content: readFileSync(file, 'utf8'), file }], diagnostics, {
    auditDate: '2026-06-01',
    ...(symbols ? { symbols } : {}),
  });
  assertNoProblems(diagnostics);
  return read;
}

/** A Liberty server as the audit reads it: its server.xml with the bootstrap.properties and server.env beside it. */
function serverXml(file: string): { server: ServerXmlDefinitions; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const zosConnect = { serverXml: path.basename(file) } as SiteManifest['zosConnect'];
  const { server } = readLibertyServer(path.dirname(file), zosConnect, diagnostics);
  assertNoProblems(diagnostics);
  return { server, diagnostics };
}

const sorted = (names: Iterable<string>) => [...names].sort();
const profileNames = (db: RacfDatabase) => sorted(db.profiles.map((p) => `${p.cls} ${p.name}`));
const filesRead = (diagnostics: Diagnostics) => diagnostics.filesRead.map((f) => f.file);

// ---------------------------------------------------------------------------------------------- CSD

corpusTest(
  'CBSA BANK.csd: the IPIC listener ZOSEE on 30709 and the bank transactions, after DELETE GROUP and before ADD',
  ({ cbsa }) => {
    const { csd: read } = csd(`${cbsa}/installjcl/BANK.csd`);
    assert.deepEqual(
      read.tcpipServices.map((s) => ({
        name: s.name,
        port: s.port,
        ssl: s.ssl,
        open: s.open,
        autoinstall: s.autoinstall,
      })),
      [{ name: 'ZOSEE', port: 30709, ssl: 'NO', open: true, autoinstall: true }],
    );
    assert.deepEqual(read.ipconns, [], 'BANK.csd defines no IPCONN: z/OS Connect relies on autoinstall');
    assert.deepEqual(sorted(read.transactions.map((t) => t.transid)), [
      'OCAC',
      'OCCA',
      'OCCS',
      'OCR1',
      'OCR2',
      'OCR3',
      'OCR4',
      'OCR5',
      'OCRA',
      'ODAC',
      'ODCS',
      'OMEN',
      'OTFN',
      'OUAC',
    ]);
  },
);

corpusTest(
  'GenApp cdef121.jcl: DFHCSDUP job with in-stream SYSIN, mixed-case commands, the eight GENASAT transactions',
  ({ genapp }) => {
    const { csd: read } = csd(`${genapp}/cdef121.jcl`);
    assert.deepEqual(sorted(read.transactions.map((t) => t.transid)), [
      'LGCF',
      'LGPF',
      'LGSE',
      'SSC1',
      'SSP1',
      'SSP2',
      'SSP3',
      'SSP4',
    ]);
    assert.equal(read.transactions.find((t) => t.transid === 'SSC1')?.program, 'LGTESTC1');
    assert.deepEqual(read.tcpipServices, []);
  },
);

corpusTest(
  'GenApp cdef124.jcl: in-stream SYSIN with an HTTP TCPIPSERVICE and a value continued by "*" in column 72',
  ({ genapp }) => {
    const { csd: read, diagnostics } = csd(`${genapp}/cdef124.jcl`);
    assert.deepEqual(read.tcpipServices, [], 'GENATCP1 is PROTOCOL(HTTP): not an IPIC listener');
    const line = (kind: RegExp) => diagnostics.skipped.find((s) => kind.test(s.kind))?.first.line;
    assert.equal(line(/TCPIPSERVICE/), 21, 'TCPIPSERVICE(GENATCP1) read and set aside where it is defined');
    assert.equal(line(/PIPELINE/), 26, 'PIPELINE(GENAPIP1), whose CONFIGFILE runs on past column 71, read');
  },
);

corpusTest(
  'Redbook API-first REDBKCSD.csd: transactions RBKS and RBKT, with a closing parenthesis in column 72',
  ({ redbook }) => {
    const { csd: read } = csd(`${redbook}/CSD/REDBKCSD.csd`);
    assert.deepEqual(
      read.transactions.map((t) => ({ ...t })).sort((a, b) => (a.transid < b.transid ? -1 : 1)),
      [
        { transid: 'RBKS', program: 'RBKSETUP', profile: 'DFHCICST', ressec: true },
        { transid: 'RBKT', program: 'RBKTEARD', profile: 'DFHCICST', ressec: true },
      ],
    );
  },
);

corpusTest(
  'restapp-ext DFHCSD.txt: transactions JL2L, JL2S, JL2T, with blanks trailing past column 80',
  ({ restapp }) => {
    const { csd: read } = csd(`${restapp}/etc/DFHCSD.txt`);
    assert.deepEqual(
      read.transactions.map((t) => `${t.transid} ${t.program}`),
      ['JL2L LINK2SUP', 'JL2S LINK2SEC', 'JL2T LINK2TXN'],
    );
  },
);

// ---------------------------------------------------------------------------------------------- SIT

corpusTest('CBSA DFH$SIP1: SIT overrides with comments after the value and sequence numbers in 73-80', ({ cbsa }) => {
  const read = sit(`${cbsa}/installjcl/DFH$SIP1.jcl`);
  assert.equal(read.applid, 'CICSTS56', 'APPLID=(CICSTS56,CICSTS56): generic and specific APPLID alike');
  assert.equal(read.sec, true);
  assert.deepEqual(read.xtran, { checked: false });
  assert.deepEqual(read.keyring, { ring: 'CICSRNG' });
  assert.equal(read.dfltuser, 'CICSUSER', 'no DFLTUSER: the SIT default');
  assert.equal(read.secprfx, 'NO');
});

// --------------------------------------------------------------------------------------------- RACF

corpusTest(
  'CBSA RACF001.jcl: TSO batch job with in-stream SYSTSIN, FACILITY profiles permitted to a list of IDs',
  ({ cbsa }) => {
    const db = racf(`${cbsa}/installjcl/RACF001.jcl`);
    assert.deepEqual(profileNames(db), ['FACILITY DFHDB2.AUTHTYPE.DBCG', 'FACILITY DFHDB2.AUTHTYPE.HBANK']);
    assert.ok(db.profiles.every((p) => p.uacc === 'NONE'));
  },
);

corpusTest(
  'Zowe ZWESECUR.jcl: JCL SET symbols, SYSTSIN DD DDNAME=&PRODUCT, DD DATA,DLM=$$,SYMBOLS=JCLONLY; ACF2 and TSS left alone',
  ({ zowe }) => {
    const db = racf(`${zowe}/ZWESECUR.jcl`);
    assert.deepEqual(sorted(db.users.keys()), ['ZWESIUSR', 'ZWESVUSR'], 'AUXUSER=&ZSSUSER. is ZWESIUSR again');
    assert.ok(db.groups.has('ZWEADMIN'), 'STCGROUP=&ADMINGRP. is ZWEADMIN');
    assert.equal(db.users.get('ZWESVUSR')?.password, undefined, 'NOPASSWORD: a protected user');
    assert.deepEqual(profileNames(db), [
      'FACILITY BPX.DAEMON',
      'FACILITY BPX.SERVER',
      'FACILITY ZWES.IS',
      'STARTED **',
      'STARTED ZWESASTC.*',
      'STARTED ZWESISTC.*',
      'STARTED ZWESVSTC.*',
      'UNIXPRIV SUPERUSER.FILESYS',
    ]);
    const zis = db.profiles.find((p) => p.cls === 'FACILITY' && p.name === 'ZWES.IS');
    assert.equal(zis?.accessList.get('ZWESVUSR'), 'READ');
    assert.deepEqual(sorted(db.activeClasses), ['FACILITY', 'STARTED', 'UNIXPRIV']);
  },
);

corpusTest(
  'Zowe ZWEKRING.jcl: RACDCERT with symbols, a key ring and its certificates, comments left open at line end',
  ({ zowe }) => {
    // The member is a template: its SET statements leave the certificate labels blank for the site to fill.
    const db = racf(`${zowe}/ZWEKRING.jcl`, {
      LABEL: 'jwtsecret',
      ITRMZWCA: 'zoweica',
      ROOTZWCA: 'zowerca',
      ROOTZFCA: 'zosmfca',
    });
    const ring = db.rings.find((r) => r.owner === 'ZWESVUSR' && r.name === 'ZoweKeyring');
    assert.ok(ring, `ring ZWESVUSR/ZoweKeyring read; rings: ${db.rings.map((r) => `${r.owner}/${r.name}`).join(', ')}`);
    const connected = ring.connected.map((c) => `${c.owner} ${c.label} ${c.usage}`);
    assert.ok(connected.includes('CERTAUTH localca CERTAUTH'), connected.join('; '));
    assert.ok(connected.includes('ZWESVUSR jwtsecret PERSONAL'), connected.join('; '));
    const certificates = db.certificates.map((c) => `${c.owner} ${c.label}`);
    assert.ok(certificates.includes('CERTAUTH localca'), certificates.join('; '));
    assert.ok(certificates.includes('ZWESVUSR jwtsecret'), certificates.join('; '));
  },
);

// ------------------------------------------------------------------------------------------ Liberty

corpusTest('CBSA zosconnectserver/server.xml: cicsConn given only host and port (30709), no security', ({ cbsa }) => {
  const { server } = serverXml(`${cbsa}/zosconnectserver/server.xml`);
  assert.deepEqual(
    server.connections.map((c) => `${c.id} ${c.port}`),
    ['cicsConn 30709'],
  );
  assert.equal(server.requireAuth, false, 'zosconnect_zosConnectManager requireAuth="false"');
  assert.deepEqual(server.authData, []);
});

corpusTest(
  'Redbook API-first: cics.xml and server.xml in configDropins/overrides, ${CICS_*} from server.env',
  ({ redbook }) => {
    const { server, diagnostics } = serverXml(`${redbook}/server-config/server.xml`);
    const overrides = `${redbook}/server-config/configDropins/overrides`;
    for (const dropin of ['cics.xml', 'server.xml'])
      assert.ok(
        filesRead(diagnostics).includes(`${overrides}/${dropin}`),
        `${dropin} read from configDropins/overrides`,
      );
    assert.deepEqual(
      server.connections.map((c) => `${c.id} ${c.port} ${c.authDataRef}`),
      ['cicsConn 1491 cicsCredentials'],
    );
    assert.deepEqual(
      server.authData.map((a) => `${a.id} ${a.user}`),
      ['cicsCredentials RBKUSER'],
    );
  },
);

corpusTest(
  'z/OS Connect Ansible sample server.xml: CICS1 on 65530 by host and port, four optional includes named as missing',
  ({ zcee }) => {
    const { server, diagnostics } = serverXml(zcee);
    assert.deepEqual(
      server.connections.map((c) => `${c.id} ${c.port}`),
      ['CICS1 65530'],
    );
    assert.deepEqual(server.ssl, [
      { id: 'defaultSSLConfig', keyStoreRef: 'defaultKeyStore', trustStoreRef: 'defaultTrustStore' },
    ]);
    assert.equal(server.requireAuth, true);
    // Its includes are Ansible (Jinja) templates, never rendered here: optional, so each is named, not fatal.
    for (const missing of ['ims-interactions.xml', 'ims-connections.xml', 'ims-services.xml', 'ims-admin-services.xml'])
      assert.ok(
        diagnostics.warnings.some((w) => w.message.includes(missing)),
        `the optional include ${missing} is named as not found`,
      );
  },
);

corpusTest(
  'StockTrader trader server.xml: <include> located by a <variable> default, configDropins/defaults, keystores',
  ({ trader }) => {
    const { server, diagnostics } = serverXml(`${trader}/server.xml`);
    assert.ok(filesRead(diagnostics).includes(`${trader}/includes/basic.xml`), 'AUTH_TYPE defaults to basic');
    assert.ok(filesRead(diagnostics).includes(`${trader}/configDropins/defaults/keystore.xml`));
    assert.deepEqual(sorted(server.keyStores.map((k) => k.id)), ['defaultKeyStore', 'defaultTrustStore']);
    assert.deepEqual(server.ssl, [
      { id: 'defaultSSLConfig', keyStoreRef: 'defaultKeyStore', trustStoreRef: 'defaultTrustStore' },
    ]);
    assert.deepEqual(server.connections, []);
  },
);

// -------------------------------------------------------------------------------------------- Sites

const OPTIONS = parseModelOptions(undefined);

/** Every row of the matrix belongs to the one connection the site defines, through its TCPIPSERVICE. */
function assertMatrixFor(directory: string, connection: string, tcpipService: string, port: number) {
  const loaded = loadSite(directory);
  assert.deepEqual(
    loaded.site.zosConnect.connections.map((c) => `${c.id} ${c.port}`),
    [`${connection} ${port}`],
  );
  const rows = accessMatrix(loaded.site, OPTIONS);
  assert.ok(rows.length > 0, 'the access matrix has rows for the connection');
  assert.deepEqual(
    [...new Set(rows.map((r) => `${r.connection} ${r.tcpipService} ${r.port}`))],
    [`${connection} ${tcpipService} ${port}`],
  );
  return loaded;
}

corpusTest(
  'site cbsa (all CBSA files): loads, and cicsConn reaches ZOSEE on 30709 in the access matrix',
  ({ root }) => {
    const loaded = assertMatrixFor(path.join(root, 'sites/cbsa'), 'cicsConn', 'ZOSEE', 30709);
    assert.equal(loaded.site.region.applid, 'CICSTS56');
    assert.equal(loaded.site.region.sec, true);
  },
);

corpusTest(
  'site cics-api-first (Redbook CSD and configDropins, glue listener): loads, cicsConn reaches RBKIPIC on 1491',
  ({ root }) => {
    const loaded = assertMatrixFor(path.join(root, 'sites/cics-api-first'), 'cicsConn', 'RBKIPIC', 1491);
    const transids = loaded.site.transactions.map((t) => t.transid);
    for (const transid of ['CSMI', 'RBKS', 'RBKT']) assert.ok(transids.includes(transid), transid);
    assert.ok(loaded.secrets.includes('Rbk#2026'), 'the authData password from server.env is masked like any other');
  },
);

corpusTest(
  'site ansible-zcee (zcee server.xml, GenApp CSD jobs, Zowe RACF jobs): loads, CICS1 reaches ZCEEIPIC on 65530',
  ({ root }) => {
    const loaded = assertMatrixFor(path.join(root, 'sites/ansible-zcee'), 'CICS1', 'ZCEEIPIC', 65530);
    const transids = loaded.site.transactions.map((t) => t.transid);
    for (const transid of ['SSC1', 'LGSE']) assert.ok(transids.includes(transid), transid);
    const users = loaded.site.racf.users.map((u) => u.id);
    for (const user of ['ZWESVUSR', 'ZWESIUSR']) assert.ok(users.includes(user), user);
  },
);

corpusTest(
  'the configuration requirements raise no false alarm on the real sites, and each site has connections in scope',
  async ({ root }) => {
    for (const name of ['cbsa', 'cics-api-first', 'ansible-zcee']) {
      const definitions = await createAuditTarget(
        loadSite(path.join(root, 'sites', name)),
        DEFAULT_OPTIONS,
      ).definitions();
      const results = REQUIREMENTS.map((r) => ({ r, result: r.check(definitions) }));
      assert.deepEqual(
        results.flatMap(({ r, result }) => result.findings.map((f) => describeFinding(r, f))),
        [],
        name,
      );
      const r53 = results.find(({ r }) => r.id === 'R53')?.result;
      assert.equal(r53?.emptyScope, undefined, `${name}: R53 examines its connection`);
    }
  },
);
