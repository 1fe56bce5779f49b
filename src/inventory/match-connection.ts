/**
 * Whether one z/OS Connect connection element of the inventory, with the region, TCPIPSERVICE, IPCONN and
 * mirror transaction it reaches, fits what a scenario's Situation states. Stated fields must match (a
 * mismatch); unstated ones may differ from the documented default (a deviation, which costs a point).
 * Aliases the definitions pin down (SECURITYNAME, certificate owner, authData user) come back as forced.
 */
import {
  DEFAULT_USER,
  REGION_USER,
  type Alias,
  type CertificateRequirement,
  type Situation,
} from '../../support/target-port';
import type {
  InventoryCertificate,
  InventoryConnection,
  InventoryIpconn,
  InventoryRegion,
  InventoryServer,
  InventorySite,
  InventoryTcpipService,
} from './schema';

export interface ResolvedConnection {
  server: InventoryServer;
  connection: InventoryConnection;
  region: InventoryRegion;
  tcpipService: InventoryTcpipService;
  /** undefined: no IPCONN matches, so CICS would autoinstall one (R7). */
  ipconn?: InventoryIpconn;
  /** The transaction the mirror is attached as (R48). */
  mirror: string;
  certificate?: InventoryCertificate;
}

export function resolveConnection(
  site: InventorySite,
  server: InventoryServer,
  connection: InventoryConnection,
): ResolvedConnection | undefined {
  const region = site.cics.regions.find((r) => r.applid === connection.region);
  const tcpipService = region?.tcpipServices.find((t) => t.name === connection.tcpipService);
  if (!region || !tcpipService) return undefined;
  const ipconn = region.ipconns.find(
    (i) =>
      i.applid === connection.applid && i.networkid === connection.networkid && i.tcpipService === tcpipService.name,
  );
  const mirror = connection.transidUsage === 'EIB_AND_MIRROR' && connection.transid ? connection.transid : 'CSMI';
  const certificateId = connection.tls === 'none' ? null : connection.tls.clientCertificate;
  const certificate = certificateId === null ? undefined : site.certificates.find((c) => c.id === certificateId);
  return { server, connection, region, tcpipService, ipconn, mirror, certificate };
}

export interface ConnectionFit {
  mismatches: string[];
  deviations: string[];
  /**
   * What would change the outcome of a request on this connection but not whether the connection is
   * acquired: the scenario may still use it to acquire, and is not applicable once it sends a request.
   */
  forRequests: string[];
  forced: Map<Alias, string>;
}

/** The IPCONN CICS autoinstalls for an unknown partner: the default security attributes (R7). */
const AUTOINSTALLED = {
  inService: true,
  linkauth: 'SECUSER',
  securityName: null,
  userauth: 'LOCAL',
  idprop: 'NOTALLOWED',
} as const;

