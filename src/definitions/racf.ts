/**
 * RACF commands, replayed in order into the part of a RACF database IPIC security depends on: users and
 * their secrets, groups, general-resource profiles and access lists, certificates and their mappings,
 * key rings, distributed-identity filters, and the SETROPTS options that matter.
 *
 * A command RACF itself would reject (ALTUSER of an undefined user, PERMIT on a profile that does not
 * exist) is skipped with a warning, as RACF would skip it. Passwords and phrases are read, because the
 * reference model verifies them, but they appear in no message: problems name the keyword and position.
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { toCommaDn } from './dn';
import { keywordTable, resolveKeyword, type KeywordTable } from './keywords';
import type { Operand } from './operands';
import { racfCommands, type RacfCommand } from './racf-commands';
import { racfCommandDate, revokedOn, type Revocation } from './racf-dates';

export type Access = 'NONE' | 'EXECUTE' | 'READ' | 'UPDATE' | 'CONTROL' | 'ALTER';
export const ACCESS_LEVELS: readonly Access[] = ['NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER'];

export interface RacfUserRecord extends Revocation {
  id: string;
  at: SourceLocation;
  password?: string;
  phrase?: string;
  /**
   * The user has a password or phrase whose value the audit cannot know (an IRRDBU00 unload holds none):
   * a secret sent for this user can be neither confirmed nor refuted.
   */
  secretsUnknown?: boolean;
  passwordExpired: boolean;
  /** Revoked on the audit date (revokedOn): set once all definitions are read. */
  revoked: boolean;
  groups: Set<string>;
}

export interface RacfProfile {
  cls: string;
  name: string;
  at: SourceLocation;
  uacc: Access;
  /** Grouping-class profiles (GCICSTRN ...): the resource names they protect. */
  members: Set<string>;
  /** User or group ID (or * for every RACF-defined user) -> access. */
  accessList: Map<string, Access>;
  /** RDEFINE/RALTER WARNING: RACF lets every access through and only logs it. */
  warningMode: boolean;
}

/** RACDCERT ADD or GENCERT: a certificate held in RACF under an owner and a label. */
export interface RacfCertificate {
  owner: string;
  label: string;
  trust: boolean;
  at: SourceLocation;
}

export interface RacfCertificateFilter {
  userid: string;
  sdnFilter?: string;
  idnFilter?: string;
  trust: boolean;
  at: SourceLocation;
}

export interface RacfRing {
  owner: string;
  name: string;
  at: SourceLocation;
  /** Certificates connected to the ring: owner (user ID, CERTAUTH or SITE), label, usage. */
  connected: {
    owner: string;
    label: string;
    usage: 'PERSONAL' | 'CERTAUTH' | 'SITE';
    isDefault: boolean;
    at: SourceLocation;
  }[];
}

export interface RacfDistributedIdentityFilter {
  userid: string;
  dnFilter: string;
  registry: string;
  at: SourceLocation;
  /** In storage: IDIDMAP was RACLISTed or refreshed after the filter was defined (R42). */
  refreshed: boolean;
}

export interface RacfDatabase {
  users: Map<string, RacfUserRecord>;
  groups: Map<string, SourceLocation>;
  profiles: RacfProfile[];
  certificates: RacfCertificate[];
  certificateFilters: RacfCertificateFilter[];
  rings: RacfRing[];
  distributedIdentityFilters: RacfDistributedIdentityFilter[];
  activeClasses: Set<string>;
  raclistedClasses: Set<string>;
  mixedCasePasswords: boolean;
  kdfaes: boolean;
  /** SETROPTS PASSWORD(REVOKE(n)); undefined: NOREVOKE, RACF's default. */
  revokeAfter?: number;
  /** Every password, phrase and PKCS#12 password read, so outputs can be proved free of them. */
  secrets: Set<string>;
  sources: { setropts: Record<string, SourceLocation> };
}

export function emptyRacfDatabase(): RacfDatabase {
  return {
    users: new Map(),
    groups: new Map(),
    profiles: [],
    certificates: [],
    certificateFilters: [],
    rings: [],
    distributedIdentityFilters: [],
    activeClasses: new Set(),
    raclistedClasses: new Set(),
    mixedCasePasswords: false,
    kdfaes: false,
    secrets: new Set(),
    sources: { setropts: {} },
  };
}

