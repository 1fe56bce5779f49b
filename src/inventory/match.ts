/**
 * Finds what a scenario's Situation needs in an inventory: a z/OS Connect connection element (and a second
 * one when the scenario uses two), the definitions behind it, and a real user ID for every alias. Every
 * field the Situation states must match what the inventory declares. Unstated facts that would change the
 * outcome must still be the default (a usable user who may attach the mirror: match-users.ts); an unstated
 * authData or a SECURITYNAME that changes whom requests run as or who is checked bars only requests, so
 * such a connection serves a scenario that only acquires it (match-connection.ts, forRequests). Other
 * unstated fields are don't-care, but among fitting candidates the one closest to the documented defaults
 * wins (fewest deviations), then the one this run has used least, then declaration order; with
 * `matching.unconstrained: require-defaults` a deviation disqualifies. With no fit, the reason names the
 * closest candidate and how it differs.
 */
import { DEFAULT_USER, REGION_USER, type Alias, type Situation } from '../../support/target-port';
import { passwordPhraseKey, type LoadedInventory } from './load';
import { bindAliases, type UserContext } from './match-users';
import { connectionFit, resolveConnection, type ResolvedConnection } from './match-connection';
import type { InventorySite, InventoryUser } from './schema';

export interface Match {
  site: InventorySite;
  first: ResolvedConnection;
  /** The second connection element of the same server, when one fits (R18 scenarios). */
  second?: ResolvedConnection;
  bindings: Map<Alias, string>;
  /** Unstated fields that differ from the documented defaults: evidence, not failures. */
  deviations: string[];
  /**
   * Why no request may be sent on this match, when the connection serves only scenarios that acquire it
   * (ConnectionFit.forRequests): send() then reports the scenario not applicable with this reason.
   */
  requestsNotApplicable?: string;
}

export interface MatchUsage {
  /** Times this run has bound a user (site name, user ID). */
  userUse(site: string, userid: string): number;
  connectionUse(site: string, server: string, connection: string): number;
  /** Bad-password attempts still allowed for an account in this run. */
  remainingBudget(site: InventorySite, userid: string): number;
}

interface Candidate {
  label: string;
  mismatches: string[];
  match?: Match;
  cost: number;
}

export function matchSituation(
  loaded: LoadedInventory,
  s: Situation,
  usage: MatchUsage,
): Match | { notApplicable: string } {
  const undescribed = undescribedByInventory(s);
  if (undescribed) return { notApplicable: undescribed };
  const requireDefaults = loaded.inventory.matching.unconstrained === 'require-defaults';
  const candidates: Candidate[] = [];
  for (const site of loaded.inventory.sites) {
    for (const server of site.zosConnect.servers) {
      for (const connection of server.connections) {
        const rc = resolveConnection(site, server, connection);
        if (!rc) continue;
        const candidate = evaluate(loaded, site, rc, s, usage);
        if (candidate.match && requireDefaults && candidate.match.deviations.length > 0) {
          candidate.mismatches.push(
            ...candidate.match.deviations.map((d) => `${d} (matching.unconstrained is require-defaults)`),
          );
          delete candidate.match;
        }
        candidates.push(candidate);
      }
    }
  }
  const fitting = candidates.filter((c) => c.match).sort((a, b) => a.cost - b.cost);
  const best = fitting[0]?.match;
  if (best) return best;
  const closest = [...candidates].sort((a, b) => a.mismatches.length - b.mismatches.length)[0];
  if (!closest) return { notApplicable: `the inventory ${loaded.file} declares no usable connection` };
  const shown = closest.mismatches.slice(0, 4).join('; ');
  const more = closest.mismatches.length > 4 ? `; and ${closest.mismatches.length - 4} more` : '';
  return {
    notApplicable: `no connection in the inventory fits this scenario. The closest, ${closest.label}, differs: ${shown}${more}`,
  };
}

function evaluate(
  loaded: LoadedInventory,
  site: InventorySite,
  rc: ResolvedConnection,
  s: Situation,
  usage: MatchUsage,
): Candidate {
  const label = `site ${site.name}, z/OS Connect ${rc.server.name}, connection ${rc.connection.id}`;
  const fit = connectionFit(site, rc, s, s.zosConnect.tls);
  const mismatches = [...fit.mismatches];
  const deviations = [...fit.deviations];
  const forRequests = [...fit.forRequests];
  const forced = new Map(fit.forced);
  if (rc.certificate && !loaded.secrets.get(rc.certificate))
    mismatches.push(`certificate ${rc.certificate.id} has no key file to present`);

  const second = secondConnection(loaded, site, rc, s, forced);
  if (s.zosConnect.secondConnectionCertificate !== undefined && !second) {
    mismatches.push(
      `no second connection of ${rc.server.name} to ${rc.region.applid} presents the second certificate the scenario needs`,
    );
  }
  if (second) for (const [alias, id] of second.forced) forced.set(alias, id);
  if (second) forRequests.push(...second.forRequests);

  const authDataUser = s.zosConnect.authData?.user ? forced.get(s.zosConnect.authData.user) : undefined;
  if (
    authDataUser &&
    s.zosConnect.authData &&
    !secretIsCorrect(s.zosConnect.authData.secret) &&
    usage.remainingBudget(site, authDataUser) < 1
  ) {
    mismatches.push(`the authData user ${authDataUser} has no bad-password attempts left in this run's budget`);
  }
  if (mismatches.length > 0) return { label, mismatches, cost: Infinity };

  const ctx: UserContext = {
    site,
    mirror: rc.mirror,
    program: rc.connection.whoami.program,
    phraseLength: (user: InventoryUser) => loaded.secrets.get(passwordPhraseKey(user))?.length,
    phrase: (user: InventoryUser) => loaded.secrets.get(passwordPhraseKey(user)),
    usage: (id) => usage.userUse(site.name, id),
    callersReachCics: !authDataReplacesCallers(loaded, s),
  };
  const free = aliasesOf(s).filter((alias) => !forced.has(alias));
  const bound = bindAliases(forced, free, s.users, ctx);
  if ('mismatches' in bound) return { label, mismatches: bound.mismatches, cost: Infinity };
  const allDeviations = [...deviations, ...bound.deviations, ...(second?.deviations ?? [])];
  const use = usage.connectionUse(site.name, rc.server.name, rc.connection.id);
  // A site set up for this very scenario wins over usage spreading, never over a deviation.
  const preferred = s.scenario !== undefined && site.preferredFor.includes(s.scenario) ? -500_000 : 0;
  // A connection no request may use serves a scenario only when none that requests may use fits.
  const requestsNotApplicable =
    forRequests.length > 0
      ? `the connection matched serves this scenario only for acquiring it: ${forRequests.join('; ')}`
      : undefined;
  return {
    label,
    mismatches: [],
    cost: forRequests.length * 1_000_000_000 + allDeviations.length * 1_000_000 + preferred + use * 1000 + bound.usage,
    match: {
      site,
      first: rc,
      second: second?.rc,
      bindings: bound.bindings,
      deviations: allDeviations,
      ...(requestsNotApplicable ? { requestsNotApplicable } : {}),
    },
  };
}

