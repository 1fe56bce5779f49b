/**
 * One run at a time in a reports directory. Two runs writing one directory mix their artifacts (seen: an
 * Allure report with 148 of 240 results and a printed digest the file did not hold), so the second run
 * refuses at once and names the run that holds the directory.
 *
 * The lock is a file written whole under a temporary name and then hard-linked into place, which either
 * succeeds or fails with EEXIST: no reader ever sees half a lock. A lock whose process no longer runs on
 * this host is stale and is taken over.
 */
import { hostname } from 'node:os';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';

export const LOCK_FILE = '.ipic-run.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface ReportsLock {
  file: string;
  release(): void;
}

export function lockReports(reportsDir: string, command: string, now = new Date()): ReportsLock {
  try {
    mkdirSync(reportsDir, { recursive: true });
  } catch (error) {
    throw unwritable(reportsDir, error);
  }
  const file = path.join(reportsDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString(), command };
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, `${JSON.stringify(me)}\n`);
  } catch (error) {
    throw unwritable(reportsDir, error);
  }
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temporary, file);
        return { file, release: () => release(file) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(reportsDir, error);
      }
      const holder = readHolder(file);
      if (holder && !isStale(holder)) throw held(reportsDir, file, holder);
      rmSync(file, { force: true }); // stale: its run is gone; take the directory over
    }
    throw held(reportsDir, file, readHolder(file));
  } finally {
    rmSync(temporary, { force: true });
  }
}

function release(file: string): void {
  try {
    const holder = readHolder(file);
    if (holder?.pid === process.pid && holder.host === hostname()) unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return parsed as LockHolder;
  } catch {
    // Unreadable or not ours: treated as stale below only if it cannot be read at all.
  }
  return undefined;
}

function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false; // another machine's run on a shared disk: never assume
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function held(reportsDir: string, file: string, holder: LockHolder | undefined): HarnessInputError {
  const who = holder
    ? `run ${holder.pid} on ${holder.host}, started ${holder.startedAt} (${holder.command})`
    : 'another run';
  return new HarnessInputError(
    'IPIC_REPORTS_DIR',
    reportsDir,
    `a reports directory no other run is using: it is held by ${who}; wait for it to end, use another IPIC_REPORTS_DIR, or remove ${file} if that run is gone`,
  );
}

function unwritable(reportsDir: string, error: unknown): HarnessInputError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new HarnessInputError('IPIC_REPORTS_DIR', reportsDir, `a directory the run can create and write (${code})`);
}
