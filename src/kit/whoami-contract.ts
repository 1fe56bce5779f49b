/**
 * The whoami contract: what the kit's CICS program (zos-kit/cobol/WHOAMI.cbl) hands back through its z/OS
 * Connect API, defined once. The inventory's default field names, the sandbox's answers and the kit's API
 * mapping all follow it, and test/kit-whoami-contract.test.ts reads the kit's COBOL copybook and API files
 * to hold them to it.
 *
 * The body is one flat JSON object. USERID is what EXEC CICS ASSIGN USERID returns: eight characters,
 * blank-padded (the harness trims it); TRANSID is EIBTRNID, the four-character ID of the transaction the
 * task runs under (the mirror).
 */

/** JSON field names of the whoami body, as the COBOL copybook names the COMMAREA fields. */
export const WHOAMI_FIELDS = { userId: 'USERID', transid: 'TRANSID' } as const;

/** Lengths of the COMMAREA fields (PIC X(8) and PIC X(4)). */
export const WHOAMI_FIELD_LENGTHS = { userId: 8, transid: 4 } as const;

export type WhoamiBody = Record<(typeof WHOAMI_FIELDS)[keyof typeof WHOAMI_FIELDS], string>;

/** The body the kit's API returns for a task running as `userId` under `transid`. */
export function whoamiBody(userId: string, transid: string): WhoamiBody {
  return {
    [WHOAMI_FIELDS.userId]: userId.padEnd(WHOAMI_FIELD_LENGTHS.userId),
    [WHOAMI_FIELDS.transid]: transid.padEnd(WHOAMI_FIELD_LENGTHS.transid),
  } as WhoamiBody;
}
