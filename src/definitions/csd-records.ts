/**
 * DFHCSDUP input records, as IBM's "DFHCSDUP: syntax and command rules" describe them (restated):
 * - 80-column records; commands are read from columns 1 to 71;
 * - an asterisk in column 72 continues a value on the next record, which is read from column 1 on;
 * - columns 73 to 80 are not read (sequence numbers);
 * - an asterisk in column 1 makes the record a comment; blank records are ignored;
 * - a command may spread over several records: a record whose first word is not a command carries on
 *   the command before it.
 */
import { keywordTable, resolveKeyword } from './keywords';
import { LogicalTextBuilder, type LogicalText } from './operands';
import type { Diagnostics } from './diagnostics';

/** DFHCSDUP commands; DEFINE is the only one this harness reads (the rest are reported and skipped). */
export const CSDUP_COMMANDS = keywordTable(
  [
    'ADD',
    'ALTER',
    'APPEND',
    'CHECK',
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
    ADD: 3,
    ALTER: 2,
    APPEND: 2,
    CHECK: 2,
    COPY: 2,
    DEFINE: 3,
    DELETE: 3,
    EXTRACT: 2,
    INITIALIZE: 3,
    LIST: 2,
    MIGRATE: 2,
    PROCESS: 4,
    REMOVE: 3,
    SCAN: 4,
    SERVICE: 3,
    UPGRADE: 2,
    USERDEFINE: 2,
    VERIFY: 3,
  },
);

export interface CsdStatement {
  command: string;
  text: LogicalText;
  /** Index in text just after the command word. */
  operandsFrom: number;
}

export function csdStatements(content: string, file: string, diagnostics: Diagnostics): CsdStatement[] {
  const lines = content.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const statements: { command: string; builder: LogicalTextBuilder; operandsFrom: number }[] = [];
  let current: (typeof statements)[number] | undefined;
  let continuingValue = false;

  lines.forEach((record, index) => {
    const line = index + 1;
    if (record.startsWith('*')) return;
    if (record.length > 80) {
      diagnostics.problem(
        { file, line, column: 81 },
        'record',
        'at most 80 columns (DFHCSDUP reads 80-column records)',
      );
      return;
    }
    const column72 = record[71] ?? ' ';
    // A value continued with '*' in column 72 runs through column 71, blanks included.
    const data = column72 === '*' ? record.slice(0, 71).padEnd(71) : record.slice(0, 71).replace(/\s+$/, '');
    if (column72 !== ' ' && column72 !== '*') {
      diagnostics.problem(
        { file, line, column: 72 },
        'column 72',
        "blank, or '*' to continue a value on the next record",
      );
    }
    if (continuingValue && current) {
      current.builder.append(data, file, line, 1);
    } else {
      const lead = data.length - data.trimStart().length;
      if (data.trim() === '') return;
      const first = /^[^\s(]+(?=\s|$)/.exec(data.slice(lead))?.[0];
      const command = first ? resolveKeyword(first, CSDUP_COMMANDS) : undefined;
      if (command) {
        current = { command, builder: new LogicalTextBuilder({ file, line, column: lead + 1 }), operandsFrom: 0 };
        current.builder.append(data.slice(lead), file, line, lead + 1);
        current.operandsFrom = (first as string).length;
        statements.push(current);
      } else if (current) {
        current.builder.separate();
        current.builder.append(data.slice(lead), file, line, lead + 1);
      } else {
        diagnostics.problem({ file, line, column: lead + 1 }, 'command', 'a DFHCSDUP command such as DEFINE');
      }
    }
    continuingValue = column72 === '*';
  });
  return statements.map((s) => ({ command: s.command, text: s.builder.build(), operandsFrom: s.operandsFrom }));
}
