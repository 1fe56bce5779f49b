/**
 * Whether a connection path of the site fits a scenario's Situation. Every field the scenario sets must
 * match. A field it leaves unset means what the model target builds for it (the documented default,
 * catalog §0: SEC=YES, SSL(NO), USERAUTH(LOCAL), blank SECURITYNAME, no authData, ...) wherever that
 * default decides the outcome; otherwise an audit would judge the scenario's expectation on a setup the
 * scenario did not describe. Fields that cannot change the outcome stay "don't care".
 *
 * The result is a reason the path does not fit, or the user IDs the path forces on aliases (the
 * SECURITYNAME, the certificate's user, the authData user).
 */
import { swapCase } from '../model/build-site';
import { mapCertificate, racfMappingKind } from '../../model/racf';
import type { Certificate, Site } from '../../model';
import {
  DEFAULT_USER,
  REGION_USER,
  type Alias,
  type CertificateRequirement,
  type CertificateState,
  type RivalMapping,
  type SecretRequirement,
  type Situation,
} from '../../../support/target-port';
import { certificateState } from './certificate-state';
import { isCopyOfCsmi, type ConnectionPath } from '../../definitions/connection-paths';

/** Alias -> user ID, with what forced it (for messages). */
export type Forced = Map<Alias, { userid: string; why: string }>;

export type Fit = { forced: Forced } | { reason: string };

export interface FitContext {
  site: Site;
  /** authData ids whose password the audit cannot read. */
  opaqueAuthData: ReadonlySet<string>;
  /** Users whose RACF password or phrase exists but is in no input (an IRRDBU00 unload holds none). */
  opaqueRacfUsers: ReadonlySet<string>;
}

export function regionFit(s: Situation, site: Site): string | undefined {
  const region = site.region;
  const racf = site.racf;
  const yes = (b: boolean) => (b ? 'YES' : 'NO');
  if ((s.region.sec ?? true) !== region.sec)
    return `SIT SEC=${yes(region.sec)}, the scenario needs SEC=${yes(s.region.sec ?? true)}`;
  if ((s.region.xtran ?? true) !== region.xtran)
    return `SIT XTRAN=${yes(region.xtran)}, the scenario needs XTRAN=${yes(s.region.xtran ?? true)}`;
  if (s.region.profilesPrefixed !== undefined)
    return "the scenario states how RACF's CICS profiles are named against SECPRFX; the audit takes the profiles as the RACF definitions name them, and does not construct that mismatch";
  if (s.region.secprfx !== undefined && s.region.secprfx !== region.secprfx)
    return `SIT SECPRFX=${yes(region.secprfx)}, the scenario needs SECPRFX=${yes(s.region.secprfx)}`;
  if (s.region.mixedCasePasswords !== undefined && s.region.mixedCasePasswords !== racf.mixedCasePasswords) {
    return `RACF ${racf.mixedCasePasswords ? 'accepts' : 'does not accept'} mixed-case passwords, the scenario needs the opposite`;
  }
  if (s.region.shortPhrasesAllowed !== undefined && s.region.shortPhrasesAllowed !== (racf.phraseMinLength === 9)) {
    return `RACF's shortest password phrase is ${racf.phraseMinLength} characters, the scenario needs ${s.region.shortPhrasesAllowed ? 9 : 14}`;
  }
  if (s.region.applClassActive !== undefined && s.region.applClassActive !== racf.applClassActive) {
    return `the APPL class is ${racf.applClassActive ? '' : 'not '}active, the scenario needs the opposite`;
  }
  const zc = site.zosConnect;
  if (s.zosConnect.sameSysplex !== undefined && s.zosConnect.sameSysplex !== zc.sameSysplex) {
    return `z/OS Connect runs ${zc.sameSysplex ? 'in' : 'outside'} the CICS region's sysplex, the scenario needs the opposite`;
  }
  if ((s.zosConnect.requireAuth ?? true) !== zc.requireAuth)
    return `z/OS Connect has requireAuth=${zc.requireAuth}, the scenario needs ${s.zosConnect.requireAuth ?? true}`;
  const mapsJwt = s.zosConnect.jwtSubjectToRegistryUser;
  if (mapsJwt !== undefined && mapsJwt !== zc.jwt.mapIdentityToRegistryUser)
    return `z/OS Connect has mapIdentityToRegistryUser=${zc.jwt.mapIdentityToRegistryUser} for JWTs, the scenario needs ${mapsJwt}`;
  if (s.zosConnect.serverUser !== undefined)
    return "z/OS Connect's own started-task user ID is not part of the site's definitions";
  if (
    s.mirror.cmdsec !== undefined ||
    s.mirror.commands !== undefined ||
    Object.values(s.users).some((u) => u.commands)
  )
    return "which system commands the API's program issues (R51) is not part of the site's definitions, so command security cannot be judged";
  return undefined;
}

