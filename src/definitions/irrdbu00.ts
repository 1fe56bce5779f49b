/**
 * An IRRDBU00 RACF database unload, the form auditors are usually handed: one record per line, a
 * four-character record type in columns 1-4, then fields at fixed columns. It is read into the same
 * RacfDatabase the RACF commands build, and commands listed after it in site.yaml apply on top of it.
 *
 * Record layouts: z/OS Security Server RACF Macros and Interfaces, "The format of the unloaded records":
 * - record types and prefixes: https://www.ibm.com/support/knowledgecenter/ja/SSLTBW_2.2.0/com.ibm.zos.v2r2.icha300/dbutypes.htm
 * - user records (0200, 0205, 0207, 0208): https://www.ibm.com/docs/en/zos/3.1.0?topic=utility-user-record-formats
 *   and http://www.ibm.com/support/knowledgecenter/SSLTBW_2.2.0/com.ibm.zos.v2r2.icha300/usr.htm
 * - general resource records (0500, 0503, 0505, 0562): https://www.ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.icha300/grr.htm
 * The positions below are IBM's (1-based, inclusive). The library held IBM's tables only in part (0200
 * up to USBD_PWD_DATE, 0500 up to GRBD_GAUDIT_LEVEL); the later columns (USBD_DEFGRP_ID, USBD_NOPWD,
 * USBD_REVOKE_DATE, USBD_RESUME_DATE, USBD_PHR_DATE, GRBD_WARNING, GRBD_APPL_DATA, the 0102, 0205, 0207,
 * 0503, 0505 and 0562 fields) are taken from public parsers that restate the same tables (their positions
 * agree with each other and with IBM's where both are shown).
 *
 * Not read: passwords and phrases (IRRDBU00 never unloads them: a user with one has a secret whose value
 * is unknown), SETROPTS options (not in an unload: give them as commands), certificate name filters
 * (0208 names a DIGTNMAP profile whose name encodes the filters in a form the library did not document:
 * each is a located warning), distributed identity filters (0508/0509) and group-level revocation (0205).
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { ACCESS_LEVELS, emptyRacfDatabase, type Access, type RacfDatabase, type RacfProfile } from './racf';
import { unloadDate } from './racf-dates';

/** A field at IBM's 1-based, inclusive columns, without its padding. */
function field(line: string, start: number, end: number): string {
  return line.slice(start - 1, end).trim();
}

const yes = (text: string) => text.toUpperCase() === 'YES';

/** The RACF user IDs that stand for certificate authorities and site certificates. */
const CERT_OWNERS: Record<string, string> = { IRRCERTA: 'CERTAUTH', IRRSITEC: 'SITE' };

export interface UnloadOptions {
  /** General-resource classes IPIC security reads (from the SIT): profiles in others are counted and set aside. */
  classes: ReadonlySet<string>;
}

interface CertificateProfile {
  owner?: string;
  trust: boolean;
  at: SourceLocation;
}

