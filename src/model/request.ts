/**
 * One API request end to end: z/OS Connect authenticates the caller, acquires the IPIC connection, flows
 * credentials; CICS applies user security, works out the checked set (§2) and makes the attach and resource
 * checks (R49-R52). Any error while deciding denies the request (fail closed).
 */
import { checkedSet, taskUser } from './aor-checks';
import { acquireConnection, zosConnectConnection, type ConnectionStage } from './connection';
import type { ModelOptions } from './options';
import { permits } from './racf';
import type { Site, ZosConnectConnection } from './site';
import { Trace, type TraceEntry } from './trace';
import { userSecurity, type RacfUpdate } from './user-security';
import { authenticate, credentialsToFlow, type HttpCaller } from './zos-connect';

export type RefusedBy =
  'z/OS Connect authentication' | 'z/OS Connect authorization' | 'z/OS Connect configuration' | 'CICS';

export type RequestDecision =
  | { outcome: 'ran'; taskUser: string; transid: string; checked: string[]; trace: TraceEntry[]; updates: RacfUpdate[] }
  | { outcome: 'not sent'; stage: ConnectionStage; reason: string; trace: TraceEntry[]; updates: RacfUpdate[] }
  | { outcome: 'refused'; by: RefusedBy; reason: string; trace: TraceEntry[]; updates: RacfUpdate[] };

export function decideRequest(
  site: Site,
  options: ModelOptions,
  connectionId: string,
  caller: HttpCaller,
): RequestDecision {
  const trace = new Trace();
  try {
    return decide(site, options, connectionId, caller, trace);
  } catch (error) {
    trace.add('R1', `evaluation error, request denied: ${(error as Error).message}`);
    return { outcome: 'refused', by: 'CICS', reason: 'evaluation error', trace: trace.entries, updates: [] };
  }
}

function decide(
  site: Site,
  options: ModelOptions,
  connectionId: string,
  caller: HttpCaller,
  trace: Trace,
): RequestDecision {
  const refused = (by: RefusedBy, reason: string, updates: RacfUpdate[] = []): RequestDecision => ({
    outcome: 'refused',
    by,
    reason,
    trace: trace.entries,
    updates,
  });
  const auth = authenticate(site, options, caller, trace);
  if ('refused' in auth) {
    return refused(
      auth.refused === 401 ? 'z/OS Connect authentication' : 'z/OS Connect authorization',
      auth.reason,
      auth.updates,
    );
  }
  const conn = zosConnectConnection(site, connectionId);
  const flow = credentialsToFlow(site, options, conn, auth.identity, trace);
  if ('configurationError' in flow) return refused('z/OS Connect configuration', flow.configurationError);

  const connection = acquireConnection(site, options, connectionId);
  trace.entries.push(...connection.trace);
  if (!connection.acquired) {
    return {
      outcome: 'not sent',
      stage: connection.stage,
      reason: connection.reason,
      trace: trace.entries,
      updates: [],
    };
  }
  const eibtrnid = conn.transid ?? 'CSMI';
  if (!site.region.sec) {
    trace.add('R8', 'SEC=NO: no link, user or resource checks; the task runs as the default user');
    return ran(site.region.dfltuser, eibtrnid, [], trace, []);
  }
  const user = userSecurity(site, options, connection.ipconn, flow.flowed, trace);
  if ('refused' in user) return refused('CICS', user.refused, user.updates);

  const ctx = {
    region: site.region,
    userauth: connection.ipconn.userauth,
    linkUser: connection.linkUser,
    transmitted: user.transmitted,
  };
  const checked = checkedSet(ctx);
  trace.add('R22', `checked user IDs: ${checked.join(', ')}`);
  const denial = authorize(site, conn, checked, trace) ?? commandDenial(site, conn, checked, trace);
  if (denial) return refused('CICS', denial, user.updates);
  return ran(taskUser(ctx), eibtrnid, checked, trace, user.updates);
}

/** R51: under CMDSEC(YES), each system command the program issues needs READ (inquire) or UPDATE (change). */
function commandDenial(site: Site, conn: ZosConnectConnection, checked: string[], trace: Trace): string | undefined {
  const tx = site.transactions.find((t) => t.transid === mirrorOf(conn));
  const commands = site.zosConnect.programCommands ?? [];
  if (!tx?.cmdsec || commands.length === 0) return undefined;
  const prefix = profilePrefix(site);
  for (const command of commands) {
    const access = command.verb === 'INQUIRE' || command.verb === 'COLLECT' ? 'READ' : 'UPDATE';
    for (const userid of checked) {
      if (!permits(site.racf, 'CCICSCMD', prefix + command.resource, userid, access)) {
        trace.add(
          'R51',
          `${userid} has no ${access} on CCICSCMD ${prefix + command.resource} for ${command.verb}`,
          'DFHXS1111 NOTAUTH AEY7',
        );
        return `${command.verb} ${command.resource} refused for ${userid}`;
      }
    }
  }
  trace.add('R51', "every checked user may issue the program's system commands");
  return undefined;
}

/** SECPRFX=YES: RACF is asked about every CICS resource profile under the region user ID's prefix. */
function profilePrefix(site: Site): string {
  return site.region.secprfx ? `${site.region.regionUserid}.` : '';
}

function mirrorOf(conn: ZosConnectConnection): string {
  return conn.transidUsage === 'EIB_AND_MIRROR' && conn.transid ? conn.transid : 'CSMI';
}

function ran(user: string, transid: string, checked: string[], trace: Trace, updates: RacfUpdate[]): RequestDecision {
  trace.add('R24', `task runs under ${user}, EIBTRNID ${transid}`);
  return { outcome: 'ran', taskUser: user, transid, checked, trace: trace.entries, updates };
}

/** R48-R52: attach the mirror, then (RESSEC) the program, for every checked user ID. */
function authorize(site: Site, conn: ZosConnectConnection, checked: string[], trace: Trace): string | undefined {
  const mirror = mirrorOf(conn);
  const tx = site.transactions.find((t) => t.transid === mirror);
  if (!tx || tx.program !== 'DFHMIRS' || tx.profile !== 'DFHCICSA') {
    trace.add('R48', `transaction ${mirror} is not a copy of CSMI (DFHMIRS, DFHCICSA)`, 'DFHIS1025');
    return `mirror ${mirror} cannot be attached`;
  }
  const prefix = profilePrefix(site);
  for (const userid of checked) {
    if (site.region.xtran && !permits(site.racf, 'TCICSTRN', prefix + mirror, userid, 'READ')) {
      trace.add('R49', `${userid} has no READ on TCICSTRN ${prefix + mirror}`, 'DFHXS1111 DFHAC2003 ICH408I');
      return `attach of ${mirror} refused for ${userid}`;
    }
  }
  if (site.region.xtran) trace.add('R49', `every checked user may attach ${mirror}`);
  else trace.add('R49', 'XTRAN=NO: no attach checks');
  if (!tx.ressec) return undefined;
  for (const userid of checked) {
    if (!permits(site.racf, 'MCICSPPT', prefix + site.zosConnect.program, userid, 'READ')) {
      trace.add(
        'R50',
        `${userid} has no READ on MCICSPPT ${prefix + site.zosConnect.program}`,
        'DFHXS1111 NOTAUTH AEY7',
      );
      return `program ${site.zosConnect.program} refused for ${userid}`;
    }
  }
  trace.add('R50', `every checked user may run program ${site.zosConnect.program}`);
  return undefined;
}
