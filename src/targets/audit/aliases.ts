/**
 * Binds each alias a scenario names (ALICE, LINKUSR, the default user) to a real user ID of the site.
 * Some bindings are forced by the connection path (the SECURITYNAME, the certificate's user, the authData
 * user); the others are searched among the RACF users, so that every user fits what the scenario says of
 * it and no two aliases share one user ID.
 *
 * Unstated user attributes are "don't care" (support/target-port.ts), except where the model target's
 * default shapes the outcome: a named user exists, is not revoked and its password has not expired, may
 * attach the mirror the path attaches (and run the program under RESSEC(YES)), and, if it is signed on
 * (a caller, the authData user), may use the APPLID when the APPL class is active (R40). Among users that
 * fit, one with the alias's own name, then one with a password (a caller may need it), is preferred.
 */
import { phraseHasContent } from '../../../support/phrase-content';
import { mapCertificate, permits } from '../../model/racf';
import type { Certificate, Site } from '../../model';
import {
  DEFAULT_USER,
  REGION_USER,
  type Alias,
  type Situation,
  type UserRequirement,
} from '../../../support/target-port';
import type { ConnectionPath } from '../../definitions/connection-paths';
import type { Forced } from './situation-fit';

export type Binding = { bindings: Map<Alias, string> } | { reason: string };

/** A link user is checked but never signed on; a caller's ID matters only where CICS uses it. */
type Role = 'link' | 'signed on' | 'bystander';

/**
 * `callersCount`: whether CICS uses the caller's identity on these paths (IDENTIFY, or VERIFY without
 * connection-level authData). Where it does not, a caller's permissions cannot change the outcome.
 */
export function bindAliases(
  s: Situation,
  forced: Forced,
  paths: ConnectionPath[],
  site: Site,
  callersCount = true,
): Binding {
  const bindings = new Map<Alias, string>([
    [REGION_USER, site.region.regionUserid],
    [DEFAULT_USER, site.region.dfltuser],
  ]);
  const roles = new Map<Alias, Role>([
    [REGION_USER, 'link'],
    [DEFAULT_USER, 'link'],
  ]);
  for (const [alias, { userid, why }] of forced) {
    const taken = [...bindings].find(
      ([other, id]) => other !== alias && id === userid && !(isSpecial(alias) && isSpecial(other)),
    );
    if (taken) return { reason: `the ${why} is ${userid}, which the scenario calls ${taken[0]}, not ${alias}` };
    bindings.set(alias, userid);
    roles.set(alias, why.startsWith('user of authData') ? 'signed on' : 'link');
  }
  for (const [alias, id] of bindings) {
    const requirement = s.users[alias];
    if (!requirement) continue;
    const reason = userFits(id, requirement, roles.get(alias) ?? 'signed on', paths, site);
    if (reason) return { reason: `${alias} would be ${id}, but ${reason}` };
  }
  const free = Object.keys(s.users)
    .filter((alias) => !bindings.has(alias))
    .sort();
  return (
    search(free, 0, bindings, s, paths, site, callersCount ? 'signed on' : 'bystander') ?? {
      reason: `no RACF user fits ${free.join(', ')} as the scenario describes ${free.length > 1 ? 'them' : 'it'}`,
    }
  );
}

function isSpecial(alias: Alias): boolean {
  return alias === REGION_USER || alias === DEFAULT_USER;
}

function search(
  free: Alias[],
  index: number,
  bindings: Map<Alias, string>,
  s: Situation,
  paths: ConnectionPath[],
  site: Site,
  role: Role,
): Binding | undefined {
  if (index === free.length) return { bindings: new Map(bindings) };
  const alias = free[index] as Alias;
  const requirement = s.users[alias] as UserRequirement;
  const taken = new Set(bindings.values());
  for (const id of candidates(alias, requirement, taken, site)) {
    if (userFits(id, requirement, role, paths, site)) continue;
    bindings.set(alias, id);
    const found = search(free, index + 1, bindings, s, paths, site, role);
    if (found) return found;
    bindings.delete(alias);
  }
  return undefined;
}

