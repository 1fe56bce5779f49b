/**
 * RACF commands as they are kept for batch TSO (SYSTSIN) or a REXX exec: one command per line, continued
 * with a '-' (the next line follows as written) or a '+' (the next line follows from its first non-blank)
 * as the last character, and comments between slash-asterisk and asterisk-slash. Commands may be written
 * with their RACF short forms (AU, ALU, RDEF, PE, SETR, ...).
 *
 * TSO/E lets a comment that is the last thing on a line go without its closing asterisk-slash: the end of
 * the line ends it (z/OS TSO/E Command Reference, "Comments", to which the RACF System Programmer's Guide
 * defers for RACF commands:
 * https://www.ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.icha200/icha200222.htm).
 * So a comment never runs on into the next record; a continuation character still continues the command.
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { inStreamData } from './jcl';
import { columnAt, columnsOf, looksLikeJcl, recordsOf, type InputRecord } from './records';
import { LogicalTextBuilder, parseOperands, type LogicalText, type Operand } from './operands';

/** Command names and their RACF short forms. */
const ALIASES: Record<string, string> = {
  ADDUSER: 'ADDUSER',
  AU: 'ADDUSER',
  ALTUSER: 'ALTUSER',
  ALU: 'ALTUSER',
  DELUSER: 'DELUSER',
  DU: 'DELUSER',
  ADDGROUP: 'ADDGROUP',
  AG: 'ADDGROUP',
  CONNECT: 'CONNECT',
  CO: 'CONNECT',
  REMOVE: 'REMOVE',
  RE: 'REMOVE',
  RDEFINE: 'RDEFINE',
  RDEF: 'RDEFINE',
  RDEFIN: 'RDEFINE',
  RALTER: 'RALTER',
  RALT: 'RALTER',
  RDELETE: 'RDELETE',
  RDEL: 'RDELETE',
  PERMIT: 'PERMIT',
  PE: 'PERMIT',
  SETROPTS: 'SETROPTS',
  SETR: 'SETROPTS',
  RACDCERT: 'RACDCERT',
  RACMAP: 'RACMAP',
};

/** RACF and TSO commands that may sit in the same batch but say nothing about IPIC security. */
const IRRELEVANT = [
  'ADDSD',
  'AD',
  'ALTDSD',
  'ALD',
  'DELDSD',
  'DD',
  'LISTDSD',
  'LD',
  'LISTUSER',
  'LU',
  'LISTGRP',
  'LG',
  'ALTGROUP',
  'ALG',
  'DELGROUP',
  'DG',
  'RLIST',
  'RL',
  'SEARCH',
  'SR',
  'PASSWORD',
  'PW',
  'RVARY',
  'RACLINK',
  'RACPRIV',
  'RACLINK',
  'PROFILE',
  'LISTCAT',
  'ALLOCATE',
  'ALLOC',
  'FREE',
  'END',
  'TIME',
];

export interface RacfCommand {
  command: string;
  at: SourceLocation;
  operands: Operand[];
}

/**
 * Whether a line leaves a comment open at its end, and whether it ends inside a quoted string (which may
 * go on in the next record of a continued command). '' inside quotes stands for one apostrophe.
 */
function scanLine(text: string, inQuote: boolean): { openComment: boolean; inQuote: boolean } {
  for (let i = 0; i < text.length; i++) {
    if (inQuote) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") i++;
        else inQuote = false;
      }
    } else if (text[i] === "'") inQuote = true;
    else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { openComment: true, inQuote: false };
      i = end + 1;
    }
  }
  return { openComment: false, inQuote };
}

/**
 * The records of a RACF command file: one command per line as kept for batch TSO, or the in-stream
 * SYSTSIN of a JCL member's batch TSO steps (IKJEFT01, IKJEFT1A, IKJEFT1B), each record keeping its line.
 */
function racfRecords(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  symbols?: Readonly<Record<string, string>>,
): InputRecord[] {
  return looksLikeJcl(content)
    ? inStreamData(content, file, diagnostics, {
        programs: ['IKJEFT01', 'IKJEFT1A', 'IKJEFT1B'],
        ddnames: ['SYSTSIN'],
        ...(symbols ? { symbols } : {}),
        describe: 'RACF commands',
      })
    : recordsOf(content);
}

export function racfCommands(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  symbols?: Readonly<Record<string, string>>,
): RacfCommand[] {
  const texts: LogicalText[] = [];
  let builder: LogicalTextBuilder | undefined;
  let stripLead = false;
  let inQuote = false;
  for (const input of racfRecords(content, file, diagnostics, symbols)) {
    const { line, text: record } = input;
    const trimmedEnd = record.replace(/\s+$/, '');
    const continued = /[-+]$/.test(trimmedEnd);
    const body = continued ? trimmedEnd.slice(0, -1) : trimmedEnd;
    let lead: number;
    if (!builder) {
      if (body.trim() === '') continue;
      lead = body.length - body.trimStart().length;
      builder = new LogicalTextBuilder({ file, line, column: columnAt(input, lead) });
    } else lead = stripLead ? body.length - body.trimStart().length : 0;
    const columns = input.columns ? columnsOf(input, lead, body.length) : undefined;
    builder.append(body.slice(lead), file, line, columnAt(input, lead), columns);
    const scan = scanLine(body.slice(lead), inQuote);
    inQuote = scan.inQuote;
    // The comment left open ends here: close it where the line ends.
    if (scan.openComment) builder.append('*/', file, line, columnAt(input, body.length));
    stripLead = trimmedEnd.endsWith('+');
    if (!continued) {
      texts.push(builder.build());
      builder = undefined;
      inQuote = false;
    }
  }
  if (builder) texts.push(builder.build());

  const commands: RacfCommand[] = [];
  for (const text of texts) {
    const match = /^\s*([A-Za-z]+)(?=[\s(]|$)/.exec(text.text);
    const at = text.at[0] ?? text.end;
    if (/^\s*\/\*/.test(text.text)) {
      const before = diagnostics.problems.length;
      const rest = parseOperands(text, 0, 'racf', diagnostics, 'comment');
      if (diagnostics.problems.length === before && rest.length > 0) {
        diagnostics.problem(rest[0]?.at ?? at, 'command', 'a RACF command on a line of its own, not after a comment');
      }
      continue;
    }
    const word = match?.[1]?.toUpperCase();
    if (!word) {
      diagnostics.problem(at, 'command', 'a RACF command such as ADDUSER, PERMIT or RACDCERT');
      continue;
    }
    const command = ALIASES[word];
    if (!command) {
      if (IRRELEVANT.includes(word)) diagnostics.skip(at, `RACF ${word}`);
      else
        diagnostics.problem(
          at,
          word,
          'a RACF command (ADDUSER, ALTUSER, ADDGROUP, CONNECT, RDEFINE, RALTER, PERMIT, SETROPTS, RACDCERT, RACMAP, ...)',
        );
      continue;
    }
    const before = diagnostics.problems.length;
    const operands = parseOperands(text, (match?.index ?? 0) + (match?.[0].length ?? 0), 'racf', diagnostics, command);
    if (diagnostics.problems.length === before) commands.push({ command, at, operands });
  }
  return commands;
}
