/**
 * SIT overrides as DFHSIP reads them from SYSIN, following IBM's "Rules for coding CICS system
 * initialization parameters in the SYSIN data set" (restated from
 * https://www.ibm.com/docs/en/SSGMCP_5.3.0/com.ibm.cics.ts.sysdefinition.doc/topics/dfha2_coding_rules_sitparms.html):
 * - KEYWORD=value, several on a record separated by commas, a comma at the end of a record allowed;
 * - an asterisk in column 1 makes the record a comment;
 * - after the parameters, a blank starts a comment: everything after the first blank outside
 *   apostrophes is not read. All 80 columns are input, so sequence numbers in columns 73 to 80 are
 *   such a comment whenever a blank comes before them;
 * - a parameter with several operands may go on to the next record when the record ends just after a
 *   comma, e.g. GRPLIST=(DFHLIST, then MYLIST) on the next: the operands are joined without blanks; a
 *   quoted value (GMTEXT) may also run over several records;
 * - .END ends the overrides.
 * Only the parameters IPIC security depends on are read (APPLID, SEC, DFLTUSER, XTRAN, SECPRFX, KEYRING,
 * and GRPLIST, which decides which definition of a CSD resource is installed); the others are counted as
 * skipped. A parameter given twice takes its later value, as DFHSIP does. The input is a file of
 * overrides or a JCL member running DFHSIP with in-stream SYSIN (jcl.ts).
 */
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import type { GroupList } from './csd-store';
import type { Diagnostics } from './diagnostics';
import { inStreamData } from './jcl';
import { columnAt, looksLikeJcl, recordsOf, type InputRecord } from './records';

export interface SitParameters {
  applid: string;
  sec: boolean;
  dfltuser: string;
  /** XTRAN=YES: TCICSTRN/GCICSTRN; XTRAN=name: Tname/Gname; XTRAN=NO: no attach checks. */
  xtran: { checked: false } | { checked: true; memberClass: string; groupingClass: string };
  /** SECPRFX=NO, YES (the region user ID), or an explicit prefix. */
  secprfx: 'NO' | 'YES' | { prefix: string };
  /** SIT KEYRING: the ring (owned by the region user unless written owner/ring). */
  keyring?: { owner?: string; ring: string };
  /** GRPLIST, when the overrides give it (the SIT's own value is not known to the audit). */
  grplist?: GroupList;
  sources: Record<string, DefinitionSource>;
  /** The overrides file, for messages about parameters it leaves at their defaults. */
  file: string;
}

export interface SitContext {
  /** Values of z/OS symbols in a JCL member's in-stream data (site.yaml symbols:). */
  symbols?: Readonly<Record<string, string>>;
}

