/**
 * DFHCSDUP input records, as IBM's "DFHCSDUP: syntax and command rules" describe them (restated from
 * https://ibm.com/support/knowledgecenter/SSGMCP_5.5.0/reference/resources/syntax.html):
 * - 80-column records; commands are read from columns 1 to 71;
 * - an asterisk in column 72 continues a value on the next record, which is read from column 1 on;
 *   the asterisk is the only continuation character the page names, so any other character in
 *   column 72 continues nothing and, like columns 73 to 80 (sequence numbers), is not read: the audit
 *   counts such records (a writer used to assembler's "X" may have meant a continuation);
 * - an asterisk in column 1 makes the record a comment; blank records are ignored;
 * - a command may spread over several records without any continuation mark (the DEFINE page's own
 *   example does): a record whose first word is not a command carries on the command before it;
 * - command keywords may be abbreviated down to the minimum the syntax diagrams show in upper case
 *   (ALter, DEFine, DELete, Copy, Remove...), which for DFHCSDUP differs from CEDA's in places.
 */
import { keywordTable, resolveKeyword } from './keywords';
import { LogicalTextBuilder, type LogicalText } from './operands';
import type { Diagnostics } from './diagnostics';
import { columnAt, type InputRecord } from './records';

/**
 * The DFHCSDUP commands (CICS TS 5.6/6.x), with the minimum abbreviations of their syntax diagrams
 * (https://www.ibm.com/docs/en/SSGMCP_5.6.0/reference-system-management/resources/commands.html and the
 * pages of each command); where a diagram was not checked the minimum is the shortest unique prefix.
 */
export const CSDUP_COMMANDS = keywordTable(
  [
    'ADD',
    'ALTER',
    'APPEND',
    'COPY',
    'DEFINE',
    'DELETE',
    'EXTRACT',
    'INITIALIZE',
    'LIST',
    'MIGRATE',
    'PROCESS',
    'REMOVE',
    'SCAN',
    'SERVICE',
    'UPGRADE',
    'USERDEFINE',
    'VERIFY',
  ],
  {
    ADD: 2,
    ALTER: 2,
    APPEND: 2,
    COPY: 1,
    DEFINE: 3,
    DELETE: 3,
    EXTRACT: 2,
    INITIALIZE: 3,
    LIST: 2,
    MIGRATE: 2,
    PROCESS: 4,
    REMOVE: 1,
    SCAN: 4,
    SERVICE: 3,
    UPGRADE: 2,
    USERDEFINE: 10,
    VERIFY: 3,
  },
);

/** CEDA commands DFHCSDUP does not have: DFHCSDUP rejects them, so the CSD is not changed by them. */
const CEDA_ONLY = keywordTable(['CHECK', 'DISPLAY', 'EXPAND', 'INSTALL', 'LOCK', 'MOVE', 'RENAME', 'UNLOCK'], {
  CHECK: 2,
  DISPLAY: 2,
  EXPAND: 1,
  INSTALL: 1,
  LOCK: 1,
  MOVE: 1,
  RENAME: 3,
  UNLOCK: 1,
});

export interface CsdStatement {
  command: string;
  text: LogicalText;
  /** Index in text just after the command word. */
  operandsFrom: number;
}

/**
 * The statements of the records, one at a time: each is handed on when the next command starts, so a
 * large CSD is never held as statements all at once.
 */
export function* csdStatements(
  records: readonly InputRecord[],
  file: string,
  diagnostics: Diagnostics,
): Generator<CsdStatement> {
  let current: { command: string; builder: LogicalTextBuilder; operandsFrom: number } | undefined;
  const done = (s: NonNullable<typeof current>): CsdStatement => ({
    command: s.command,
    text: s.builder.build(),
    operandsFrom: s.operandsFrom,
  });
  let continuingValue = false;

  for (const record of records) {
    const line = record.line;
    if (record.text.startsWith('*')) continue;
    const lastColumn = columnAt(record, record.text.length - 1);
    // Blanks past column 80 are not data: a record copied off z/OS with trailing blanks is still 80 columns.
    let past80 = record.text.length;
    while (past80 > 0 && columnAt(record, past80 - 1) > 80) past80--;
    if (lastColumn > 80 && record.text.slice(past80).trim() !== '') {
      diagnostics.problem(
        { file, line, column: 81 },
        'record',
        'at most 80 columns (DFHCSDUP reads 80-column records)',
      );
      continue;
    }
    // Columns are judged where they were written (a substituted symbol stands where its ampersand stood).
    let end = 0;
    while (end < record.text.length && columnAt(record, end) <= 71) end++;
    const column72 = end < record.text.length && columnAt(record, end) === 72 ? (record.text[end] as string) : ' ';
    if (column72 !== ' ' && column72 !== '*')
      diagnostics.skip(
        { file, line, column: 72 },
        'DFHCSDUP record with a character other than * in column 72',
        'not read: DFHCSDUP reads columns 1 to 71 and continues a value only for an asterisk in column 72',
      );
    // A value continued with '*' in column 72 runs through column 71, blanks included.
    const raw = record.text.slice(0, end);
    const data =
      column72 === '*' ? raw.padEnd(raw.length + Math.max(0, 71 - columnAt(record, end - 1))) : raw.replace(/\s+$/, '');
    const columns = record.columns ? [...record.columns.slice(0, end)] : undefined;
    if (columns) while (columns.length < data.length) columns.push((columns[columns.length - 1] ?? 0) + 1);
    const append = (builder: LogicalTextBuilder, from: number) =>
      builder.append(data.slice(from), file, line, columnAt(record, from), columns?.slice(from));
    if (continuingValue && current) {
      append(current.builder, 0);
    } else {
      const lead = data.length - data.trimStart().length;
      if (data.trim() !== '') {
        const first = /^[^\s(]+(?=\s|$)/.exec(data.slice(lead))?.[0];
        const command = first ? resolveKeyword(first, CSDUP_COMMANDS) : undefined;
        const carriesOn = command === 'REMOVE' && current?.command === 'DELETE' && data.trim() === first;
        if (command && !carriesOn) {
          if (current) yield done(current);
          current = {
            command,
            builder: new LogicalTextBuilder({ file, line, column: columnAt(record, lead) }),
            operandsFrom: (first as string).length,
          };
          append(current.builder, lead);
        } else if (first && resolveKeyword(first, CEDA_ONLY) && !carriesOn) {
          if (current) yield done(current);
          current = undefined;
          diagnostics.problem(
            { file, line, column: columnAt(record, lead) },
            resolveKeyword(first, CEDA_ONLY) as string,
            'a DFHCSDUP command: this is a CEDA command, which DFHCSDUP rejects (to rename a definition, COPY it then DELETE the old one)',
          );
        } else if (current) {
          current.builder.separate();
          append(current.builder, lead);
        } else {
          diagnostics.problem(
            { file, line, column: columnAt(record, lead) },
            'command',
            'a DFHCSDUP command such as DEFINE',
          );
        }
      }
    }
    continuingValue = column72 === '*';
  }
  if (current) yield done(current);
}
