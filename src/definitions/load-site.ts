/**
 * Reads a site's definitions (the directory named by IPIC_DEFINITIONS, described by its site.yaml) into
 * the reference model's Site: one format for the model, whatever the sources. Every parser reports
 * where it could not read; nothing is assembled until all of them have read cleanly.
 */
import * as path from 'node:path';
import type { Certificate, Permit, RacfUser, Site, SslRepertoire, Transaction } from '../model';
import type { DefinitionSource, DefinitionSources } from '../../support/definitions-port';
import { isSecretKeyName } from '../../support/redaction';
import {
  inKeystore,
  inRacf,
  parseCertificateInventory,
  type CertificateInventory,
  type InventoryCertificate,
} from './certificates';
import { readCsd, type CsdDefinitions } from './csd';
import { parseIrrdbu00 } from './irrdbu00';
import { Diagnostics, displayPath, type FileRead, type SkipCount, type Warning } from './diagnostics';
import { checkJoins } from './joins';
import { parseManifest, type SiteManifest } from './manifest';
import { readLibertyServer } from './liberty-server';
import type { Properties } from './properties';
import { parseRacf, type RacfDatabase } from './racf';
import { permitsFor, type ProtectedResource } from './racf-access';
import type { KeyStoreElement, ServerXmlDefinitions } from './server-xml';
import { parseSit, type SitParameters } from './sit';

export interface LoadedSite {
  origin: string;
  site: Site;
  sources: DefinitionSources;
  warnings: Warning[];
  /** Statements set aside as irrelevant to IPIC security, counted by kind. */
  skipped: SkipCount[];
  /** Every definitions file read, with its SHA-256: the evidence the findings rest on. */
  filesRead: FileRead[];
  /** Every secret value read (passwords, phrases, encoded forms): for masking, never for output. */
  secrets: string[];
  /** authData ids whose password is encoded so that the audit cannot read it. */
  opaqueAuthData: string[];
  /** RACF users with a password or phrase whose value no input holds (read from an IRRDBU00 unload). */
  opaqueRacfUsers: string[];
  /** Each zosconnect_cicsIpicConnection's host, by id: the model does not need it, an inventory does. */
  zosConnectHosts: Record<string, string>;
}

/** CSMI as CICS supplies it (group DFHISCIP): the mirror every IPIC request runs under by default (R48). */
const SUPPLIED_CSMI: Transaction = { transid: 'CSMI', program: 'DFHMIRS', profile: 'DFHCICSA', ressec: false };
/** SETROPTS PASSWORD(NOREVOKE), RACF's default: bad passwords never revoke the user. */
export const NEVER_REVOKED = Number.MAX_SAFE_INTEGER;

