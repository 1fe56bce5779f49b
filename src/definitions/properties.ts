/**
 * Liberty's bootstrap.properties: Java properties (key=value or key: value, # and ! comments, a trailing
 * backslash continues the line). Values may be passwords, so no message ever quotes one.
 */
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';

export interface Properties {
  values: Map<string, string>;
  at: Map<string, SourceLocation>;
}

export function parseProperties(content: string, file: string, diagnostics: Diagnostics): Properties {
  const values = new Map<string, string>();
  const at = new Map<string, SourceLocation>();
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = (lines[i] as string).replace(/^\s+/, '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(logical) && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + (lines[++i] as string).replace(/^\s+/, '');
    }
    const column = (lines[start] as string).length - (lines[start] as string).trimStart().length + 1;
    const separator = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*/.exec(logical);
    const key = separator?.[1] ?? (/^(?:\\.|[^=:\s\\])+$/.test(logical) ? logical : undefined);
    if (!key) {
      diagnostics.problem({ file, line: start + 1, column }, 'property', 'key=value');
      continue;
    }
    const value = separator ? logical.slice(separator[0].length) : '';
    const unescape = (s: string) =>
      s.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f' })[c] ?? c);
    values.set(unescape(key), unescape(value));
    at.set(unescape(key), { file, line: start + 1, column });
  }
  return { values, at };
}

/**
 * A Liberty server.env: one KEY=value per line, lines starting with # are comments, the value is taken as
 * written up to the end of the line (https://openliberty.io/docs/ref/config/server-configuration-overview.html,
 * "server.env"). Values may be passwords, so no message ever quotes one.
 */
export function parseServerEnv(content: string, file: string, diagnostics: Diagnostics): Properties {
  const values = new Map<string, string>();
  const at = new Map<string, SourceLocation>();
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const column = line.length - line.trimStart().length + 1;
    const match = /^([A-Za-z_][A-Za-z0-9_.]*)=(.*)$/.exec(text);
    if (!match) {
      diagnostics.problem(
        { file, line: index + 1, column },
        'server.env',
        'KEY=value (a name of letters, digits, _ and .)',
      );
      return;
    }
    values.set(match[1] as string, match[2] as string);
    at.set(match[1] as string, { file, line: index + 1, column });
  });
  return { values, at };
}
