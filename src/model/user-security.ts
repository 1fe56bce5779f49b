/**
 * User security on an acquired IPCONN (R25-R30, R35-R43): what CICS makes of the credentials z/OS Connect
 * flowed, under each USERAUTH. The result is the transmitted user (IDENTIFY, VERIFY), nothing (LOCAL,
 * DEFAULTUSER), or a refusal. Bad password attempts come back as RACF updates for the caller to apply.
 */
import type { ModelOptions } from './options';
import { findUser, foldUserid, mapDistributedIdentity, permits, verifySecret } from './racf';
import type { Ipconn, RacfUser, Site } from './site';
import type { Trace } from './trace';

export interface Flowed {
  userid?: string;
  password?: string;
  icrx?: { dn: string; realm: string };
}

export interface RacfUpdate {
  userid: string;
  invalidAttempts: number;
  revoked: boolean;
}

export type UserSecurity = { transmitted?: string; updates: RacfUpdate[] } | { refused: string; updates: RacfUpdate[] };

export function userSecurity(
  site: Site,
  options: ModelOptions,
  ipconn: Ipconn,
  flowed: Flowed,
  trace: Trace,
): UserSecurity {
  const idprop = idpropRefusal(options, ipconn, flowed, trace);
  if (idprop) return idprop;
  switch (ipconn.userauth) {
    case 'LOCAL':
    case 'DEFAULTUSER':
      if (flowed.userid !== undefined && ipconn.userauth === 'LOCAL' && options.localWithFlowedUserid === 'reject') {
        return refuse(trace, 'R25', 'USERAUTH(LOCAL) received a user ID (option localWithFlowedUserid=reject)');
      }
      trace.add(
        ipconn.userauth === 'LOCAL' ? 'R25' : 'R27',
        `USERAUTH(${ipconn.userauth}): flowed credentials ignored`,
      );
      return { updates: [] };
    case 'IDENTIFY':
      return identify(site, options, flowed, trace);
    case 'VERIFY':
      if (flowed.icrx) trace.add('R41', 'ICRX ignored: only USERAUTH(IDENTIFY) processes distributed identities');
      return verify(site, options, flowed, trace);
  }
}

function identify(site: Site, options: ModelOptions, flowed: Flowed, trace: Trace): UserSecurity {
  if (flowed.icrx) {
    const mapped = mapDistributedIdentity(site.racf, flowed.icrx.dn, flowed.icrx.realm);
    if (mapped) {
      trace.add('R41', `distributed identity mapped by RACMAP to ${mapped}`);
      return signOn(site, options, mapped, 'R41', trace);
    }
    if (options.unmappedDistributedIdentity === 'security-error') {
      return refuse(
        trace,
        'R43',
        'distributed identity has no RACMAP filter',
        'ICH408I DISTRIBUTED IDENTITY IS NOT DEFINED',
      );
    }
    trace.add(
      'R43',
      'unmapped distributed identity treated as absent (option unmappedDistributedIdentity=as-if-absent)',
    );
  }
  if (flowed.userid === undefined) return refuse(trace, 'R29', 'USERAUTH(IDENTIFY) but no user ID was flowed');
  if (flowed.password !== undefined) {
    if (options.identifyWithPassword === 'reject') {
      return refuse(trace, 'R30', 'USERAUTH(IDENTIFY) accepts a user ID alone; a password would need VERIFY');
    }
    trace.add('R30', 'user ID with password under IDENTIFY processed as VERIFY (option identifyWithPassword=verify)');
    return verify(site, options, flowed, trace);
  }
  return signOn(site, options, flowed.userid, 'R29', trace);
}

/** IDENTIFY: the user must be known to RACF and usable; no password is checked. */
function signOn(site: Site, options: ModelOptions, userid: string, rule: string, trace: Trace): UserSecurity {
  const user = knownUser(site, options, userid);
  if (typeof user === 'string') return refuse(trace, user === 'revoked' ? 'R39' : rule, `user ${userid} is ${user}`);
  const appl = applRefusal(site, options, user.id, trace);
  if (appl) return appl;
  trace.add(rule, `user ${user.id} identified`);
  return { transmitted: user.id, updates: [] };
}

