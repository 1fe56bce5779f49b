/**
 * Turns a scenario's Caller into what goes over HTTPS: an Authorization header, a client certificate, or
 * nothing. The description that goes into evidence names the kind of credential and its owner, never its
 * value.
 */
import type { Caller } from '../../../support/target-port';
import type { LoadedInventory } from '../../inventory/load';
import type { InventorySite, InventoryUser } from '../../inventory/schema';
import type { JwtMinter } from './jwt';
import { NotApplicableHere } from './not-applicable';

export interface HttpCredentials {
  headers: Record<string, string>;
  clientCertificate?: { certificatePem: string; privateKeyPem: string };
  /** Safe to attach: kinds, user IDs, certificate ids and subjects, JWT subject and validity. */
  description: Record<string, string>;
  /** The account a wrong password is spent on. */
  badPasswordFor?: string;
}

export interface CredentialContext {
  loaded: LoadedInventory;
  site: InventorySite;
  userIdOf(alias: string): string;
  minter?: JwtMinter;
  /** The RACF status the scenario wants of an alias's HTTP client certificate (R18); default TRUST. */
  httpCertificateStatus?(alias: string): 'TRUST' | 'NOTRUST';
}

export async function credentialsFor(caller: Caller, ctx: CredentialContext): Promise<HttpCredentials> {
  switch (caller.kind) {
    case 'anonymous':
      return { headers: {}, description: { kind: 'anonymous' } };
    case 'basic': {
      const userid = ctx.userIdOf(caller.user);
      const user = userOf(ctx, userid);
      const known = user && user.password !== 'none' ? ctx.loaded.secrets.get(user) : undefined;
      if (caller.password === 'correct') {
        if (known === undefined)
          throw new NotApplicableHere(`the inventory gives no password for ${userid} (${caller.user})`);
        return { headers: basic(userid, known), description: { kind: 'basic', user: userid, passwordKind: 'correct' } };
      }
      return {
        headers: basic(userid, wrongPassword(known)),
        description: { kind: 'basic', user: userid, passwordKind: 'wrong' },
        badPasswordFor: userid,
      };
    }
    case 'certificate': {
      const owner = caller.mappedTo === null ? null : ctx.userIdOf(caller.mappedTo);
      const status = caller.mappedTo === null ? 'TRUST' : (ctx.httpCertificateStatus?.(caller.mappedTo) ?? 'TRUST');
      const cert = ctx.site.certificates.find(
        (c) =>
          c.use.includes('http') &&
          c.state === 'valid' &&
          c.mappedTo === owner &&
          (owner === null || c.racfStatus === status) &&
          ctx.loaded.secrets.get(c),
      );
      if (!cert)
        throw new NotApplicableHere(
          `the inventory has no valid HTTP client certificate ${owner ? `mapped to ${owner} with status ${status}` : 'that RACF maps to no user'}`,
        );
      const facts = ctx.loaded.certificates.get(cert);
      return {
        headers: {},
        clientCertificate: {
          certificatePem: facts?.certificatePem ?? '',
          privateKeyPem: ctx.loaded.secrets.get(cert) ?? '',
        },
        description: {
          kind: 'certificate',
          certificate: cert.id,
          subject: facts?.subject ?? '?',
          mappedTo: owner ?? '(none)',
        },
      };
    }
    case 'jwt': {
      const userid = ctx.userIdOf(caller.subject);
      const subject = userOf(ctx, userid)?.jwt?.subject;
      if (!subject) throw new NotApplicableHere(`the inventory gives no JWT subject for ${userid} (${caller.subject})`);
      if (!ctx.minter) throw new NotApplicableHere('the z/OS Connect server has no jwt issuer in the inventory');
      const token = await ctx.minter.mint(subject, caller.validity);
      return {
        headers: { authorization: `Bearer ${token}` },
        description: { kind: 'jwt', subject, validity: caller.validity },
      };
    }
    case 'ldap': {
      const entry = ctx.site.ldap.find((l) => l.dn === caller.dn && l.realm === caller.realm);
      const password = entry ? ctx.loaded.secrets.get(entry) : undefined;
      if (!entry || password === undefined)
        throw new NotApplicableHere(`the inventory has no LDAP user ${caller.dn} in realm ${caller.realm}`);
      return {
        headers: basic(entry.username, password),
        description: { kind: 'ldap', dn: entry.dn, realm: entry.realm, username: entry.username },
      };
    }
  }
}

function userOf(ctx: CredentialContext, userid: string): InventoryUser | undefined {
  return ctx.site.racf.users.find((u) => u.id === userid);
}

function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` };
}

/** A password of password length (1-8) that differs from the right one even when RACF folds case. */
export function wrongPassword(correct: string | undefined): string {
  const candidates = ['WRONG9PW', 'BADPW7Q', 'NOTIT8ZX'];
  return candidates.find((c) => c.toUpperCase() !== correct?.toUpperCase()) as string;
}
