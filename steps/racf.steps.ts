/** Given-steps for RACF: users, their secrets and state, permissions and identity mappings. */
import { Given } from '@cucumber/cucumber';
import type { PhraseContent, UserRequirement } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

function user(world: ConformanceWorld, alias: string): UserRequirement {
  return (world.situation.users[alias] ??= {});
}

Given('RACF user {user}', function (this: ConformanceWorld, alias: string) {
  user(this, alias);
});

Given('RACF users {user} and {user}', function (this: ConformanceWorld, a: string, b: string) {
  user(this, a);
  user(this, b);
});

Given('{user} is not defined to RACF', function (this: ConformanceWorld, alias: string) {
  user(this, alias).defined = false;
});

Given('{user} is revoked', function (this: ConformanceWorld, alias: string) {
  user(this, alias).revoked = true;
});

Given("{user}'s password has expired", function (this: ConformanceWorld, alias: string) {
  user(this, alias).passwordExpired = true;
});

Given(
  '{user} has a password phrase of {int} characters',
  function (this: ConformanceWorld, alias: string, length: number) {
    user(this, alias).phraseLength = length;
  },
);

Given(
  '{user} has a password phrase of {int} characters and no password',
  function (this: ConformanceWorld, alias: string, length: number) {
    Object.assign(user(this, alias), { phraseLength: length, hasPassword: false });
  },
);

Given(
  '{user} has a password phrase of {int} characters with {phraseContent}',
  function (this: ConformanceWorld, alias: string, length: number, content: PhraseContent) {
    Object.assign(user(this, alias), { phraseLength: length, phraseContent: content });
  },
);

Given('{user} may not attach {transid}', function (this: ConformanceWorld, alias: string, transid: string) {
  (user(this, alias).transactions ??= {})[transid] = false;
});

Given('{user} may not run program {word}', function (this: ConformanceWorld, alias: string, program: string) {
  (user(this, alias).programs ??= {})[program] = false;
});

Given(
  'the APPL class is active and {user} may not use the CICS APPLID',
  function (this: ConformanceWorld, alias: string) {
    this.situation.region.applClassActive = true;
    user(this, alias).applAccess = false;
  },
);

Given('the APPL class is active and {user} may use the CICS APPLID', function (this: ConformanceWorld, alias: string) {
  this.situation.region.applClassActive = true;
  user(this, alias).applAccess = true;
});

Given('RACF accepts mixed-case passwords', function (this: ConformanceWorld) {
  this.situation.region.mixedCasePasswords = true;
});

Given('RACF does not accept mixed-case passwords', function (this: ConformanceWorld) {
  this.situation.region.mixedCasePasswords = false;
});

Given('RACF allows password phrases shorter than 14 characters', function (this: ConformanceWorld) {
  this.situation.region.shortPhrasesAllowed = true;
});

Given('RACF requires password phrases of at least 14 characters', function (this: ConformanceWorld) {
  this.situation.region.shortPhrasesAllowed = false;
});

Given(
  'RACMAP maps distributed identities matching {string} in realm {string} to {user}',
  function (this: ConformanceWorld, dnFilter: string, registry: string, alias: string) {
    user(this, alias).distributedIdentity = { dnFilter, registry };
  },
);

Given("RACMAP does not map {user}'s JWT subject", function (this: ConformanceWorld, alias: string) {
  user(this, alias).jwtSubjectMapped = false;
});

Given(
  'RACF denies {user} READ on TCICSTRN {transid}',
  function (this: ConformanceWorld, alias: string, transid: string) {
    (user(this, alias).transactions ??= {})[transid] = false;
  },
);

Given('RACF denies no one READ on TCICSTRN {transid}', function (this: ConformanceWorld, transid: string) {
  for (const alias of Object.keys(this.situation.users)) (user(this, alias).transactions ??= {})[transid] = true;
});
