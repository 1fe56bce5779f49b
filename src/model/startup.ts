/**
 * R9: with SEC=YES, CICS signs its default user on while it initializes, and stops if that sign-on fails.
 * A region whose DFLTUSER RACF does not define, or has revoked, never comes up, so nothing listens on its
 * ports. With SEC=NO there is no sign-on (R8), and the region starts whatever RACF holds.
 */
import { findUser } from './racf';
import type { Site } from './site';

/** Why the region does not start, or undefined when it does. */
export function startupFailure(site: Site): string | undefined {
  if (!site.region.sec) return undefined;
  const user = findUser(site.racf, site.region.dfltuser);
  if (!user) return `DFLTUSER ${site.region.dfltuser} is not defined to RACF, so CICS cannot sign it on and stops`;
  if (user.revoked) return `DFLTUSER ${site.region.dfltuser} is revoked, so CICS cannot sign it on and stops`;
  return undefined;
}
