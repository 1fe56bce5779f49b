/**
 * Builds the model's site definitions from a scenario's Situation. Whatever the situation leaves open gets
 * the documented default (catalog §0). Secrets are made here, deterministically, and never leave the
 * model target: features only ever describe them.
 */
import type { Certificate, Permit, RacfUser, Site } from '../../model';
import {
  DEFAULT_USER,
  REGION_USER,
  type Alias,
  type CertificateRequirement,
  type PhraseContent,
  type Situation,
} from '../../../support/target-port';
import { phraseHasContent } from '../../../support/phrase-content';

export const CLOCK = '2026-06-01T00:00:00Z';
export const CICS_APPLID = 'CICSAOR1';
export const TRUSTED_CA = 'CN=IPIC Test CA,O=Conformance';
export const JWT_ISSUER = 'https://idp.conformance.test';
const SPECIAL: Record<string, string> = { [DEFAULT_USER]: 'CICSUSER', [REGION_USER]: 'CICSREGN' };

export function userIdOf(alias: Alias): string {
  return SPECIAL[alias] ?? alias.toUpperCase();
}

/** A mixed-case 8-character password, different for every user. */
export function passwordOf(userid: string): string {
  const letters = 'KxMqPwRtZv';
  const n = [...userid].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100000, 7);
  return `${letters[n % 10]}${letters[(n >> 2) % 10].toLowerCase()}${String(n).padStart(5, '0')}Q`.slice(0, 8);
}

/** A phrase of the given length that meets RACF's phrase rules (R36) for this user, or has the given content. */
export function phraseOf(userid: string, length: number, salt = '', content?: PhraseContent): string {
  if (content !== undefined) return phraseWithContent(userid, length, content);
  // Digits and punctuation early, so even a 9-character phrase has two non-letters; no triple characters.
  const words = `${salt}7 amber cranes, 4 dusk fields; 9 ember paths + `;
  let text = '';
  while (text.length < length) text += words;
  const phrase = text.slice(0, length).replace(/ $/, '.');
  if (phrase.toUpperCase().includes(userid)) throw new Error(`generated phrase would contain user ID ${userid}`);
  return phrase;
}

const repeat = (pattern: string, length: number) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);

/** A phrase that breaks one of R36's content rules, or meets one at its limit (support/phrase-content.ts). */
function phraseWithContent(userid: string, length: number, content: PhraseContent): string {
  const digits = (n: number) => repeat('12-34.56 78;90+', n);
  const letters = (n: number) => repeat('amberduskfields', n);
  const made = {
    'only one letter': () => digits(length - 1) + 'k',
    'exactly two letters': () => digits(length - 2) + 'kq',
    'only one non-letter': () => letters(length - 1) + '7',
    'exactly two non-letters': () => letters(length - 2) + '7!',
    'the user ID': () => `7 ${userid.toLowerCase()} ${repeat('amber 4 dusk ', length)}`.slice(0, length),
    'three identical characters in a row': () => `777 ${repeat('amber 4 dusk ', length)}`.slice(0, length),
  }[content]();
  if (made.length !== length || !phraseHasContent(content, made, userid))
    throw new Error(`cannot make a ${length}-character phrase with ${content} for ${userid}`);
  return made;
}

export function wrongPasswordOf(userid: string): string {
  return passwordOf(userid + 'X').replace(/Q$/, 'W');
}

