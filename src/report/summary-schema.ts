/**
 * The conformance summary (reports/conformance.json), schema version 1. docs/report-schema.md explains
 * every field for auditors; this zod schema is the same contract for code (tests, the site generator and
 * anyone reading a filed summary). A change that removes or renames a field raises the major version.
 */
import { z } from 'zod';

export const SUMMARY_SCHEMA = 'ipic-conformance-summary';
export const SUMMARY_SCHEMA_VERSION = '1.3.0';

export const SCENARIO_OUTCOMES = ['conformant', 'nonconformant', 'not applicable', 'harness error'] as const;
export const RULE_STATUSES = ['conformant', 'nonconformant', 'not applicable', 'not covered', 'harness error'] as const;
export const RUN_VERDICTS = ['conformant', 'nonconformant', 'harness error', 'incomplete'] as const;
/** Rule statuses that count as verified: the target was checked against the rule and a verdict reached. */
export const VERIFIED_STATUSES: readonly string[] = ['conformant', 'nonconformant'];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');
const fileDigest = z.object({ path: z.string(), sha256 }).strict();

export const scenarioSchema = z
  .object({
    name: z.string(),
    feature: z.string(),
    line: z.number().int().nonnegative(),
    rules: z.array(z.string()),
    outcome: z.enum(SCENARIO_OUTCOMES),
    reason: z.string().optional(),
    step: z.string().optional(),
    message: z.string().optional(),
  })
  .strict();

export const ruleResultSchema = z
  .object({
    id: z.string(),
    statement: z.string(),
    area: z.string(),
    tags: z.array(z.string()),
    sources: z.array(z.string()),
    ibmPage: z.string(),
    status: z.enum(RULE_STATUSES),
    /** not applicable: every distinct reason the target gave. */
    notApplicableReasons: z.array(z.string()),
    /**
     * not covered: 'no scenario' (none is tagged with the rule), 'not selected' (left out by --tags etc.) or,
     * 1.3, 'untestable' (the rule index says no target can observe it, and `untestable` says why).
     */
    notCoveredBecause: z.enum(['no scenario', 'not selected', 'untestable']).optional(),
    /** 1.3: why no target can observe the rule (docs/rules.yaml), when notCoveredBecause is 'untestable'. */
    untestable: z.string().optional(),
    scenarios: z.array(scenarioSchema),
  })
  .strict();

const counts = <T extends readonly string[]>(keys: T) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as Record<T[number], z.ZodNumber>)
    .strict();

export const summarySchema = z
  .object({
    schema: z.literal(SUMMARY_SCHEMA),
    schemaVersion: z.string().regex(/^1\.\d+\.\d+$/),
    outcome: z
      .object({
        verdict: z.enum(RUN_VERDICTS),
        exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
        harnessErrors: z.array(z.string()),
        /** 1.1: why the run is incomplete: each required rule not verified, or that no scenario applied. */
        incomplete: z.array(z.object({ rule: z.string().nullable(), reason: z.string() }).strict()).optional(),
      })
      .strict(),
    target: z
      .object({
        kind: z.string(),
        identity: z.string(),
        module: z.string(),
        description: z.record(z.string(), z.unknown()),
        inventory: fileDigest.nullable(),
        /** 1.2: the input files the target read (an audit's definitions), each with its SHA-256. */
        files: z.array(fileDigest).optional(),
      })
      .strict(),
    harness: z
      .object({
        name: z.string(),
        version: z.string(),
        commit: z.string().nullable(),
        node: z.string(),
        ruleIndex: fileDigest,
      })
      .strict(),
    inputs: z
      .object({
        selection: z
          .object({ tags: z.string().nullable(), names: z.array(z.string()), paths: z.array(z.string()) })
          .strict(),
        /** 1.1: 'subset' when --tags, --name or feature paths narrowed the run. */
        scope: z.enum(['full', 'subset']).optional(),
        /** 1.1: the required-rules expressions (--require, --require-file) and where each was given. */
        required: z.array(z.object({ expression: z.string(), from: z.string() }).strict()).optional(),
        features: z.array(fileDigest),
      })
      .strict(),
    totals: z.object({ rules: counts(RULE_STATUSES), scenarios: counts(SCENARIO_OUTCOMES) }).strict(),
    /** 1.1: how many rules were verified (conformant or nonconformant) and which rules were required. */
    coverage: z
      .object({
        verified: z.number().int().nonnegative(),
        notApplicable: z.number().int().nonnegative(),
        notCovered: z.number().int().nonnegative(),
        /** 1.3: how many of the rules not covered no target can observe (docs/rules.yaml says why). */
        untestable: z.number().int().nonnegative().optional(),
        harnessError: z.number().int().nonnegative(),
        requiredRules: z.array(z.string()),
      })
      .strict()
      .optional(),
    rules: z.array(ruleResultSchema),
    scenariosWithoutRule: z.array(scenarioSchema),
    time: z
      .object({ startedAt: z.string(), finishedAt: z.string(), durationMs: z.number().int().nonnegative() })
      .strict(),
    integrity: z
      .object({
        algorithm: z.literal('sha256'),
        /** Over the canonical JSON of everything but `time` and `integrity`: equal for equal inputs. */
        contentSha256: sha256,
        /** Over the file's bytes with this value written as 64 zeros: any changed byte shows. */
        fileSha256: sha256,
      })
      .strict(),
  })
  .strict();

export type Summary = z.infer<typeof summarySchema>;
export type RuleResult = z.infer<typeof ruleResultSchema>;
export type ScenarioEntry = z.infer<typeof scenarioSchema>;
export type RuleStatus = (typeof RULE_STATUSES)[number];
export type UnsealedSummary = Omit<Summary, 'integrity'>;
