/**
 * The access matrix: for every IPIC connection z/OS Connect makes, which users can run which mirror
 * transactions through it, under which USERAUTH, and which user IDs CICS checks. It is computed with the
 * reference model (acquireConnection, credentialsToFlow, userSecurity, checkedSet, taskUser, permits),
 * so the table says what the model decides on these definitions, not a second reading of the rules.
 *
 * Rows are per connection, per user CICS sees, per transaction. Under LOCAL and DEFAULTUSER CICS ignores
 * whatever is flowed, so one "(any caller)" row stands for every caller; under VERIFY with authData every
 * caller flows the same authData user. Transactions are CSMI, every transaction a connection names, and
 * every other copy of the mirror program in the CSD (a service or policy can ask for any of them, R48).
 */
import { acquireConnection, checkedSet, taskUser, type ModelOptions, type Site, type Transaction } from '../model';
import { permits } from '../model/racf';
import { Trace } from '../model/trace';
import { userSecurity } from '../model/user-security';
import { credentialsToFlow, type Identity } from '../model/zos-connect';
import { connectionPaths, isCopyOfCsmi, type ConnectionPath } from '../definitions/connection-paths';

export interface MatrixRow {
  connection: string;
  ipconn: string;
  tcpipService: string;
  port: number;
  ssl: string;
  linkauth: string;
  userauth: string;
  /** The link user after R20's fallback, or the default user when SECURITYNAME is blank. */
  linkUser: string;
  /** The user ID CICS receives for the caller, "(any caller)" where CICS ignores it, "*" if nothing gets through. */
  user: string;
  transaction: string;
  /** Whether this connection's server.xml settings make CICS attach this transaction. */
  attachedByConnection: boolean;
  canRun: boolean;
  taskUser: string;
  checked: string[];
  /** Why not, citing the rule; empty when the transaction runs. */
  reason: string;
}

export const ANY_CALLER = '(any caller)';

export function accessMatrix(site: Site, options: ModelOptions): MatrixRow[] {
  const transactions = mirrorCandidates(site);
  return connectionPaths(site).flatMap((path) => rowsFor(site, options, path, transactions));
}

function mirrorCandidates(site: Site): Transaction[] {
  const named = new Set(site.zosConnect.connections.map((c) => c.transid).filter((t): t is string => t !== undefined));
  return site.transactions
    .filter((t) => t.transid === 'CSMI' || named.has(t.transid) || t.program === 'DFHMIRS')
    .concat(
      [...named]
        .filter((t) => !site.transactions.some((x) => x.transid === t))
        .map((t) => ({ transid: t, program: '', profile: '', ressec: false })),
    )
    .sort((a, b) => (a.transid < b.transid ? -1 : 1));
}

function rowsFor(site: Site, options: ModelOptions, path: ConnectionPath, transactions: Transaction[]): MatrixRow[] {
  const base = {
    connection: path.conn.id,
    tcpipService: path.service?.name ?? '-',
    port: path.conn.port,
    ssl: path.service ? (path.service.atTls ? 'AT-TLS' : path.service.ssl) : '-',
  };
  const decision = acquireConnection(site, options, path.conn.id);
  if (!decision.acquired) {
    const rule = decision.trace[decision.trace.length - 1]?.rule ?? 'R16';
    return [
      {
        ...base,
        ipconn: path.ipconn?.name ?? '-',
        linkauth: path.ipconn?.linkauth ?? '-',
        userauth: path.ipconn?.userauth ?? '-',
        linkUser: '-',
        user: '*',
        transaction: '*',
        attachedByConnection: false,
        canRun: false,
        taskUser: '-',
        checked: [],
        reason: `${rule}: connection refused at the ${decision.stage}: ${decision.reason}`,
      },
    ];
  }
  const ipconn = decision.ipconn;
  const withLink = {
    ...base,
    ipconn: path.ipconn ? ipconn.name : `${ipconn.name} (autoinstalled)`,
    linkauth: ipconn.linkauth,
    userauth: ipconn.userauth,
    linkUser: decision.linkUser ?? `${site.region.dfltuser} (default user)`,
  };
  const ignoresCallers =
    ipconn.userauth === 'DEFAULTUSER' || (ipconn.userauth === 'LOCAL' && options.localWithFlowedUserid === 'ignore');
  const identities: Identity[] = ignoresCallers
    ? [{ none: true }]
    : site.racf.users
        .map((u) => u.id)
        .sort()
        .map((id) => ({ saf: id }));
  const rows: MatrixRow[] = [];
  const seen = new Set<string>();
  for (const identity of identities) {
    const trace = new Trace();
    const flow = credentialsToFlow(site, options, path.conn, identity, trace);
    const flowed = 'flowed' in flow ? flow.flowed.userid : undefined;
    const user = ignoresCallers ? ANY_CALLER : (flowed ?? '(none)');
    if (seen.has(user)) continue;
    seen.add(user);
    for (const tx of transactions) {
      const cell = decide(site, options, tx, flow, ipconn, decision.linkUser);
      rows.push({
        ...withLink,
        user,
        transaction: tx.transid,
        attachedByConnection: tx.transid === path.mirror,
        ...cell,
      });
    }
  }
  return rows;
}

type Cell = Pick<MatrixRow, 'canRun' | 'taskUser' | 'checked' | 'reason'>;

function decide(
  site: Site,
  options: ModelOptions,
  tx: Transaction,
  flow: ReturnType<typeof credentialsToFlow>,
  ipconn: Parameters<typeof userSecurity>[2],
  linkUser: string | null,
): Cell {
  const refused = (reason: string, checked: string[] = []): Cell => ({ canRun: false, taskUser: '-', checked, reason });
  if ('configurationError' in flow) return refused(`R54: z/OS Connect sends nothing: ${flow.configurationError}`);
  if (!site.region.sec) return { canRun: true, taskUser: site.region.dfltuser, checked: [], reason: '' };
  const trace = new Trace();
  const user = userSecurity(site, options, ipconn, flow.flowed, trace);
  if ('refused' in user) return refused(`${trace.entries[trace.entries.length - 1]?.rule ?? 'R28'}: ${user.refused}`);
  const ctx = { region: site.region, userauth: ipconn.userauth, linkUser, transmitted: user.transmitted };
  const checked = checkedSet(ctx);
  if (!isCopyOfCsmi(tx))
    return refused(`R48: ${tx.transid} is not a copy of CSMI (PROGRAM(DFHMIRS) PROFILE(DFHCICSA))`, checked);
  const prefix = site.region.secprfx ? `${site.region.regionUserid}.` : '';
  if (site.region.xtran) {
    const denied = checked.filter((id) => !permits(site.racf, 'TCICSTRN', prefix + tx.transid, id, 'READ'));
    if (denied.length > 0)
      return refused(
        `R49: ${denied.join(', ')} may not attach ${tx.transid} (no READ on TCICSTRN ${prefix + tx.transid})`,
        checked,
      );
  }
  if (tx.ressec) {
    const program = site.zosConnect.program;
    const denied = checked.filter((id) => !permits(site.racf, 'MCICSPPT', prefix + program, id, 'READ'));
    if (denied.length > 0) return refused(`R50: ${denied.join(', ')} may not run program ${program}`, checked);
  }
  return { canRun: true, taskUser: taskUser(ctx), checked, reason: '' };
}
