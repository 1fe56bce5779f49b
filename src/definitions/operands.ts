/**
 * The operand syntax DFHCSDUP and the RACF commands share: KEYWORD, KEYWORD(value) and, for RACF, quoted
 * strings and nested KEYWORD(SUB(value) ...). A statement may span several physical lines, so it is kept
 * as a logical text in which every character remembers the line and column it was written at.
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';

export interface LogicalText {
  text: string;
  /** at[i] is where text[i] was written. */
  at: SourceLocation[];
  /** Just after the last character: where a missing closing parenthesis would have gone. */
  end: SourceLocation;
}

export class LogicalTextBuilder {
  private chars = '';
  private readonly at: SourceLocation[] = [];
  private end: SourceLocation;

  constructor(first: SourceLocation) {
    this.end = first;
  }

  /**
   * Appends text written on `line` starting at `column`; `columns`, when given, holds the column of each
   * character instead (text in which a symbol was replaced by its value).
   */
  append(text: string, file: string, line: number, column: number, columns?: readonly number[]): void {
    for (let i = 0; i < text.length; i++) {
      this.chars += text[i];
      this.at.push({ file, line, column: columns?.[i] ?? column + i });
    }
    const last = columns?.[text.length - 1];
    this.end = { file, line, column: last !== undefined ? last + 1 : column + text.length };
  }

  /** A blank between two physical lines of one statement. */
  separate(): void {
    this.chars += ' ';
    this.at.push(this.end);
  }

  get length(): number {
    return this.chars.length;
  }

  build(): LogicalText {
    return { text: this.chars, at: [...this.at], end: this.end };
  }
}

export function locationIn(text: LogicalText, index: number): SourceLocation {
  return text.at[index] ?? text.end;
}

export type Operand =
  | { kind: 'word'; text: string; at: SourceLocation }
  | { kind: 'quoted'; text: string; at: SourceLocation }
  | {
      kind: 'keyword';
      name: string;
      at: SourceLocation;
      /** Everything between the parentheses, trimmed (DFHCSDUP values). */
      raw: string;
      rawAt: SourceLocation;
      /** The parsed contents (RACF: words, quoted strings, nested keywords). */
      args: Operand[];
    };

export type OperandSyntax = 'csd' | 'racf';

