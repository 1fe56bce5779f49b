/**
 * The AOR checking tables (catalog §2, CICS "Security checking done in AOR with IPIC"): which user IDs
 * CICS checks for a request, and which one the task runs under.
 */
import type { Region, Userauth } from './site';

export interface LinkContext {
  region: Region;
  userauth: Userauth;
  /** The link user after R20's fallback; null when SECURITYNAME was blank ("not specified"). */
  linkUser: string | null;
  /** The flowed or mapped user under IDENTIFY/VERIFY. */
  transmitted?: string;
}

/** R21: a link user equal to the region user ID makes the link as trusted as the region: no link check. */
function linkOmitted(ctx: LinkContext): boolean {
  return (ctx.linkUser ?? ctx.region.dfltuser) === ctx.region.regionUserid;
}

export function checkedSet(ctx: LinkContext): string[] {
  const link = ctx.linkUser ?? ctx.region.dfltuser;
  const omit = linkOmitted(ctx);
  const dflt = ctx.region.dfltuser;
  switch (ctx.userauth) {
    case 'LOCAL':
      return omit ? [dflt] : [link];
    case 'DEFAULTUSER':
      return omit ? [dflt] : unique([link, dflt]);
    case 'IDENTIFY':
    case 'VERIFY':
      if (ctx.transmitted === undefined) throw new Error('IDENTIFY/VERIFY without a transmitted user');
      return omit ? [ctx.transmitted] : unique([ctx.transmitted, link]);
  }
}

export function taskUser(ctx: LinkContext): string {
  switch (ctx.userauth) {
    case 'LOCAL':
      return linkOmitted(ctx) ? ctx.region.dfltuser : (ctx.linkUser ?? ctx.region.dfltuser);
    case 'DEFAULTUSER':
      return ctx.region.dfltuser;
    case 'IDENTIFY':
    case 'VERIFY':
      if (ctx.transmitted === undefined) throw new Error('IDENTIFY/VERIFY without a transmitted user');
      return ctx.transmitted;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
