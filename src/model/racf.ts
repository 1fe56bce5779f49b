/**
 * RACF as the model needs it: users, certificate and distributed-identity mapping, permissions, and the
 * verification of a password or password phrase. Pure functions over the site's Racf definitions.
 */
import type { Certificate, Racf, RacfClass, RacfUser } from './site';

export function findUser(racf: Racf, userid: string): RacfUser | undefined {
  return racf.users.find((u) => u.id === userid);
}

/** R37 [INF]: user IDs fold to upper case; RACF user IDs are 1 to 8 characters. */
export function foldUserid(userid: string): string | undefined {
  const folded = userid.toUpperCase();
  return /^[A-Z0-9@#$]{1,8}$/.test(folded) ? folded : undefined;
}

/** R36: a phrase RACF would have accepted when it was set. A phrase that breaks these was never stored. */
export function phraseWouldBeAccepted(racf: Racf, user: RacfUser, phrase: string): boolean {
  const letters = phrase.replace(/[^A-Za-z]/g, '').length;
  return (
    phrase.length >= racf.phraseMinLength &&
    phrase.length <= 100 &&
    !phrase.toUpperCase().includes(user.id) &&
    letters >= 2 &&
    phrase.length - letters >= 2 &&
    !/(.)\1\1/.test(phrase)
  );
}

export type Verification = 'correct' | 'wrong' | 'no such secret' | 'malformed';

/** R35, R37: 1-8 characters is a password, 9-100 a phrase; anything else is malformed. */
export function verifySecret(racf: Racf, user: RacfUser, secret: string): Verification {
  if (secret.length === 0 || secret.length > 100) return 'malformed';
  if (secret.length <= 8) {
    if (user.password === undefined) return 'no such secret';
    const fold = (s: string) => (racf.mixedCasePasswords ? s : s.toUpperCase());
    return fold(secret) === fold(user.password) ? 'correct' : 'wrong';
  }
  if (user.phrase === undefined || !phraseWouldBeAccepted(racf, user, user.phrase)) return 'no such secret';
  return secret === user.phrase ? 'correct' : 'wrong';
}

/** RACF-style filter match: a filter names a suffix of the distinguished name, or '*' for any. */
function dnFilterMatches(filter: string, dn: string): boolean {
  if (filter === '*') return true;
  const norm = (s: string) => s.replace(/\s*,\s*/g, ',').toUpperCase();
  const f = norm(filter);
  const d = norm(dn);
  return d === f || d.endsWith(',' + f);
}

export type CertificateMapping = { userid: string; trusted: boolean } | undefined;

/** R18: a registered certificate wins over name filters; the more specific filter wins. */
export function mapCertificate(racf: Racf, cert: Certificate): CertificateMapping {
  const registered = racf.registeredCertificates.find(
    (r) => !r.certauth && r.subject === cert.subject && r.issuer === cert.issuer,
  );
  if (registered) return { userid: registered.userid, trusted: registered.trust };
  const filters = racf.certificateFilters
    .filter(
      (f) =>
        (f.sdnFilter === undefined || dnFilterMatches(f.sdnFilter, cert.subject)) &&
        (f.idnFilter === undefined || dnFilterMatches(f.idnFilter, cert.issuer)),
    )
    .sort((a, b) => specificity(b.sdnFilter, b.idnFilter) - specificity(a.sdnFilter, a.idnFilter));
  const best = filters[0];
  return best ? { userid: best.userid, trusted: best.trust } : undefined;
}

/** For a mapped certificate, which of R18's ways maps it: its own registration, or a name filter. */
export function racfMappingKind(racf: Racf, cert: Certificate): 'registered' | 'name filter' {
  const own = racf.registeredCertificates.filter((r) => r.subject === cert.subject && r.issuer === cert.issuer);
  return own.some((r) => !r.certauth) ? 'registered' : 'name filter';
}

function specificity(...filters: (string | undefined)[]): number {
  return filters.reduce((n, f) => n + (f === undefined || f === '*' ? 0 : f.length), 0);
}

/** R42, R44: the best-matching RACMAP filter for this DN and realm, if IDIDMAP is active. */
export function mapDistributedIdentity(racf: Racf, dn: string, realm: string): string | undefined {
  if (!racf.ididmapActive || utf8Length(dn) > 246 || utf8Length(realm) > 252) return undefined;
  const candidates = racf.distributedIdentityFilters
    .filter((f) => dnFilterMatches(f.dnFilter, dn) && (f.registry === '*' || f.registry === realm))
    .sort((a, b) => specificity(b.dnFilter, b.registry) - specificity(a.dnFilter, a.registry));
  return candidates[0]?.userid;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Whether userid holds at least the given access to a profile; no permit means no access. */
export function permits(racf: Racf, cls: RacfClass, profile: string, userid: string, access: 'READ' | 'UPDATE') {
  return racf.permits.some(
    (p) =>
      p.class === cls && p.profile === profile && p.userid === userid && (access === 'READ' || p.access === 'UPDATE'),
  );
}
