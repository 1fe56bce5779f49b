/**
 * Given-steps for command security (R51): the mirror's CMDSEC, the system commands the API's program issues,
 * and each user's access to the CCICSCMD profile of a resource type.
 */
import { Given } from '@cucumber/cucumber';
import type { CommandAccess, SystemCommand, UserRequirement } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

const VERBS: readonly SystemCommand['verb'][] = ['INQUIRE', 'COLLECT', 'SET', 'PERFORM', 'DISCARD'];

function user(world: ConformanceWorld, alias: string): UserRequirement {
  return (world.situation.users[alias] ??= {});
}

function grant(world: ConformanceWorld, alias: string, resource: string, access: CommandAccess): void {
  (user(world, alias).commands ??= {})[resource] = access;
}

Given('the mirror transaction is defined with CMDSEC\\({word})', function (this: ConformanceWorld, value: string) {
  if (value !== 'YES' && value !== 'NO') throw new Error(`CMDSEC(${value}): expected YES or NO`);
  this.situation.mirror.cmdsec = value === 'YES';
});

Given(
  "the API's service program issues EXEC CICS {word} {word}",
  function (this: ConformanceWorld, verb: string, resource: string) {
    if (!VERBS.includes(verb as SystemCommand['verb']))
      throw new Error(`EXEC CICS ${verb}: expected a system command verb, one of ${VERBS.join(', ')}`);
    (this.situation.mirror.commands ??= []).push({ verb: verb as SystemCommand['verb'], resource });
  },
);

Given("the API's service program issues no system command", function (this: ConformanceWorld) {
  this.situation.mirror.commands = [];
});

Given(
  'RACF gives {user} {word} access to CCICSCMD {word}',
  function (this: ConformanceWorld, alias: string, access: string, resource: string) {
    if (access !== 'READ' && access !== 'UPDATE') throw new Error(`access ${access}: expected READ or UPDATE`);
    grant(this, alias, resource, access);
  },
);

Given(
  'RACF denies {user} any access to CCICSCMD {word}',
  function (this: ConformanceWorld, alias: string, resource: string) {
    grant(this, alias, resource, 'NONE');
  },
);
