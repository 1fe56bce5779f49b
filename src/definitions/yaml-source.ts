/**
 * YAML files of the audit (the site manifest, the certificate inventory), validated with zod. A problem
 * names the file, line and column of the offending node and the field's path.
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';

export interface YamlSource<T> {
  value: T;
  /** Where the node at this path was written (or the nearest enclosing node). */
  locate(path: readonly (string | number)[]): SourceLocation;
}

export function readYaml<T>(
  content: string,
  file: string,
  schema: z.ZodType<T>,
  diagnostics: Diagnostics,
): YamlSource<T> | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(content, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      diagnostics.problem(
        { file, line: position.line, column: position.col },
        'YAML',
        `valid YAML (${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')})`,
      );
    }
    return undefined;
  }
  const locate = (path: readonly (string | number)[]): SourceLocation => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { file, line, column: col };
      }
    }
    return { file, line: 1, column: 1 };
  };
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
      diagnostics.problem(
        locate(path),
        path.join('.') || 'document',
        missing ? `a value: ${path[path.length - 1] ?? 'it'} is required here` : issue.message,
      );
    }
    return undefined;
  }
  return { value: parsed.data, locate };
}

/** ISO dates and instants all in one form ("2026-06-01T00:00:00Z"), so the model can compare them as text. */
export function instant(text: string): string | undefined {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}