export function loadSite(directory: string): LoadedSite {
  const diagnostics = new Diagnostics();
  const read = (
    relative: string,
    expected = 'a readable file (named in site.yaml)',
  ): { content: string; file: string } | undefined => {
    const full = path.join(directory, relative);
    const content = diagnostics.readFile(full);
    if (content !== undefined) return { content, file: full };
    diagnostics.problem({ file: displayPath(full), line: 1, column: 1 }, 'file', expected);
    return undefined;
  };
  const manifestFile = read(
    'site.yaml',
    'the site manifest: IPIC_DEFINITIONS names a directory holding site.yaml (docs/audit.md)',
  );
  diagnostics.throwIfProblems();
  const parsedManifest = parseManifest(
    (manifestFile as { content: string }).content,
    displayPath((manifestFile as { file: string }).file),
    diagnostics,
  );
  diagnostics.throwIfProblems();
  const { manifest, sources: manifestSources } = parsedManifest as NonNullable<typeof parsedManifest>;

  const sitFile = read(manifest.cics.sit);
  const sit = sitFile
    ? parseSit(sitFile.content, displayPath(sitFile.file), diagnostics, { symbols: manifest.symbols })
    : undefined;
  // One DFHCSDUP history across the files, in the order listed: an ALTER may follow its DEFINE in a later file.
  const csd = readCsd(
    manifest.cics.csd
      .map((f) => read(f))
      .filter((f): f is { content: string; file: string } => f !== undefined)
      .map((f) => ({ content: f.content, file: displayPath(f.file) })),
    diagnostics,
    {
      localNetworkid: manifest.cics.networkid,
      ...(sit?.grplist ? { grplist: sit.grplist } : {}),
      symbols: manifest.symbols,
    },
  );
  const racfFiles = (list: string[] | undefined) =>
    (list ?? [])
      .map((f) => read(f))
      .filter((f): f is { content: string; file: string } => f !== undefined)
      .map((f) => ({ content: f.content, file: displayPath(f.file) }));
  const unload = manifest.racfUnload
    ? parseIrrdbu00(racfFiles(manifest.racfUnload), diagnostics, { classes: racfClasses(sit) })
    : undefined;
  const racf = parseRacf(racfFiles(manifest.racf), diagnostics, {
    // RACF judges REVOKE and RESUME dates on the day: the audit's day is the manifest's auditDate (UTC).
    auditDate: manifest.auditInstant.slice(0, 10),
    symbols: manifest.symbols,
    ...(unload ? { base: unload } : {}),
  });
  const inventoryFile = manifest.certificates ? read(manifest.certificates) : undefined;
  const inventory = inventoryFile
    ? parseCertificateInventory(inventoryFile.content, displayPath(inventoryFile.file), diagnostics)
    : undefined;
  const { server, bootstrap } = readLibertyServer(directory, manifest.zosConnect, diagnostics);
  diagnostics.throwIfProblems();

  const site = assemble(manifest, sit as SitParameters, csd, racf, inventory, server, diagnostics);
  const { sources } = buildSources(manifestSources, sit as SitParameters, csd, racf, server, inventory);
  const serverXml = { file: displayPath(path.join(directory, manifest.zosConnect.serverXml)), line: 1, column: 1 };
  checkJoins(
    site,
    sources,
    { serverXml, notFound: diagnostics.notFound, filesRead: diagnostics.filesRead, otherListeners: csd.otherListeners },
    diagnostics,
  );
  if (site.transactions.some((t) => t.ressec) && !manifest.zosConnect.program) {
    diagnostics.problem(
      manifestSources.program?.at ?? { file: 'site.yaml', line: 1, column: 1 },
      'zosConnect.program',
      'the program the API links to: a mirror is RESSEC(YES), so CICS checks it (R50)',
    );
  }
  diagnostics.throwIfProblems();
  return {
    origin: displayPath(directory),
    site,
    sources,
    warnings: diagnostics.warnings,
    skipped: diagnostics.skipped,
    filesRead: diagnostics.filesRead,
    secrets: secretsOf(racf, server, bootstrap),
    opaqueAuthData: [...server.opaquePasswords].sort(),
    opaqueRacfUsers: [...racf.users.values()]
      .filter((u) => u.secretsUnknown && u.password === undefined && u.phrase === undefined)
      .map((u) => u.id)
      .sort(),
    zosConnectHosts: { ...server.hosts },
  };
}

/** The general-resource classes the permits are built from (see permits below). */
function racfClasses(sit: SitParameters | undefined): Set<string> {
  const xtran =
    sit?.xtran.checked === false ? undefined : (sit?.xtran ?? { memberClass: 'TCICSTRN', groupingClass: 'GCICSTRN' });
  return new Set(['MCICSPPT', 'NCICSPPT', 'APPL', ...(xtran ? [xtran.memberClass, xtran.groupingClass] : [])]);
}

