/**
 * Binding a scenario's user aliases to the site's real user IDs. A user's stated requirements must hold
 * (hard), and so must being usable (defined, not revoked, password not expired) unless the scenario says
 * otherwise: that changes every outcome. What else the scenario leaves unstated costs a point for each way
 * the user differs from the documented default (a user who may attach the mirror), so the plainest fitting
 * user is chosen.
 */
import { DEFAULT_USER, REGION_USER, type Alias, type UserRequirement } from '../../support/target-port';
import { phraseHasContent } from '../../support/phrase-content';
import type { InventorySite, InventoryUser } from './schema';

export interface UserContext {
  site: InventorySite;
  /** The transaction the mirror runs as on the matched connection, and the program its API links to. */
  mirror: string;
  program: string;
  /** Length of a user's password phrase, read from its secret (undefined: none or unknown). */
  phraseLength(user: InventoryUser): number | undefined;
  /** The user's password phrase, read from its secret (undefined: none or unknown). Never reported. */
  phrase(user: InventoryUser): string | undefined;
  /** How often the run has bound this user already (spreads use over equivalent accounts). */
  usage(userid: string): number;
  /**
   * false when the connection's authData replaces every caller's identity (R31, read as connection-level
   * by the site's declared readings): then only users the definitions pin down meet CICS's checks.
   */
  callersReachCics?: boolean;
}

export interface UserFit {
  mismatches: string[];
  deviations: string[];
}

export function userFit(
  user: InventoryUser | undefined,
  alias: Alias,
  req: UserRequirement | undefined,
  ctx: UserContext,
  /** The definitions pin the alias to this user (SECURITYNAME, a certificate's owner, authData, DFLTUSER). */
  pinned = false,
): UserFit {
  const mismatches: string[] = [];
  const deviations: string[] = [];
  const name = `${alias} (${user?.id ?? 'undeclared'})`;
  if (!user) return { mismatches: [`${name} is not declared in racf.users`], deviations };
  const r = req ?? {};
  const hard = (ok: boolean, text: string) => ok || mismatches.push(`${name}: ${text}`);
  const soft = (ok: boolean, text: string) => ok || deviations.push(`${name}: ${text}`);
  // Whether RACF lets the user sign on at all decides every outcome the user takes part in (R9, R29, R38,
  // R39): a scenario that does not state it means a usable user, so an unusable one is never a candidate.
  const usable = (field: boolean | undefined, actual: boolean, yes: string, preferred: boolean) =>
    field === undefined
      ? hard(actual === preferred, `is ${preferred ? 'not ' : ''}${yes}, and the scenario does not say so`)
      : hard(field === actual, field ? `needs to be ${yes}` : `needs not to be ${yes}`);

  usable(r.defined, user.defined, 'defined to RACF', true);
  if (!user.defined) return { mismatches, deviations };
  usable(r.revoked, user.revoked, 'revoked', false);
  usable(r.passwordExpired, user.passwordExpired, 'password expired', false);
  const hasPassword = user.password !== undefined && user.password !== 'none';
  if (r.hasPassword === true) hard(hasPassword, 'needs a password the harness can read');
  else if (r.hasPassword === false)
    hard(user.password === 'none', "needs to have no password (declare password: 'none')");
  else soft(hasPassword, 'has no password the harness can read');
  if (r.phraseLength !== undefined) {
    const length = ctx.phraseLength(user);
    hard(
      length === r.phraseLength,
      `needs a password phrase of ${r.phraseLength} characters (has ${length ?? 'none known'})`,
    );
  }
  if (r.phraseContent !== undefined) {
    const phrase = ctx.phrase(user);
    hard(
      phrase !== undefined && phraseHasContent(r.phraseContent, phrase, user.id),
      `needs a password phrase with ${r.phraseContent}, keeping RACF's other phrase rules (R36)`,
    );
  }
  for (const [transid, allowed] of Object.entries(r.transactions ?? {})) {
    const declared = user.transactions[transid];
    hard(
      declared === allowed,
      `needs ${allowed ? '' : 'no '}READ on TCICSTRN ${transid} (declared: ${declared ?? 'unknown'})`,
    );
  }
  // The features' default user may attach the mirror, run the program and use the APPLID (R40). A user the
  // scenario takes part in (one it names, or one a definition it states pins down) who is declared without
  // that access would be refused where the scenario expects a run: not a candidate. The default and region
  // users, when the scenario does not name them, only cost a point: sites rightly deny them such access; so
  // do callers whose identity the connection's authData replaces before CICS sees it.
  const takesPart =
    pinned || ctx.callersReachCics !== false
      ? req !== undefined || (alias !== DEFAULT_USER && alias !== REGION_USER)
      : false;
  const access = (denied: boolean, text: string) => {
    if (!denied) return;
    if (takesPart) mismatches.push(`${name}: ${text}, which the scenario does not state`);
    else deviations.push(`${name}: ${text}`);
  };
  for (const transid of new Set(['CSMI', ctx.mirror])) {
    if (r.transactions?.[transid] !== undefined) continue;
    const declared = user.transactions[transid];
    if (transid === ctx.mirror && declared === false) access(true, `READ on TCICSTRN ${transid} is denied`);
    else soft(declared === true, `READ on TCICSTRN ${transid} is ${declared === false ? 'denied' : 'unknown'}`);
  }
  for (const [program, allowed] of Object.entries(r.programs ?? {})) {
    const declared = user.programs[program];
    hard(
      declared === allowed,
      `needs ${allowed ? '' : 'no '}READ on MCICSPPT ${program} (declared: ${declared ?? 'unknown'})`,
    );
  }
  access(
    r.programs?.[ctx.program] === undefined && user.programs[ctx.program] === false,
    `may not run program ${ctx.program}`,
  );
  if (r.applAccess !== undefined)
    hard(
      user.applAccess === r.applAccess,
      `needs ${r.applAccess ? '' : 'no '}READ on the APPLID (declared: ${user.applAccess ?? 'unknown'})`,
    );
  // RACF checks the APPLID when it signs a flowed user on (R40), never for a link user or a certificate's
  // owner: so only for a user the matcher picks, not for one a definition pins down.
  else if (user.applAccess === false && ctx.site.racf.applClassActive && !pinned)
    access(true, 'may not use the APPLID');
  else if (user.applAccess === false) deviations.push(`${name}: may not use the APPLID`);
  if (r.httpCertificateTrusted !== undefined) {
    const status = r.httpCertificateTrusted ? 'TRUST' : 'NOTRUST';
    hard(
      ctx.site.certificates.some(
        (c) => c.use.includes('http') && c.state === 'valid' && c.mappedTo === user.id && c.racfStatus === status,
      ),
      `needs a valid HTTP client certificate mapped to it with status ${status}`,
    );
  }
  if (r.jwtSubjectMapped !== undefined) {
    hard(
      user.jwt !== undefined && user.jwt.mapped === r.jwtSubjectMapped,
      `needs a JWT subject that RACMAP ${r.jwtSubjectMapped ? 'maps' : 'does not map'} to it`,
    );
  } else if (user.jwt?.mapped === false) deviations.push(`${name}: RACMAP does not map its JWT subject`);
  if (r.distributedIdentity) {
    const { dnFilter, registry } = r.distributedIdentity;
    hard(
      user.distributedIdentities.some((d) => d.dnFilter === dnFilter && d.registry === registry),
      `needs the RACMAP filter "${dnFilter}" in realm "${registry}"`,
    );
  }
  return { mismatches, deviations };
}

