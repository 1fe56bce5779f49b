/**
 * When a RACF user counts as revoked. RACF keeps three things per user: a revoked flag, a date from which
 * the user is revoked and a date on which the user is resumed. A logon, and LISTUSER, look at today's date:
 * the user is revoked when today falls in the window that opens on the revoke date (or at once, with the
 * flag) and closes on the resume date (z/OS RACF Security Administrator's Guide, "Processing user
 * revocation information",
 * https://www.ibm.com/support/knowledgecenter/SSLTBW_2.2.0/com.ibm.zos.v2r2.icha700/puri.htm). The
 * audit's "today" is the site manifest's auditDate, so `ALTUSER X REVOKE(12/31/30)` audited in 2026 is not
 * revoked yet.
 */

export interface Revocation {
  /** ALTUSER REVOKE without a date, or IRRDBU00 USBD_REVOKE=YES. */
  revokedFlag: boolean;
  /** yyyy-mm-dd: from this day on the user is revoked. */
  revokeDate?: string;
  /** yyyy-mm-dd: from this day on the user is no longer revoked. */
  resumeDate?: string;
}

/**
 * A date as the RACF commands take it, mm/dd/yy, as yyyy-mm-dd. RACF stores a two-digit year and reads
 * 71-99 as 19yy and 00-70 as 20yy (RACF Macros and Interfaces, "Invoking the date conversion routine",
 * https://www.ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.icha300/ich2a3_Invoking_the_date_conversion_routine.htm).
 */
export function racfCommandDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [month, day, yy] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const year = yy >= 71 ? 1900 + yy : 2000 + yy;
  return calendarDate(year, month, day);
}

/** An IRRDBU00 date field, yyyy-mm-dd (blank when the profile holds none). */
export function unloadDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Revoked on `today` (yyyy-mm-dd): the window opens on the revoke date once reached (or is open with the
 * flag set) and a resume date later than its opening, once reached, closes it. A resume date before the
 * revoke date belongs to an earlier revocation and does not end the later one.
 */
export function revokedOn(state: Revocation, today: string): boolean {
  const opened = state.revokeDate !== undefined && state.revokeDate <= today ? state.revokeDate : undefined;
  if (opened === undefined && !state.revokedFlag) return false;
  const from = opened ?? '';
  return !(state.resumeDate !== undefined && state.resumeDate <= today && state.resumeDate > from);
}