const RELEVANT = ['APPLID', 'SEC', 'DFLTUSER', 'XTRAN', 'SECPRFX', 'KEYRING', 'GRPLIST'];
const USERID = /^[A-Z0-9@#$]{1,8}$/;

type Given = Record<string, { value: string; at: SourceLocation; valueAt: SourceLocation }>;

/** Text that remembers where each character was written. */
interface Located {
  text: string;
  at: SourceLocation[];
}

export function parseSit(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  context: SitContext = {},
): SitParameters {
  const records = looksLikeJcl(content)
    ? inStreamData(content, file, diagnostics, {
        programs: ['DFHSIP'],
        ddnames: ['SYSIN'],
        ...(context.symbols ? { symbols: context.symbols } : {}),
        describe: 'SIT overrides',
      })
    : recordsOf(content);
  const given: Given = {};
  for (const statement of statements(records, file, diagnostics))
    for (const item of splitItems(statement)) readItem(item, diagnostics, given);
  return { ...interpret(given, diagnostics), file };
}

/** Records joined where a parameter goes on to the next record; comments and .END handled. */
function statements(records: readonly InputRecord[], file: string, diagnostics: Diagnostics): Located[] {
  const out: Located[] = [];
  let open: Located | undefined;
  for (const record of records) {
    if (record.text.startsWith('*')) continue;
    if (!open && /^\s*\.END\b/i.test(record.text)) break;
    const lead = open ? record.text.length - record.text.trimStart().length : 0;
    const data = dataOf(record, lead, open ? state(open.text).quoted : false);
    if (!open && data.text.trim() === '') continue;
    const joined: Located = open ? { text: open.text + data.text, at: [...open.at, ...data.at] } : data;
    const { depth, quoted } = state(joined.text);
    const continues = quoted || (depth > 0 && joined.text.endsWith(','));
    if (continues) {
      open = joined;
      continue;
    }
    if (depth > 0)
      diagnostics.problem(
        joined.at[joined.at.length - 1] ?? { file, line: record.line, column: 1 },
        'parameter',
        'a closing parenthesis, or a comma at the end of the record to go on to the next one',
      );
    out.push(joined);
    open = undefined;
  }
  if (open)
    diagnostics.problem(
      open.at[open.at.length - 1] as SourceLocation,
      'parameter',
      'the rest of the value on the next record: the input ends inside it',
    );
  return out;

  /** The record's data from `from` on: up to the first blank outside apostrophes (a comment follows). */
  function dataOf(record: InputRecord, from: number, quotedAtStart: boolean): Located {
    let quoted = quotedAtStart;
    let end = from;
    for (; end < record.text.length; end++) {
      const c = record.text[end] as string;
      if (c === "'") quoted = !quoted;
      else if (!quoted && /\s/.test(c)) break;
    }
    const at: SourceLocation[] = [];
    for (let i = from; i < end; i++) at.push({ file, line: record.line, column: columnAt(record, i) });
    // A quoted value left open at the end of the record runs on; its trailing blanks are not part of it.
    const text = record.text.slice(from, end);
    return quoted ? { text: text.replace(/\s+$/, ''), at: at.slice(0, text.replace(/\s+$/, '').length) } : { text, at };
  }
}

function state(text: string): { depth: number; quoted: boolean } {
  let depth = 0;
  let quoted = false;
  for (const c of text) {
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
  }
  return { depth, quoted };
}

/** Splits a statement at the commas that are not inside parentheses or apostrophes. */
function splitItems(statement: Located): Located[] {
  const items: Located[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const push = (end: number) => {
    if (end > start) items.push({ text: statement.text.slice(start, end), at: statement.at.slice(start, end) });
  };
  for (let i = 0; i < statement.text.length; i++) {
    const c = statement.text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      push(i);
      start = i + 1;
    }
  }
  push(statement.text.length);
  return items;
}

function readItem(item: Located, diagnostics: Diagnostics, given: Given): void {
  const at = item.at[0] as SourceLocation;
  const eq = item.text.indexOf('=');
  if (eq <= 0) {
    diagnostics.problem(at, item.text.split('=')[0] || 'parameter', 'KEYWORD=value');
    return;
  }
  const key = item.text.slice(0, eq).toUpperCase();
  const value = item.text.slice(eq + 1);
  const valueAt = item.at[eq + 1] ?? {
    ...(item.at[eq] as SourceLocation),
    column: (item.at[eq] as SourceLocation).column + 1,
  };
  if (!/^[A-Z][A-Z0-9]*$/.test(key)) {
    diagnostics.problem(at, key, 'a SIT parameter name');
    return;
  }
  if (!RELEVANT.includes(key)) {
    diagnostics.skip(at, `SIT ${key}`);
    return;
  }
  if (given[key]) diagnostics.warn(at, `SIT ${key} given again: this later value is the one DFHSIP uses`);
  given[key] = { value, at, valueAt };
}

function interpret(given: Given, diagnostics: Diagnostics): Omit<SitParameters, 'file'> {
  const upper = (key: string) => given[key]?.value.toUpperCase();
  const bad = (key: string, expected: string) => {
    const g = given[key] as { value: string; valueAt: SourceLocation };
    diagnostics.problem(g.valueAt, `${key}=${g.value}`, expected);
  };
  const sources: Record<string, DefinitionSource> = {};
  for (const [key, g] of Object.entries(given)) sources[key] = { at: g.at, attributes: { [key]: g.valueAt } };

  // APPLID=(generic,specific) is the XRF form; partners and RACF APPL profiles use the generic APPLID.
  const applidText = upper('APPLID')?.replace(/^\((.*?)(,.*)?\)$/, '$1') ?? 'DBDCCICS';
  if (given.APPLID && !USERID.test(applidText)) bad('APPLID', 'an APPLID of 1 to 8 characters from A-Z 0-9 $ @ #');

  const secText = upper('SEC') ?? 'YES';
  if (!['YES', 'NO'].includes(secText)) bad('SEC', 'YES or NO');

  const dfltuser = upper('DFLTUSER') ?? 'CICSUSER';
  if (!USERID.test(dfltuser)) bad('DFLTUSER', 'a RACF user ID of 1 to 8 characters');

  const xtranText = upper('XTRAN') ?? 'YES';
  let xtran: SitParameters['xtran'] = { checked: true, memberClass: 'TCICSTRN', groupingClass: 'GCICSTRN' };
  if (xtranText === 'NO') xtran = { checked: false };
  else if (xtranText !== 'YES') {
    if (/^[A-Z0-9@#$]{1,7}$/.test(xtranText))
      xtran = { checked: true, memberClass: `T${xtranText}`, groupingClass: `G${xtranText}` };
    else bad('XTRAN', 'YES, NO, or a class name of 1 to 7 characters');
  }

  const secprfxText = upper('SECPRFX') ?? 'NO';
  let secprfx: SitParameters['secprfx'] = 'NO';
  if (secprfxText === 'YES' || secprfxText === 'NO') secprfx = secprfxText;
  else if (/^[A-Z0-9@#$]{1,8}$/.test(secprfxText)) secprfx = { prefix: secprfxText };
  else bad('SECPRFX', 'YES, NO, or a prefix of 1 to 8 characters');

  let keyring: SitParameters['keyring'];
  const ringText = given.KEYRING?.value;
  if (ringText !== undefined) {
    const match = /^(?:([A-Za-z0-9@#$]{1,8})\/)?([^\s/]{1,237})$/.exec(ringText);
    if (match) keyring = { ...(match[1] ? { owner: match[1].toUpperCase() } : {}), ring: match[2] as string };
    else bad('KEYRING', 'a key ring name, or owner/ring');
  }

  let grplist: GroupList | undefined;
  const grplistText = upper('GRPLIST');
  if (grplistText !== undefined) {
    const lists = grplistText.replace(/^\((.*)\)$/, '$1').split(',');
    if (lists.length <= 4 && lists.every((l) => /^[A-Z0-9@#$*+]{1,8}$/.test(l)))
      grplist = { lists, at: (given.GRPLIST as { valueAt: SourceLocation }).valueAt };
    else bad('GRPLIST', 'a list name, or up to four in parentheses separated by commas');
  }

  return {
    applid: applidText,
    sec: secText === 'YES',
    dfltuser,
    xtran,
    secprfx,
    ...(keyring ? { keyring } : {}),
    ...(grplist ? { grplist } : {}),
    sources,
  };
}