export function parseIrrdbu00(
  files: { content: string; file: string }[],
  diagnostics: Diagnostics,
  options: UnloadOptions,
): RacfDatabase {
  const db = emptyRacfDatabase();
  const profiles = new Map<string, RacfProfile>();
  const connects: { user: string; group: string; at: SourceLocation }[] = [];
  const certificates = new Map<string, CertificateProfile>();
  const labels: { owner: string; certificate: string; label: string; at: SourceLocation }[] = [];
  const ringEntries: {
    ring: string;
    certificate: string;
    usage: string;
    isDefault: boolean;
    label: string;
    at: SourceLocation;
  }[] = [];
  const key = (cls: string, name: string) => `${cls}\u0000${name}`;

  for (const { content, file } of files) {
    const lines = content.split(/\r?\n/);
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const at = (column = 1): SourceLocation => ({ file, line: index + 1, column });
      const type = line.slice(0, 4);
      if (!/^[0-9][0-9A-Z]{3}$/.test(type) || (line.length > 4 && line[4] !== ' ')) {
        diagnostics.problem(at(), 'IRRDBU00 record', 'a four-character record type in columns 1-4, then a blank');
        return;
      }
      switch (type) {
        // 0100 group basic data: GPBD_NAME 6-13.
        case '0100':
          db.groups.set(field(line, 6, 13), at(6));
          return;
        // 0102 group members: GPMEM_NAME 6-13, GPMEM_MEMBER_ID 15-22.
        case '0102':
          connects.push({ group: field(line, 6, 13), user: field(line, 15, 22), at: at(15) });
          return;
        // 0205 user connect data: USCON_NAME 6-13, USCON_GRP_ID 15-22 (the same connection, seen from the user).
        case '0205':
          connects.push({ user: field(line, 6, 13), group: field(line, 15, 22), at: at(15) });
          return;
        case '0200':
          return readUser(line, at, db, diagnostics);
        // 0207 user certificate name: USCERT_NAME 6-13, USCERT_CERT_NAME 15-260, USCERT_CERTLABL 262-293.
        case '0207':
          labels.push({
            owner: field(line, 6, 13),
            certificate: field(line, 15, 260),
            label: field(line, 262, 293),
            at: at(262),
          });
          return;
        // 0208 user mappings: USNMAP_NAME 6-13, USNMAP_LABEL 15-46, USNMAP_MAP_NAME 48-293.
        case '0208':
          diagnostics.warn(
            at(15),
            `IRRDBU00 certificate name filter '${field(line, 15, 46)}' of ${field(line, 6, 13)} skipped: the DIGTNMAP profile name does not show its filters in a documented form; give it as RACDCERT MAP`,
          );
          return;
        case '0500':
          return readProfile(line, at, options, profiles, certificates, db, diagnostics, key);
        // 0503 general resource members: GRMEM_NAME 6-251, GRMEM_CLASS_NAME 253-260, GRMEM_MEMBER 262-516.
        case '0503': {
          const profile = profiles.get(key(field(line, 253, 260), field(line, 6, 251)));
          if (profile) profile.members.add(field(line, 262, 516).toUpperCase());
          else diagnostics.skip(at(), 'IRRDBU00 0503 member of a profile not read');
          return;
        }
        // 0505 general resource access: GRACC_NAME 6-251, GRACC_CLASS_NAME 253-260, GRACC_AUTH_ID 262-269, GRACC_ACCESS 271-278.
        case '0505': {
          const profile = profiles.get(key(field(line, 253, 260), field(line, 6, 251)));
          if (!profile) return diagnostics.skip(at(), 'IRRDBU00 0505 access entry of a profile not read');
          const level = accessLevel(field(line, 271, 278));
          if (!level)
            return diagnostics.problem(at(271), 'IRRDBU00 GRACC_ACCESS', `one of ${ACCESS_LEVELS.join(', ')}`);
          profile.accessList.set(field(line, 262, 269).toUpperCase(), level);
          return;
        }
        // 0562 key ring data: KEYR_NAME 6-251 (owner.ring), KEYR_CERT_NAME 262-507, KEYR_CERT_USAGE 509-516,
        // KEYR_CERT_DEFAULT 518-521, KEYR_CERT_LABEL 523-554.
        case '0562':
          ringEntries.push({
            ring: field(line, 6, 251),
            certificate: field(line, 262, 507),
            usage: field(line, 509, 516).toUpperCase(),
            isDefault: yes(field(line, 518, 521)),
            label: field(line, 523, 554),
            at: at(262),
          });
          return;
        default:
          diagnostics.skip(at(), `IRRDBU00 record ${type}`);
      }
    });
  }

  for (const c of connects) {
    const user = db.users.get(c.user.toUpperCase());
    if (user && db.groups.has(c.group.toUpperCase())) user.groups.add(c.group.toUpperCase());
    else diagnostics.skip(c.at, 'IRRDBU00 connection of a user or group not in the unload');
  }
  for (const l of labels) {
    const profile = certificates.get(l.certificate);
    const owner = CERT_OWNERS[l.owner.toUpperCase()] ?? l.owner.toUpperCase();
    if (!profile) {
      diagnostics.warn(
        l.at,
        `IRRDBU00 certificate '${l.label}' of ${owner}: no DIGTCERT profile for it in the unload, so its trust is unknown; left out`,
      );
      continue;
    }
    profile.owner = owner;
    db.certificates.push({ owner, label: l.label, trust: profile.trust, at: profile.at });
  }
  readRings(ringEntries, certificates, db, diagnostics);
  return db;
}

/**
 * 0200 user basic data: USBD_NAME 6-13, USBD_REVOKE 50-53, USBD_DEFGRP_ID 96-103, USBD_NOPWD 391-394
 * (NO: logs on with a password; PHR: has a password phrase; PRO: protected; YES: OIDCARD only),
 * USBD_REVOKE_DATE 458-467, USBD_RESUME_DATE 469-478, USBD_PHR_DATE 561-570.
 */