function assemble(
  manifest: SiteManifest,
  sit: SitParameters,
  csd: CsdDefinitions,
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
  server: ServerXmlDefinitions,
  diagnostics: Diagnostics,
): Site {
  const regionUserid = manifest.cics.regionUserid;
  const transactions = csd.transactions.some((t) => t.transid === 'CSMI')
    ? csd.transactions
    : [SUPPLIED_CSMI, ...csd.transactions];
  const program = manifest.zosConnect.program ?? '';
  const atTlsPorts = new Set(manifest.tcpip.atTlsBasicPorts);
  const users: RacfUser[] = [...db.users.values()].map((u) => ({
    id: u.id,
    revoked: u.revoked,
    passwordExpired: u.passwordExpired,
    invalidAttempts: 0,
    ...(u.password !== undefined ? { password: u.password } : {}),
    ...(u.phrase !== undefined ? { phrase: u.phrase } : {}),
  }));
  if (sit.sec && !db.users.has(sit.dfltuser))
    diagnostics.warn(
      sit.sources.DFLTUSER?.at ?? { file: sit.file, line: 1, column: 1 },
      `DFLTUSER ${sit.dfltuser} is not defined in the RACF commands: CICS would not start with SEC=YES (R9)`,
    );

  return {
    clock: manifest.auditInstant,
    region: {
      applid: sit.applid,
      sec: sit.sec,
      dfltuser: sit.dfltuser,
      regionUserid,
      xtran: sit.xtran.checked,
      // The model prefixes profiles with the region user ID; an explicit prefix is folded into the permits instead.
      secprfx: sit.secprfx === 'YES',
      keyringCas: keyringCas(sit, regionUserid, db, inventory, diagnostics),
    },
    tcpipServices: csd.tcpipServices.map((s) => ({ ...s, atTls: atTlsPorts.has(s.port) })),
    ipconns: csd.ipconns,
    transactions,
    racf: {
      users,
      registeredCertificates: registeredCertificates(db, inventory, diagnostics),
      certificateFilters: db.certificateFilters.map((f) => ({
        userid: f.userid,
        trust: f.trust,
        ...(f.sdnFilter !== undefined ? { sdnFilter: f.sdnFilter } : {}),
        ...(f.idnFilter !== undefined ? { idnFilter: f.idnFilter } : {}),
      })),
      distributedIdentityFilters: distributedIdentityFilters(db, diagnostics),
      ididmapActive: db.activeClasses.has('IDIDMAP') && db.raclistedClasses.has('IDIDMAP'),
      permits: permits(sit, regionUserid, transactions, program, db, diagnostics),
      mixedCasePasswords: db.mixedCasePasswords,
      phraseMinLength: db.kdfaes ? 9 : 14,
      applClassActive: db.activeClasses.has('APPL'),
      revokeAfter: db.revokeAfter ?? NEVER_REVOKED,
    },
    zosConnect: {
      sameSysplex: manifest.zosConnect.sameSysplex,
      requireAuth: server.requireAuth,
      connections: server.connections,
      authData: server.authData,
      ssl: repertoires(server, csd, sit, regionUserid, db, inventory, diagnostics),
      jwt: server.jwt,
      program,
    },
  };
}

/** R12: the CAs connected to the SIT KEYRING (owned by the region user unless written owner/ring). */
function keyringCas(
  sit: SitParameters,
  regionUserid: string,
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
  diagnostics: Diagnostics,
): string[] {
  if (!sit.keyring) return [];
  const owner = sit.keyring.owner ?? regionUserid;
  const ring = db.rings.find((r) => r.owner === owner && r.name === sit.keyring?.ring);
  const at = sit.sources.KEYRING?.at as DefinitionSource['at'];
  if (!ring) {
    diagnostics.warn(
      at,
      `KEYRING ${owner}/${sit.keyring.ring} is not created by RACDCERT ADDRING in the RACF commands: CICS trusts no CA`,
    );
    return [];
  }
  const cas: string[] = [];
  for (const connected of ring.connected.filter((c) => c.usage === 'CERTAUTH')) {
    const cert = inRacf(inventory, connected.owner, connected.label);
    if (cert) cas.push(cert.subject);
    else
      diagnostics.warn(
        connected.at,
        `CA certificate ${connected.owner} '${connected.label}' is not in the certificate inventory: its name is unknown, so it is left out of the key ring`,
      );
  }
  return [...new Set(cas)].sort();
}

function registeredCertificates(
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
  diagnostics: Diagnostics,
): Site['racf']['registeredCertificates'] {
  const registered: Site['racf']['registeredCertificates'] = [];
  for (const cert of db.certificates) {
    if (cert.owner === 'SITE') continue;
    const described = inRacf(inventory, cert.owner, cert.label);
    if (!described) {
      diagnostics.warn(
        cert.at,
        `certificate ${cert.owner} '${cert.label}' is not in the certificate inventory: it cannot be matched to a partner, so it is left out`,
      );
      continue;
    }
    const certauth = cert.owner === 'CERTAUTH';
    registered.push({
      subject: described.subject,
      issuer: described.issuer,
      userid: certauth ? '' : cert.owner,
      trust: cert.trust,
      ...(certauth ? { certauth: true } : {}),
    });
  }
  return registered;
}