/** Fits one connection path; `tls` is the certificate requirement for this path (first or second connection). */
export function pathFit(s: Situation, path: ConnectionPath, tls: Situation['zosConnect']['tls'], ctx: FitContext): Fit {
  const forced: Forced = new Map();
  const reason =
    servicePart(s, path, tls) ??
    ipconnPart(s, path, forced, ctx.site) ??
    sysplexPart(s, path, ctx.site) ??
    mirrorPart(s, path, ctx.site) ??
    (unsaidTls(s, tls) ? plainLinkPart(path) : tlsPart(s, path, tls, forced, ctx.site)) ??
    authDataPart(s, path, forced, ctx);
  return reason ? { reason } : { forced };
}

/** The scenario says nothing about TLS on either side: the model target builds SSL(NO) without TLS. */
function unsaidTls(s: Situation, tls: Situation['zosConnect']['tls']): boolean {
  return s.tcpipService.ssl === undefined && tls === undefined && s.tcpipService.atTls === undefined;
}

/**
 * SSL(NO) without TLS, or SSL(YES) with server-only TLS that z/OS Connect trusts: either way the handshake
 * succeeds and the partner is not client-authenticated, so nothing after it can tell them apart (R10-R15).
 */
function plainLinkPart(p: ConnectionPath): string | undefined {
  const service = p.service as NonNullable<ConnectionPath['service']>;
  if (service.atTls) return `AT-TLS protects port ${service.port}, the scenario needs no TLS`;
  if (service.ssl === 'NO')
    return p.conn.sslCertsRef
      ? `connection ${p.conn.id} starts TLS towards an SSL(NO) TCPIPSERVICE, the scenario needs plain TCP`
      : undefined;
  if (service.ssl === 'CLIENTAUTH')
    return `TCPIPSERVICE ${service.name} has SSL(CLIENTAUTH), the scenario needs no client authentication`;
  const repertoire = p.repertoire;
  if (!repertoire) return `TCPIPSERVICE ${service.name} has SSL(YES) but connection ${p.conn.id} does not use TLS`;
  if (repertoire.clientCertificate)
    return `connection ${p.conn.id} presents a client certificate, the scenario needs none`;
  return repertoire.trustsServerCertificate
    ? undefined
    : `ssl ${repertoire.id} does not trust the CICS server certificate`;
}

/** Where z/OS Connect runs matters only to USERAUTH(IDENTIFY) without client authentication (R14, R45). */
function sysplexPart(s: Situation, p: ConnectionPath, site: Site): string | undefined {
  const wanted = s.zosConnect.sameSysplex ?? false;
  const clientAuthenticated = p.service?.ssl === 'CLIENTAUTH' && !p.service.atTls;
  if (p.ipconn?.userauth !== 'IDENTIFY' || clientAuthenticated || wanted === site.zosConnect.sameSysplex)
    return undefined;
  return `z/OS Connect runs ${site.zosConnect.sameSysplex ? 'in' : 'outside'} the CICS region's sysplex and IPCONN ${p.ipconn.name} trusts it under USERAUTH(IDENTIFY) without client authentication, the scenario needs the opposite`;
}

