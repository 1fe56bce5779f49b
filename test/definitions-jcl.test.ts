/**
 * In-stream data of JCL members: which records belong to the data set (DD * ends at /* or the next JCL
 * statement, DD DATA only at its delimiter, DLM=xx replaces /*), their line numbers in the member, the
 * steps and DD names read, and z/OS symbols: resolved from site.yaml or // SET, a problem where unknown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics } from '../src/definitions/diagnostics';
import { inStreamData, type InStreamOptions } from '../src/definitions/jcl';

const CSDUP: InStreamOptions = { programs: ['DFHCSDUP'], ddnames: ['SYSIN'] };

function read(lines: string[], options: Partial<InStreamOptions> = {}) {
  const diagnostics = new Diagnostics();
  const records = inStreamData(lines.join('\n'), 'job.jcl', diagnostics, { ...CSDUP, ...options });
  return { records, diagnostics };
}

test('DD * data ends at /* or at the next JCL statement; only DFHCSDUP steps and SYSIN are read', () => {
  const { records, diagnostics } = read([
    '//JOB1     JOB (1),CLASS=A',
    '//STEP0    EXEC PGM=IEFBR14',
    '//SYSIN    DD *',
    'NOT FOR DFHCSDUP',
    '//STEP1    EXEC PGM=DFHCSDUP,',
    '//             REGION=0M',
    '//SYSPRINT DD SYSOUT=*',
    '//SYSIN    DD *  THE COMMANDS',
    'DEFINE IPCONN(A) GROUP(G)',
    '/*',
    '//STEP2    EXEC PGM=DFHCSDUP',
    '//SYSIN    DD *',
    'DEFINE IPCONN(B) GROUP(G)',
    '//OTHER    DD DUMMY',
  ]);
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.text]),
    [
      [9, 'DEFINE IPCONN(A) GROUP(G)'],
      [13, 'DEFINE IPCONN(B) GROUP(G)'],
    ],
  );
});

test('DD DATA keeps // records; DLM=xx ends the data instead of /*', () => {
  const { records } = read([
    '//STEP1    EXEC PGM=DFHCSDUP',
    "//SYSIN    DD DATA,DLM='$$'",
    '//NOT A STATEMENT',
    '/* NOT THE END',
    '$$',
    '//SYSIN2   DD *',
  ]);
  assert.deepEqual(
    records.map((r) => r.line),
    [3, 4],
  );
});

test('an unnamed DD continues the concatenation of SYSIN; a SYSIN data set the audit cannot read is a problem', () => {
  const { records, diagnostics } = read([
    '//STEP1    EXEC PGM=DFHCSDUP',
    '//SYSIN    DD DISP=SHR,DSN=SYS1.CSD.COMMANDS',
    '//         DD *',
    'DEFINE IPCONN(A) GROUP(G)',
  ]);
  assert.deepEqual(
    records.map((r) => r.line),
    [4],
  );
  assert.deepEqual(
    diagnostics.problems.map((p) => [p.field, p.at.line]),
    [['SYSIN DD', 2]],
  );
});

test('symbols: site.yaml values win over // SET, columns stay where the ampersand was written', () => {
  const { records, diagnostics } = read(
    [
      '//         SET NET=FROMSET,APPL=ZCONBTCH',
      '//STEP1    EXEC PGM=DFHCSDUP',
      '//SYSIN    DD *,SYMBOLS=JCLONLY',
      'DEFINE IPCONN(A) GROUP(G) NETWORKID(&NET.) APPLID(&APPL) HOST(X&&Y)',
    ],
    { symbols: { NET: 'EXBANK' } },
  );
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(diagnostics.warnings, []);
  const record = records[0];
  assert.equal(record?.text, 'DEFINE IPCONN(A) GROUP(G) NETWORKID(EXBANK) APPLID(ZCONBTCH) HOST(X&&Y)');
  // "APPLID(" follows the value of &NET. at the column it was written at.
  assert.equal(record?.columns?.[record.text.indexOf('APPLID')], 44);
});

test('a symbol with no value is a problem at its line and column; values used without SYMBOLS= are a warning', () => {
  const unknown = read(['//STEP1 EXEC PGM=DFHCSDUP', '//SYSIN DD *', 'DEFINE IPCONN(A) GROUP(&GRP.)']);
  assert.deepEqual(
    unknown.diagnostics.problems.map((p) => [p.field, p.at]),
    [['symbol &GRP.', { file: 'job.jcl', line: 3, column: 24 }]],
  );
  const tailored = read(['//STEP1 EXEC PGM=DFHCSDUP', '//SYSIN DD *', 'DEFINE IPCONN(A) GROUP(&GRP.)'], {
    symbols: { GRP: 'G' },
  });
  assert.deepEqual(tailored.diagnostics.problems, []);
  assert.match(tailored.diagnostics.warnings[0]?.message ?? '', /no SYMBOLS= keyword/);
});

test('a member without the step is a problem; batch TSO SYSTSIN is read for RACF commands', () => {
  assert.equal(read(['//STEP1 EXEC PGM=IEFBR14']).diagnostics.problems[0]?.field, 'JCL member');
  const { records } = read(
    [
      '//RACF    EXEC PGM=IKJEFT01',
      '//SYSTSPRT DD SYSOUT=*',
      '//SYSTSIN DD *',
      'PERMIT CSMI CLASS(TCICSTRN) ID(ZCLINK2)',
    ],
    { programs: ['IKJEFT01', 'IKJEFT1A', 'IKJEFT1B'], ddnames: ['SYSTSIN'] },
  );
  assert.deepEqual(
    records.map((r) => r.line),
    [4],
  );
});

test('SYSTSIN DD DDNAME=&PRODUCT defers to the DD it names later in the step; the others are not read', () => {
  const lines = [
    '//         SET PRODUCT=RACF',
    '//         SET ADMIN=ZWEADMIN',
    '//         SET GROUP=&ADMIN.',
    '//RUN      EXEC PGM=IKJEFT01',
    '//SYSTSPRT DD SYSOUT=*',
    '//SYSTSIN  DD DDNAME=&PRODUCT',
    '//RACF     DD DATA,DLM=$$,SYMBOLS=JCLONLY',
    '  ADDGROUP &GROUP.',
    '$$',
    '//ACF2     DD DATA,DLM=$$,SYMBOLS=JCLONLY',
    '  INSERT NOTRACF',
    '$$',
  ];
  const racf = { programs: ['IKJEFT01'], ddnames: ['SYSTSIN'] };
  const { records, diagnostics } = read(lines, racf);
  assert.deepEqual(diagnostics.problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.text]),
    [[8, '  ADDGROUP ZWEADMIN']],
    'a SET value uses the symbols set before it',
  );
  const other = read(
    lines.map((l) => l.replace('SET PRODUCT=RACF', 'SET PRODUCT=TSS')),
    racf,
  );
  assert.deepEqual(other.records, [], 'DDNAME=TSS names no DD of the step: nothing is read');
  assert.match(other.diagnostics.problems.map((p) => p.expected).join(' '), /SYSTSIN DD \* or DD DATA in-stream data/);
});