export function certificateFor(owner: string, req: CertificateRequirement, purpose = 'ipic'): Certificate {
  const subject = `CN=${owner}-${purpose},O=Conformance`;
  const base: Certificate = {
    subject,
    issuer: TRUSTED_CA,
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-12-31T00:00:00Z',
    extendedKeyUsage: ['clientAuth'],
  };
  switch (req.state) {
    case 'valid':
      return base;
    case 'expired':
      return { ...base, notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' };
    case 'not yet valid':
      return { ...base, notBefore: '2026-12-01T00:00:00Z' };
    case 'self-signed':
      return { ...base, issuer: subject };
    case 'issued by an untrusted CA':
      return { ...base, issuer: 'CN=Unknown CA,O=Elsewhere' };
    case 'without client-auth key usage':
      return { ...base, extendedKeyUsage: ['serverAuth'] };
    case 'with no extended key usage':
      return { ...base, extendedKeyUsage: [] };
  }
}

export function buildSite(s: Situation): Site {
  const region = {
    applid: CICS_APPLID,
    sec: s.region.sec ?? true,
    dfltuser: userIdOf(DEFAULT_USER),
    regionUserid: userIdOf(REGION_USER),
    xtran: s.region.xtran ?? true,
    secprfx: s.region.secprfx ?? false,
    keyringCas: [TRUSTED_CA],
  };
  const mirror = s.mirror.transid ?? 'CSMI';
  const program = s.mirror.program ?? 'WHOAMI';
  const site: Site = {
    clock: CLOCK,
    region,
    tcpipServices: [
      {
        name: 'IPICSSL',
        port: 1491,
        open: s.tcpipService.open ?? true,
        ssl: s.tcpipService.ssl ?? 'NO',
        atTls: s.tcpipService.atTls ?? false,
        autoinstall: s.tcpipService.autoinstall ?? true,
      },
    ],
    ipconns: [],
    transactions: [
      {
        transid: 'CSMI',
        program: 'DFHMIRS',
        profile: 'DFHCICSA',
        ressec: s.mirror.ressec ?? false,
        cmdsec: s.mirror.cmdsec ?? false,
      },
      ...(mirror === 'CSMI'
        ? []
        : [
            {
              transid: mirror,
              program:
                s.mirror.copyOfCsmi === false && s.mirror.differsFromCsmiIn !== 'PROFILE' ? 'ZCMIRROR' : 'DFHMIRS',
              profile:
                s.mirror.copyOfCsmi === false && s.mirror.differsFromCsmiIn === 'PROFILE' ? 'ZCPROF' : 'DFHCICSA',
              ressec: s.mirror.ressec ?? false,
              cmdsec: s.mirror.cmdsec ?? false,
            },
          ]),
    ],
    racf: {
      users: [],
      registeredCertificates: [],
      certificateFilters: [],
      distributedIdentityFilters: [],
      ididmapActive: true,
      permits: [],
      mixedCasePasswords: s.region.mixedCasePasswords ?? false,
      phraseMinLength: s.region.shortPhrasesAllowed ? 9 : 14,
      applClassActive: s.region.applClassActive ?? false,
      revokeAfter: 3,
    },
    zosConnect: {
      sameSysplex: s.zosConnect.sameSysplex ?? false,
      requireAuth: s.zosConnect.requireAuth ?? true,
      connections: [],
      authData: [],
      ssl: [],
      jwt: { issuer: JWT_ISSUER, mapIdentityToRegistryUser: s.zosConnect.jwtSubjectToRegistryUser ?? true },
      program,
      ...(s.mirror.commands ? { programCommands: s.mirror.commands.map((c) => ({ ...c })) } : {}),
    },
  };
  addUsers(site, s, mirror, program);
  addConnections(site, s, mirror);
  return site;
}

function aliasesIn(s: Situation): Alias[] {
  const named = [DEFAULT_USER, REGION_USER, ...Object.keys(s.users)];
  if (s.zosConnect.serverUser) named.push(s.zosConnect.serverUser);
  const ipconnUser = s.ipconn.securityName;
  if (ipconnUser) named.push(ipconnUser);
  if (s.zosConnect.authData?.user) named.push(s.zosConnect.authData.user);
  if (s.zosConnect.otherAuthData) named.push(s.zosConnect.otherAuthData.user);
  for (const cert of [s.zosConnect.tls, s.zosConnect.secondConnectionCertificate]) {
    if (cert && typeof cert === 'object' && cert.mappedTo) named.push(cert.mappedTo);
    if (cert && typeof cert === 'object' && cert.rivalMapping) named.push(cert.rivalMapping.to);
  }
  return [...new Set(named)];
}

function addUsers(site: Site, s: Situation, mirror: string, program: string): void {
  // RACF's profiles carry the prefix SECPRFX asks for, unless the scenario says the site got them wrong.
  const prefix = (s.region.profilesPrefixed ?? site.region.secprfx) ? `${site.region.regionUserid}.` : '';
  for (const alias of aliasesIn(s)) {
    const req = s.users[alias] ?? {};
    const id = userIdOf(alias);
    // A RACMAP filter can name a user ID that RACF does not (or no longer) define.
    if (req.distributedIdentity) site.racf.distributedIdentityFilters.push({ ...req.distributedIdentity, userid: id });
    if (req.defined === false) continue;
    const user: RacfUser = {
      id,
      revoked: req.revoked ?? false,
      passwordExpired: req.passwordExpired ?? false,
      invalidAttempts: 0,
    };
    if (req.hasPassword !== false) user.password = passwordOf(id);
    if (req.phraseLength !== undefined) user.phrase = phraseOf(id, req.phraseLength, '', req.phraseContent);
    site.racf.users.push(user);
    const permit = (cls: Permit['class'], profile: string) =>
      site.racf.permits.push({ class: cls, profile, userid: id, access: 'READ' });
    const transactions = { CSMI: true, [mirror]: true, ...req.transactions };
    for (const [transid, allowed] of Object.entries(transactions)) if (allowed) permit('TCICSTRN', prefix + transid);
    if (req.programs?.[program] !== false) permit('MCICSPPT', prefix + program);
    if (req.applAccess !== false) permit('APPL', site.region.applid);
    // Command security (R51): UPDATE on every resource type the program's commands name, unless stated.
    const commandResources = new Set([
      ...(s.mirror.commands ?? []).map((c) => c.resource),
      ...Object.keys(req.commands ?? {}),
    ]);
    for (const resource of commandResources) {
      const access = req.commands?.[resource] ?? 'UPDATE';
      if (access !== 'NONE')
        site.racf.permits.push({ class: 'CCICSCMD', profile: prefix + resource, userid: id, access });
    }
    if (req.jwtSubjectMapped !== false)
      site.racf.distributedIdentityFilters.push({ dnFilter: jwtSubjectOf(alias), registry: '*', userid: id });
    site.racf.registeredCertificates.push({
      ...certificateFor(id, { state: 'valid', mappedTo: alias }, 'http'),
      userid: id,
      trust: req.httpCertificateTrusted !== false,
    });
  }
}

export function jwtSubjectOf(alias: Alias): string {
  return `${alias.toLowerCase()}@conformance.test`;
}

function addConnections(site: Site, s: Situation, mirror: string): void {
  const linkauth = s.ipconn.linkauth ?? 'SECUSER';
  const ipconnFor = (n: 1 | 2) => ({
    name: `ZCONN${n}`,
    applid: `ZCONAPL${n}`,
    networkid: 'ZCONNET',
    tcpipservice: 'IPICSSL',
    inService: s.ipconn.inService ?? true,
    linkauth,
    securityname: s.ipconn.securityName ? userIdOf(s.ipconn.securityName) : null,
    userauth: s.ipconn.userauth ?? 'LOCAL',
    idprop: s.ipconn.idprop ?? 'NOTALLOWED',
  });
  // "No IPCONN matches z/OS Connect's APPLID and NETWORKID" (R7): the region still has IPCONNs for other
  // partners, one in z/OS Connect's network and one with its APPLID in another network. CICS must match on
  // both names, so neither may be taken for z/OS Connect's, whatever its security.
  if (s.ipconn.defined === false) {
    const partner = { ...ipconnFor(1), securityname: null, userauth: 'LOCAL' as const, idprop: 'NOTALLOWED' as const };
    site.ipconns.push(
      { ...partner, name: 'PARTNER1', applid: 'OTHERAPL', linkauth: 'SECUSER' },
      { ...partner, name: 'PARTNER2', networkid: 'OTHERNET', linkauth: 'SECUSER' },
    );
  }
  const certs = [s.zosConnect.tls ?? 'none', s.zosConnect.secondConnectionCertificate ?? s.zosConnect.tls ?? 'none'];
  certs.forEach((tls, i) => {
    const n = (i + 1) as 1 | 2;
    if (s.ipconn.defined !== false) site.ipconns.push(ipconnFor(n));
    const sslId = `ipicTls${n}`;
    if (tls !== 'none') {
      const clientCertificate = tls === 'server-auth only' ? undefined : registerIpicCertificate(site, tls, n);
      site.zosConnect.ssl.push({
        id: sslId,
        clientCertificate,
        trustsServerCertificate: s.zosConnect.trustsCicsCertificate ?? true,
      });
    }
    site.zosConnect.connections.push({
      id: `cics${n}`,
      port: 1491,
      applid: `ZCONAPL${n}`,
      networkid: 'ZCONNET',
      transidUsage: s.mirror.transidUsage ?? 'EIB_AND_MIRROR',
      ...(mirror === 'CSMI' ? {} : { transid: mirror }),
      ...(tls === 'none' ? {} : { sslCertsRef: sslId }),
      ...(s.zosConnect.authData ? { authDataRef: 'cicsCreds' } : {}),
    });
  });
  // An authData element that no connection names, listed first: only authDataRef may select one (R31).
  const other = s.zosConnect.otherAuthData;
  if (other) {
    const id = userIdOf(other.user);
    site.zosConnect.authData.push({ id: 'otherCreds', user: id, password: passwordOf(id) });
  }
  const authData = s.zosConnect.authData;
  if (authData)
    site.zosConnect.authData.push({
      id: 'cicsCreds',
      ...(authData.user
        ? { user: authData.useridInLowerCase ? userIdOf(authData.user).toLowerCase() : userIdOf(authData.user) }
        : {}),
      ...secretFor(site, authData.user, authData.secret),
    });
}

function registerIpicCertificate(site: Site, req: CertificateRequirement, n: number): Certificate {
  const owner = req.mappedTo ? userIdOf(req.mappedTo) : `UNMAPPED${n}`;
  const cert = certificateFor(owner, req, `zcon${n}`);
  const trust = req.racfStatus !== 'NOTRUST';
  if (req.rivalMapping) addRivalMapping(site, cert, req.rivalMapping);
  // Registering a certificate (RACDCERT ADD ... TRUST) also makes a self-signed one trusted (R12), so
  // plain mappings use a name filter (RACDCERT MAP SDNFILTER), which maps without vouching for the issuer,
  // unless the scenario asks for a registered certificate.
  if (req.mappedTo && (req.selfSignedTrustedByRacf || req.racfMapping === 'registered'))
    site.racf.registeredCertificates.push({ subject: cert.subject, issuer: cert.issuer, userid: owner, trust });
  else if (req.mappedTo) site.racf.certificateFilters.push({ sdnFilter: cert.subject, userid: owner, trust });
  else if (req.selfSignedTrustedByRacf)
    site.racf.registeredCertificates.push({
      subject: cert.subject,
      issuer: cert.issuer,
      userid: '',
      trust: true,
      certauth: true,
    });
  return cert;
}

export const OTHER_CA = 'CN=Other CA,O=Elsewhere';

/** A mapping near the certificate's own, to another user (R18); RACF lists it before the certificate's own. */
function addRivalMapping(site: Site, cert: Certificate, rival: NonNullable<CertificateRequirement['rivalMapping']>) {
  const userid = userIdOf(rival.to);
  switch (rival.kind) {
    case 'same subject registered from another CA':
      site.racf.registeredCertificates.push({ subject: cert.subject, issuer: OTHER_CA, userid, trust: true });
      return;
    case 'name filter for its organization':
      site.racf.certificateFilters.push({ sdnFilter: cert.subject.replace(/^[^,]*,/, ''), userid, trust: true });
      return;
    case 'name filter for its subject from another CA':
      site.racf.certificateFilters.push({ sdnFilter: cert.subject, idnFilter: OTHER_CA, userid, trust: true });
      return;
  }
}

function secretFor(
  site: Site,
  alias: Alias | null,
  secret: NonNullable<Situation['zosConnect']['authData']>['secret'],
): { password?: string } {
  const user = alias ? site.racf.users.find((u) => u.id === userIdOf(alias)) : undefined;
  const id = alias ? userIdOf(alias) : 'NOBODY';
  switch (secret.kind) {
    case 'none':
      return {};
    case 'password': {
      const value = secret.correct ? (user?.password ?? passwordOf(id)) : wrongPasswordOf(id);
      return { password: secret.variant === 'lowercased' ? value.toLowerCase() : value };
    }
    case 'phrase': {
      const length = user?.phrase?.length ?? 14;
      const value = secret.correct ? (user?.phrase ?? phraseOf(id, length)) : phraseOf(id, length, 'Wrong ');
      if (secret.variant === 'in another case') return { password: swapCase(value) };
      return { password: secret.variant === 'with a character appended' ? value + 'x' : value };
    }
  }
}

/** Every letter in the other case: a phrase that differs from the right one only in case. */
export function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}