function servicePart(s: Situation, p: ConnectionPath, tls: Situation['zosConnect']['tls']): string | undefined {
  const service = p.service;
  if (!service) return `no IPIC TCPIPSERVICE listens on port ${p.conn.port}`;
  const t = s.tcpipService;
  if (!unsaidTls(s, tls) && (t.ssl ?? 'NO') !== service.ssl)
    return `TCPIPSERVICE ${service.name} has SSL(${service.ssl}), the scenario needs SSL(${t.ssl ?? 'NO'})`;
  if (!unsaidTls(s, tls) && (t.atTls ?? false) !== service.atTls)
    return `AT-TLS ${service.atTls ? 'protects' : 'does not protect'} port ${service.port}, the scenario needs the opposite`;
  if ((t.open ?? true) !== service.open)
    return `TCPIPSERVICE ${service.name} is ${service.open ? 'open' : 'closed'}, the scenario needs it ${(t.open ?? true) ? 'open' : 'closed'}`;
  const autoinstallMatters = t.autoinstall !== undefined || s.ipconn.defined === false;
  if (autoinstallMatters && (t.autoinstall ?? true) !== service.autoinstall) {
    return `TCPIPSERVICE ${service.name} ${service.autoinstall ? 'autoinstalls' : 'refuses'} unknown partners, the scenario needs the opposite`;
  }
  return undefined;
}

function ipconnPart(s: Situation, p: ConnectionPath, forced: Forced, site: Site): string | undefined {
  const want = s.ipconn;
  if ((want.defined ?? true) === false)
    return p.ipconn
      ? `IPCONN ${p.ipconn.name} matches ${p.conn.networkid}.${p.conn.applid}, the scenario needs none to`
      : undefined;
  const ipconn = p.ipconn;
  if (!ipconn)
    return `no IPCONN matches ${p.conn.networkid}.${p.conn.applid} on TCPIPSERVICE ${p.service?.name ?? '?'}`;
  const differs = (name: string, actual: string, wanted: string) =>
    actual !== wanted
      ? `IPCONN ${ipconn.name} has ${name}(${actual}), the scenario needs ${name}(${wanted})`
      : undefined;
  const fieldReason =
    differs('INSERVICE', ipconn.inService ? 'YES' : 'NO', (want.inService ?? true) ? 'YES' : 'NO') ??
    differs('LINKAUTH', ipconn.linkauth, want.linkauth ?? 'SECUSER') ??
    differs('USERAUTH', ipconn.userauth, want.userauth ?? 'LOCAL') ??
    (want.idprop !== undefined ? differs('IDPROP', ipconn.idprop, want.idprop) : undefined);
  if (fieldReason) return fieldReason;
  const name = want.securityName ?? null;
  if (name === null)
    return ipconn.securityname === null
      ? undefined
      : `IPCONN ${ipconn.name} has SECURITYNAME(${ipconn.securityname}), the scenario needs it blank`;
  if (ipconn.securityname === null) return `IPCONN ${ipconn.name} has a blank SECURITYNAME, the scenario needs one`;
  return force(forced, name, ipconn.securityname, `SECURITYNAME of IPCONN ${ipconn.name}`, site);
}