const USERID = /^[A-Z0-9@#$]{1,8}$/;

/** Operand names each command accepts; any NO-form of a listed name is accepted too. */
const USER_OPERANDS = [
  'ADDCATEGORY',
  'ADSP',
  'AUDITOR',
  'AUTHORITY',
  'CICS',
  'CLAUTH',
  'CSDATA',
  'DATA',
  'DCE',
  'DFLTGRP',
  'DFP',
  'EIM',
  'GRPACC',
  'KERB',
  'LANGUAGE',
  'LNOTES',
  'MFA',
  'MODEL',
  'NAME',
  'NDS',
  'NETVIEW',
  'OIDCARD',
  'OMVS',
  'OPERATIONS',
  'OPERPARM',
  'OVM',
  'OWNER',
  'PASSWORD',
  'PHRASE',
  'PROXY',
  'RESTRICTED',
  'REVOKE',
  'SECLABEL',
  'SECLEVEL',
  'SPECIAL',
  'TSO',
  'UACC',
  'UAUDIT',
  'WHEN',
  'WORKATTR',
];
/** Operands RDEFINE and RALTER share (the general-resource segments); each adds its own below. */
const GENERAL_RESOURCE_KEYWORDS = [
  'ADDCATEGORY',
  'ADDMEM',
  'APPLDATA',
  'AUDIT',
  'CDTINFO',
  'CFDEF',
  'DATA',
  'DLFDATA',
  'EIM',
  'ICSF',
  'ICTX',
  'IDTPARMS',
  'JES',
  'KERB',
  'LEVEL',
  'MFPOLICY',
  'NOTIFY',
  'OWNER',
  'PROXY',
  'SECLABEL',
  'SECLEVEL',
  'SESSION',
  'SIGVER',
  'SINGLEDSN',
  'SSIGNON',
  'STDATA',
  'SVFMR',
  'TIMEZONE',
  'TME',
  'TVTOC',
  'UACC',
  'WARNING',
  'WHEN',
  'ALIAS',
  'CSDATA',
];

const TABLES: Record<string, KeywordTable> = {
  ADDUSER: keywordTable(USER_OPERANDS),
  ALTUSER: keywordTable([
    ...USER_OPERANDS,
    'RESUME',
    'EXPIRED',
    'DELCATEGORY',
    'PWCLEAN',
    'PWCONVERT',
    'MFAPOLICY',
    'GROUP',
  ]),
  DELUSER: keywordTable([]),
  ADDGROUP: keywordTable([
    'CSDATA',
    'DATA',
    'DFP',
    'MODEL',
    'OMVS',
    'OVM',
    'OWNER',
    'SUPGROUP',
    'TERMUACC',
    'TME',
    'UNIVERSAL',
  ]),
  CONNECT: keywordTable([
    'ADSP',
    'AUDITOR',
    'AUTHORITY',
    'GROUP',
    'GRPACC',
    'OPERATIONS',
    'OWNER',
    'RESUME',
    'REVOKE',
    'SPECIAL',
    'UACC',
  ]),
  REMOVE: keywordTable(['GROUP', 'OWNER']),
  RDEFINE: keywordTable([...GENERAL_RESOURCE_KEYWORDS, 'CSFSERV', 'FCLASS', 'FGENERIC', 'FROM', 'FVOLUME']),
  RALTER: keywordTable([...GENERAL_RESOURCE_KEYWORDS, 'DELCATEGORY', 'DELMEM', 'GLOBALAUDIT']),
  RDELETE: keywordTable([]),
  PERMIT: keywordTable([
    'ACCESS',
    'CLASS',
    'DELETE',
    'FCLASS',
    'FGENERIC',
    'FROM',
    'FVOLUME',
    'GENERIC',
    'ID',
    'RESET',
    'VOLUME',
    'WHEN',
  ]),
  SETROPTS: keywordTable([
    'ADDCREATOR',
    'ADSP',
    'APPLAUDIT',
    'AUDIT',
    'CATDSNS',
    'CLASSACT',
    'CMDVIOL',
    'COMPATMODE',
    'EGN',
    'ERASE',
    'GENCMD',
    'GENERIC',
    'GENERICOWNER',
    'GENLIST',
    'GLOBAL',
    'GLOBALAUDIT',
    'GRPLIST',
    'INACTIVE',
    'INITSTATS',
    'JES',
    'KERBLVL',
    'LANGUAGE',
    'LIST',
    'LOGOPTIONS',
    'MLACTIVE',
    'MLFSOBJ',
    'MLIPCOBJ',
    'MLNAMES',
    'MLQUIET',
    'MLS',
    'MLSTABLE',
    'MODEL',
    'OPERAUDIT',
    'PASSWORD',
    'PREFIX',
    'PROTECTALL',
    'RACLIST',
    'REALDSN',
    'REFRESH',
    'RETPD',
    'RVARYPW',
    'SAUDIT',
    'SECLABELAUDIT',
    'SECLABELCONTROL',
    'SECLBYSYSTEM',
    'SESSIONINTERVAL',
    'STATISTICS',
    'TAPEDSN',
    'TERMINAL',
    'WHEN',
    'WARNING',
  ]),
  RACDCERT: keywordTable([
    'ADD',
    'ADDRING',
    'ADDTOKEN',
    'ALTER',
    'ALTMAP',
    'ALTNAME',
    'BIND',
    'BPECC',
    'CERTAUTH',
    'CHECKCERT',
    'CONNECT',
    'CRITERIA',
    'DELETE',
    'DELMAP',
    'DELRING',
    'DELTOKEN',
    'DSA',
    'EXPORT',
    'FROMICSF',
    'GENCERT',
    'GENREQ',
    'HIGHTRUST',
    'ICSF',
    'ID',
    'IDNFILTER',
    'IMPORT',
    'KEYUSAGE',
    'LIST',
    'LISTCHAIN',
    'LISTMAP',
    'LISTRING',
    'LISTTOKEN',
    'MAP',
    'MULTIID',
    'NEWLABEL',
    'NISTECC',
    'NOTAFTER',
    'NOTBEFORE',
    'NOTRUST',
    'PASSWORD',
    'PCICC',
    'REKEY',
    'REMOVE',
    'ROLLOVER',
    'RSA',
    'SDNFILTER',
    'SIGNWITH',
    'SITE',
    'SIZE',
    'SUBJECTSDN',
    'TRUST',
    'UNBIND',
    'WITHLABEL',
    'FORMAT',
    'DSN',
    'FORCE',
    'TOKEN',
    'USAGE',
    'FROMICSF',
  ]),
  RACMAP: keywordTable([
    'DELMAP',
    'ID',
    'LISTMAP',
    'MAP',
    'QUERY',
    'REGISTRY',
    'USERDIDFILTER',
    'WITHLABEL',
    'CRITERIA',
    'FILTER',
  ]),
};

/** How many leading positional values each command takes (user IDs, class and profile names). */
const POSITIONALS: Record<string, number> = {
  ADDUSER: 1,
  ALTUSER: 1,
  DELUSER: 1,
  ADDGROUP: 1,
  CONNECT: 1,
  REMOVE: 1,
  RDEFINE: 2,
  RALTER: 2,
  RDELETE: 2,
  PERMIT: 1,
  SETROPTS: 0,
  RACDCERT: 0,
  RACMAP: 0,
};

/** One command's operands, split into positional values and named keywords. */
class Operands {
  readonly positional: { values: string[]; at: SourceLocation }[] = [];
  readonly named = new Map<string, Operand>();

  constructor(
    readonly command: RacfCommand,
    private readonly diagnostics: Diagnostics,
  ) {
    const want = POSITIONALS[command.command] ?? 0;
    const table = TABLES[command.command] as KeywordTable;
    for (const operand of command.operands) {
      // RDEFINE TCICSTRN (CSMI ZCMI): the operand reader sees the class name followed by a parenthesised
      // list as one KEYWORD(values). Positional operands come first in TSO, so while the class and the
      // profile list are both still due, the word is the class (even APPL, which would abbreviate APPLDATA).
      if (want - this.positional.length >= 2 && operand.kind === 'keyword' && operand.name !== '') {
        this.positional.push({ values: [operand.name], at: operand.at });
        this.positional.push({
          values: operand.args.map((a) => (a.kind === 'keyword' ? a.name : a.text)),
          at: operand.rawAt,
        });
        continue;
      }
      if (this.positional.length < want && !(operand.kind === 'keyword' && operand.name !== '')) {
        const values =
          operand.kind === 'keyword'
            ? operand.args.map((a) => (a.kind === 'keyword' ? a.name : a.text))
            : [operand.text];
        this.positional.push({ values, at: operand.at });
        continue;
      }
      const written = operand.kind === 'keyword' ? operand.name : operand.kind === 'word' ? operand.text : '';
      const name = resolveOperand(written, table);
      if (!name) {
        diagnostics.problem(
          operand.at,
          `${command.command} ${written.toUpperCase() || 'operand'}`,
          `an operand of ${command.command}`,
        );
        continue;
      }
      if (this.named.has(name)) {
        diagnostics.problem(operand.at, `${command.command} ${name}`, 'one occurrence of this operand');
        continue;
      }
      this.named.set(name, operand);
    }
    if (this.positional.length < want) {
      diagnostics.problem(
        command.at,
        command.command,
        want === 2 ? 'a class name and a profile name' : 'the name it applies to',
      );
    }
  }

  has(name: string): boolean {
    return this.named.has(name);
  }

  at(name: string): SourceLocation {
    return this.named.get(name)?.at ?? this.command.at;
  }

  /** The values inside NAME(...): words and quoted strings. */
  values(name: string): string[] {
    const operand = this.named.get(name);
    if (!operand || operand.kind !== 'keyword') return [];
    return operand.args.filter((a) => a.kind !== 'keyword').map((a) => (a as { text: string }).text);
  }

  /** The one value of NAME(value); a problem (without the value) when it has none or several. */
  value(name: string, expected: string): string | undefined {
    const operand = this.named.get(name);
    if (!operand) return undefined;
    const values = this.values(name);
    if (operand.kind !== 'keyword' || values.length !== 1) {
      this.diagnostics.problem(operand.at, `${this.command.command} ${name}`, expected);
      return undefined;
    }
    return values[0];
  }

  /** NAME(SUB(...) ...): the nested keyword operands. */
  nested(name: string): Operand[] {
    const operand = this.named.get(name);
    return operand?.kind === 'keyword' ? operand.args : [];
  }
}

function resolveOperand(written: string, table: KeywordTable): string | undefined {
  const direct = resolveKeyword(written, table);
  if (direct) return direct;
  // NOxxx switches an option off: NOREVOKE, NOEXPIRED, NOWARNING, NOCLASSACT, ...
  if (/^NO/i.test(written)) {
    const base = resolveKeyword(written.slice(2), table);
    if (base) return `NO${base}`;
  }
  return undefined;
}

export interface RacfReadOptions {
  /**
   * yyyy-mm-dd: the day the audit judges revocation on (the site manifest's auditDate). Without it a dated
   * REVOKE or RESUME cannot be judged and is a problem.
   */
  auditDate?: string;
  /** What was read before these commands (an IRRDBU00 unload): the commands change it in place. */
  base?: RacfDatabase;
  /** z/OS symbol values (site.yaml `symbols`) for commands in a JCL member's in-stream SYSTSIN. */
  symbols?: Readonly<Record<string, string>>;
}

export function parseRacf(
  files: { content: string; file: string }[],
  diagnostics: Diagnostics,
  options: RacfReadOptions = {},
): RacfDatabase {
  const db = options.base ?? emptyRacfDatabase();
  const context: Context = { db, diagnostics, today: options.auditDate };
  for (const { content, file } of files) {
    for (const command of racfCommands(content, file, diagnostics, options.symbols)) {
      const before = diagnostics.problems.length;
      const ops = new Operands(command, diagnostics);
      if (diagnostics.problems.length > before) continue;
      HANDLERS[command.command]?.(ops, db, diagnostics, context);
    }
  }
  settleRevocation(db, options.auditDate ?? '');
  return db;
}

/** Each user's revoked state on the audit date, from the flag and dates the definitions left. */
export function settleRevocation(db: RacfDatabase, today: string): void {
  for (const user of db.users.values()) user.revoked = revokedOn(user, today);
}

interface Context {
  db: RacfDatabase;
  diagnostics: Diagnostics;
  today: string | undefined;
}

type Handler = (ops: Operands, db: RacfDatabase, diagnostics: Diagnostics, context: Context) => void;

function userIds(ops: Operands, diagnostics: Diagnostics): string[] {
  const first = ops.positional[0];
  if (!first) return [];
  const ids = first.values.map((v) => v.toUpperCase());
  const bad = ids.find((id) => !USERID.test(id));
  if (bad !== undefined) {
    diagnostics.problem(first.at, ops.command.command, 'user or group IDs of 1 to 8 characters from A-Z 0-9 @ # $');
    return [];
  }
  return ids;
}

/** PASSWORD(x) and PHRASE('x'): checked for length only, and never quoted in a message. */
function readSecrets(
  ops: Operands,
  db: RacfDatabase,
  diagnostics: Diagnostics,
): { password?: string; phrase?: string } {
  const out: { password?: string; phrase?: string } = {};
  const password = ops.value('PASSWORD', 'PASSWORD(value): one password of 1 to 8 characters');
  if (password !== undefined) {
    if (password.length < 1 || password.length > 8)
      diagnostics.problem(
        ops.at('PASSWORD'),
        `${ops.command.command} PASSWORD`,
        'a password of 1 to 8 characters (R35)',
      );
    else out.password = password;
  }
  const phrase = ops.value('PHRASE', "PHRASE('value'): one password phrase");
  if (phrase !== undefined) {
    if (phrase.length < 9 || phrase.length > 100)
      diagnostics.problem(
        ops.at('PHRASE'),
        `${ops.command.command} PHRASE`,
        'a password phrase of 9 to 100 characters (R35, R36)',
      );
    else out.phrase = phrase;
  }
  for (const secret of [out.password, out.phrase]) if (secret) db.secrets.add(secret);
  return out;
}

const addUser: Handler = (ops, db, diagnostics, context) => {
  for (const id of userIds(ops, diagnostics)) {
    if (db.users.has(id)) {
      diagnostics.warn(ops.command.at, `ADDUSER ${id} skipped: the user is already defined (RACF rejects it)`);
      continue;
    }
    const secrets = readSecrets(ops, db, diagnostics);
    const group = ops.value('DFLTGRP', 'DFLTGRP(group)')?.toUpperCase();
    const user: RacfUserRecord = {
      id,
      at: ops.command.at,
      ...secrets,
      // RACF marks the password or phrase given on ADDUSER as expired: the user must change it at first use.
      passwordExpired: secrets.password !== undefined || secrets.phrase !== undefined,
      revoked: false,
      revokedFlag: false,
      groups: new Set(group ? [group] : []),
    };
    applyRevocation(ops, user, diagnostics, context.today);
    db.users.set(id, user);
  }
};

const altUser: Handler = (ops, db, diagnostics, context) => {
  for (const id of userIds(ops, diagnostics)) {
    const user = db.users.get(id);
    if (!user) {
      diagnostics.warn(ops.command.at, `ALTUSER ${id} skipped: the user is not defined (RACF rejects it)`);
      continue;
    }
    const secrets = readSecrets(ops, db, diagnostics);
    if (ops.has('NOPASSWORD')) delete user.password;
    if (ops.has('NOPHRASE')) delete user.phrase;
    if (secrets.password !== undefined) user.password = secrets.password;
    if (secrets.phrase !== undefined) user.phrase = secrets.phrase;
    // ALTUSER PASSWORD or PHRASE sets an expired secret unless NOEXPIRED says otherwise.
    if (secrets.password !== undefined || secrets.phrase !== undefined) user.passwordExpired = !ops.has('NOEXPIRED');
    if (ops.has('EXPIRED')) user.passwordExpired = true;
    applyRevocation(ops, user, diagnostics, context.today);
    const group = ops.value('DFLTGRP', 'DFLTGRP(group)')?.toUpperCase();
    if (group) user.groups.add(group);
  }
};

/**
 * REVOKE and RESUME, with or without a date (mm/dd/yy), NOREVOKE and NORESUME, applied as RACF keeps them:
 * a flag and two dates, judged on the audit date once everything is read (racf-dates.ts). Without a date,
 * REVOKE takes effect at once (a resume date already passed belongs to an earlier revocation) and RESUME
 * ends the revocation in effect, leaving a revoke date still to come; NOREVOKE and NORESUME drop the date.
 */
function applyRevocation(
  ops: Operands,
  user: RacfUserRecord,
  diagnostics: Diagnostics,
  auditDate: string | undefined,
): void {
  const today = auditDate ?? '';
  const date = (name: 'REVOKE' | 'RESUME'): string | null | undefined => {
    if (!ops.has(name)) return undefined;
    const values = ops.values(name);
    if (values.length === 0) return null;
    const parsed = values.length === 1 ? racfCommandDate(values[0] as string) : undefined;
    if (parsed === undefined)
      diagnostics.problem(ops.at(name), `${ops.command.command} ${name}`, `${name} or ${name}(mm/dd/yy)`);
    else if (auditDate === undefined)
      diagnostics.problem(ops.at(name), `${ops.command.command} ${name}`, 'an audit date to judge the date against');
    return parsed;
  };
  const revoke = date('REVOKE');
  const resume = date('RESUME');
  if (ops.has('NOREVOKE')) delete user.revokeDate;
  if (ops.has('NORESUME')) delete user.resumeDate;
  if (revoke === null) {
    user.revokedFlag = true;
    if (user.resumeDate !== undefined && user.resumeDate <= today) delete user.resumeDate;
  } else if (revoke !== undefined) user.revokeDate = revoke;
  if (resume === null) {
    user.revokedFlag = false;
    if (user.revokeDate !== undefined && user.revokeDate <= today) delete user.revokeDate;
    delete user.resumeDate;
  } else if (resume !== undefined) user.resumeDate = resume;
}

const delUser: Handler = (ops, db, diagnostics) => {
  for (const id of userIds(ops, diagnostics)) db.users.delete(id);
};

const addGroup: Handler = (ops, db, diagnostics) => {
  for (const id of userIds(ops, diagnostics)) db.groups.set(id, ops.command.at);
};

const connect: Handler = (ops, db, diagnostics) => {
  const group = ops.value('GROUP', 'GROUP(group)')?.toUpperCase();
  if (!group) {
    diagnostics.problem(ops.command.at, 'CONNECT', 'GROUP(group): the group to connect to');
    return;
  }
  for (const id of userIds(ops, diagnostics)) {
    const user = db.users.get(id);
    if (!user || !db.groups.has(group)) {
      diagnostics.warn(
        ops.command.at,
        `CONNECT ${id} GROUP(${group}) skipped: ${user ? 'the group' : 'the user'} is not defined (RACF rejects it)`,
      );
      continue;
    }
    user.groups.add(group);
  }
};

const remove: Handler = (ops, db, diagnostics) => {
  const group = ops.value('GROUP', 'GROUP(group)')?.toUpperCase();
  for (const id of userIds(ops, diagnostics)) if (group) db.users.get(id)?.groups.delete(group);
};

function classAndProfiles(ops: Operands, diagnostics: Diagnostics): { cls: string; names: string[] } | undefined {
  const [cls, profiles] = ops.positional;
  if (!cls || !profiles) return undefined;
  const name = (cls.values[0] ?? '').toUpperCase();
  if (cls.values.length !== 1 || !/^[A-Z0-9@#$]{1,8}$/.test(name)) {
    diagnostics.problem(cls.at, ops.command.command, 'a class name of 1 to 8 characters');
    return undefined;
  }
  return { cls: name, names: profiles.values.map((v) => v.toUpperCase()) };
}

function access(ops: Operands, name: string, diagnostics: Diagnostics): Access | undefined {
  const value = ops.value(name, `${name}(level)`)?.toUpperCase();
  if (value === undefined) return undefined;
  const level = ACCESS_LEVELS.find((l) => l.startsWith(value) && value.length >= 1);
  if (!level) diagnostics.problem(ops.at(name), `${ops.command.command} ${name}`, `one of ${ACCESS_LEVELS.join(', ')}`);
  return level;
}

const rdefine: Handler = (ops, db, diagnostics) => {
  const target = classAndProfiles(ops, diagnostics);
  if (!target) return;
  const uacc = access(ops, 'UACC', diagnostics) ?? 'NONE';
  for (const name of target.names) {
    if (findProfile(db, target.cls, name)) {
      diagnostics.warn(
        ops.command.at,
        `RDEFINE ${target.cls} ${name} skipped: the profile already exists (RACF rejects it)`,
      );
      continue;
    }
    db.profiles.push({
      cls: target.cls,
      name,
      at: ops.command.at,
      uacc,
      members: new Set(ops.values('ADDMEM').map((m) => m.toUpperCase())),
      accessList: new Map(),
      warningMode: ops.has('WARNING'),
    });
  }
};

const ralter: Handler = (ops, db, diagnostics) => {
  const target = classAndProfiles(ops, diagnostics);
  if (!target) return;
  for (const name of target.names) {
    const profile = findProfile(db, target.cls, name);
    if (!profile) {
      diagnostics.warn(ops.command.at, `RALTER ${target.cls} ${name} skipped: no such profile (RACF rejects it)`);
      continue;
    }
    const uacc = access(ops, 'UACC', diagnostics);
    if (uacc) profile.uacc = uacc;
    for (const m of ops.values('ADDMEM')) profile.members.add(m.toUpperCase());
    for (const m of ops.values('DELMEM')) profile.members.delete(m.toUpperCase());
    if (ops.has('WARNING')) profile.warningMode = true;
    if (ops.has('NOWARNING')) profile.warningMode = false;
  }
};

const rdelete: Handler = (ops, db, diagnostics) => {
  const target = classAndProfiles(ops, diagnostics);
  if (!target) return;
  db.profiles = db.profiles.filter((p) => !(p.cls === target.cls && target.names.includes(p.name)));
};

const permit: Handler = (ops, db, diagnostics) => {
  const names = (ops.positional[0]?.values ?? []).map((v) => v.toUpperCase());
  const cls = ops.value('CLASS', 'CLASS(class)')?.toUpperCase() ?? 'DATASET';
  if (cls === 'DATASET') {
    diagnostics.skip(ops.command.at, 'RACF PERMIT for a data set profile');
    return;
  }
  if (ops.has('WHEN') || ops.has('FROM')) {
    diagnostics.warn(
      ops.command.at,
      `PERMIT with ${ops.has('WHEN') ? 'WHEN (a conditional access list)' : 'FROM (a copied access list)'} skipped: the audit does not model it`,
    );
    return;
  }
  const ids = ops.values('ID').map((v) => v.toUpperCase());
  const level = access(ops, 'ACCESS', diagnostics) ?? 'READ';
  if (ids.length === 0 && !ops.has('RESET')) {
    diagnostics.problem(ops.command.at, 'PERMIT', 'ID(user or group, ...): whom the access is for');
    return;
  }
  for (const name of names) {
    const profile = findProfile(db, cls, name);
    if (!profile) {
      diagnostics.warn(ops.command.at, `PERMIT ${name} CLASS(${cls}) skipped: no such profile (RACF rejects it)`);
      continue;
    }
    if (ops.has('RESET')) profile.accessList.clear();
    for (const id of ids) {
      if (ops.has('DELETE')) profile.accessList.delete(id);
      else profile.accessList.set(id, level);
    }
  }
};

function findProfile(db: RacfDatabase, cls: string, name: string): RacfProfile | undefined {
  return db.profiles.find((p) => p.cls === cls && p.name === name);
}

const setropts: Handler = (ops, db, diagnostics) => {
  const classes = (name: string) => ops.values(name).map((v) => v.toUpperCase());
  for (const cls of classes('CLASSACT')) db.activeClasses.add(cls);
  for (const cls of classes('NOCLASSACT')) db.activeClasses.delete(cls);
  for (const cls of classes('NORACLIST')) db.raclistedClasses.delete(cls);
  const raclisted = classes('RACLIST');
  for (const cls of raclisted) db.raclistedClasses.add(cls);
  // RACLIST(IDIDMAP) loads, and RACLIST(IDIDMAP) REFRESH reloads, the filters defined so far (R42).
  if (raclisted.includes('IDIDMAP')) for (const f of db.distributedIdentityFilters) f.refreshed = true;
  for (const key of ['CLASSACT', 'RACLIST', 'PASSWORD']) if (ops.has(key)) db.sources.setropts[key] = ops.at(key);
  for (const sub of ops.nested('PASSWORD')) {
    const name = sub.kind === 'keyword' ? sub.name.toUpperCase() : sub.kind === 'word' ? sub.text.toUpperCase() : '';
    if (name === 'MIXEDCASE') db.mixedCasePasswords = true;
    else if (name === 'NOMIXEDCASE') db.mixedCasePasswords = false;
    else if (name === 'NOREVOKE') delete db.revokeAfter;
    else if (name === 'REVOKE' && sub.kind === 'keyword') {
      const n = Number(sub.raw);
      if (Number.isInteger(n) && n >= 1 && n <= 255) db.revokeAfter = n;
      else diagnostics.problem(sub.at, 'SETROPTS PASSWORD REVOKE', 'REVOKE(n) with n from 1 to 255');
    } else if (name === 'ALGORITHM' && sub.kind === 'keyword') db.kdfaes = /KDFAES/i.test(sub.raw);
  }
};

function owner(ops: Operands, diagnostics: Diagnostics, needed: boolean): string | undefined {
  if (ops.has('CERTAUTH')) return 'CERTAUTH';
  if (ops.has('SITE')) return 'SITE';
  const id = ops.value('ID', 'ID(user)')?.toUpperCase();
  if (id !== undefined && !USERID.test(id))
    diagnostics.problem(ops.at('ID'), 'RACDCERT ID', 'a user ID of 1 to 8 characters');
  if (id === undefined && needed) {
    diagnostics.problem(
      ops.command.at,
      'RACDCERT',
      'ID(user), CERTAUTH or SITE: whose certificate this is (the issuer of the command is not known to the audit)',
    );
  }
  return id;
}

function trustOf(ops: Operands, fallback: boolean): boolean {
  if (ops.has('NOTRUST')) return false;
  if (ops.has('TRUST') || ops.has('HIGHTRUST')) return true;
  return fallback;
}

const racdcert: Handler = (ops, db, diagnostics) => {
  const pkcs12 = ops.value('PASSWORD', "PASSWORD('value')");
  if (pkcs12) db.secrets.add(pkcs12);
  const label = ops.value('WITHLABEL', "WITHLABEL('label')");
  if (ops.has('ADD') || ops.has('GENCERT')) {
    const who = owner(ops, diagnostics, true);
    if (!who) return;
    if (!label) {
      diagnostics.warn(
        ops.command.at,
        'RACDCERT without WITHLABEL: RACF makes up a label, so the certificate inventory cannot describe it; skipped',
      );
      return;
    }
    if (ops.has('ADD') && !ops.has('TRUST') && !ops.has('NOTRUST') && !ops.has('HIGHTRUST')) {
      diagnostics.warn(
        ops.command.at,
        `RACDCERT ${who} '${label}' names no TRUST or NOTRUST: RACF decides from checks the audit cannot see; read as TRUST`,
      );
    }
    db.certificates = db.certificates.filter((c) => !(c.owner === who && c.label === label));
    db.certificates.push({ owner: who, label, trust: trustOf(ops, true), at: ops.command.at });
  } else if (ops.has('ALTER')) {
    const who = owner(ops, diagnostics, true);
    const altered = labelIn(ops.nested('ALTER'));
    const cert = db.certificates.find((c) => c.owner === who && c.label === altered);
    if (!cert)
      diagnostics.warn(
        ops.command.at,
        `RACDCERT ALTER of '${altered ?? ''}' skipped: no such certificate for ${who ?? 'this owner'}`,
      );
    else cert.trust = trustOf(ops, cert.trust);
  } else if (ops.has('MAP')) {
    if (ops.has('MULTIID')) {
      diagnostics.warn(ops.command.at, 'RACDCERT MULTIID MAP skipped: criteria mappings (DIGTCRIT) are not modelled');
      return;
    }
    const who = owner(ops, diagnostics, true);
    const sdn = ops.value('SDNFILTER', "SDNFILTER('filter')");
    const idn = ops.value('IDNFILTER', "IDNFILTER('filter')");
    if (!who) return;
    if (sdn === undefined && idn === undefined) {
      diagnostics.problem(ops.command.at, 'RACDCERT MAP', 'SDNFILTER, IDNFILTER or both');
      return;
    }
    // RACDCERT MAP defaults to TRUST.
    db.certificateFilters.push({
      userid: who,
      ...(sdn !== undefined ? { sdnFilter: toCommaDn(sdn) } : {}),
      ...(idn !== undefined ? { idnFilter: toCommaDn(idn) } : {}),
      trust: trustOf(ops, true),
      at: ops.command.at,
    });
  } else if (ops.has('ADDRING')) {
    const who = owner(ops, diagnostics, true);
    const ring = ops.value('ADDRING', 'ADDRING(ring)');
    if (who && ring) db.rings.push({ owner: who, name: ring, at: ops.command.at, connected: [] });
  } else if (ops.has('CONNECT')) {
    connectToRing(ops, db, diagnostics);
  } else {
    const what = [...ops.named.keys()].find((k) => !['ID', 'CERTAUTH', 'SITE'].includes(k)) ?? '';
    diagnostics.skip(ops.command.at, `RACDCERT ${what}`);
  }
};

function labelIn(args: Operand[]): string | undefined {
  const label = args.find((a) => a.kind === 'keyword' && a.name.toUpperCase().startsWith('LABEL'));
  return label?.kind === 'keyword' ? (label.args[0] as { text?: string } | undefined)?.text : undefined;
}

/** RACDCERT ID(ringowner) CONNECT(ID(certowner)|CERTAUTH|SITE LABEL('l') RING(r) USAGE(u) DEFAULT). */
function connectToRing(ops: Operands, db: RacfDatabase, diagnostics: Diagnostics): void {
  const ringOwner = owner(ops, diagnostics, true);
  const args = ops.nested('CONNECT');
  const sub = (name: string) => {
    const found = args.find(
      (a) => (a.kind === 'keyword' ? a.name : a.kind === 'word' ? a.text : '').toUpperCase() === name,
    );
    return found;
  };
  const valueOf = (name: string) => {
    const found = sub(name);
    return found?.kind === 'keyword'
      ? ((found.args[0] as { text?: string } | undefined)?.text ?? found.raw)
      : undefined;
  };
  const certOwner = sub('CERTAUTH') ? 'CERTAUTH' : sub('SITE') ? 'SITE' : (valueOf('ID')?.toUpperCase() ?? ringOwner);
  const label = valueOf('LABEL');
  const ringName = valueOf('RING');
  const usageText = valueOf('USAGE')?.toUpperCase();
  if (!ringOwner || !label || !ringName) {
    diagnostics.problem(ops.at('CONNECT'), 'RACDCERT CONNECT', "LABEL('label') and RING(ring)");
    return;
  }
  const usage =
    (['PERSONAL', 'CERTAUTH', 'SITE'] as const).find((u) => u === usageText) ??
    (certOwner === 'CERTAUTH' ? 'CERTAUTH' : certOwner === 'SITE' ? 'SITE' : 'PERSONAL');
  const ring = db.rings.find((r) => r.owner === ringOwner && r.name === ringName);
  if (!ring) {
    diagnostics.warn(
      ops.command.at,
      `RACDCERT CONNECT to ring ${ringOwner}/${ringName} skipped: no such ring (RACF rejects it)`,
    );
    return;
  }
  ring.connected.push({
    owner: certOwner ?? ringOwner,
    label,
    usage,
    isDefault: sub('DEFAULT') !== undefined,
    at: ops.command.at,
  });
}

const racmap: Handler = (ops, db, diagnostics) => {
  if (!ops.has('MAP')) {
    diagnostics.warn(ops.command.at, 'RACMAP without MAP skipped: only new filters are read');
    return;
  }
  const id = ops.value('ID', 'ID(user)')?.toUpperCase();
  const name = (key: string) => {
    const inner = ops.nested(key).find((a) => a.kind === 'keyword' && a.name.toUpperCase() === 'NAME');
    return inner?.kind === 'keyword' ? (inner.args[0] as { text?: string } | undefined)?.text : undefined;
  };
  const dn = name('USERDIDFILTER');
  const registry = name('REGISTRY');
  if (!id || !USERID.test(id) || dn === undefined || registry === undefined) {
    diagnostics.problem(ops.command.at, 'RACMAP MAP', "ID(user) USERDIDFILTER(NAME('dn')) REGISTRY(NAME('realm'))");
    return;
  }
  // RACMAP MAP refuses a DN over 246 bytes or a realm over 252 (R42): such a filter never exists.
  if (Buffer.byteLength(dn) > 246 || Buffer.byteLength(registry) > 252) {
    diagnostics.warn(ops.command.at, 'RACMAP MAP skipped: RACF refuses a DN over 246 bytes or a realm over 252 (R42)');
    return;
  }
  db.distributedIdentityFilters.push({ userid: id, dnFilter: dn, registry, at: ops.command.at, refreshed: false });
};

const HANDLERS: Record<string, Handler> = {
  ADDUSER: addUser,
  ALTUSER: altUser,
  DELUSER: delUser,
  ADDGROUP: addGroup,
  CONNECT: connect,
  REMOVE: remove,
  RDEFINE: rdefine,
  RALTER: ralter,
  RDELETE: rdelete,
  PERMIT: permit,
  SETROPTS: setropts,
  RACDCERT: racdcert,
  RACMAP: racmap,
};
