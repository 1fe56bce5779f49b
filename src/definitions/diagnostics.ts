/**
 * What a parser could not read (problems: the run stops with exit code 2) and what it read but chose to
 * skip as irrelevant to IPIC security (warnings). Both carry file, line and column.
 *
 * Messages name keywords and positions, never the text of a value that could be a secret: a parser that
 * fails on PASSWORD(...) says where, not what.
 */
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

  problem(at: SourceLocation, field: string, expected: string): void {
    this.problems.push({ at, field, expected });
  }

  warn(at: SourceLocation, message: string): void {
    this.warnings.push({ at, message });
  }

  /** Stops here when anything could not be read. */
  throwIfProblems(): void {
    if (this.problems.length > 0) throw new DefinitionsError([...this.problems]);
  }
}