function mirrorPart(s: Situation, p: ConnectionPath, site: Site): string | undefined {
  const wanted = s.mirror.transid ?? 'CSMI';
  const asked = p.conn.transid ?? 'CSMI';
  if (asked !== wanted) return `connection ${p.conn.id} asks for transaction ${asked}, the scenario needs ${wanted}`;
  if (wanted !== 'CSMI' && p.mirror !== wanted)
    return `connection ${p.conn.id} has transidUsage ${p.conn.transidUsage}, so CICS attaches CSMI rather than ${wanted}`;
  const copy = isCopyOfCsmi(p.mirrorTransaction);
  if ((s.mirror.copyOfCsmi ?? true) !== copy)
    return `transaction ${p.mirror} is ${copy ? '' : 'not '}a copy of CSMI, the scenario needs the opposite`;
  const differing = differsFromCsmiIn(p.mirrorTransaction);
  if (s.mirror.differsFromCsmiIn !== undefined && s.mirror.differsFromCsmiIn !== differing)
    return `transaction ${p.mirror} differs from CSMI in ${differing ?? 'no attribute or in both'}, the scenario needs only its ${s.mirror.differsFromCsmiIn}`;
  if ((s.mirror.ressec ?? false) !== (p.mirrorTransaction?.ressec ?? false)) {
    return `transaction ${p.mirror} has RESSEC(${p.mirrorTransaction?.ressec ? 'YES' : 'NO'}), the scenario needs RESSEC(${s.mirror.ressec ? 'YES' : 'NO'})`;
  }
  if (s.mirror.program !== undefined && s.mirror.program !== site.zosConnect.program)
    return `the API's program is ${site.zosConnect.program || 'not named'}, the scenario needs ${s.mirror.program}`;
  return undefined;
}

function tlsPart(
  s: Situation,
  p: ConnectionPath,
  tls: Situation['zosConnect']['tls'],
  forced: Forced,
  site: Site,
): string | undefined {
  const want = tls ?? 'none';
  const id = p.conn.id;
  if (want === 'none')
    return p.conn.sslCertsRef
      ? `connection ${id} uses TLS (sslCertsRef ${p.conn.sslCertsRef}), the scenario needs none`
      : undefined;
  if (!p.conn.sslCertsRef || !p.repertoire) return `connection ${id} does not use TLS, the scenario needs it`;
  if ((s.zosConnect.trustsCicsCertificate ?? true) !== p.repertoire.trustsServerCertificate) {
    return `ssl ${p.repertoire.id} ${p.repertoire.trustsServerCertificate ? 'trusts' : 'does not trust'} the CICS server certificate, the scenario needs the opposite`;
  }
  const cert = p.repertoire.clientCertificate;
  if (want === 'server-auth only')
    return cert ? `connection ${id} presents a client certificate, the scenario needs none` : undefined;
  if (!cert) return `connection ${id} presents no client certificate, the scenario needs one`;
  return certificatePart(want, cert, forced, site, id);
}

function certificatePart(
  want: CertificateRequirement,
  cert: Certificate,
  forced: Forced,
  site: Site,
  id: string,
): string | undefined {
  // An in-date, CA-issued certificate with no extended key usage is valid for any use (R12); a scenario that
  // names that state needs exactly such a certificate.
  const noUsage = want.state === 'with no extended key usage';
  const state = noUsage && cert.extendedKeyUsage.length === 0 ? noUsageState(site, cert) : certificateState(site, cert);
  if (state !== want.state)
    return `connection ${id}'s client certificate is ${state ?? 'flawed in more than one way'}, the scenario needs one that is ${want.state}`;
  const mapping = mapCertificate(site.racf, cert);
  const registeredTrusted = site.racf.registeredCertificates.some((r) => r.subject === cert.subject && r.trust);
  if (want.mappedTo === null) {
    if (mapping)
      return `connection ${id}'s client certificate maps to ${mapping.userid}, the scenario needs it unmapped`;
    if ((want.selfSignedTrustedByRacf ?? false) !== registeredTrusted)
      return `connection ${id}'s client certificate is ${registeredTrusted ? '' : 'not '}held in RACF with TRUST, the scenario needs the opposite`;
    return undefined;
  }
  if (!mapping) return `connection ${id}'s client certificate maps to no RACF user, the scenario needs it mapped`;
  if ((want.racfStatus ?? 'TRUST') === 'TRUST' ? !mapping.trusted : mapping.trusted) {
    return `connection ${id}'s client certificate has RACF status ${mapping.trusted ? 'TRUST' : 'NOTRUST'}, the scenario needs ${want.racfStatus ?? 'TRUST'}`;
  }
  if (want.selfSignedTrustedByRacf && !registeredTrusted)
    return `connection ${id}'s client certificate is not held in RACF with TRUST`;
  const by = racfMappingKind(site.racf, cert);
  if (want.racfMapping && by !== want.racfMapping)
    return `connection ${id}'s client certificate is mapped by ${by}, the scenario needs ${want.racfMapping}`;
  if (want.rivalMapping) {
    const rival = rivalUser(want.rivalMapping.kind, cert, mapping.userid, site);
    if (!rival)
      return `RACF holds no ${want.rivalMapping.kind} mapping to another user for connection ${id}'s client certificate`;
    const reason = force(
      forced,
      want.rivalMapping.to,
      rival,
      `user of a RACF mapping near connection ${id}'s certificate`,
      site,
    );
    if (reason) return reason;
  }
  return force(forced, want.mappedTo, mapping.userid, `user of connection ${id}'s client certificate`, site);
}

