/**
 * IPIC_TARGET=live: the same features against a real deployment described by a site inventory
 * (IPIC_INVENTORY). The target knows only what the inventory declares; it never changes a definition, and
 * it declines (not applicable, with the reason) what the inventory cannot offer.
 */
import type { Arrangement, NotApplicable, Situation, Target } from '../../../support/target-port';
import type { LoadedInventory } from '../../inventory/load';
import { matchSituation } from '../../inventory/match';
import type { InventoryServer } from '../../inventory/schema';
import { JwtMinter } from './jwt';
import { RunLedger } from './ledger';
import { LiveArrangement, type LiveContext } from './live-arrangement';

/** `ledgerDir`: the bad-password ledger shared by the run's worker processes (`--parallel N`). */
export function createLiveTarget(loaded: LoadedInventory, ledgerDir?: string): Target {
  const ledger = new RunLedger(loaded.inventory.limits.badPasswordAttemptsPerAccount, ledgerDir);
  const minters = new Map<InventoryServer, JwtMinter>();
  const ctx: LiveContext = {
    loaded,
    ledger,
    minterFor(server) {
      const key = server.jwt ? loaded.secrets.get(server.jwt) : undefined;
      if (!server.jwt || key === undefined) return undefined;
      let minter = minters.get(server);
      if (!minter) minters.set(server, (minter = new JwtMinter(server.jwt, key)));
      return minter;
    },
  };
  const inventory = loaded.inventory;
  return {
    describe: () => ({
      kind: 'live',
      identity: inventory.description ?? loaded.file,
      options: {
        inventory: loaded.file,
        sites: inventory.sites.map((s) => s.name).join(', '),
        ...prefixed(inventory.readings),
      },
    }),
    arrange: async (situation) => arrangeLive(ctx, situation),
  };
}

function arrangeLive(ctx: LiveContext, situation: Situation): Arrangement | NotApplicable {
  const readings = ctx.loaded.inventory.readings as Record<string, string>;
  for (const [name, assumed] of Object.entries(situation.assumptions)) {
    const declared = readings[name];
    if (declared !== undefined && declared !== assumed) {
      return {
        notApplicable: `the scenario assumes ${name}=${assumed}; the inventory declares that this site behaves as ${name}=${declared}`,
      };
    }
  }
  const match = matchSituation(ctx.loaded, situation, ctx.ledger);
  if ('notApplicable' in match) return match;
  const { site, first } = match;
  ctx.ledger.recordUse(site.name, first.server.name, first.connection.id, new Set(match.bindings.values()));
  return new LiveArrangement(ctx, match, situation);
}

function prefixed(readings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(readings).map(([k, v]) => [`reading ${k}`, v]));
}
