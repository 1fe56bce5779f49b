/**
 * The HTTP callers a scenario describes, made from what the site holds: the user's own RACF password,
 * one of its registered certificates, a JWT subject RACMAP maps to it. When the site holds nothing that
 * plays the caller (a protected user has no password to call with), the request cannot be made on this
 * site: the scenario is not applicable, with the reason (the port's NotApplicableError), as on the live
 * target. Never a nonconformance, and not a harness error either: the harness did its job.
 */
import { mapCertificate, mapDistributedIdentity } from '../../model/racf';
import type { Certificate, HttpCaller, Site } from '../../model';
import { NotApplicableError, type Alias, type Caller } from '../../../support/target-port';
import { heldCertificate, jwtSubjectOf, validFor } from './aliases';

export class CallerUnavailable extends NotApplicableError {
  constructor(reason: string) {
    super(reason);
    this.name = 'CallerUnavailable';
  }
}

/** A step named an alias the scenario's situation never mentioned: a fault in the steps, so a harness error. */
export class UnboundAlias extends Error {
  constructor(alias: string) {
    super(`${alias} is not named in the scenario's situation, so the audit bound no user ID to it`);
    this.name = 'UnboundAlias';
  }
}

const WRONG_PASSWORDS = ['WR0NGPW1', 'WR0NGPW2'];

export function httpCaller(
  caller: Caller,
  site: Site,
  userIdOf: (alias: Alias) => string,
  /** Whether the scenario wants the alias's HTTP certificate held with TRUST (UserRequirement; default true). */
  trustedCertificate: (alias: Alias) => boolean = () => true,
): HttpCaller {
  switch (caller.kind) {
    case 'anonymous':
    case 'ldap':
      return caller;
    case 'basic': {
      const id = userIdOf(caller.user);
      const user = site.racf.users.find((u) => u.id === id);
      if (caller.password === 'wrong') {
        const wrong = WRONG_PASSWORDS.find((w) => w.toUpperCase() !== user?.password?.toUpperCase()) as string;
        return { kind: 'basic', userid: id, password: wrong };
      }
      const secret = user?.password ?? user?.phrase;
      if (secret === undefined)
        throw new CallerUnavailable(
          `${caller.user} (${id}) has no password or phrase in the RACF definitions (an IRRDBU00 unload holds none), so it cannot call with the correct one`,
        );
      return { kind: 'basic', userid: id, password: secret };
    }
    case 'certificate':
      return {
        kind: 'certificate',
        certificate:
          caller.mappedTo === null
            ? unmappedCertificate(site)
            : certificateOf(userIdOf(caller.mappedTo), site, trustedCertificate(caller.mappedTo)),
      };
    case 'jwt': {
      const id = userIdOf(caller.subject);
      const issuer = site.zosConnect.jwt.issuer;
      if (!issuer) throw new CallerUnavailable('server.xml configures no openidConnectClient, so no JWT is accepted');
      const subject = jwtSubjectOf(id, site).find((dn) => mapDistributedIdentity(site.racf, dn, issuer) === id);
      if (!subject) throw new CallerUnavailable(`RACMAP maps no JWT subject to ${caller.subject} (${id})`);
      const hour = 3600_000;
      const at = (offset: number) => new Date(Date.parse(site.clock) + offset).toISOString().replace('.000Z', 'Z');
      return {
        kind: 'jwt',
        issuer: caller.validity === 'another issuer' ? `${issuer}/another-issuer` : issuer,
        subject,
        expiresAt: caller.validity === 'expired' ? at(-hour) : at(hour),
        signatureTrusted: caller.validity !== 'untrusted signature',
      };
    }
  }
}

/** The certificate a caller presents as this user: one RACF holds for it with the wanted status. */
function certificateOf(id: string, site: Site, trusted: boolean): Certificate {
  const cert = heldCertificate(site, id, trusted);
  if (cert) return cert;
  throw new CallerUnavailable(
    `RACF holds no certificate for ${id} with ${trusted ? 'TRUST' : 'NOTRUST'}, so no caller can present one`,
  );
}

function unmappedCertificate(site: Site): Certificate {
  const cert = validFor('CN=Unknown caller,O=Nowhere', 'CN=Unknown CA,O=Nowhere', site);
  if (mapCertificate(site.racf, cert))
    throw new CallerUnavailable('a RACDCERT MAP filter maps every certificate, so no certificate is unmapped');
  return cert;
}