export function connectionFit(
  site: InventorySite,
  rc: ResolvedConnection,
  s: Situation,
  tlsRequirement: Situation['zosConnect']['tls'],
): ConnectionFit {
  const mismatches: string[] = [];
  const deviations: string[] = [];
  const forRequests: string[] = [];
  const forced = new Map<Alias, string>();
  const force = (alias: Alias, id: string | null, what: string) => {
    if (id === null) return mismatches.push(`${what} is blank or unmapped, but the scenario names ${alias}`);
    const prior = forced.get(alias);
    if (prior !== undefined && prior !== id) mismatches.push(`${alias} would be both ${prior} and ${id}`);
    forced.set(alias, id);
  };
  const check = <T>(stated: T | undefined, actual: T, preferred: T, label: string) => {
    if (stated === undefined) {
      if (actual !== preferred) deviations.push(`${label} is ${show(actual)} (default ${show(preferred)})`);
    } else if (stated !== actual) mismatches.push(`${label} is ${show(actual)}, the scenario needs ${show(stated)}`);
  };
  const { region, tcpipService: t, ipconn, connection: c, server } = rc;
  force(DEFAULT_USER, region.defaultUser, 'DFLTUSER');
  force(REGION_USER, region.regionUser, 'the region user');

  check(s.region.sec, region.sec, true, 'SEC');
  check(s.region.xtran, region.xtran, true, 'XTRAN');
  check(s.region.secprfx, region.secprfx, false, 'SECPRFX');
  check(s.region.mixedCasePasswords, site.racf.mixedCasePasswords, false, 'RACF mixed-case passwords');
  check(s.region.shortPhrasesAllowed, site.racf.passwordPhraseMinLength === 9, false, 'RACF phrases shorter than 14');
  check(s.region.applClassActive, site.racf.applClassActive, false, 'APPL class active');

  check(s.tcpipService.ssl, t.ssl, 'NO', `TCPIPSERVICE ${t.name} SSL`);
  check(s.tcpipService.atTls, t.atTls, false, `AT-TLS on ${t.name}`);
  check(s.tcpipService.open, t.status === 'OPEN', true, `TCPIPSERVICE ${t.name} open`);
  check(s.tcpipService.autoinstall, t.autoinstall, true, 'IPCONN autoinstall accepting unknown partners');

  check(s.ipconn.defined, ipconn !== undefined, true, `an IPCONN matching ${c.networkid}.${c.applid}`);
  const effective = ipconn ?? AUTOINSTALLED;
  const ipconnName = ipconn ? `IPCONN ${ipconn.name}` : 'the autoinstalled IPCONN';
  check(s.ipconn.inService, effective.inService, true, `${ipconnName} INSERVICE`);
  check(s.ipconn.linkauth, effective.linkauth, 'SECUSER', `${ipconnName} LINKAUTH`);
  check(s.ipconn.userauth, effective.userauth, 'LOCAL', `${ipconnName} USERAUTH`);
  check(s.ipconn.idprop, effective.idprop, 'NOTALLOWED', `${ipconnName} IDPROP`);
  if (s.ipconn.securityName === undefined) {
    if (effective.securityName !== null && effective.linkauth === 'CERTUSER')
      deviations.push(`${ipconnName} SECURITYNAME is ${effective.securityName} (default blank; CERTUSER ignores it)`);
    else if (effective.securityName !== null)
      linkUserFit(site, rc, effective.userauth, effective.securityName, ipconnName, {
        mismatches: forRequests,
        deviations,
      });
  } else if (s.ipconn.securityName === null) {
    if (effective.securityName !== null)
      mismatches.push(`${ipconnName} SECURITYNAME is ${effective.securityName}, the scenario needs it blank`);
  } else force(s.ipconn.securityName, effective.securityName, `${ipconnName} SECURITYNAME`);

  // R48: the transid z/OS Connect asks for, and whether it is attached as the mirror or only shown in EIBTRNID.
  const asked = c.transid ?? 'CSMI';
  check(s.mirror.transid, asked, 'CSMI', `connection ${c.id} transid`);
  if (asked !== 'CSMI')
    check(s.mirror.transidUsage, c.transidUsage, 'EIB_AND_MIRROR', `connection ${c.id} transidUsage`);
  const tx = region.transactions.find((x) => x.transid === rc.mirror);
  const copy = tx ? tx.program === 'DFHMIRS' && tx.profile === 'DFHCICSA' : undefined;
  if (s.mirror.copyOfCsmi !== undefined || rc.mirror !== 'CSMI')
    check(s.mirror.copyOfCsmi, copy, true, `transaction ${rc.mirror} a copy of CSMI`);
  if (s.mirror.differsFromCsmiIn !== undefined) {
    const program = tx !== undefined && tx.program !== 'DFHMIRS';
    const profile = tx !== undefined && tx.profile !== 'DFHCICSA';
    const differing = program === profile ? undefined : program ? 'PROGRAM' : 'PROFILE';
    if (differing !== s.mirror.differsFromCsmiIn)
      mismatches.push(
        `transaction ${rc.mirror} differs from CSMI in ${differing ?? 'no attribute or in both'}, the scenario needs only its ${s.mirror.differsFromCsmiIn}`,
      );
  }
  if (s.mirror.ressec !== undefined) check(s.mirror.ressec, tx?.ressec, false, `transaction ${rc.mirror} RESSEC`);
  else if (tx?.ressec) deviations.push(`transaction ${rc.mirror} is RESSEC(YES) (default NO)`);
  if (s.mirror.program !== undefined) check(s.mirror.program, c.whoami.program, c.whoami.program, 'the API program');

  check(
    s.zosConnect.sameSysplex,
    server.sysplex !== null && server.sysplex === region.sysplex,
    false,
    `z/OS Connect ${server.name} in the region's sysplex`,
  );
  check(s.zosConnect.requireAuth, server.requireAuth, true, `z/OS Connect ${server.name} requireAuth`);
  const mapsJwt = s.zosConnect.jwtSubjectToRegistryUser;
  if (mapsJwt !== undefined && server.jwt) {
    if (server.jwt.mapIdentityToRegistryUser === undefined)
      mismatches.push(
        `z/OS Connect ${server.name}'s jwt does not say whether it maps subjects to registry users (mapIdentityToRegistryUser), the scenario needs ${mapsJwt}`,
      );
    else
      check(
        mapsJwt,
        server.jwt.mapIdentityToRegistryUser,
        true,
        `z/OS Connect ${server.name} mapIdentityToRegistryUser`,
      );
  }
  if (s.zosConnect.serverUser !== undefined)
    force(s.zosConnect.serverUser, server.startedTaskUser ?? null, `z/OS Connect ${server.name}'s started-task user`);

  tlsFit(rc, tlsRequirement, s.zosConnect.trustsCicsCertificate, { mismatches, deviations, force });
  authDataFit(c, s.zosConnect.authData, { mismatches, deviations, force }, forRequests);
  return { mismatches, deviations, forRequests, forced };
}

