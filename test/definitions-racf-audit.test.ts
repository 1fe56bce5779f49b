/**
 * RACF syntax variants of the sample site, audited end to end: legal forms (profile lists, a comment left
 * open at the end of a line, a revoke date still to come) must leave exactly the planted findings, and a
 * revocation in effect on the audit date must be named by R20 at the IPCONN that uses the link user.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, PLANTED, siteVariants } from './fixtures/definitions/site-variants';

const { variant: edited } = siteVariants('audit-racf');

const variant = (file: string, edit: (text: string) => string): string => edited({ [file]: edit });

async function onlyPlanted(directory: string): Promise<void> {
  assert.deepEqual([...(await findings(directory)).keys()].sort(), PLANTED);
}

test('a revoke date after the audit date (2026-06-01), or a resume date already reached: no R20', async () => {
  await onlyPlanted(variant('racf/users.racf', (t) => `${t}ALTUSER ZCLINK2 REVOKE(12/31/30)\n`));
  await onlyPlanted(variant('racf/users.racf', (t) => `${t}ALU ZCLINK2 REVOKE\nALU ZCLINK2 RESUME(05/31/26)\n`));
});

test('R20: a revoke date before the audit date, and a revocation whose resume date is still to come', async () => {
  for (const added of ['ALTUSER ZCLINK2 REVOKE(01/15/26)\n', 'ALU ZCLINK2 REVOKE\nALU ZCLINK2 RESUME(12/31/30)\n']) {
    const found = await findings(variant('racf/users.racf', (t) => t + added));
    assert.deepEqual([...found.keys()].sort(), ['R14', 'R20', 'R21', 'R48'], added);
    assert.match(
      found.get('R20')?.join(' | ') ?? '',
      /SECURITYNAME\(ZCLINK2\) names a user that is revoked: .*dfhcsdup\.txt:20:45/,
    );
  }
});

test('profile lists after the class name, and a comment left open at the end of a line, audit as written', async () => {
  await onlyPlanted(
    variant('racf/resources.racf', (t) =>
      t
        .replace('RDEFINE TCICSTRN CSMI UACC(NONE) OWNER(CICSGRP)', 'RDEFINE TCICSTRN (CSMI) UACC(NONE) OWNER(CICSGRP)')
        .replace('RDEFINE APPL CICSAOR1 UACC(NONE)', 'RDEFINE APPL (CICSAOR1 CICSAOR9) UACC(NONE) /* both regions'),
    ),
  );
  await onlyPlanted(
    variant('racf/users.racf', (t) => t.replace('/* left the bank in March */', '/* left the bank in March')),
  );
});