function verify(site: Site, options: ModelOptions, flowed: Flowed, trace: Trace): UserSecurity {
  if (flowed.userid === undefined) return refuse(trace, 'R28', 'USERAUTH(VERIFY) but no user ID was flowed');
  if (flowed.password === undefined || flowed.password.length === 0) {
    return refuse(trace, 'R28', 'USERAUTH(VERIFY) but no password or phrase was flowed');
  }
  const user = knownUser(site, options, flowed.userid);
  if (typeof user === 'string')
    return refuse(trace, user === 'revoked' ? 'R39' : 'R28', `user ${flowed.userid} is ${user}`);
  const kind = flowed.password.length <= 8 ? 'password' : 'password phrase';
  const result = verifySecret(site.racf, user, flowed.password);
  if (result === 'malformed')
    return refuse(trace, 'R35', `a secret of ${flowed.password.length} characters is neither a password nor a phrase`);
  if (result !== 'correct') {
    const invalidAttempts = user.invalidAttempts + 1;
    const revoked = invalidAttempts >= site.racf.revokeAfter;
    const update = { userid: user.id, invalidAttempts, revoked };
    trace.add(
      'R38',
      `${kind} not valid for ${user.id} (${result}); invalid attempts now ${invalidAttempts}${revoked ? ', user revoked' : ''}`,
      'DFHXS1201',
    );
    return { refused: `${kind} not valid`, updates: [update] };
  }
  if (user.passwordExpired) return refuse(trace, 'R39', `${kind} of ${user.id} has expired`, 'DFHXS1202');
  const appl = applRefusal(site, options, user.id, trace);
  if (appl) return appl;
  const updates = user.invalidAttempts > 0 ? [{ userid: user.id, invalidAttempts: 0, revoked: false }] : [];
  trace.add(
    'R28',
    `${kind} verified for ${user.id}`,
    updates.length ? `DFHXS1206 after ${user.invalidAttempts} bad attempts` : undefined,
  );
  return { transmitted: user.id, updates };
}

function knownUser(
  site: Site,
  options: ModelOptions,
  userid: string,
): RacfUser | 'not a valid user ID' | 'not defined to RACF' | 'revoked' {
  const folded =
    options.flowedUseridCase === 'fold' ? foldUserid(userid) : foldUserid(userid) === userid ? userid : undefined;
  if (!folded) return 'not a valid user ID';
  const user = findUser(site.racf, folded);
  if (!user) return 'not defined to RACF';
  return user.revoked ? 'revoked' : user;
}

/** R40 [INF]: with the APPL class active, a sign-on needs READ on the CICS APPLID's profile. */
function applRefusal(site: Site, options: ModelOptions, userid: string, trace: Trace): UserSecurity | undefined {
  if (
    options.applClassCheckedAtSignOn === 'no' ||
    !site.racf.applClassActive ||
    permits(site.racf, 'APPL', site.region.applid, userid, 'READ')
  )
    return undefined;
  return refuse(trace, 'R40', `${userid} may not use APPL ${site.region.applid}`, 'ICH408I');
}

/** R46, catalog U9: only when enforced, IDPROP(REQUIRED) demands an ICRX and IDPROP(NOTALLOWED) refuses one. */
function idpropRefusal(options: ModelOptions, ipconn: Ipconn, flowed: Flowed, trace: Trace): UserSecurity | undefined {
  if (options.idprop === 'ignored') return undefined;
  if (ipconn.idprop === 'REQUIRED' && !flowed.icrx)
    return refuse(trace, 'R46', 'IDPROP(REQUIRED) but no distributed identity was flowed');
  if (ipconn.idprop === 'NOTALLOWED' && flowed.icrx)
    return refuse(trace, 'R46', 'IDPROP(NOTALLOWED) but a distributed identity was flowed');
  return undefined;
}

function refuse(trace: Trace, rule: string, reason: string, message?: string): UserSecurity {
  trace.add(rule, reason, message);
  return { refused: reason, updates: [] };
}
