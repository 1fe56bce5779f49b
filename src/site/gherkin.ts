/**
 * Reads feature files with cucumber's own Gherkin parser into what the documentation shows: features, their
 * Rule: blocks with descriptions, and every scenario (outline rows compiled into pickles) with its tags,
 * inherited ones included, its steps and its line. Also used by the conformance summary to tell a rule no
 * scenario covers from one the run's tag selection left out.
 */
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type GherkinDocument, type Pickle } from '@cucumber/messages';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';

export interface DocScenario {
  name: string;
  /** Line of the scenario, or of the Examples row for outline pickles (what cucumber reports). */
  line: number;
  tags: string[];
  ruleIds: string[];
  steps: string[];
}

export interface DocRuleBlock {
  name: string;
  description: string;
  line: number;
  tags: string[];
}

export interface DocFeature {
  /** Relative, forward-slash path as cucumber reports it (features/bind-security.feature). */
  path: string;
  name: string;
  description: string;
  tags: string[];
  ruleBlocks: DocRuleBlock[];
  scenarios: DocScenario[];
}

export const RULE_TAG = /^@(R[1-9]\d*)$/;

export function ruleIdsOf(tags: readonly string[]): string[] {
  const ids = tags.map((t) => RULE_TAG.exec(t)?.[1]).filter((id): id is string => id !== undefined);
  return [...new Set(ids)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

/** Every *.feature file under `dir`, as sorted forward-slash paths relative to `cwd`. */
export function featureFiles(dir = 'features', cwd = process.cwd()): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(path.resolve(cwd, d));
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = path.join(d, entry);
      if (statSync(path.resolve(cwd, rel)).isDirectory()) visit(rel);
      else if (entry.endsWith('.feature')) found.push(rel.split(path.sep).join('/'));
    }
  };
  visit(dir);
  return found.sort();
}

export function parseFeature(source: string, uri: string): DocFeature {
  const newId = IdGenerator.incrementing();
  let doc: GherkinDocument;
  try {
    doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(source);
  } catch (error) {
    throw new HarnessInputError(
      uri,
      '(Gherkin syntax)',
      `a valid feature file (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const pickles: readonly Pickle[] = compile({ ...doc, uri }, uri, newId);
  const feature = doc.feature;
  const lineOf = lineIndex(doc);
  return {
    path: uri,
    name: feature?.name ?? '',
    description: dedent(feature?.description ?? ''),
    tags: (feature?.tags ?? []).map((t) => t.name),
    ruleBlocks: (feature?.children ?? [])
      .filter((c) => c.rule)
      .map((c) => ({
        name: c.rule!.name,
        description: dedent(c.rule!.description),
        line: c.rule!.location.line,
        tags: c.rule!.tags.map((t) => t.name),
      })),
    scenarios: pickles.map((p) => {
      const tags = p.tags.map((t) => t.name);
      return {
        name: p.name,
        line: p.location?.line ?? lineOf.get(p.astNodeIds[p.astNodeIds.length - 1] ?? '') ?? 0,
        tags,
        ruleIds: ruleIdsOf(tags),
        steps: p.steps.map((s) => `${lineOf.keyword(s.astNodeIds[0] ?? '')}${s.text}`),
      };
    }),
  };
}

export function readFeatures(paths: readonly string[], cwd = process.cwd()): DocFeature[] {
  return paths.map((p) => {
    let source: string;
    try {
      source = readFileSync(path.resolve(cwd, p), 'utf8');
    } catch (error) {
      throw new HarnessInputError(
        p,
        '(file)',
        `a readable feature file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
    return parseFeature(source, p);
  });
}

/** Lines of scenarios and example rows, and keywords of steps, by AST node id. */
function lineIndex(doc: GherkinDocument): Map<string, number> & { keyword(id: string): string } {
  const lines = new Map<string, number>();
  const keywords = new Map<string, string>();
  const visitScenarioLike = (s: {
    id: string;
    location: { line: number };
    steps: readonly { id: string; keyword: string }[];
    examples?: readonly { tableBody: readonly { id: string; location: { line: number } }[] }[];
  }) => {
    lines.set(s.id, s.location.line);
    for (const step of s.steps) keywords.set(step.id, step.keyword);
    for (const ex of s.examples ?? []) for (const row of ex.tableBody) lines.set(row.id, row.location.line);
  };
  for (const child of doc.feature?.children ?? []) {
    if (child.background) visitScenarioLike({ ...child.background, examples: [] });
    if (child.scenario) visitScenarioLike(child.scenario);
    for (const rc of child.rule?.children ?? []) {
      if (rc.background) visitScenarioLike({ ...rc.background, examples: [] });
      if (rc.scenario) visitScenarioLike(rc.scenario);
    }
  }
  return Object.assign(lines, { keyword: (id: string) => keywords.get(id) ?? '' });
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines
    .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
    .join('\n')
    .trim();
}