function candidates(alias: Alias, requirement: UserRequirement, taken: Set<string>, site: Site): string[] {
  const own = alias.toUpperCase();
  if (requirement.defined === false) {
    const defined = new Set(site.racf.users.map((u) => u.id));
    const names = [own, ...Array.from({ length: 99 }, (_, i) => `NODEF${String(i + 1).padStart(2, '0')}`)];
    return names.filter((n) => /^[A-Z0-9@#$]{1,8}$/.test(n) && !defined.has(n) && !taken.has(n)).slice(0, 1);
  }
  return site.racf.users
    .filter((u) => !taken.has(u.id))
    .sort(
      (a, b) =>
        rank(a.id === own, b.id === own) ||
        rank(a.password !== undefined, b.password !== undefined) ||
        (a.id < b.id ? -1 : 1),
    )
    .map((u) => u.id);
}

const rank = (a: boolean, b: boolean) => (a === b ? 0 : a ? -1 : 1);

function userFits(
  id: string,
  req: UserRequirement,
  role: Role,
  paths: ConnectionPath[],
  site: Site,
): string | undefined {
  const user = site.racf.users.find((u) => u.id === id);
  if (req.defined === false) return user ? `${id} is defined to RACF` : undefined;
  if (!user) return `${id} is not defined to RACF`;
  if ((req.revoked ?? false) !== user.revoked) return `${id} is ${user.revoked ? '' : 'not '}revoked`;
  if ((req.passwordExpired ?? false) !== user.passwordExpired)
    return `${id}'s password has ${user.passwordExpired ? '' : 'not '}expired`;
  if (req.hasPassword !== undefined && req.hasPassword !== (user.password !== undefined))
    return `${id} has ${user.password ? 'a' : 'no'} password`;
  if (req.phraseLength !== undefined && user.phrase?.length !== req.phraseLength)
    return `${id} has no password phrase of ${req.phraseLength} characters`;
  if (req.phraseContent !== undefined && !(user.phrase && phraseHasContent(req.phraseContent, user.phrase, id)))
    return `${id} has no password phrase with ${req.phraseContent} that keeps RACF's other phrase rules (R36)`;
  const prefix = site.region.secprfx ? `${site.region.regionUserid}.` : '';
  const may = (cls: 'TCICSTRN' | 'MCICSPPT' | 'APPL', name: string) =>
    permits(site.racf, cls, cls === 'APPL' ? name : prefix + name, id, 'READ');
  for (const [transid, allowed] of Object.entries(req.transactions ?? {})) {
    if (may('TCICSTRN', transid) !== allowed) return `${id} ${allowed ? 'may not' : 'may'} attach ${transid}`;
  }
  for (const path of role === 'bystander' ? [] : paths) {
    if (site.region.xtran && req.transactions?.[path.mirror] === undefined && !may('TCICSTRN', path.mirror))
      return `${id} may not attach the mirror ${path.mirror}`;
    const program = site.zosConnect.program;
    if (path.mirrorTransaction?.ressec && req.programs?.[program] === undefined && !may('MCICSPPT', program))
      return `${id} may not run program ${program}`;
  }
  for (const [program, allowed] of Object.entries(req.programs ?? {})) {
    if (may('MCICSPPT', program) !== allowed) return `${id} ${allowed ? 'may not' : 'may'} run program ${program}`;
  }
  const appl = may('APPL', site.region.applid);
  if (req.applAccess !== undefined && req.applAccess !== appl)
    return `${id} ${appl ? 'may' : 'may not'} use APPLID ${site.region.applid}`;
  if (req.applAccess === undefined && role === 'signed on' && site.racf.applClassActive && !appl)
    return `${id} may not use APPLID ${site.region.applid}`;
  if (req.httpCertificateTrusted !== undefined && !heldCertificate(site, id, req.httpCertificateTrusted))
    return `RACF holds no certificate for ${id} with status ${req.httpCertificateTrusted ? 'TRUST' : 'NOTRUST'}`;
  if (req.jwtSubjectMapped !== undefined && req.jwtSubjectMapped !== jwtSubjectOf(id, site).length > 0)
    return `RACMAP ${req.jwtSubjectMapped ? 'maps no' : 'maps a'} JWT subject to ${id}`;
  if (req.distributedIdentity) {
    const { dnFilter, registry } = req.distributedIdentity;
    const norm = (dn: string) => dn.replace(/\s*,\s*/g, ',').toUpperCase();
    const mapped = site.racf.distributedIdentityFilters.some(
      (f) => f.userid === id && norm(f.dnFilter) === norm(dnFilter) && f.registry === registry,
    );
    if (!mapped) return `RACMAP maps no identity matching "${dnFilter}" in realm "${registry}" to ${id}`;
  }
  return undefined;
}

/** Full-DN RACMAP filters of this user that a JWT from the site's issuer would match. */
export function jwtSubjectOf(id: string, site: Site): string[] {
  const issuer = site.zosConnect.jwt.issuer;
  return site.racf.distributedIdentityFilters
    .filter((f) => f.userid === id && f.dnFilter !== '*' && (f.registry === '*' || f.registry === issuer))
    .map((f) => f.dnFilter)
    .sort();
}

/**
 * A certificate RACF maps to this user with the wanted TRUST status: a registered one, or one a name filter
 * catches (and no more specific mapping takes from the user); undefined if there is none.
 */
export function heldCertificate(site: Site, id: string, trusted: boolean): Certificate | undefined {
  const registered = site.racf.registeredCertificates.filter(
    (r) => !r.certauth && r.userid === id && r.trust === trusted,
  );
  const fromFilters = site.racf.certificateFilters
    .filter((f) => f.userid === id && f.trust === trusted)
    .map((f) => ({
      subject: f.sdnFilter && f.sdnFilter !== '*' ? f.sdnFilter : `CN=audit caller,${f.sdnFilter ?? 'O=Audit'}`,
      issuer: f.idnFilter ?? 'CN=Audit CA,O=Audit',
    }));
  for (const candidate of [...registered, ...fromFilters]) {
    const cert = validFor(candidate.subject, candidate.issuer, site);
    const mapping = mapCertificate(site.racf, cert);
    if (mapping?.userid === id && mapping.trusted === trusted) return cert;
  }
  return undefined;
}

/** A client certificate in date on the site's clock, for client authentication. */
export function validFor(subject: string, issuer: string, site: Site): Certificate {
  const year = 365 * 24 * 3600_000;
  const at = (offset: number) => new Date(Date.parse(site.clock) + offset).toISOString().replace('.000Z', 'Z');
  return { subject, issuer, notBefore: at(-year), notAfter: at(year), extendedKeyUsage: ['clientAuth'] };
}
