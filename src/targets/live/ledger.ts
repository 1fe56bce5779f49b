/**
 * What this run has spent on each account: bad-password attempts (RACF revokes after repeated failures,
 * so the harness never spends more than the inventory allows, default 1 per account per run) and how often
 * a user or connection was chosen (to spread use over equivalent accounts).
 */
import type { MatchUsage } from '../../inventory/match';
import type { InventorySite } from '../../inventory/schema';

export class RunLedger implements MatchUsage {
  private readonly badAttempts = new Map<string, number>();
  private readonly users = new Map<string, number>();
  private readonly connections = new Map<string, number>();

  constructor(private readonly defaultBudget: number) {}

  budgetOf(site: InventorySite, userid: string): number {
    return site.racf.users.find((u) => u.id === userid)?.badPasswordBudget ?? this.defaultBudget;
  }

  remainingBudget(site: InventorySite, userid: string): number {
    return this.budgetOf(site, userid) - (this.badAttempts.get(`${site.name}/${userid}`) ?? 0);
  }

  /** Records one bad-password attempt; false (and nothing recorded) when the budget is spent. */
  spend(site: InventorySite, userid: string): boolean {
    if (this.remainingBudget(site, userid) < 1) return false;
    const key = `${site.name}/${userid}`;
    this.badAttempts.set(key, (this.badAttempts.get(key) ?? 0) + 1);
    return true;
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
