/**
 * Never a pass on nothing (issue 11, item 1). An audit judges the paths from z/OS Connect into CICS; a
 * site in which no zosconnect_cicsIpicConnection was read, or whose connection cannot be joined to the
 * CICS definitions that would receive it, has nothing to judge, and a run on it must not say conformant.
 * Each gap is a problem at the place that names the missing part, saying what was read instead, so the
 * auditor can tell a fault in the definitions from definitions that were not all handed over.
 *
 * Joining follows the way CICS receives an IPIC connect request (rule catalog R2, R7): the request
 * arrives on the TCPIPSERVICE listening on the connection's port, and is matched to an installed IPCONN
 * by the APPLID and NETWORKID the client sends; when none matches, the TCPIPSERVICE's autoinstall user
 * program may install one (URM other than NO). Only the last case joins without an IPCONN.
 */
import type { Site } from '../model';
import { formatLocation, type DefinitionSources, type SourceLocation } from '../../support/definitions-port';
import type { Diagnostics, FileRead, NotFound } from './diagnostics';

export interface JoinContext {
  /** Where to point a "nothing was read" problem: z/OS Connect's server.xml. */
  serverXml: SourceLocation;
  /** Included, optional or dropped-in files that were named but not found. */
  notFound: NotFound[];
  filesRead: FileRead[];
  /** Listeners of other protocols: a connection to one of them is joined, and judged by R53. */
  otherListeners: { name: string; port: number; protocol: string }[];
}

export function checkJoins(
  site: Site,
  sources: DefinitionSources,
  context: JoinContext,
  diagnostics: Diagnostics,
): void {
  const connections = site.zosConnect.connections;
  if (connections.length === 0) {
    const notFound = context.notFound.map((n) => `${formatLocation(n.at)}: ${n.message}`);
    diagnostics.problem(
      context.serverXml,
      'zosconnect_cicsIpicConnection',
      `at least one IPIC connection: none was read in ${describeFiles(context.filesRead, /\.xml$/i)}` +
        (notFound.length > 0 ? `; not read: ${notFound.join('; ')}` : ''),
    );
    return;
  }
  const ipicPorts = site.tcpipServices.map((s) => `${s.name} on ${s.port}`);
  for (const conn of connections) {
    const source = sources.zosConnection[conn.id];
    const at = (attribute: string) => source?.attributes[attribute] ?? source?.at ?? context.serverXml;
    const services = site.tcpipServices.filter((s) => s.port === conn.port);
    if (services.length === 0 && context.otherListeners.some((l) => l.port === conn.port)) continue;
    if (services.length === 0) {
      diagnostics.problem(
        at('port'),
        `zosconnect_cicsIpicConnection ${conn.id} port`,
        `a TCPIPSERVICE on PORTNUMBER(${conn.port}) in the CSD, where none is defined: the IPIC services read are ` +
          (ipicPorts.length > 0 ? ipicPorts.join(', ') : 'none'),
      );
      continue;
    }
    const matching = site.ipconns.filter(
      (i) =>
        i.applid === conn.applid && i.networkid === conn.networkid && services.some((s) => s.name === i.tcpipservice),
    );
    if (matching.length > 0 || services.some((s) => s.autoinstall)) continue;
    const onService = site.ipconns
      .filter((i) => services.some((s) => s.name === i.tcpipservice))
      .map((i) => `${i.name} (${i.networkid}.${i.applid})`);
    diagnostics.problem(
      at('zosConnectApplid'),
      `zosconnect_cicsIpicConnection ${conn.id} zosConnectApplid`,
      `an IPCONN with APPLID(${conn.applid}) and NETWORKID(${conn.networkid}) on TCPIPSERVICE ` +
        `${services.map((s) => s.name).join(' or ')}, which refuses autoinstall (URM(NO)): the IPCONNs read there are ` +
        (onService.length > 0 ? onService.join(', ') : 'none'),
    );
  }
}

function describeFiles(files: FileRead[], pattern: RegExp): string {
  const names = files.map((f) => f.file).filter((f) => pattern.test(f));
  return names.length > 0 ? names.join(', ') : 'no file';
}
