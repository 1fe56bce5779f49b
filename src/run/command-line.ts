/**
 * The runner's command line: the scenario selection passed on to cucumber (--tags, --name, feature paths
 * with optional :line), the rules that must be verified (--require EXPR, --require-file FILE),
 * --record-subset, and --parallel N (the scenarios spread over N cucumber worker processes). Everything
 * is checked here, before any scenario runs, and every problem is reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import parseTagExpression from '@cucumber/tag-expressions';
import { HarnessInputError } from '../../support/errors';
import { HarnessInputErrors } from '../../support/settings';
import type { Summary } from '../report/summary-schema';
import { displayPath } from '../report/run-metadata';

export interface Requirement {
  /** A cucumber tag expression over each rule's tags (@R14, @area:bind, @severity:critical). */
  expression: string;
  /** Where it was given: "--require" or "file:line". */
  from: string;
}

export interface RunOptions {
  /** What cucumber's loadConfiguration is given (tags, name); paths are set on the run configuration. */
  provided: { tags?: string; name?: string[] };
  paths: string[];
  selection: Summary['inputs']['selection'];
  /** True when --tags, --name or feature paths narrowed the run. */
  subset: boolean;
  requirements: Requirement[];
  /** A subset run replaces the target kind's record on the site only when asked. */
  recordSubset: boolean;
  /** The audit workflow (src/run/audit-inputs.ts reads the files): --waivers, --baseline, --fail-on. */
  waiversFile?: string;
  baselineFile?: string;
  failOn: 'any' | 'regressions';
  /** Cucumber worker processes (--parallel N); 0 runs every scenario in this process. */
  parallel: number;
}

export const USAGE =
  'one of --tags EXPR, --name TEXT, feature paths (file.feature[:line]), --require EXPR, --require-file FILE, --record-subset, --waivers FILE, --baseline FILE, --fail-on any|regressions, --parallel N';

export function parseCommandLine(argv: readonly string[]): RunOptions {
  const problems: HarnessInputError[] = [];
  const selection: RunOptions['selection'] = { tags: null, names: [], paths: [] };
  const paths: string[] = [];
  const requirements: Requirement[] = [];
  let recordSubset = false;
  const audit: Pick<RunOptions, 'waiversFile' | 'baselineFile' | 'failOn'> = { failOn: 'any' };
  let parallel = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string | undefined => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) {
        problems.push(new HarnessInputError('command line', arg, 'a value after it'));
        return undefined;
      }
      i++;
      // An empty tag expression matches every scenario and an empty name every name: `--tags "$UNSET"` would
      // quietly run everything, labelled a subset.
      if (v.trim() === '') {
        problems.push(new HarnessInputError('command line', arg, 'a value after it (it is empty)'));
        return undefined;
      }
      return v;
    };
    if (arg === '--tags') {
      const v = value();
      if (v !== undefined && checkTagExpression(v, 'command line', '--tags', problems)) selection.tags = v;
    } else if (arg === '--name') {
      const v = value();
      if (v !== undefined) selection.names.push(v);
    } else if (arg === '--require') {
      const v = value();
      if (v !== undefined && checkTagExpression(v, 'command line', '--require', problems))
        requirements.push({ expression: v, from: '--require' });
    } else if (arg === '--require-file') {
      const v = value();
      if (v !== undefined) requirements.push(...readRequirementsFile(v, problems));
    } else if (arg === '--record-subset') recordSubset = true;
    else if (arg === '--waivers' || arg === '--baseline') {
      const v = value();
      if (v !== undefined) audit[arg === '--waivers' ? 'waiversFile' : 'baselineFile'] = v;
    } else if (arg === '--fail-on') {
      const v = value();
      if (v === 'any' || v === 'regressions') audit.failOn = v;
      else if (v !== undefined) problems.push(new HarnessInputError('command line', '--fail-on', 'any or regressions'));
    } else if (arg === '--parallel') {
      const v = value();
      if (v !== undefined && /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 64)
        parallel = Number(v) > 1 ? Number(v) : 0;
      else if (v !== undefined)
        problems.push(new HarnessInputError('command line', '--parallel', 'a whole number of workers from 1 to 64'));
    } else if (arg.endsWith('.feature') || arg.includes('.feature:')) {
      const file = arg.replace(/(:\d+)+$/, '');
      if (!existsSync(file)) problems.push(new HarnessInputError('command line', arg, `an existing feature file`));
      else paths.push(arg);
    } else problems.push(new HarnessInputError('command line', arg, USAGE));
  }
  if (audit.failOn === 'regressions' && audit.baselineFile === undefined)
    problems.push(new HarnessInputError('command line', '--fail-on regressions', 'a --baseline to compare with'));
  if (problems.length > 0) throw new HarnessInputErrors(problems);
  const provided: RunOptions['provided'] = {};
  if (selection.tags !== null) provided.tags = selection.tags;
  if (selection.names.length) provided.name = [...selection.names];
  selection.names.sort();
  selection.paths = paths.map((p) => displayPath(p)).sort();
  const subset = selection.tags !== null || selection.names.length > 0 || paths.length > 0;
  return { provided, paths, selection, subset, requirements, recordSubset, ...audit, parallel };
}

function checkTagExpression(expression: string, source: string, field: string, problems: HarnessInputError[]) {
  try {
    parseTagExpression(expression);
    return true;
  } catch (error) {
    problems.push(new HarnessInputError(source, field, `a cucumber tag expression (${(error as Error).message})`));
    return false;
  }
}

/** One tag expression a line; blank lines and lines starting with # are skipped. */
function readRequirementsFile(file: string, problems: HarnessInputError[]): Requirement[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(new HarnessInputError('--require-file', file, `a readable file (${code})`));
    return [];
  }
  const found: Requirement[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const from = `${displayPath(file)}:${i + 1}`;
    if (checkTagExpression(line, from, 'required rules', problems)) found.push({ expression: line, from });
  });
  if (found.length === 0 && problems.length === 0)
    problems.push(new HarnessInputError('--require-file', file, 'at least one tag expression'));
  return found;
}
