/**
 * What a parser could not read (problems: the run stops with exit code 2) and what it read but chose to
 * skip as irrelevant to IPIC security (warnings). Both carry file, line and column.
 *
 * Messages name keywords and positions, never the text of a value that could be a secret: a parser that
 * fails on PASSWORD(...) says where, not what.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';
import { formatLocation, type SourceLocation } from '../../support/definitions-port';

export interface Problem {
  at: SourceLocation;
  /** The keyword, attribute or statement concerned. */
  field: string;
  /** What the parser expected there. */
  expected: string;
}

export interface Warning {
  at: SourceLocation;
  message: string;
}

/**
 * Statements read and set aside because they say nothing about IPIC security (a DEFINE PROGRAM, an
 * ADDSD, a <httpEndpoint>): one count per kind, with the first place it was seen, instead of one
 * warning line each (a real CSD has tens of thousands of them).
 */
export interface SkipCount {
  /** What was skipped, e.g. "DEFINE PROGRAM" or "RACF ADDSD". */
  kind: string;
  count: number;
  first: SourceLocation;
  /** Why such statements are skipped. */
  reason: string;
}

/** A file named where a missing one is allowed (an optional include), and why it was not read. */
export interface NotFound {
  at: SourceLocation;
  location: string;
  message: string;
}

/** A definitions file the audit read: what an auditor needs to show which bytes the findings rest on. */
export interface FileRead {
  /** As shown in every location (relative to the working directory when below it). */
  file: string;
  sha256: string;
  bytes: number;
}

/** A file as it is named in every location: relative to the working directory when it lies below it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative.split(path.sep).join('/')
    : file;
}

export function location(file: string, line: number, column: number): SourceLocation {
  return { file, line, column };
}

export function describeProblem(problem: Problem): string {
  return `${formatLocation(problem.at)}: ${problem.field}: expected ${problem.expected}`;
}

export function describeWarning(warning: Warning): string {
  return `warning: ${formatLocation(warning.at)}: ${warning.message}`;
}

export function describeSkip(skip: SkipCount): string {
  const times = skip.count === 1 ? 'once' : `${skip.count} times`;
  return `skipped: ${skip.kind}, ${times} (first at ${formatLocation(skip.first)}): ${skip.reason}`;
}

/** Every problem of a set of definitions, in one error; the first one is also its source and field. */
export class DefinitionsError extends HarnessInputError {
  constructor(readonly problems: Problem[]) {
    const first = problems[0] as Problem;
    super(formatLocation(first.at), first.field, first.expected);
    this.name = 'DefinitionsError';
    this.message = problems.map(describeProblem).join('\n');
  }
}

export class Diagnostics {
  readonly problems: Problem[] = [];
  readonly warnings: Warning[] = [];
  private readonly skips = new Map<string, SkipCount>();
  private readonly files = new Map<string, FileRead>();
  /** Files named (an optional include, a dropped-in directory) but not found. */
  readonly notFound: NotFound[] = [];

  problem(at: SourceLocation, field: string, expected: string): void {
    this.problems.push({ at, field, expected });
  }

  warn(at: SourceLocation, message: string): void {
    this.warnings.push({ at, message });
  }

  /** A statement set aside as irrelevant: counted by kind, never a line of its own. */
  skip(at: SourceLocation, kind: string, reason = 'not relevant to IPIC security'): void {
    const known = this.skips.get(kind);
    if (known) known.count++;
    else this.skips.set(kind, { kind, count: 1, first: at, reason });
  }

  /** The skip counts, by kind in the order first seen. */
  get skipped(): SkipCount[] {
    return [...this.skips.values()];
  }

  /**
   * Reads a definitions file (UTF-8) and records its digest; undefined when it cannot be read (the caller
   * says whether that is a problem or, for an optional include, a warning).
   */
  readFile(full: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch {
      return undefined;
    }
    const file = displayPath(full);
    if (!this.files.has(file))
      this.files.set(file, { file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    return bytes.toString('utf8');
  }

  /** A file named where an optional one may be missing: a warning, and remembered for "nothing was read". */
  fileNotFound(at: SourceLocation, location: string, message: string): void {
    this.notFound.push({ at, location, message });
    this.warn(at, message);
  }

  /** Every file read, in the order first read. */
  get filesRead(): FileRead[] {
    return [...this.files.values()];
  }

  /** Stops here when anything could not be read. */
  throwIfProblems(): void {
    if (this.problems.length > 0) throw new DefinitionsError([...this.problems]);
  }
}