/** The user of a RACF mapping of the given kind near the certificate's own, mapping to another user (R18). */
function rivalUser(kind: RivalMapping, cert: Certificate, own: string, site: Site): string | undefined {
  const alone = (racf: Partial<Site['racf']>) =>
    mapCertificate({ ...site.racf, registeredCertificates: [], certificateFilters: [], ...racf }, cert);
  switch (kind) {
    case 'same subject registered from another CA':
      return site.racf.registeredCertificates.find(
        (r) => !r.certauth && r.subject === cert.subject && r.issuer !== cert.issuer && r.userid !== own,
      )?.userid;
    case 'name filter for its organization':
      return site.racf.certificateFilters.find(
        (f) =>
          f.userid !== own &&
          f.idnFilter === undefined &&
          f.sdnFilter !== undefined &&
          f.sdnFilter.replace(/\s/g, '').toUpperCase() !== cert.subject.replace(/\s/g, '').toUpperCase() &&
          alone({ certificateFilters: [f] }) !== undefined,
      )?.userid;
    case 'name filter for its subject from another CA':
      return site.racf.certificateFilters.find(
        (f) =>
          f.userid !== own &&
          f.idnFilter !== undefined &&
          alone({ certificateFilters: [f] }) === undefined &&
          alone({ certificateFilters: [{ ...f, idnFilter: undefined }] }) !== undefined,
      )?.userid;
  }
}

function authDataPart(s: Situation, p: ConnectionPath, forced: Forced, ctx: FitContext): string | undefined {
  const want = s.zosConnect.authData;
  const id = p.conn.id;
  if (!want)
    return p.conn.authDataRef
      ? `connection ${id} sends authData ${p.conn.authDataRef}, the scenario needs none`
      : undefined;
  const authData = p.authData;
  if (!authData) return `connection ${id} has no authData, the scenario needs one`;
  const other = s.zosConnect.otherAuthData;
  if (other) {
    const element = ctx.site.zosConnect.authData.find((a) => a.id !== p.conn.authDataRef && a.user);
    if (!element?.user)
      return `server.xml defines no authData with a user besides ${authData.id}, the scenario needs one`;
    const reason = force(forced, other.user, element.user.toUpperCase(), `user of authData ${element.id}`, ctx.site);
    if (reason) return reason;
  }
  if (want.user === null) {
    if (authData.user !== undefined) return `authData ${authData.id} holds a user, the scenario needs none`;
  } else {
    if (authData.user === undefined) return `authData ${authData.id} holds no user, the scenario needs one`;
    const lower = authData.user === authData.user.toLowerCase() && authData.user !== authData.user.toUpperCase();
    if ((want.useridInLowerCase ?? false) !== lower)
      return `authData ${authData.id}'s user is ${lower ? '' : 'not '}in lower case, the scenario needs the opposite`;
    const reason = force(forced, want.user, authData.user.toUpperCase(), `user of authData ${authData.id}`, ctx.site);
    if (reason) return reason;
  }
  if (want.secret.kind !== 'none' && ctx.opaqueAuthData.has(authData.id))
    return `authData ${authData.id}'s password is {aes}/{hash} encoded, so the audit cannot tell whether RACF accepts it`;
  const userid = want.user === null ? undefined : authData.user?.toUpperCase();
  if (want.secret.kind !== 'none' && userid && ctx.opaqueRacfUsers.has(userid))
    return `${userid}'s RACF password is not in the definitions (an IRRDBU00 unload holds none), so the audit cannot tell whether authData ${authData.id} holds it`;
  const user = userid ? ctx.site.racf.users.find((u) => u.id === userid) : undefined;
  const kind = secretKind(authData.password, user);
  return sameSecret(kind, want.secret)
    ? undefined
    : `authData ${authData.id} holds ${describe(kind)}, the scenario needs ${describe(want.secret)}`;
}