interface Sink {
  mismatches: string[];
  deviations: string[];
  force: (alias: Alias, id: string | null, what: string) => void;
}

function tlsFit(
  rc: ResolvedConnection,
  req: Situation['zosConnect']['tls'],
  trusts: boolean | undefined,
  sink: Sink,
): void {
  const c = rc.connection;
  const actual =
    c.tls === 'none' ? 'none' : c.tls.clientCertificate === null ? 'server-auth only' : 'client certificate';
  if (req === undefined) {
    if (actual !== 'none') sink.deviations.push(`connection ${c.id} uses TLS (${actual}), default none`);
  } else if (typeof req === 'string') {
    if (req !== actual) sink.mismatches.push(`connection ${c.id} TLS is ${actual}, the scenario needs ${req}`);
  } else if (!rc.certificate) {
    sink.mismatches.push(`connection ${c.id} presents no client certificate, the scenario needs a ${req.state} one`);
  } else certificateFit(rc.certificate, req, `connection ${c.id}'s certificate ${rc.certificate.id}`, sink);
  const declaredTrust = c.tls === 'none' ? true : c.tls.trustsServerCertificate;
  if (trusts === undefined) {
    if (!declaredTrust) sink.deviations.push(`connection ${c.id} does not trust the CICS server certificate`);
  } else if (trusts !== declaredTrust || (trusts === false && c.tls === 'none')) {
    sink.mismatches.push(
      `connection ${c.id} ${declaredTrust ? 'trusts' : 'does not trust'} the CICS server certificate`,
    );
  }
}

export function certificateFit(
  cert: InventoryCertificate,
  req: CertificateRequirement,
  label: string,
  sink: Sink,
): void {
  if (cert.state !== req.state) sink.mismatches.push(`${label} is ${cert.state}, the scenario needs ${req.state}`);
  if (req.mappedTo === null) {
    if (cert.mappedTo !== null)
      sink.mismatches.push(`${label} is mapped to ${cert.mappedTo}, the scenario needs it unmapped`);
  } else sink.force(req.mappedTo, cert.mappedTo, label);
  if (req.racfStatus !== undefined) {
    if (cert.racfStatus !== req.racfStatus)
      sink.mismatches.push(`${label} has RACF status ${cert.racfStatus}, the scenario needs ${req.racfStatus}`);
  } else if (cert.mappedTo !== null && cert.racfStatus !== 'TRUST')
    sink.deviations.push(`${label} has RACF status ${cert.racfStatus}`);
  if (req.racfMapping !== undefined && cert.racfMapping !== req.racfMapping)
    sink.mismatches.push(
      cert.racfMapping === undefined
        ? `${label}'s inventory entry does not say how RACF maps it (racfMapping), the scenario needs ${req.racfMapping}`
        : `${label} is mapped by ${cert.racfMapping}, the scenario needs ${req.racfMapping}`,
    );
  if (req.selfSignedTrustedByRacf !== undefined) {
    if (cert.registeredAsTrusted !== req.selfSignedTrustedByRacf) {
      sink.mismatches.push(`${label} is ${cert.registeredAsTrusted ? '' : 'not '}registered in RACF as trusted`);
    }
  } else if (cert.registeredAsTrusted) sink.deviations.push(`${label} is registered in RACF as trusted`);
}

