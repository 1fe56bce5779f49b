/**
 * The sample site with its CICS definitions written the ways sites write them: a CSD history in which an
 * ALTER follows the DEFINE, SIT overrides with comments and a continued GRPLIST, and both kept as JCL
 * members whose in-stream data uses z/OS symbols. Each planted fault is named with its rule, file and
 * line; each legal variant leaves exactly the sample's planted findings and stops nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_OPTIONS } from '../src/model';
import { DefinitionsError } from '../src/definitions/diagnostics';
import { loadSite } from '../src/definitions/load-site';
import { createAuditTarget } from '../src/targets/audit';
import { findings, PLANTED, siteVariants } from './fixtures/definitions/site-variants';

const { variant } = siteVariants('audit-csd');

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

test('the "Why" case: ALTER IPCONN(..) USERAUTH(IDENTIFY) after the DEFINE makes R14 name the ALTER', async () => {
  let alterLine = 0;
  const directory = variant({
    'cics/dfhcsdup.txt': (t) => {
      alterLine = lineCount(t) + 2;
      return `${t}* 2026: BATCH API MOVED TO IDENTIFY\nALTER IPCONN(ZCBTCH) GROUP(ZCONIPIC) USERAUTH(IDENTIFY)\n`;
    },
  });
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  const r14 = found.get('R14') ?? [];
  assert.equal(r14.length, 2, r14.join(' | '));
  assert.match(
    r14.find((l) => l.includes('IPCONN ZCBTCH')) ?? '',
    new RegExp(`^R14/R45: IPCONN ZCBTCH \\(USERAUTH\\(IDENTIFY\\)\\) .*\\[\\S*cics/dfhcsdup\\.txt:${alterLine}:38, `),
  );
});

test('legal DFHCSDUP a site writes changes nothing: abbreviated ALTER, export metadata, column-72 X, lists', async () => {
  const directory = variant({
    'cics/dfhcsdup.txt': (t) =>
      t.replace(
        'DEFINE TRANSACTION(ZCMI) GROUP(ZCONIPIC) PROGRAM(DFHMIRS)',
        'DEFINE TRANSACTION(ZCMI) G(ZCONIPIC) PROGRAM(DFHMIRS)'.padEnd(71) + 'X',
      ) +
      [
        'AL IPCONN(ZCBTCH) G(ZCONIPIC) DESCRIPTION(Batch API, settlement jobs)',
        '   DEFINETIME(24/01/15 10:22:31) CHANGEUSRID(SYSPROG1)',
        'DEFINE PROGRAM(ACCTUPD) GROUP(ZCONAPP) LANGUAGE(COBOL) NEWATTR(1)',
        'R GROUP(ZCONIPIC) LIST(ZCONLIST)',
        'ADD GROUP(ZCONIPIC) LIST(ZCONLIST)',
        'LIST LIST(ZCONLIST) OBJECTS',
        '',
      ].join('\n'),
  });
  assert.deepEqual([...(await findings(directory)).keys()].sort(), PLANTED);
});

test('SIT overrides with comments and sequence numbers: DFLTUSER=CICSREGN is read, and R21 names its line', async () => {
  const directory = variant({
    'cics/sit-overrides.txt': (t) =>
      t.replace('DFLTUSER=CICSDFLT,', 'DFLTUSER=CICSREGN,     default user'.padEnd(72) + '00090000'),
    // A blank SECURITYNAME makes DFLTUSER the batch IPCONN's link user.
    'cics/dfhcsdup.txt': (t) => `${t}ALTER IPCONN(ZCBTCH) GROUP(ZCONIPIC) SECURITYNAME()\n`,
  });
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  assert.ok(
    (found.get('R21') ?? []).some((l) => /IPCONN ZCBTCH, link user CICSREGN .*sit-overrides\.txt:9:1[,\]]/.test(l)),
    (found.get('R21') ?? []).join(' | '),
  );
});

test('SIT overrides as IBM documents them (comments, sequence numbers, a continued GRPLIST) change nothing', async () => {
  const directory = variant({
    'cics/sit-overrides.txt': () =>
      [
        '* CICSAOR1 - SIT OVERRIDES (DFHSIP SYSIN)',
        'APPLID=CICSAOR1,SYSIDNT=AOR1   region identifiers'.padEnd(72) + '00020000',
        'GRPLIST=(DFHLIST,',
        '         ZCONLIST)             lists installed at a cold start',
        'TCPIP=YES,SEC=YES              security on',
        'SECPRFX=NO,XTRAN=YES,XPPT=YES,',
        'DFLTUSER=CICSDFLT,KEYRING=CICSRING',
        '.END',
        '',
      ].join('\n'),
  });
  assert.deepEqual([...(await findings(directory)).keys()].sort(), PLANTED);
});

/** The sample's DFHCSDUP input as a JCL member, NETWORKID written as the symbol &NETID. */
function csdJob(csd: string): string {
  return [
    "//CSDUPD   JOB (ACCT),'IPIC DEFINITIONS',CLASS=A,MSGCLASS=X",
    '//* DEFINE THE IPIC RESOURCES OF CICSAOR1',
    '//         SET NETID=WRONGNET',
    '//LISTIT   EXEC PGM=IEBGENER',
    '//SYSIN    DD  *',
    'THIS IS NOT DFHCSDUP INPUT',
    '//CSDUP    EXEC PGM=DFHCSDUP,REGION=0M,',
    "//             PARM='CSD(READWRITE)'",
    '//DFHCSD   DD  DISP=SHR,DSN=CICSTS61.CICS.DFHCSD',
    '//SYSPRINT DD  SYSOUT=*',
    '//SYSIN    DD  DATA,DLM=$$,SYMBOLS=JCLONLY',
    csd.replace(/NETWORKID\(EXBANK\)/g, 'NETWORKID(&NETID.)').replace(/\n$/, ''),
    '$$',
    '',
  ].join('\n');
}

test('a JCL member as cics.csd: its in-stream SYSIN is read with its own line numbers, symbols from site.yaml', async () => {
  const directory = variant({
    'cics/dfhcsdup.txt': csdJob,
    'site.yaml': (t) => `${t}\nsymbols:\n  NETID: EXBANK\n`,
  });
  const found = await findings(directory);
  assert.deepEqual([...found.keys()].sort(), PLANTED);
  // The sample's line 25 is line 36 of the member: 11 JCL records come before the data.
  assert.match((found.get('R21') ?? [])[0] ?? '', /cics\/dfhcsdup\.txt:36:26/);
});

test('a JCL member whose symbol has no value stops the audit, naming file, line, column and symbol', () => {
  const directory = variant({
    'cics/dfhcsdup.txt': (t) => csdJob(t).replace('//         SET NETID=WRONGNET\n', ''),
  });
  assert.throws(
    () => loadSite(directory),
    (e: unknown) =>
      e instanceof DefinitionsError &&
      /cics\/dfhcsdup\.txt:25:35: symbol &NETID\.: expected a value for NETID/.test(e.message),
  );
});

test('a // SET value is used where site.yaml gives none, and a wrong one is audited as written', async () => {
  const directory = variant({ 'cics/dfhcsdup.txt': csdJob });
  const definitions = await createAuditTarget(loadSite(directory), DEFAULT_OPTIONS).definitions();
  assert.deepEqual([...new Set(definitions.site.ipconns.map((i) => i.networkid))], ['WRONGNET']);
});
