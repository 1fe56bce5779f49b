/**
 * Input records as the z/OS utilities read them: one record per line, each remembering the line it came
 * from. A record read from a JCL member's in-stream data keeps the member's line numbers, and when a
 * symbol was substituted in it, the column each character was written at.
 */
export interface InputRecord {
  line: number;
  text: string;
  /** columns[i] is the column text[i] was written at; absent when text[i] sits at column i + 1. */
  columns?: number[];
}

/** The records of a plain file: one per line, a final empty line (the file's last newline) dropped. */
export function recordsOf(content: string): InputRecord[] {
  const lines = content.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text, index) => ({ line: index + 1, text }));
}

/** The column text[index] was written at (just after the last character for an index past the end). */
export function columnAt(record: InputRecord, index: number): number {
  if (!record.columns) return index + 1;
  if (index < record.columns.length) return record.columns[index] as number;
  const last = record.columns[record.columns.length - 1];
  return last === undefined ? index + 1 : last + 1 + (index - record.columns.length);
}

/** The columns of text[from .. to), for a part of a record handed on to a parser. */
export function columnsOf(record: InputRecord, from: number, to: number): number[] {
  const columns: number[] = [];
  for (let i = from; i < to; i++) columns.push(columnAt(record, i));
  return columns;
}

/** A z/OS JCL member: its first record that is not blank starts with // (a JCL statement). */
export function looksLikeJcl(content: string): boolean {
  const first = /^[^\S\r\n]*\S.*$/m.exec(content)?.[0] ?? '';
  return first.startsWith('//');
}