function readUser(
  line: string,
  at: (column?: number) => SourceLocation,
  db: RacfDatabase,
  diagnostics: Diagnostics,
): void {
  const id = field(line, 6, 13).toUpperCase();
  const date = (start: number, end: number, name: string): string | undefined => {
    const text = field(line, start, end);
    const parsed = unloadDate(text);
    if (text !== '' && parsed === undefined)
      diagnostics.problem(at(start), `IRRDBU00 ${name}`, 'a date yyyy-mm-dd or blanks');
    return parsed;
  };
  const revokeDate = date(458, 467, 'USBD_REVOKE_DATE');
  const resumeDate = date(469, 478, 'USBD_RESUME_DATE');
  const noPassword = field(line, 391, 394).toUpperCase();
  const group = field(line, 96, 103).toUpperCase();
  db.users.set(id, {
    id,
    at: at(6),
    // IRRDBU00 unloads no password or phrase: whether the user has one is all it tells.
    secretsUnknown: noPassword === 'NO' || noPassword === 'PHR' || date(561, 570, 'USBD_PHR_DATE') !== undefined,
    passwordExpired: false,
    revoked: false,
    revokedFlag: yes(field(line, 50, 53)),
    ...(revokeDate !== undefined ? { revokeDate } : {}),
    ...(resumeDate !== undefined ? { resumeDate } : {}),
    groups: new Set(group ? [group] : []),
  });
}

/**
 * 0500 general resource basic data: GRBD_NAME 6-251, GRBD_CLASS_NAME 253-260, GRBD_UACC 337-344 (for
 * DIGTCERT: TRUST, NOTRUST or HIGHTRST), GRBD_WARNING 660-663, GRBD_APPL_DATA 754-1008 (for DIGTCERT: the
 * owning user ID, irrcerta for a certificate authority).
 */
function readProfile(
  line: string,
  at: (column?: number) => SourceLocation,
  options: UnloadOptions,
  profiles: Map<string, RacfProfile>,
  certificates: Map<string, CertificateProfile>,
  db: RacfDatabase,
  diagnostics: Diagnostics,
  key: (cls: string, name: string) => string,
): void {
  const name = field(line, 6, 251);
  const cls = field(line, 253, 260).toUpperCase();
  const uacc = field(line, 337, 344).toUpperCase();
  if (cls === 'DIGTCERT') {
    const owner = field(line, 754, 1008).toUpperCase();
    certificates.set(name, {
      ...(owner ? { owner: CERT_OWNERS[owner] ?? owner } : {}),
      trust: uacc !== 'NOTRUST',
      at: at(6),
    });
    return;
  }
  if (!options.classes.has(cls))
    return diagnostics.skip(at(), `IRRDBU00 0500 profile in class ${cls}`, 'a class IPIC security does not use');
  const level = accessLevel(uacc);
  if (!level) return diagnostics.problem(at(337), 'IRRDBU00 GRBD_UACC', `one of ${ACCESS_LEVELS.join(', ')}`);
  const profile: RacfProfile = {
    cls,
    name: name.toUpperCase(),
    at: at(6),
    uacc: level,
    members: new Set(),
    accessList: new Map(),
    warningMode: yes(field(line, 660, 663)),
  };
  profiles.set(key(cls, name), profile);
  db.profiles.push(profile);
}

/** DIGTRING profiles are named owner.ring; each 0562 record connects one certificate to the ring. */
function readRings(
  entries: {
    ring: string;
    certificate: string;
    usage: string;
    isDefault: boolean;
    label: string;
    at: SourceLocation;
  }[],
  certificates: Map<string, CertificateProfile>,
  db: RacfDatabase,
  diagnostics: Diagnostics,
): void {
  for (const e of entries) {
    const dot = e.ring.indexOf('.');
    const owner = e.ring.slice(0, dot).toUpperCase();
    const name = e.ring.slice(dot + 1);
    let ring = db.rings.find((r) => r.owner === owner && r.name === name);
    if (!ring) {
      ring = { owner, name, at: e.at, connected: [] };
      db.rings.push(ring);
    }
    const certOwner = certificates.get(e.certificate)?.owner;
    const usage = (['PERSONAL', 'CERTAUTH', 'SITE'] as const).find((u) => u === e.usage);
    if (!certOwner || !usage) {
      diagnostics.warn(
        e.at,
        `IRRDBU00 key ring ${owner}/${name}: certificate '${e.label}' has no owner or usage in the unload; left out of the ring`,
      );
      continue;
    }
    ring.connected.push({ owner: certOwner, label: e.label, usage, isDefault: e.isDefault, at: e.at });
  }
}

function accessLevel(text: string): Access | undefined {
  return ACCESS_LEVELS.find((level) => level === text.toUpperCase());
}
