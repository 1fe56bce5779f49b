/**
 * Steps for distinguished names whose length in UTF-8 bytes differs from their length in characters
 * (R42: RACMAP's limit of 246 is in bytes). They only make the name; the RACMAP filter and the LDAP
 * caller are the port's existing vocabulary (UserRequirement.distributedIdentity, the ldap Caller).
 */
import { Given, When } from '@cucumber/cucumber';
import type { ConformanceWorld } from '../support/world';

const TAIL = ',ou=staff,o=example';
const TWO_BYTES = 'é';

/** An LDAP-style DN of `characters` characters and `bytes` UTF-8 bytes: the difference is made of 'é'. */
export function distinguishedNameOf(characters: number, bytes: number): string {
  const wide = bytes - characters;
  const narrow = characters - 'cn='.length - TAIL.length - wide;
  if (wide < 0 || narrow < 1)
    throw new Error(`no distinguished name has ${characters} characters and ${bytes} UTF-8 bytes in this form`);
  const dn = `cn=${TWO_BYTES.repeat(wide)}${'n'.repeat(narrow)}${TAIL}`;
  if ([...dn].length !== characters || Buffer.byteLength(dn, 'utf8') !== bytes)
    throw new Error(`made a distinguished name of the wrong size for ${characters} characters, ${bytes} bytes`);
  return dn;
}

const REALM = 'ldap.example';

Given(
  'RACMAP MAP is issued for a distinguished name of {int} characters and {int} UTF-8 bytes, for {user}',
  function (this: ConformanceWorld, characters: number, bytes: number, alias: string) {
    (this.situation.users[alias] ??= {}).distributedIdentity = {
      dnFilter: distinguishedNameOf(characters, bytes),
      registry: REALM,
    };
  },
);

When(
  'the LDAP user with the distinguished name of {int} characters and {int} UTF-8 bytes calls the whoami API',
  function (this: ConformanceWorld, characters: number, bytes: number) {
    return this.send({ caller: { kind: 'ldap', dn: distinguishedNameOf(characters, bytes), realm: REALM } });
  },
);
