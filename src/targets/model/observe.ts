/**
 * What a target built on the reference model reports of the model's decisions, and how a decision's RACF
 * updates (bad-password counts, revocation) change the site. Shared by the model target, the audit target
 * and the sandbox, which all decide through the same model.
 */
import type { ConnectionDecision, RacfUpdate, RequestDecision, Site } from '../../model';
import type { ConnectionObservation, RequestObservation } from '../../../support/target-port';

export function observeConnection(decision: ConnectionDecision): ConnectionObservation {
  return decision.acquired ? { acquired: true } : { acquired: false, stage: decision.stage, detail: decision.reason };
}

export function observeRequest(decision: RequestDecision): RequestObservation {
  switch (decision.outcome) {
    case 'ran':
      return { outcome: 'ran', taskUser: decision.taskUser, transid: decision.transid };
    case 'not sent':
      return { outcome: 'not sent', stage: decision.stage, detail: decision.reason };
    case 'refused':
      return { outcome: 'refused', by: decision.by, detail: decision.reason };
  }
}

/** The site after a decision's RACF updates; the same site when there are none. */
export function withRacfUpdates(site: Site, updates: readonly RacfUpdate[]): Site {
  if (updates.length === 0) return site;
  const users = site.racf.users.map((u) => {
    const update = updates.find((x) => x.userid === u.id);
    return update ? { ...u, invalidAttempts: update.invalidAttempts, revoked: u.revoked || update.revoked } : u;
  });
  return { ...site, racf: { ...site.racf, users } };
}