function authDataFit(
  c: InventoryConnection,
  req: Situation['zosConnect']['authData'],
  sink: Sink,
  forRequests: string[],
): void {
  const a = c.authData;
  if (req === undefined) {
    // Predefined credentials replace the caller's identity on every request (R31): never a detail. They
    // play no part in acquiring the connection, so only requests are barred.
    if (a) forRequests.push(`connection ${c.id} has authData, which the scenario does not state`);
    return;
  }
  if (!a) return void sink.mismatches.push(`connection ${c.id} has no authData, the scenario needs one`);
  if (req.user === null) {
    if (a.user !== null)
      sink.mismatches.push(`connection ${c.id}'s authData names ${a.user}, the scenario needs no user`);
  } else sink.force(req.user, a.user, `connection ${c.id}'s authData user`);
  const secret = a.secret;
  const wanted = req.secret;
  const same =
    secret.kind === wanted.kind &&
    (secret.kind === 'none' ||
      (wanted.kind !== 'none' &&
        secret.correct === wanted.correct &&
        (secret as { variant?: string }).variant === (wanted as { variant?: string }).variant));
  if (!same)
    sink.mismatches.push(
      `connection ${c.id}'s authData holds ${describeSecret(secret)}, the scenario needs ${describeSecret(wanted)}`,
    );
  const lower = req.useridInLowerCase ?? false;
  if (a.useridInLowerCase !== lower) {
    if (req.useridInLowerCase === undefined)
      sink.deviations.push(`connection ${c.id}'s authData user is in lower case`);
    else
      sink.mismatches.push(`connection ${c.id}'s authData user is ${a.useridInLowerCase ? '' : 'not '}in lower case`);
  }
}

/**
 * A SECURITYNAME the scenario does not state. It decides whom requests run as or who is checked, never
 * whether the connection is acquired (bind security, R10 to R16): so its conflicts go to forRequests, and a
 * scenario that only acquires the connection may still use it. Under USERAUTH(LOCAL) its user is the one
 * every request runs as, not the default user the scenario expects (R20): no request fits. Otherwise it is
 * the link user whose access CICS intersects with the request's user (R17, R22): harmless only when it may
 * attach the mirror and run the program, as the default user of a blank SECURITYNAME may in the features'
 * sites, or when it is the region user, whose link CICS does not check (R21).
 */
function linkUserFit(
  site: InventorySite,
  rc: ResolvedConnection,
  userauth: string,
  securityName: string,
  ipconnName: string,
  sink: Pick<Sink, 'mismatches' | 'deviations'>,
): void {
  if (userauth === 'LOCAL') {
    sink.mismatches.push(
      `${ipconnName} SECURITYNAME is ${securityName}: under USERAUTH(LOCAL) requests run as that user, and the scenario does not state it`,
    );
    return;
  }
  if (securityName === rc.region.regionUser) {
    // R21: the region user as link user makes CICS omit the link check, as a blank SECURITYNAME's default
    // user with the features' default access passes it: the same outcome (the audit reports R21).
    sink.deviations.push(`${ipconnName} SECURITYNAME is the region user ${securityName} (default blank)`);
    return;
  }
  const link = site.racf.users.find((u) => u.id === securityName);
  const program = rc.connection.whoami.program;
  if (!link || link.transactions[rc.mirror] !== true || link.programs[program] === false)
    sink.mismatches.push(
      `${ipconnName} SECURITYNAME is ${securityName}, a link user not declared with READ on TCICSTRN ${rc.mirror} and MCICSPPT ${program}, which the scenario does not state`,
    );
  else sink.deviations.push(`${ipconnName} SECURITYNAME is ${securityName} (default blank)`);
}

function describeSecret(secret: { kind: string; correct?: boolean; variant?: string }): string {
  if (secret.kind === 'none') return 'no secret';
  return `${secret.correct ? 'the correct' : 'a wrong'} ${secret.kind}${secret.variant ? ` (${secret.variant})` : ''}`;
}

function show(value: unknown): string {
  if (value === true) return 'YES';
  if (value === false) return 'NO';
  if (value === undefined) return 'unknown';
  return String(value);
}