const WORD_STOP = /[\s(),']/;

/**
 * Parses the operands of `text` from `start`. Anything unreadable is reported to `diagnostics` under
 * `statement`, never quoting the text itself (it may be a password).
 */
export function parseOperands(
  text: LogicalText,
  start: number,
  syntax: OperandSyntax,
  diagnostics: Diagnostics,
  statement: string,
): Operand[] {
  const parser = new OperandParser(text, syntax, diagnostics, statement);
  return parser.list(start, false).operands;
}

class OperandParser {
  constructor(
    private readonly text: LogicalText,
    private readonly syntax: OperandSyntax,
    private readonly diagnostics: Diagnostics,
    private readonly statement: string,
  ) {}

  /** Operands from i up to the end, or (nested) up to the closing parenthesis. */
  list(i: number, nested: boolean): { operands: Operand[]; next: number; closed: boolean } {
    const s = this.text.text;
    const operands: Operand[] = [];
    while (i < s.length) {
      const c = s[i] as string;
      if (/\s/.test(c) || (c === ',' && this.syntax === 'racf')) {
        i++;
      } else if (this.syntax === 'racf' && s.startsWith('/*', i)) {
        const end = s.indexOf('*/', i + 2);
        if (end < 0) {
          this.problem(i, `${this.statement}: comment`, "'*/' to end the comment opened here");
          return { operands, next: s.length, closed: false };
        }
        i = end + 2;
      } else if (c === ')') {
        if (nested) return { operands, next: i + 1, closed: true };
        this.problem(i, `${this.statement}: ')'`, 'an opening parenthesis before this closing one');
        i++;
      } else if (c === "'" && this.syntax === 'racf') {
        const quoted = this.quoted(i);
        if (!quoted) return { operands, next: s.length, closed: false };
        operands.push(quoted.operand);
        i = quoted.next;
      } else if (c === '(' && this.syntax === 'racf') {
        // RACF takes a list of positional values in parentheses: ADDUSER (ALICE BOB), PERMIT (CSMI ZCMI) ...
        const list = this.keyword('', i, i);
        if (!list) return { operands, next: s.length, closed: false };
        operands.push(list.operand);
        i = list.next;
      } else if (c === '(') {
        this.problem(i, `${this.statement}: '('`, 'a keyword before the opening parenthesis');
        const skipped = this.balanced(i);
        i = typeof skipped === 'number' ? skipped : s.length;
      } else {
        const word = this.word(i);
        if (word.text === '') {
          this.problem(i, `${this.statement}: '${c}'`, 'a keyword or KEYWORD(value)');
          i++;
          continue;
        }
        let j = word.next;
        while (j < s.length && s[j] === ' ') j++;
        if (s[j] === '(') {
          const keyword = this.keyword(word.text, i, j);
          if (!keyword) return { operands, next: s.length, closed: false };
          operands.push(keyword.operand);
          i = keyword.next;
        } else {
          operands.push({ kind: 'word', text: word.text, at: locationIn(this.text, i) });
          i = word.next;
        }
      }
    }
    return { operands, next: i, closed: false };
  }

  private word(i: number): { text: string; next: number } {
    const s = this.text.text;
    let j = i;
    const racf = this.syntax === 'racf';
    while (
      j < s.length &&
      !WORD_STOP.test(s[j] as string) &&
      !(!racf && s[j] === ',') &&
      !(racf && s.startsWith('/*', j))
    )
      j++;
    return { text: s.slice(i, j), next: j };
  }

  private keyword(name: string, nameAt: number, open: number): { operand: Operand; next: number } | undefined {
    const s = this.text.text;
    const close = this.balanced(open);
    if (typeof close !== 'number') {
      // "quoted string in PHRASE", not "PHRASE: quoted string": the masker reads a secret-named keyword
      // followed by a colon and a word as a secret and its value (support/redaction.ts), and would print
      // "PHRASE: [MASKED] string".
      const where = name.toUpperCase() || this.statement;
      if (close?.openQuote !== undefined)
        this.problem(close.openQuote, `quoted string in ${where}`, 'a closing apostrophe for the string opened here');
      else if (close?.openComment !== undefined)
        this.problem(close.openComment, `comment in ${where}`, "'*/' to end the comment opened here");
      else
        this.problem(
          open,
          name.toUpperCase() || `${this.statement}: '('`,
          'a closing parenthesis for the one opened here',
        );
      return undefined;
    }
    const inside = s.slice(open + 1, close - 1);
    const lead = inside.length - inside.trimStart().length;
    let args: Operand[] = [];
    if (this.syntax === 'racf') {
      const nested = this.list(open + 1, true);
      args = nested.operands;
    }
    return {
      operand: {
        kind: 'keyword',
        name,
        at: locationIn(this.text, nameAt),
        raw: inside.trim(),
        rawAt: locationIn(this.text, open + 1 + lead),
        args,
      },
      next: close,
    };
  }

  /** Index just after the parenthesis that closes the one at `open`; quotes and comments count only for RACF. */
  private balanced(open: number): number | { openQuote?: number; openComment?: number } | undefined {
    const s = this.text.text;
    let depth = 0;
    for (let i = open; i < s.length; i++) {
      const c = s[i];
      if (c === "'" && this.syntax === 'racf') {
        const end = this.quoteEnd(i);
        if (end === undefined) return { openQuote: i };
        i = end - 1;
      } else if (this.syntax === 'racf' && s.startsWith('/*', i)) {
        const end = s.indexOf('*/', i + 2);
        if (end < 0) return { openComment: i };
        i = end + 1;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
    }
    return undefined;
  }

  /** Index just after the closing apostrophe of the string opened at i ('' stands for one apostrophe). */
  private quoteEnd(i: number): number | undefined {
    const s = this.text.text;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] !== "'") continue;
      if (s[j + 1] === "'") {
        j++;
        continue;
      }
      return j + 1;
    }
    return undefined;
  }

  private quoted(i: number): { operand: Operand; next: number } | undefined {
    const end = this.quoteEnd(i);
    if (end === undefined) {
      this.problem(i, `quoted string in ${this.statement}`, 'a closing apostrophe for the string opened here');
      return undefined;
    }
    const text = this.text.text.slice(i + 1, end - 1).replace(/''/g, "'");
    return { operand: { kind: 'quoted', text, at: locationIn(this.text, i) }, next: end };
  }

  private problem(index: number, field: string, expected: string): void {
    this.diagnostics.problem(locationIn(this.text, index), field, expected);
  }
}

/** The text of a one-value operand: KEYWORD(value) or KEYWORD('value'). */
export function singleValue(operand: Operand): string | undefined {
  if (operand.kind !== 'keyword') return undefined;
  if (operand.args.length === 1) {
    const arg = operand.args[0] as Operand;
    if (arg.kind === 'word' || arg.kind === 'quoted') return arg.text;
  }
  return operand.args.length === 0 ? operand.raw : undefined;
}