function distributedIdentityFilters(
  db: RacfDatabase,
  diagnostics: Diagnostics,
): Site['racf']['distributedIdentityFilters'] {
  return db.distributedIdentityFilters.flatMap((f) => {
    if (!f.refreshed) {
      diagnostics.warn(
        f.at,
        'RACMAP filter defined after the last SETROPTS RACLIST(IDIDMAP) REFRESH: not in storage, so it maps nobody (R42)',
      );
      return [];
    }
    return [{ dnFilter: f.dnFilter, registry: f.registry, userid: f.userid }];
  });
}

function permits(
  sit: SitParameters,
  regionUserid: string,
  transactions: Transaction[],
  program: string,
  db: RacfDatabase,
  diagnostics: Diagnostics,
): Permit[] {
  const prefix = sit.secprfx === 'YES' ? regionUserid : sit.secprfx === 'NO' ? undefined : sit.secprfx.prefix;
  const racfName = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const modelName = (name: string) => (sit.secprfx === 'YES' ? `${regionUserid}.${name}` : name);
  const memberClass = sit.xtran.checked ? sit.xtran.memberClass : 'TCICSTRN';
  const groupingClass = sit.xtran.checked ? sit.xtran.groupingClass : 'GCICSTRN';
  for (const cls of [memberClass, 'MCICSPPT']) {
    if (db.profiles.some((p) => p.cls === cls) && !db.activeClasses.has(cls)) {
      const profile = db.profiles.find((p) => p.cls === cls);
      diagnostics.warn(
        profile?.at as DefinitionSource['at'],
        `class ${cls} has profiles but no SETROPTS CLASSACT(${cls}) in these commands`,
      );
    }
  }
  for (const profile of db.profiles.filter((p) => p.warningMode))
    diagnostics.warn(profile.at, `${profile.cls} ${profile.name} is in WARNING mode: RACF lets every access through`);
  const resources: ProtectedResource[] = [
    ...transactions.map((t) => ({
      modelClass: 'TCICSTRN' as const,
      modelName: modelName(t.transid),
      memberClass,
      groupingClass,
      racfName: racfName(t.transid),
      unprotected: 'refused' as const,
    })),
    ...(program
      ? [
          {
            modelClass: 'MCICSPPT' as const,
            modelName: modelName(program),
            memberClass: 'MCICSPPT',
            groupingClass: 'NCICSPPT',
            racfName: racfName(program),
            unprotected: 'refused' as const,
          },
        ]
      : []),
    { modelClass: 'APPL', modelName: sit.applid, memberClass: 'APPL', racfName: sit.applid, unprotected: 'allowed' },
  ];
  const used = new Set([memberClass, groupingClass, 'MCICSPPT', 'NCICSPPT', 'APPL']);
  for (const profile of db.profiles.filter((p) => !used.has(p.cls)))
    diagnostics.skip(profile.at, `RDEFINE ${profile.cls}`, 'class not used by IPIC security checks');
  return permitsFor(db, resources, diagnostics);
}

/**
 * Liberty <ssl> repertoires as the model sees them: the client certificate z/OS Connect presents (the
 * keystore entry named by clientKeyAlias, or its only or default personal certificate) and whether the
 * trust store holds the signer of every CICS server certificate it will meet (R55).
 */
function repertoires(
  server: ServerXmlDefinitions,
  csd: CsdDefinitions,
  sit: SitParameters,
  regionUserid: string,
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
  diagnostics: Diagnostics,
): SslRepertoire[] {
  return server.ssl.map((ssl) => {
    const at = (key?: string) =>
      (key && server.sources.ssl[ssl.id]?.attributes[key]) ||
      (server.sources.ssl[ssl.id]?.at as DefinitionSource['at']);
    const keyStore = server.keyStores.find((k) => k.id === ssl.keyStoreRef);
    if (ssl.keyStoreRef && !keyStore)
      diagnostics.warn(at('keyStoreRef'), `ssl ${ssl.id}: keyStoreRef ${ssl.keyStoreRef} names no <keyStore>`);
    const personal = keyStore ? storeEntries(keyStore, db, inventory).filter((e) => e.privateKey) : [];
    let clientCertificate: InventoryCertificate | undefined;
    if (ssl.clientKeyAlias) {
      clientCertificate = personal.find((e) => e.label === ssl.clientKeyAlias);
      if (!clientCertificate)
        diagnostics.warn(
          at('clientKeyAlias'),
          `ssl ${ssl.id}: no personal certificate labelled ${ssl.clientKeyAlias} in keystore ${keyStore?.id ?? '(none)'} (certificate inventory): no client certificate is sent`,
        );
    } else if (personal.length === 1) clientCertificate = personal[0];
    else if (personal.length > 1) {
      clientCertificate = personal.find((e) => e.isDefault);
      if (!clientCertificate)
        diagnostics.warn(
          at(),
          `ssl ${ssl.id}: several personal certificates and no clientKeyAlias: the audit cannot tell which one is sent`,
        );
    }
    const trustStore = server.keyStores.find((k) => k.id === (ssl.trustStoreRef ?? ssl.keyStoreRef));
    const trusted = new Set(trustStore ? storeEntries(trustStore, db, inventory).map((e) => e.subject) : []);
    const signers = serverCertificateSigners(ssl.id, server, csd, sit, regionUserid, db, inventory);
    const trustsServerCertificate = signers.length === 0 || signers.every((s) => trusted.has(s));
    return {
      id: ssl.id,
      trustsServerCertificate,
      ...(clientCertificate ? { clientCertificate: certificateOnly(clientCertificate) } : {}),
    };
  });
}

