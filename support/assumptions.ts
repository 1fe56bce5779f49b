/**
 * Assumptions a scenario makes without saying so. Some expectations rest on a reading of an uncertain
 * rule (catalog §6) just because of what the scenario sets up: any USERAUTH(LOCAL) request from an
 * authenticated caller relies on LOCAL ignoring the user ID z/OS Connect flows (U5), any request through
 * authData relies on authData replacing the caller's identity (U2). Deriving them here keeps every such
 * scenario honest on a target configured for the other reading: it is not applicable, not failed.
 */
import type { Caller, Situation } from './target-port';

export function impliedAssumptions(situation: Situation, caller: Caller): Record<string, string> {
  const implied: Record<string, string> = {};
  const userauth = situation.ipconn.userauth ?? 'LOCAL';
  const authenticated = caller.kind !== 'anonymous';
  const authData = situation.zosConnect.authData !== undefined;
  if (userauth === 'LOCAL' && (authenticated || authData)) implied.localWithFlowedUserid = 'ignore';
  if (authData && authenticated) implied.authDataPrecedence = 'connection-level';
  if (userauth === 'IDENTIFY' && authData) implied.identifyWithPassword = 'reject';
  return implied;
}
