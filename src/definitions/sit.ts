/**
 * SIT overrides as DFHSIP reads them from SYSIN: KEYWORD=value, several per record separated by commas,
 * an asterisk in column 1 for a comment, and .END to stop. Only the parameters IPIC security depends on
 * are read (APPLID, SEC, DFLTUSER, XTRAN, SECPRFX, KEYRING); the others are reported and skipped. A
 * parameter given twice takes its later value, as DFHSIP does.
 */
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';

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
  sources: Record<string, DefinitionSource>;
  /** The overrides file, for messages about parameters it leaves at their defaults. */
  file: string;
}

const RELEVANT = ['APPLID', 'SEC', 'DFLTUSER', 'XTRAN', 'SECPRFX', 'KEYRING'];
const USERID = /^[A-Z0-9@#$]{1,8}$/;

export function parseSit(content: string, file: string, diagnostics: Diagnostics): SitParameters {
  const given: Record<string, { value: string; at: SourceLocation; valueAt: SourceLocation }> = {};
  const lines = content.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const record = lines[index] as string;
    const line = index + 1;
    if (record.startsWith('*') || record.trim() === '') continue;
    if (/^\s*\.END\b/i.test(record)) break;
    for (const item of splitItems(record)) {
      const at = { file, line, column: item.column };
      const eq = item.text.indexOf('=');
      if (eq <= 0) {
        diagnostics.problem(at, item.text.split(/[=\s]/)[0] || 'parameter', 'KEYWORD=value');
        continue;
      }
      const key = item.text.slice(0, eq).trim().toUpperCase();
      const value = item.text.slice(eq + 1).trim();
      const valueAt = {
        file,
        line,
        column: item.column + eq + 1 + (item.text.slice(eq + 1).length - item.text.slice(eq + 1).trimStart().length),
      };
      if (!/^[A-Z][A-Z0-9]*$/.test(key)) {
        diagnostics.problem(at, key || 'parameter', 'a SIT parameter name');
        continue;
      }
      if (!RELEVANT.includes(key)) {
        diagnostics.skip(at, `SIT ${key}`);
        continue;
      }
      if (given[key]) diagnostics.warn(at, `SIT ${key} given again: this later value is the one DFHSIP uses`);
      given[key] = { value, at, valueAt };
    }
  }
  return { ...interpret(given, diagnostics), file };
}

/** Splits a record at the commas that are not inside parentheses or apostrophes. */
function splitItems(record: string): { text: string; column: number }[] {
  const items: { text: string; column: number }[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const push = (end: number) => {
    const raw = record.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== '') items.push({ text: raw.trim(), column: start + lead + 1 });
  };
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      push(i);
      start = i + 1;
    }
  }
  push(record.length);
  return items;
}

function interpret(
  given: Record<string, { value: string; at: SourceLocation; valueAt: SourceLocation }>,
  diagnostics: Diagnostics,
): Omit<SitParameters, 'file'> {
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

  return {
    applid: applidText,
    sec: secText === 'YES',
    dfltuser,
    xtran,
    secprfx,
    ...(keyring ? { keyring } : {}),
    sources,
  };
}
