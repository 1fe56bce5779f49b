/**
 * One run's artifacts, whole or not at all. A run writes everything into a staging directory inside the
 * reports directory, seeded with what it carries over (the Allure history of its target kind, the other
 * kinds' summaries for the site), and only a finished run moves its set into place, entry by entry, with
 * renames. A run that fails, is interrupted or never settles leaves the previous set as it was; the caller
 * defers signals while `publish` runs (a few renames), so a signal cannot split a set either.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { HarnessInputError } from '../../support/errors';
import * as path from 'node:path';
import { reportPaths, type ReportPaths } from '../report/artifacts';

const STAGING_PREFIX = '.staging-';
/** An entry being replaced is renamed aside, beside itself (IPIC_ALLURE_RESULTS may be on another disk). */
const ASIDE = /\.replaced-\d+$/;
const aside = (entry: string) => `${entry}.replaced-${process.pid}`;

export interface Staging {
  /** Where this run writes: the same layout as the reports directory. */
  paths: ReportPaths;
  /** Moves each named artifact (an accessor of ReportPaths) into place; absent ones replace nothing. */
  publish(entries: readonly ((p: ReportPaths) => string)[]): void;
  discard(): void;
}

/** Removes what runs that died left behind. Call it only while holding the reports lock. */
export function removeLeftovers(reportsDir: string): void {
  for (const entry of safeList(reportsDir)) {
    if (entry.startsWith(STAGING_PREFIX) || ASIDE.test(entry))
      rmSync(path.join(reportsDir, entry), { recursive: true, force: true });
  }
}

export function createStaging(final: ReportPaths, kind: string): Staging {
  const dir = path.join(final.reportsDir, `${STAGING_PREFIX}${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const staged = reportPaths(dir, path.join(dir, 'allure-results'));
  copyIfPresent(final.allureHistory(kind), staged.allureHistory(kind));
  copyIfPresent(final.summaries, staged.summaries);
  return {
    paths: staged,
    publish(entries) {
      const replaced: string[] = [];
      for (const entry of entries) {
        const from = entry(staged);
        const to = entry(final);
        if (existsSync(to)) {
          renameSync(to, aside(to));
          replaced.push(aside(to));
        }
        if (existsSync(from)) moveInto(from, to);
      }
      for (const old of replaced) rmSync(old, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    },
    discard() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rename, or copy then rename where the destination is on another file system (IPIC_ALLURE_RESULTS). */
function moveInto(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const near = `${to}.incoming-${process.pid}`;
    cpSync(from, near, { recursive: true });
    renameSync(near, to);
  }
}

function copyIfPresent(from: string, to: string): void {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Checks, before any scenario runs, that the places outside the reports directory the set will be moved
 * to can take it: today only IPIC_ALLURE_RESULTS. Returns the problem, or undefined.
 */
export function publishingProblem(final: ReportPaths): HarnessInputError | undefined {
  const results = final.allureResults;
  if (path.resolve(path.dirname(results)) === path.resolve(final.reportsDir)) return undefined;
  try {
    mkdirSync(path.dirname(results), { recursive: true });
    if (existsSync(results) && !statSync(results).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new HarnessInputError('IPIC_ALLURE_RESULTS', results, `a directory the run can create and write (${code})`);
  }
}
