/**
 * Where a hand-kept inventory and the site's definitions disagree: every region, TCPIPSERVICE, IPCONN,
 * mirror transaction, RACF user and z/OS Connect connection the definitions describe is looked up in the
 * inventory by name and compared field by field, and what the inventory adds that the definitions lack is
 * listed too. Fields the definitions cannot know (FILL-IN in the draft) are not compared. Each
 * disagreement names the inventory's path and line, and both values; never a secret (secrets are
 * compared only as "has one" or "none").
 */
import type { Inventory } from './schema';
import { FILL_IN } from './from-definitions';
import { formatPath } from './load';

export interface Disagreement {
  at: (string | number)[];
  message: string;
}

type Named = Record<string, unknown>;

export function disagreements(inventory: Inventory, fromDefinitions: Inventory): Disagreement[] {
  const out: Disagreement[] = [];
  const differ = (at: (string | number)[], field: string, mine: unknown, theirs: unknown) => {
    if (typeof theirs === 'string' && theirs.includes(FILL_IN)) return;
    if (JSON.stringify(mine) === JSON.stringify(theirs)) return;
    out.push({
      at: [...at, field],
      message: `the inventory says ${show(mine)}, the definitions say ${show(theirs)}`,
    });
  };
  const compareFields = (at: (string | number)[], mine: Named, theirs: Named, fields: string[]) => {
    for (const f of fields) differ(at, f, mine[f], theirs[f]);
  };
  /** Pairs the entries of two lists by key; reports those on one side only. */
  const pair = <T extends Named>(
    at: (string | number)[],
    what: string,
    mine: T[],
    theirs: T[],
    key: (x: T) => string,
    compare: (entryAt: (string | number)[], m: T, t: T) => void,
  ) => {
    theirs.forEach((t) => {
      const index = mine.findIndex((m) => key(m) === key(t));
      if (index < 0) out.push({ at, message: `${what} ${key(t)} is in the definitions, not in the inventory` });
      else compare([...at, index], mine[index] as T, t);
    });
    mine.forEach((m, index) => {
      if (!theirs.some((t) => key(t) === key(m)))
        out.push({ at: [...at, index], message: `${what} ${key(m)} is in the inventory, not in the definitions` });
    });
  };

  const theirSite = fromDefinitions.sites[0];
  if (!theirSite) return out;
  const siteIndex = Math.max(
    0,
    inventory.sites.findIndex((s) =>
      s.cics.regions.some((r) => theirSite.cics.regions.some((t) => t.applid === r.applid)),
    ),
  );
  const site = inventory.sites[siteIndex];
  if (!site) return [{ at: ['sites'], message: 'the inventory has no site' }];
  const siteAt = ['sites', siteIndex];

  compareFields([...siteAt, 'racf'], site.racf, theirSite.racf, [
    'mixedCasePasswords',
    'passwordPhraseMinLength',
    'applClassActive',
    'revokeAfter',
  ]);
  pair(
    [...siteAt, 'racf', 'users'],
    'RACF user',
    site.racf.users as Named[],
    theirSite.racf.users as Named[],
    (u) => String(u.id),
    (at, m, t) => {
      compareFields(at, m, t, ['defined', 'revoked', 'passwordExpired']);
      // An inventory may leave a password out (it then cannot log on as the user); it must not deny one RACF holds.
      if (m.password !== undefined) differ(at, 'password', hasSecret(m.password), hasSecret(t.password));
      for (const map of ['transactions', 'programs'] as const) {
        const mine = (m[map] ?? {}) as Record<string, boolean>;
        for (const [name, permitted] of Object.entries((t[map] ?? {}) as Record<string, boolean>))
          if (name in mine) differ([...at, map], name, mine[name], permitted);
      }
      if (m.applAccess !== undefined) differ(at, 'applAccess', m.applAccess, t.applAccess);
    },
  );

  pair(
    [...siteAt, 'cics', 'regions'],
    'region',
    site.cics.regions as unknown as Named[],
    theirSite.cics.regions as unknown as Named[],
    (r) => String(r.applid),
    (at, m, t) => {
      compareFields(at, m, t, ['sec', 'xtran', 'secprfx', 'defaultUser', 'regionUser', 'sysplex']);
      pair(
        [...at, 'tcpipServices'],
        'TCPIPSERVICE',
        m.tcpipServices as Named[],
        t.tcpipServices as Named[],
        (x) => String(x.name),
        (a, mm, tt) => compareFields(a, mm, tt, ['host', 'port', 'ssl', 'atTls', 'status', 'autoinstall']),
      );
      pair(
        [...at, 'ipconns'],
        'IPCONN',
        m.ipconns as Named[],
        t.ipconns as Named[],
        (x) => String(x.name),
        (a, mm, tt) =>
          compareFields(a, mm, tt, [
            'applid',
            'networkid',
            'tcpipService',
            'inService',
            'linkauth',
            'securityName',
            'userauth',
            'idprop',
          ]),
      );
      // Only the transactions the definitions name: CICS supplies CSMI whether or not the CSD lists it.
      for (const tt of t.transactions as Named[]) {
        const index = (m.transactions as Named[]).findIndex((x) => x.transid === tt.transid);
        if (index < 0)
          out.push({
            at: [...at, 'transactions'],
            message: `transaction ${String(tt.transid)} is in the definitions, not in the inventory`,
          });
        else
          compareFields([...at, 'transactions', index], (m.transactions as Named[])[index] as Named, tt, [
            'program',
            'profile',
            'ressec',
          ]);
      }
    },
  );

  const theirConnections = theirSite.zosConnect.servers.flatMap((s) => s.connections);
  site.zosConnect.servers.forEach((server, s) => {
    const at = [...siteAt, 'zosConnect', 'servers', s];
    if (theirSite.zosConnect.servers[0])
      differ(at, 'requireAuth', server.requireAuth, theirSite.zosConnect.servers[0].requireAuth);
    server.connections.forEach((c, n) => {
      const t = theirConnections.find((x) => x.id === c.id);
      const cat = [...at, 'connections', n];
      if (!t) {
        out.push({ at: cat, message: `connection ${c.id} is in the inventory, not in the definitions (server.xml)` });
        return;
      }
      compareFields(cat, c as unknown as Named, t as unknown as Named, [
        'region',
        'tcpipService',
        'applid',
        'networkid',
        'transid',
        'transidUsage',
      ]);
      differ(cat, 'tls', tlsKind(c.tls), tlsKind(t.tls));
      differ(cat, 'authData', c.authData?.user, t.authData?.user);
      differ([...cat, 'whoami'], 'program', c.whoami.program, t.whoami.program);
    });
  });
  for (const t of theirConnections)
    if (!site.zosConnect.servers.some((s) => s.connections.some((c) => c.id === t.id)))
      out.push({
        at: [...siteAt, 'zosConnect', 'servers'],
        message: `connection ${t.id} is in the definitions (server.xml), not in the inventory`,
      });
  return out;
}

function hasSecret(source: unknown): string {
  return source === undefined ? 'unknown' : source === 'none' ? 'none' : 'a secret';
}

function tlsKind(
  tls: Inventory['sites'][number]['zosConnect']['servers'][number]['connections'][number]['tls'],
): string {
  if (tls === 'none') return 'no TLS';
  return tls.clientCertificate === null ? 'TLS without a client certificate' : 'TLS with a client certificate';
}

function show(value: unknown): string {
  return value === undefined ? '(nothing)' : JSON.stringify(value);
}

export function describeDisagreement(
  file: string,
  d: Disagreement,
  lineOf: (at: (string | number)[]) => number | undefined,
): string {
  const line = lineOf(d.at);
  return `${file}${line ? `:${line}` : ''}: ${formatPath(d.at)}: ${d.message}`;
}
