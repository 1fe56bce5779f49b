/**
 * Which connection failures are observations about the site, and which mean the harness never reached what
 * the inventory describes.
 *
 * A TCPIPSERVICE that the inventory declares CLOSED refuses TCP connections: that refusal is what the
 * "closed port" scenarios observe. A service declared OPEN that nobody listens on, a host name that does
 * not resolve, a network with no route to the host, or a connect that times out tells nothing about
 * bind, link or user security: the inventory and the site disagree (or the network is in the way). If
 * that were reported as "refused at tcp", a typo in a host name would pass as a security finding, so it
 * is a harness error naming host, port and the inventory line. The same goes for z/OS Connect's HTTPS
 * endpoint, which the inventory always declares reachable.
 */
import { UnreachableEndpointError } from '../../../support/errors';
import { declaredAt } from '../../inventory/locate';
import type { LoadedInventory } from '../../inventory/load';
import type { InventoryServer, InventoryTcpipService } from '../../inventory/schema';
import type { BindProbeResult } from './bind-probe';
import type { HttpsResult } from './https-call';

/** The host is wrong or out of reach, whatever the inventory says about the port. */
const HOST_UNREACHABLE: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Nothing answered on the port: what a closed service looks like, and a harness error for an open one. */
const NO_LISTENER: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ETIMEDOUT']);

/** The codes of a probe that stopped at TCP (one per attempt), or none if it got further. */
function tcpFailureCodes(probe: BindProbeResult): string[] {
  if (probe.stage !== 'tcp') return [];
  return probe.attempts.map((a) => (a.attempt.outcome === 'tcp refused' ? (a.attempt.code ?? '') : ''));
}

/**
 * Throws UnreachableEndpointError when a probe's TCP failure cannot be an observation of `service`: its
 * host cannot be reached at all, or it is declared OPEN and nothing answered. Otherwise returns, and the
 * failure stays an observation (stage tcp).
 */
export function checkTcpStage(probe: BindProbeResult, service: InventoryTcpipService, loaded: LoadedInventory): void {
  const codes = tcpFailureCodes(probe);
  const [code] = codes;
  if (code === undefined) return;
  const hostProblem = codes.every((c) => HOST_UNREACHABLE.has(c));
  const silentOpenPort = service.status === 'OPEN' && codes.every((c) => HOST_UNREACHABLE.has(c) || NO_LISTENER.has(c));
  if (!hostProblem && !silentOpenPort) return;
  throw new UnreachableEndpointError(
    `CICS TCPIPSERVICE ${service.name} (declared ${service.status})`,
    service.host,
    service.port,
    code,
    declaredAt(loaded, service, hostProblem ? 'host' : 'port'),
  );
}

/** Throws UnreachableEndpointError when an HTTPS call to z/OS Connect never reached a listener. */
export function checkHttpsReached(
  result: HttpsResult,
  url: URL,
  server: InventoryServer,
  loaded: LoadedInventory,
): void {
  if (result.kind !== 'unreachable') return;
  if (!HOST_UNREACHABLE.has(result.code) && !NO_LISTENER.has(result.code)) return;
  throw new UnreachableEndpointError(
    `z/OS Connect server ${server.name}`,
    url.hostname,
    Number(url.port || 443),
    result.code,
    declaredAt(loaded, server, 'baseUrl'),
  );
}
