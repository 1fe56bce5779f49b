/**
 * What this run has spent on each account: bad-password attempts (RACF revokes after repeated failures,
 * so the harness never spends more than the inventory allows, default 1 per account per run) and how often
 * a user or connection was chosen (to spread use over equivalent accounts).
 *
 * The attempts are kept in an AttemptBook: in memory, or, when the run's scenarios are spread over worker
 * processes (`--parallel N`), in a directory all the workers share (src/targets/live/attempt-book.ts), so
 * the budget holds for the run as a whole. How often a user or connection was chosen stays per process:
 * it only spreads the load, and never decides whether a request may be sent.
 */
import type { MatchUsage } from '../../inventory/match';
import type { InventorySite } from '../../inventory/schema';
import { MemoryAttemptBook, SharedAttemptBook, type AttemptBook } from './attempt-book';

export class RunLedger implements MatchUsage {
  private readonly badAttempts: AttemptBook;
  private readonly users = new Map<string, number>();
  private readonly connections = new Map<string, number>();

  /** `sharedDir`: the directory of a ledger shared with the run's other worker processes. */
  constructor(
    private readonly defaultBudget: number,
    sharedDir?: string,
  ) {
    this.badAttempts = sharedDir ? new SharedAttemptBook(sharedDir) : new MemoryAttemptBook();
  }

  budgetOf(site: InventorySite, userid: string): number {
    return site.racf.users.find((u) => u.id === userid)?.badPasswordBudget ?? this.defaultBudget;
  }

  remainingBudget(site: InventorySite, userid: string): number {
    const budget = this.budgetOf(site, userid);
    return budget - this.badAttempts.spent(`${site.name}/${userid}`, budget);
  }

  /** Records one bad-password attempt; false (and nothing recorded) when the budget is spent. */
  spend(site: InventorySite, userid: string): boolean {
    return this.badAttempts.take(`${site.name}/${userid}`, this.budgetOf(site, userid));
  }

  /**
   * One attempt on each account listed (an account listed twice, twice), all or none: the first account
   * whose budget is spent, with nothing recorded, or undefined when every attempt was recorded. Taking
   * each and giving back on failure, rather than checking first, keeps it right when other workers spend
   * on the same accounts between the check and the spending.
   */
  spendAll(site: InventorySite, userids: readonly string[]): string | undefined {
    const taken: string[] = [];
    for (const id of userids) {
      if (this.spend(site, id)) {
        taken.push(id);
        continue;
      }
      for (const back of taken) this.badAttempts.giveBack(`${site.name}/${back}`);
      return id;
    }
    return undefined;
  }

  userUse(site: string, userid: string): number {
    return this.users.get(`${site}/${userid}`) ?? 0;
  }

  connectionUse(site: string, server: string, connection: string): number {
    return this.connections.get(`${site}/${server}/${connection}`) ?? 0;
  }

  recordUse(site: string, server: string, connection: string, userids: Iterable<string>): void {
    const key = `${site}/${server}/${connection}`;
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1);
    for (const id of userids) this.users.set(`${site}/${id}`, this.userUse(site, id) + 1);
  }
}