type StoreEntry = InventoryCertificate & { isDefault?: boolean };

/** A keystore's entries: a safkeyring:// ring in RACF, or a file described in the inventory. */
function storeEntries(
  keyStore: KeyStoreElement,
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
): StoreEntry[] {
  const ring = /^safkeyring(?:hw|hybrid)?:\/\/([^/]*)\/(.+)$/i.exec(keyStore.location);
  if (!ring) return inKeystore(inventory, keyStore.id);
  const owner = (ring[1] as string).toUpperCase();
  const found = db.rings.find((r) => r.name === ring[2] && (owner === '' || r.owner === owner));
  return (found?.connected ?? []).flatMap((c) => {
    const cert = inRacf(inventory, c.owner, c.label);
    return cert ? [{ ...cert, privateKey: c.usage === 'PERSONAL', isDefault: c.isDefault }] : [];
  });
}

/** Issuers of the CICS server certificates behind the TCPIPSERVICEs this repertoire's connections reach. */
function serverCertificateSigners(
  sslId: string,
  server: ServerXmlDefinitions,
  csd: CsdDefinitions,
  sit: SitParameters,
  regionUserid: string,
  db: RacfDatabase,
  inventory: CertificateInventory | undefined,
): string[] {
  const owner = sit.keyring?.owner ?? regionUserid;
  const ring = db.rings.find((r) => r.owner === owner && r.name === sit.keyring?.ring);
  const signers: string[] = [];
  for (const conn of server.connections.filter((c) => c.sslCertsRef === sslId)) {
    const service = csd.tcpipServices.find((s) => s.port === conn.port);
    if (!service) continue;
    const label = csd.serverCertificateLabel[service.name];
    const entry = label
      ? ring?.connected.find((c) => c.label === label)
      : ring?.connected.find((c) => c.usage === 'PERSONAL' && c.isDefault);
    const cert = entry ? inRacf(inventory, entry.owner, entry.label) : undefined;
    if (cert) signers.push(cert.issuer);
  }
  return signers;
}

function certificateOnly(c: InventoryCertificate): Certificate {
  return {
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    extendedKeyUsage: c.extendedKeyUsage,
  };
}

function buildSources(
  manifest: Record<string, DefinitionSource>,
  sit: SitParameters,
  csd: CsdDefinitions,
  db: RacfDatabase,
  server: ServerXmlDefinitions,
  inventory: CertificateInventory | undefined,
): { sources: DefinitionSources } {
  return {
    sources: {
      tcpipService: csd.sources.tcpipService,
      ipconn: csd.sources.ipconn,
      transaction: csd.sources.transaction,
      sit: sit.sources,
      racfUser: Object.fromEntries([...db.users.values()].map((u) => [u.id, { at: u.at, attributes: {} }])),
      zosConnection: server.sources.zosConnection,
      authData: server.sources.authData,
      ssl: server.sources.ssl,
      certificate: inventory?.sources ?? {},
      manifest,
    },
  };
}

function secretsOf(db: RacfDatabase, server: ServerXmlDefinitions, bootstrap: Properties | undefined): string[] {
  const secrets = new Set([...db.secrets, ...server.secrets]);
  for (const [key, value] of bootstrap?.values ?? []) if (isSecretKeyName(key) && value) secrets.add(value);
  return [...secrets].filter((s) => s.length > 0).sort();
}
