/** Site definitions as evidence: every secret replaced by a marker that says only whether one is set. */
import type { Site } from '../../model';

export const REDACTED = '<redacted>';

export function redactSite(site: Site): Site {
  return {
    ...site,
    racf: {
      ...site.racf,
      users: site.racf.users.map((u) => ({
        ...u,
        ...(u.password === undefined ? {} : { password: REDACTED }),
        ...(u.phrase === undefined ? {} : { phrase: `${REDACTED} (${u.phrase.length} characters)` }),
      })),
    },
    zosConnect: {
      ...site.zosConnect,
      authData: site.zosConnect.authData.map((a) => ({
        ...a,
        ...(a.password === undefined ? {} : { password: `${REDACTED} (${a.password.length} characters)` }),
      })),
    },
  };
}