export interface Binding {
  bindings: Map<Alias, string>;
  deviations: string[];
  usage: number;
}

/**
 * Binds the free aliases injectively to declared users, keeping the forced ones, at the least cost
 * (deviations, then previous use). Branch and bound over candidates sorted by cost.
 */
export function bindAliases(
  forced: Map<Alias, string>,
  free: Alias[],
  requirements: Record<Alias, UserRequirement>,
  ctx: UserContext,
): Binding | { mismatches: string[] } {
  const byId = new Map(ctx.site.racf.users.map((u) => [u.id, u]));
  const mismatches: string[] = [];
  const forcedDeviations: string[] = [];
  const seen = new Map<string, Alias>();
  for (const [alias, id] of forced) {
    const other = seen.get(id);
    if (other !== undefined && other !== alias) mismatches.push(`${alias} and ${other} would both be ${id}`);
    seen.set(id, alias);
    const fit = userFit(byId.get(id), alias, requirements[alias], ctx, true);
    mismatches.push(...fit.mismatches);
    forcedDeviations.push(...fit.deviations);
  }
  if (mismatches.length > 0) return { mismatches };
  const options = free.map((alias) => {
    const fits = ctx.site.racf.users
      .filter((u) => !seen.has(u.id))
      .map((u) => ({ user: u, fit: userFit(u, alias, requirements[alias], ctx) }))
      .filter((c) => c.fit.mismatches.length === 0)
      .sort((a, b) => a.fit.deviations.length - b.fit.deviations.length || ctx.usage(a.user.id) - ctx.usage(b.user.id));
    return { alias, fits };
  });
  const empty = options.find((o) => o.fits.length === 0);
  if (empty)
    return { mismatches: [`no declared user fits ${empty.alias}: ${describeRequirement(requirements[empty.alias])}`] };

  let best: { picks: (typeof options)[number]['fits']; cost: number } | undefined;
  const picks: (typeof options)[number]['fits'] = [];
  const used = new Set(seen.keys());
  const cost = (p: typeof picks) => p.reduce((n, c) => n + c.fit.deviations.length * 1000 + ctx.usage(c.user.id), 0);
  const search = (i: number) => {
    if (best && cost(picks) >= best.cost) return;
    if (i === options.length) {
      best = { picks: [...picks], cost: cost(picks) };
      return;
    }
    for (const candidate of (options[i] as (typeof options)[number]).fits) {
      if (used.has(candidate.user.id)) continue;
      used.add(candidate.user.id);
      picks.push(candidate);
      search(i + 1);
      picks.pop();
      used.delete(candidate.user.id);
    }
  };
  search(0);
  if (!best) return { mismatches: [`not enough distinct users for ${free.join(', ')}`] };
  const found = best as { picks: typeof picks; cost: number };
  const bindings = new Map(forced);
  found.picks.forEach((c, i) => bindings.set((options[i] as (typeof options)[number]).alias, c.user.id));
  return {
    bindings,
    deviations: [...forcedDeviations, ...found.picks.flatMap((c) => c.fit.deviations)],
    usage: [...bindings.values()].reduce((n, id) => n + ctx.usage(id), 0),
  };
}

function describeRequirement(req: UserRequirement | undefined): string {
  const text = JSON.stringify(req ?? {});
  return text === '{}' ? 'any user' : text;
}
