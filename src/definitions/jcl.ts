/**
 * In-stream data sets of a JCL member: the DFHCSDUP commands under `//SYSIN DD *`, the RACF commands
 * under `//SYSTSIN DD *` of a batch TSO step, the SIT overrides under DFHSIP's SYSIN. Sites keep their
 * definitions in such members, so the audit reads them where they are, each record keeping its line in
 * the member.
 *
 * What z/OS does, restated from the z/OS MVS JCL Reference and User's Guide:
 * - `DD *` data ends at a record starting with `/*` or `//` (the next JCL statement); `DD DATA` data
 *   ends only at `/*`, so it may hold `//` records
 *   (https://www.ibm.com/docs/en/zos/2.1.0?topic=appc-entering-data-through-input-stream,
 *   https://www.ibm.com/support/knowledgecenter/SSLTBW_2.1.0/com.ibm.zos.v2r1.ieab600/xdddata.htm);
 * - `DLM=xx` replaces `/*` by the two characters xx; under JES2 a `//` record still ends `DD *,DLM=xx`
 *   data, never `DD DATA,DLM=xx` data (https://ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.ieab600/xdddlm.htm);
 * - JES substitutes symbols (`&NAME.` or `&NAME`) in in-stream data only when the DD statement has a
 *   SYMBOLS= keyword; without it the program reads the ampersands as written
 *   (https://ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.ieab600/jclsymstr.htm).
 *
 * What the audit does with symbols: a symbol is given its value from the site manifest (`symbols:` in
 * site.yaml) or, failing that, from a `// SET` statement earlier in the member; a symbol with no value is
 * a problem at its file, line and column. Values are used whether or not the DD has SYMBOLS= (a member is
 * often a template that a tool tailors before submitting it), with a warning when it has not. Columns
 * are judged where they were written in the member: the characters of a value count as standing where
 * the ampersand stood, so a column-72 continuation keeps its meaning.
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { columnAt, recordsOf, type InputRecord } from './records';

export interface InStreamOptions {
  /** Programs (EXEC PGM=) whose steps are read, e.g. ['DFHCSDUP'], or ['IKJEFT01', 'IKJEFT1A', 'IKJEFT1B']. */
  programs: readonly string[];
  /** DD names read in those steps, e.g. ['SYSIN'] or ['SYSTSIN']. */
  ddnames: readonly string[];
  /** Symbol values from the site manifest; they win over `// SET` statements in the member. */
  symbols?: Readonly<Record<string, string>>;
  /** What the data is, for messages, e.g. "DFHCSDUP commands". */
  describe?: string;
}

interface Statement {
  name: string;
  operation: string;
  operands: string;
  at: SourceLocation;
  /** Index of the first record after the statement and its continuations. */
  next: number;
}

/**
 * The records of every in-stream data set named by `options` in `content`, in order, with their lines
 * in the member. Anything that keeps the audit from reading the data is a problem in `diagnostics`.
 */
export function inStreamData(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  options: InStreamOptions,
): InputRecord[] {
  const records = recordsOf(content);
  const set: Record<string, string> = {};
  const out: InputRecord[] = [];
  const wanted = (program: string | undefined) => program !== undefined && options.programs.includes(program);
  let step: { program?: string; at: SourceLocation } | undefined;
  let ddname = '';
  const deferredTo = new Set<string>();
  let found = false;
  let i = 0;
  while (i < records.length) {
    const record = records[i] as InputRecord;
    if (!record.text.startsWith('//') || record.text.startsWith('//*')) {
      // Comments, JES2 control statements (/*JOBPARM), and delimiters outside any data: nothing to read.
      i++;
      continue;
    }
    const statement = readStatement(records, i, file);
    i = statement.next;
    const operands = splitOperands(statement.operands);
    if (statement.operation === 'EXEC') {
      const program = operands.keywords.PGM?.toUpperCase();
      step = { ...(program ? { program } : {}), at: statement.at };
      if (!program)
        diagnostics.skip(statement.at, 'JCL EXEC of a procedure', 'in-stream data is read only in EXEC PGM= steps');
      ddname = '';
      deferredTo.clear();
      continue;
    }
    if (statement.operation === 'SET') {
      // A SET value may use symbols set before it (SET STCGROUP=&ADMINGRP.).
      const known = { ...set, ...(options.symbols ?? {}) };
      for (const [name, value] of Object.entries(operands.keywords)) set[name] = resolveSymbols(value, known);
      continue;
    }
    if (statement.operation !== 'DD') continue;
    // An unnamed DD continues the concatenation of the DD before it.
    if (statement.name !== '') ddname = statement.name.toUpperCase();
    const inStream = operands.positional[0] === '*' || operands.positional[0]?.toUpperCase() === 'DATA';
    const named = options.ddnames.includes(ddname) || deferredTo.has(ddname);
    const relevant = wanted(step?.program) && named && !ddname.includes('.');
    // DDNAME=X postpones the definition: the DD named X later in the step supplies the data
    // (SYSTSIN DD DDNAME=&PRODUCT, then RACF DD DATA: the step reads the RACF DD's records).
    if (relevant && operands.keywords.DDNAME !== undefined) {
      deferredTo.add(resolveSymbols(operands.keywords.DDNAME, { ...set, ...(options.symbols ?? {}) }).toUpperCase());
      continue;
    }
    if (!inStream) {
      if (relevant)
        diagnostics.problem(
          statement.at,
          `${ddname} DD`,
          `in-stream data (DD * or DD DATA): this DD names a data set the audit cannot read; give its ${options.describe ?? 'records'} as a file in site.yaml`,
        );
      continue;
    }
    const data = dataRecords(records, i, operands);
    i = data.next;
    if (!relevant) {
      if (data.records.length > 0)
        diagnostics.skip(
          statement.at,
          'JCL in-stream data of other steps or DD names',
          'not input to the program read here',
        );
      continue;
    }
    found = true;
    const symbols = { ...set, ...(options.symbols ?? {}) };
    let substituted = false;
    for (const r of data.records) {
      const result = substitute(r, file, symbols, diagnostics);
      substituted ||= result !== r;
      out.push(result);
    }
    if (substituted && operands.keywords.SYMBOLS === undefined)
      diagnostics.warn(
        statement.at,
        `${ddname} DD has no SYMBOLS= keyword, so z/OS would pass its ampersands unchanged: the symbol values given are used as if the member had been tailored before it was submitted`,
      );
  }
  if (!found)
    diagnostics.problem(
      { file, line: 1, column: 1 },
      'JCL member',
      `a step EXEC PGM=${options.programs.join(' or ')} with ${options.ddnames.join(' or ')} DD * or DD DATA in-stream data`,
    );
  return out;
}