/** What the authData secret is, relative to its user's RACF secrets. Never the value itself. */
function secretKind(
  secret: string | undefined,
  user: { password?: string; phrase?: string } | undefined,
): SecretRequirement {
  if (secret === undefined || secret === '') return { kind: 'none' };
  if (secret.length <= 8) {
    const password = user?.password;
    if (password !== undefined && secret === password) return { kind: 'password', correct: true };
    if (password !== undefined && secret === password.toLowerCase())
      return { kind: 'password', correct: true, variant: 'lowercased' };
    return { kind: 'password', correct: false };
  }
  const phrase = user?.phrase;
  if (phrase !== undefined && secret === phrase) return { kind: 'phrase', correct: true };
  if (phrase !== undefined && secret !== phrase && secret === swapCase(phrase))
    return { kind: 'phrase', correct: true, variant: 'in another case' };
  if (phrase !== undefined && secret.length === phrase.length + 1 && secret.startsWith(phrase))
    return { kind: 'phrase', correct: true, variant: 'with a character appended' };
  return { kind: 'phrase', correct: false };
}

function sameSecret(a: SecretRequirement, b: SecretRequirement): boolean {
  return describe(a) === describe(b);
}

function describe(secret: SecretRequirement): string {
  if (secret.kind === 'none') return 'no password';
  const variant = 'variant' in secret && secret.variant ? ` (${secret.variant})` : '';
  return `${secret.correct ? 'the correct' : 'a wrong'} ${secret.kind === 'password' ? 'password' : 'password phrase'}${variant}`;
}

/** Binds an alias to a user ID; the region's special users must be the ones the SIT and manifest name. */
function force(forced: Forced, alias: Alias, userid: string, why: string, site: Site): string | undefined {
  const special =
    alias === REGION_USER ? site.region.regionUserid : alias === DEFAULT_USER ? site.region.dfltuser : undefined;
  if (special !== undefined && special !== userid)
    return `the ${why} is ${userid}, the scenario needs ${alias} (${special})`;
  const earlier = forced.get(alias);
  if (earlier && earlier.userid !== userid)
    return `the ${why} is ${userid}, but the ${earlier.why} is ${earlier.userid}, and the scenario needs both to be ${alias}`;
  forced.set(alias, { userid, why });
  return undefined;
}

export function mergeForced(into: Forced, from: Forced): string | undefined {
  for (const [alias, value] of from) {
    const earlier = into.get(alias);
    if (earlier && earlier.userid !== value.userid)
      return `the ${value.why} is ${value.userid}, but the ${earlier.why} is ${earlier.userid}`;
    into.set(alias, value);
  }
  return undefined;
}

/** The one attribute in which a transaction differs from CSMI (R48), when exactly one does. */
function differsFromCsmiIn(t: { program: string; profile: string } | undefined): 'PROGRAM' | 'PROFILE' | undefined {
  if (!t) return undefined;
  const program = t.program !== 'DFHMIRS';
  const profile = t.profile !== 'DFHCICSA';
  return program === profile ? undefined : program ? 'PROGRAM' : 'PROFILE';
}

function noUsageState(site: Site, cert: Certificate): CertificateState | undefined {
  const state = certificateState(site, cert);
  return state === 'valid' ? 'with no extended key usage' : state;
}
