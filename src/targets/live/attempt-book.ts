/**
 * Where a run keeps count of the bad-password attempts it has spent on each account (src/targets/live/
 * ledger.ts). In one process a map is enough. With `--parallel N`, cucumber runs the scenarios in N worker
 * processes, each with its own live target, and the budget is per account per run, not per worker: four
 * workers keeping four maps could spend four times the attempts RACF allows before it revokes the user.
 *
 * The shared book is a directory (in the run's staging directory): attempt n on an account is a file
 * named after the account and n, created exclusively (O_EXCL). The file system grants each name to one
 * process only, so N processes together can never create more than `budget` attempts for an account, with
 * no lock to take or to leave behind when a worker dies.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';

export interface AttemptBook {
  /** Attempts spent on the account so far (at most `budget`). */
  spent(account: string, budget: number): number;
  /** Takes one attempt; false (and nothing taken) when all `budget` are spent. */
  take(account: string, budget: number): boolean;
  /** Gives back one attempt this process took and did not use. */
  giveBack(account: string): void;
}

export class MemoryAttemptBook implements AttemptBook {
  private readonly counts = new Map<string, number>();

  spent(account: string): number {
    return this.counts.get(account) ?? 0;
  }

  take(account: string, budget: number): boolean {
    const spent = this.spent(account);
    if (spent >= budget) return false;
    this.counts.set(account, spent + 1);
    return true;
  }

  giveBack(account: string): void {
    this.counts.set(account, Math.max(0, this.spent(account) - 1));
  }
}

export class SharedAttemptBook implements AttemptBook {
  /** The attempt files this process created, by account, so it gives back only its own. */
  private readonly taken = new Map<string, string[]>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  spent(account: string, budget: number): number {
    let spent = 0;
    for (let n = 1; n <= budget; n++) if (existsSync(this.file(account, n))) spent++;
    return spent;
  }

  take(account: string, budget: number): boolean {
    for (let n = 1; n <= budget; n++) {
      const file = this.file(account, n);
      try {
        closeSync(openSync(file, 'wx'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw new Error(`the shared bad-password ledger ${this.dir} cannot be written (${describe(error)})`);
      }
      const mine = this.taken.get(account) ?? [];
      mine.push(file);
      this.taken.set(account, mine);
      return true;
    }
    return false;
  }

  giveBack(account: string): void {
    const file = this.taken.get(account)?.pop();
    if (file) unlinkSync(file);
  }

  /** Account names hold site names and user IDs: hashed, so that any name makes a safe file name. */
  private file(account: string, n: number): string {
    return path.join(this.dir, `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.${n}`);
  }
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
