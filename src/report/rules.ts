/**
 * The rule index (docs/rules.yaml): the project's own one-line statement of every catalog rule, with its
 * area, tags, source keys and IBM page. Validated with zod; a bad file is a harness error that names the
 * file and the field.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { HarnessInputError } from '../../support/errors';

export const RULES_FILE = path.join(__dirname, '..', '..', 'docs', 'rules.yaml');

/** The areas of the documentation, in the order it presents them. */
export const AREAS = [
  'configuration',
  'bind',
  'link',
  'user',
  'credentials',
  'identity',
  'authorization',
  'zosconnect',
] as const;
export type Area = (typeof AREAS)[number];

/** Reader-facing names of the areas. */
export const AREA_TITLES: Record<Area, string> = {
  configuration: 'Configuration and defaults',
  bind: 'Bind security and connection acquisition',
  link: 'Link security',
  user: 'User security (USERAUTH)',
  credentials: 'Passwords, phrases and account state',
  identity: 'Identity propagation',
  authorization: 'Transaction and resource authorization',
  zosconnect: 'z/OS Connect configuration',
};

const ruleId = z.string().regex(/^R[1-9]\d*$/, 'a rule ID R<n>');
const url = z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL');

const ruleSchema = z
  .object({
    id: ruleId,
    statement: z
      .string()
      .min(10, 'a one-line statement of at least 10 characters')
      .refine((s) => !s.includes('\n'), 'a single line'),
    tags: z.array(z.enum(['ZC', 'SUP', 'INF'])).min(1, 'at least one of ZC, SUP, INF'),
    area: z.enum(AREAS),
    sources: z.array(z.string().min(1)).min(1, 'at least one source key'),
    ibmPage: url,
    uncertain: z.array(z.string().regex(/^U\d+$/, 'an open question U<n>')).optional(),
    /** Why one scenario is enough: the rule states a single fact with no comparison or limit to miss. */
    singleFact: z.string().min(10, 'a reason of at least 10 characters').optional(),
    /** Why no target can observe the rule at all: the summary shows this reason instead of "not covered". */
    untestable: z.string().min(10, 'a reason of at least 10 characters').optional(),
  })
  .strict()
  .refine((r) => !(r.singleFact && r.untestable), {
    message: 'either singleFact or untestable: a rule with no scenario has no single one',
    path: ['untestable'],
  });

const sourceSchema = z
  .object({ title: z.string().min(1), url: url.optional(), document: z.string().min(1).optional() })
  .strict()
  .refine((s) => s.url !== undefined || s.document !== undefined, 'a url or a document');

const indexSchema = z
  .object({
    schemaVersion: z.literal(1),
    catalog: z.string().min(1),
    rules: z.array(ruleSchema).min(1),
    sources: z.record(z.string(), sourceSchema),
  })
  .strict();

export type Rule = z.infer<typeof ruleSchema>;
export type RuleIndex = z.infer<typeof indexSchema>;

function fieldOf(issuePath: readonly PropertyKey[]): string {
  return (
    issuePath.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      '',
    ) || '(top level)'
  );
}

/** Parses and checks the rule index; `file` is only used in error messages. */
export function parseRuleIndex(text: string, file: string): RuleIndex {
  let raw: unknown;
  try {
    // js-yaml reads the index in a fifth of the yaml package's time (about 13 ms against 60, in every run);
    // the yaml package, whose messages say more, only explains a text js-yaml refused.
    raw = loadYaml(text, { schema: CORE_SCHEMA, filename: file });
  } catch {
    try {
      // Required only here: loading the yaml package costs about 28 ms, in every run.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      raw = (require('yaml') as typeof import('yaml')).parse(text);
    } catch (error) {
      throw new HarnessInputError(file, '(YAML syntax)', `valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
  }
  const result = indexSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new HarnessInputError(file, fieldOf(issue.path), issue.message);
  }
  const index = result.data;
  const seen = new Set<string>();
  index.rules.forEach((rule, i) => {
    if (seen.has(rule.id))
      throw new HarnessInputError(file, `rules[${i}].id`, `a unique rule ID (${rule.id} appears twice)`);
    seen.add(rule.id);
    rule.sources.forEach((key, j) => {
      if (!index.sources[key])
        throw new HarnessInputError(file, `rules[${i}].sources[${j}]`, `a key listed under sources: (${key} is not)`);
    });
  });
  return { ...index, rules: [...index.rules].sort((a, b) => ruleNumber(a.id) - ruleNumber(b.id)) };
}

export function loadRuleIndex(file = RULES_FILE): RuleIndex {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessInputError(
      path.relative(process.cwd(), file) || file,
      '(file)',
      `a readable rule index (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  return parseRuleIndex(text, path.relative(process.cwd(), file) || file);
}

export function ruleNumber(id: string): number {
  return Number(id.slice(1));
}
