/**
 * Steps for RACF's limits and switches: the revocation count at z/OS Connect's SAF registry (R38, R56),
 * the APPL class switched off (R40), and the longest names RACMAP accepts (R42: 246 bytes of DN, 252 of
 * realm). Long names are made from their length, so a feature says "a 247-byte distinguished name"
 * instead of spelling one out.
 */
import { Given, When } from '@cucumber/cucumber';
import type { ConformanceWorld } from '../support/world';

When(
  '{user} calls the whoami API {int} times with a wrong password',
  function (this: ConformanceWorld, user: string, times: number) {
    return this.send({ caller: { kind: 'basic', user, password: 'wrong' } }, times);
  },
);

Given(
  'the APPL class is not active and {user} has no READ on the CICS APPLID',
  function (this: ConformanceWorld, alias: string) {
    this.situation.region.applClassActive = false;
    (this.situation.users[alias] ??= {}).applAccess = false;
  },
);

/** An LDAP-style DN of exactly `bytes` bytes (ASCII, so bytes are characters). */
function distinguishedNameOf(bytes: number): string {
  const tail = ',ou=staff,o=example';
  const filler = bytes - 'cn='.length - tail.length;
  if (filler < 1) throw new Error(`a distinguished name needs at least ${'cn='.length + tail.length + 1} bytes`);
  return `cn=${'n'.repeat(filler)}${tail}`;
}

/** A realm name of exactly `bytes` bytes. */
function realmOf(bytes: number): string {
  const tail = '.example';
  if (bytes <= tail.length) throw new Error(`a realm needs more than ${tail.length} bytes`);
  return `${'r'.repeat(bytes - tail.length)}${tail}`;
}

Given(
  'RACMAP MAP is issued for the {int}-byte distinguished name in the {int}-byte realm, for {user}',
  function (this: ConformanceWorld, dnBytes: number, realmBytes: number, alias: string) {
    (this.situation.users[alias] ??= {}).distributedIdentity = {
      dnFilter: distinguishedNameOf(dnBytes),
      registry: realmOf(realmBytes),
    };
  },
);

When(
  'the LDAP user with the {int}-byte distinguished name in the {int}-byte realm calls the whoami API',
  function (this: ConformanceWorld, dnBytes: number, realmBytes: number) {
    return this.send({ caller: { kind: 'ldap', dn: distinguishedNameOf(dnBytes), realm: realmOf(realmBytes) } });
  },
);
