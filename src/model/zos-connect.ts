/**
 * The z/OS Connect side (R31-R33, R53-R56 and the live notes §1, §3): who the HTTP caller is, and what
 * the CICS service provider flows over IPIC for them.
 */
import type { ModelOptions } from './options';
import { findUser, foldUserid, mapCertificate, mapDistributedIdentity, verifySecret } from './racf';
import type { Certificate, Site, ZosConnectConnection } from './site';
import type { Trace } from './trace';
import type { Flowed, RacfUpdate } from './user-security';

export type HttpCaller =
  | { kind: 'anonymous' }
  | { kind: 'basic'; userid: string; password: string }
  | { kind: 'certificate'; certificate: Certificate }
  | { kind: 'jwt'; issuer: string; subject: string; expiresAt: string; signatureTrusted: boolean }
  | { kind: 'ldap'; dn: string; realm: string };

export type Identity = { saf: string } | { distributed: { dn: string; realm: string } } | { none: true };

export type Authentication =
  { identity: Identity; updates: RacfUpdate[] } | { refused: 401 | 403; reason: string; updates: RacfUpdate[] };

/** Liberty's security layer, before z/OS Connect routes anything (live notes §1 A). */
export function authenticate(site: Site, options: ModelOptions, caller: HttpCaller, trace: Trace): Authentication {
  const refuse = (status: 401 | 403, reason: string, updates: RacfUpdate[] = []): Authentication => {
    trace.add('R56', reason, status === 401 ? 'HTTP 401 CWWKS1100A' : 'HTTP 403');
    return { refused: status, reason, updates };
  };
  switch (caller.kind) {
    case 'anonymous':
      if (site.zosConnect.requireAuth) return refuse(401, 'no credentials and requireAuth=true');
      return {
        identity: options.unauthenticatedFlows === 'WSGUEST' ? { saf: 'WSGUEST' } : { none: true },
        updates: [],
      };
    case 'basic': {
      const user = findUser(site.racf, foldUserid(caller.userid) ?? '');
      if (!user || user.revoked) return refuse(401, `SAF registry does not authenticate ${caller.userid}`);
      if (verifySecret(site.racf, user, caller.password) !== 'correct') {
        const invalidAttempts = user.invalidAttempts + 1;
        return refuse(401, `wrong password for ${user.id}`, [
          { userid: user.id, invalidAttempts, revoked: invalidAttempts >= site.racf.revokeAfter },
        ]);
      }
      trace.add('R56', `HTTP caller authenticated by the SAF registry as ${user.id}`);
      return { identity: { saf: user.id }, updates: [] };
    }
    case 'certificate': {
      const mapping = mapCertificate(site.racf, caller.certificate);
      const user = mapping?.trusted ? findUser(site.racf, mapping.userid) : undefined;
      if (!user || user.revoked) return refuse(401, 'HTTP client certificate maps to no usable SAF user');
      trace.add('R33', `HTTP client certificate mapped to ${user.id}`);
      return { identity: { saf: user.id }, updates: [] };
    }
    case 'jwt': {
      const jwt = site.zosConnect.jwt;
      if (!caller.signatureTrusted || caller.issuer !== jwt.issuer)
        return refuse(401, 'JWT signature or issuer not trusted', []);
      if (caller.expiresAt <= site.clock) return refuse(401, 'JWT expired', []);
      if (!jwt.mapIdentityToRegistryUser) {
        trace.add('R33', `JWT subject ${caller.subject} flows as a distributed identity`);
        return { identity: { distributed: { dn: caller.subject, realm: caller.issuer } }, updates: [] };
      }
      const mapped = mapDistributedIdentity(site.racf, caller.subject, caller.issuer);
      if (!mapped) return refuse(403, `JWT subject ${caller.subject} has no RACMAP filter`);
      trace.add('R33', `JWT subject ${caller.subject} mapped to SAF user ${mapped}`);
      return { identity: { saf: mapped }, updates: [] };
    }
    case 'ldap':
      trace.add('R33', `LDAP distributed identity ${caller.dn} in realm ${caller.realm}`);
      return { identity: { distributed: { dn: caller.dn, realm: caller.realm } }, updates: [] };
  }
}

export type Flow = { flowed: Flowed } | { configurationError: string };

/** R31, R32, R54 and catalog U2: authData credentials, or the caller's own identity without a password. */
export function credentialsToFlow(
  site: Site,
  options: ModelOptions,
  conn: ZosConnectConnection,
  identity: Identity,
  trace: Trace,
): Flow {
  if (conn.authDataRef !== undefined) {
    const authData = site.zosConnect.authData.find((a) => a.id === conn.authDataRef);
    if (!authData?.user || !authData.password) {
      trace.add('R54', `authData ${conn.authDataRef} lacks a user or a password, so no request is sent`);
      return { configurationError: `authData ${conn.authDataRef} incomplete` };
    }
    if (options.authDataPrecedence === 'connection-level' || 'none' in identity) {
      trace.add('R31', `authData ${authData.id} credentials flow for user ${authData.user}`);
      return { flowed: { userid: authData.user, password: authData.password } };
    }
  }
  if ('saf' in identity) {
    trace.add('R32', `asserted user ID ${identity.saf} flows without a password`);
    return { flowed: { userid: identity.saf } };
  }
  if ('distributed' in identity) {
    trace.add('R33', 'distributed identity flows as an ICRX');
    return { flowed: { icrx: identity.distributed } };
  }
  trace.add('R32', 'no identity flows');
  return { flowed: {} };
}