/** A second connection element of the same server into the same TCPIPSERVICE, fitting the same situation. */
function secondConnection(
  loaded: LoadedInventory,
  site: InventorySite,
  first: ResolvedConnection,
  s: Situation,
  forced: Map<Alias, string>,
) {
  const requirement = s.zosConnect.secondConnectionCertificate ?? s.zosConnect.tls;
  const options = first.server.connections
    .filter(
      (c) =>
        c !== first.connection &&
        c.region === first.connection.region &&
        c.tcpipService === first.connection.tcpipService,
    )
    .map((c) => resolveConnection(site, first.server, c))
    .filter((rc): rc is ResolvedConnection => rc !== undefined)
    .map((rc) => ({ rc, fit: connectionFit(site, rc, s, requirement) }))
    .filter(({ rc, fit }) => {
      if (fit.mismatches.length > 0) return false;
      if (rc.certificate && !loaded.secrets.get(rc.certificate)) return false;
      return [...fit.forced].every(([alias, id]) => (forced.get(alias) ?? id) === id);
    })
    .sort(
      (a, b) =>
        a.fit.forRequests.length - b.fit.forRequests.length || a.fit.deviations.length - b.fit.deviations.length,
    );
  const best = options[0];
  return best
    ? {
        rc: best.rc,
        forced: best.fit.forced,
        deviations: best.fit.deviations.map((d) => `second connection: ${d}`),
        forRequests: best.fit.forRequests.map((d) => `second connection: ${d}`),
      }
    : undefined;
}

/**
 * Whether the authData the scenario states replaces every caller's identity before CICS: it names a user
 * and holds a secret, and the site declares the connection-level reading of R31 (catalog U2). Unknown
 * readings keep the callers in CICS's checks.
 */
function authDataReplacesCallers(loaded: LoadedInventory, s: Situation): boolean {
  const authData = s.zosConnect.authData;
  return (
    authData !== undefined &&
    authData.user !== null &&
    authData.secret.kind !== 'none' &&
    loaded.inventory.readings.authDataPrecedence === 'connection-level'
  );
}

export function aliasesOf(s: Situation): Alias[] {
  const named: Alias[] = [DEFAULT_USER, REGION_USER, ...Object.keys(s.users)];
  if (s.ipconn.securityName) named.push(s.ipconn.securityName);
  if (s.zosConnect.authData?.user) named.push(s.zosConnect.authData.user);
  if (s.zosConnect.serverUser) named.push(s.zosConnect.serverUser);
  for (const cert of [s.zosConnect.tls, s.zosConnect.secondConnectionCertificate]) {
    if (cert && typeof cert === 'object' && cert.mappedTo) named.push(cert.mappedTo);
  }
  return [...new Set(named)];
}

export function secretIsCorrect(secret: NonNullable<Situation['zosConnect']['authData']>['secret']): boolean {
  return secret.kind === 'none' || (secret.correct && secret.variant === undefined);
}

/** What a scenario may state that the inventory format cannot describe, so no site can be matched to it. */
function undescribedByInventory(s: Situation): string | undefined {
  for (const cert of [s.zosConnect.tls, s.zosConnect.secondConnectionCertificate]) {
    if (cert && typeof cert === 'object' && cert.rivalMapping)
      return `the scenario needs RACF to hold, besides the client certificate's own mapping, a mapping of the kind "${cert.rivalMapping.kind}" to another user (R18); the inventory declares only the user each certificate maps to, not RACF's other certificate mappings`;
  }
  if (
    s.mirror.cmdsec !== undefined ||
    s.mirror.commands !== undefined ||
    Object.values(s.users).some((u) => u.commands)
  )
    return "the scenario needs to know which system commands the API's program issues and the transaction's CMDSEC (R51); the inventory describes neither, nor RACF's CCICSCMD profiles";
  if (s.region.profilesPrefixed !== undefined)
    return "the scenario needs RACF's CICS profiles named with or without the region user ID prefix regardless of SECPRFX; the inventory does not describe RACF's profile names";
  if (s.zosConnect.otherAuthData)
    return "the scenario needs the z/OS Connect server to define an authData element its connection does not name (R31); the inventory describes only each connection's own authData";
  return undefined;
}