/** A JCL statement (name, operation, operand field) and its continuation records. */
function readStatement(records: InputRecord[], start: number, file: string): Statement {
  const first = (records[start] as InputRecord).text.slice(0, 71);
  const match = /^\/\/(\S*)\s+(\S+)\s*(.*)$/.exec(first);
  const name = match?.[1] ?? '';
  const operation = (match?.[2] ?? '').toUpperCase();
  let operands = operandField(match?.[3] ?? '');
  let next = start + 1;
  // A statement whose operand field ends with a comma goes on in the next // record (blank in column 3).
  while (operands.endsWith(',') && next < records.length) {
    const text = (records[next] as InputRecord).text.slice(0, 71);
    if (!/^\/\/\s/.test(text) || text.startsWith('//*')) break;
    operands += operandField(text.slice(2).trimStart());
    next++;
  }
  return { name, operation, operands, at: { file, line: (records[start] as InputRecord).line, column: 1 }, next };
}

/** The operand field: up to the first blank outside apostrophes (what follows is a comment). */
function operandField(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (!quoted && /\s/.test(text[i] as string)) return text.slice(0, i);
  }
  return text;
}

/** Positional operands and KEYWORD=value operands (upper-case keywords; apostrophes removed from values). */
function splitOperands(field: string): { positional: string[]; keywords: Record<string, string> } {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= field.length; i++) {
    const c = field[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if ((c === undefined || (c === ',' && depth === 0)) && !quoted) {
      parts.push(field.slice(start, i));
      start = i + 1;
    }
  }
  const positional: string[] = [];
  const keywords: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0 && /^[A-Za-z][A-Za-z0-9]*$/.test(part.slice(0, eq)))
      keywords[part.slice(0, eq).toUpperCase()] = unquote(part.slice(eq + 1));
    else if (Object.keys(keywords).length === 0) positional.push(part);
  }
  return { positional, keywords };
}

function unquote(value: string): string {
  return /^'.*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : value;
}

/** The data records after a DD * or DD DATA statement, and the index of the record that ended them. */
function dataRecords(
  records: InputRecord[],
  start: number,
  operands: ReturnType<typeof splitOperands>,
): { records: InputRecord[]; next: number } {
  const data = operands.positional[0]?.toUpperCase() === 'DATA';
  const delimiter = operands.keywords.DLM ?? '/*';
  const out: InputRecord[] = [];
  let i = start;
  for (; i < records.length; i++) {
    const text = (records[i] as InputRecord).text;
    if (text.startsWith(delimiter)) return { records: out, next: i + 1 };
    // DD * data also ends at the next JCL statement (JES2), which is then read as a statement.
    if (!data && text.startsWith('//')) return { records: out, next: i };
    out.push(records[i] as InputRecord);
  }
  return { records: out, next: i };
}

const SYMBOL = /&([A-Z@#$][A-Z0-9@#$]{0,7})(\.?)/g;

/** The record with its symbols replaced by their values; each unknown symbol is a problem where it stands. */
function substitute(
  record: InputRecord,
  file: string,
  symbols: Record<string, string>,
  diagnostics: Diagnostics,
): InputRecord {
  if (!record.text.includes('&')) return record;
  let text = '';
  const columns: number[] = [];
  let from = 0;
  let changed = false;
  for (const match of record.text.matchAll(SYMBOL)) {
    const at = match.index;
    // && stands for an ampersand, never a symbol.
    if (at > 0 && record.text[at - 1] === '&') continue;
    const name = match[1] as string;
    const value = symbols[name];
    if (value === undefined) {
      diagnostics.problem(
        { file, line: record.line, column: columnAt(record, at) },
        `symbol &${name}.`,
        `a value for ${name}: under symbols: in site.yaml, or a // SET ${name}=value statement before this step`,
      );
      continue;
    }
    for (let i = from; i < at; i++) {
      text += record.text[i];
      columns.push(columnAt(record, i));
    }
    for (const c of value) {
      text += c;
      columns.push(columnAt(record, at));
    }
    from = at + match[0].length;
    changed = true;
  }
  if (!changed) return record;
  for (let i = from; i < record.text.length; i++) {
    text += record.text[i];
    columns.push(columnAt(record, i));
  }
  return { line: record.line, text, columns };
}

/** A JCL value with the symbols known so far put in; unknown ones stay as written. */
function resolveSymbols(value: string, symbols: Record<string, string>): string {
  return value.replace(SYMBOL, (whole: string, name: string) => symbols[name] ?? whole);
}
