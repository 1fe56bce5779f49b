/**
 * The conformance summary (reports/conformance.json), schema version 1. docs/report-schema.md explains
 * every field for auditors; this zod schema is the same contract for code (tests, the site generator and
 * anyone reading a filed summary). A change that removes or renames a field raises the major version.
 */
import { z } from 'zod';

export const SUMMARY_SCHEMA = 'ipic-conformance-summary';
export const SUMMARY_SCHEMA_VERSION = '1.4.0';

/** 1.4: 'waived' is a nonconformance a current waiver accepts (src/report/waivers.ts); counted only when a
 * waivers file was given, so the totals of a run without one are what they were. */
export const SCENARIO_OUTCOMES = ['conformant', 'nonconformant', 'not applicable', 'harness error', 'waived'] as const;
export const RULE_STATUSES = [
  'conformant',
  'nonconformant',
  'not applicable',
  'not covered',
  'harness error',
  'waived',
] as const;
export const RUN_VERDICTS = ['conformant', 'nonconformant', 'harness error', 'incomplete'] as const;
/** Rule statuses that count as verified: the target was checked against the rule and a verdict reached. */
export const VERIFIED_STATUSES: readonly string[] = ['conformant', 'nonconformant', 'waived'];
/** 1.4: how a rule or scenario compares with the baseline run (--baseline; src/report/baseline.ts). */
export const CHANGES = ['new', 'fixed', 'regressed', 'still failing', 'unchanged'] as const;
/** Keys of the totals that a 1.3 summary does not have. */
const OPTIONAL_COUNTS: readonly string[] = ['waived'];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');
const fileDigest = z.object({ path: z.string(), sha256 }).strict();

/** 1.4: the waiver that accepted a nonconformance (src/report/waivers.ts). */
export const appliedWaiverSchema = z
  .object({ id: z.string(), justification: z.string(), approvedBy: z.string(), expires: z.string() })
  .strict();

/** 1.4: every waiver of the waivers file and what became of it in this run. */
export const waiverOutcomeSchema = z
  .object({
    id: z.string(),
    rule: z.string().optional(),
    scenario: z.string().optional(),
    target: z.object({ kind: z.string().optional(), identity: z.string().optional() }).strict(),
    justification: z.string(),
    approvedBy: z.string(),
    /** As written in the file: a date (valid through the end of that day, UTC) or a timestamp with a zone. */
    expires: z.string(),
    /** The first instant at which the waiver no longer applies (ISO 8601, UTC). */
    expiredFrom: z.string(),
    /** applied: it accepted at least one nonconformance; expired: past its date (judged normally);
     * unused: current, but it matched no nonconformance of this run. */
    status: z.enum(['applied', 'expired', 'unused']),
    /** The scenarios (feature:line) it accepted, or for an expired one, would have accepted. */
    matched: z.array(z.string()),
  })
  .strict();

/** 1.4: the baseline run this one is compared with (--baseline). */
export const baselineSchema = z
  .object({
    path: z.string(),
    /** The baseline's integrity.fileSha256 (its seal, checked before use) and integrity.contentSha256. Named
     * apart from those keys: a summary holds exactly one "fileSha256", its own seal. */
    sealFileSha256: sha256,
    sealContentSha256: sha256,
    targetKind: z.string(),
    targetIdentity: z.string(),
    finishedAt: z.string(),
    /** any: every nonconformance fails the run (the default); regressions: only regressed or new ones. */
    failOn: z.enum(['any', 'regressions']),
    changes: z
      .object({
        rules: z.record(z.enum(CHANGES), z.number().int().nonnegative()),
        scenarios: z.record(z.enum(CHANGES), z.number().int().nonnegative()),
      })
      .strict(),
    /** Scenarios of the baseline that this run no longer has (feature:line name). */
    gone: z.array(z.string()),
  })
  .strict();

/** 1.4: where the run's inputs came from, who ran it and where. */
export const provenanceSchema = z
  .object({
    /** Every input the run read, with its SHA-256; certificates by the digest of their DER (public part). */
    inputs: z.array(
      z
        .object({
          role: z.enum(['feature', 'rule index', 'inventory', 'definitions', 'certificate', 'waivers', 'baseline']),
          path: z.string(),
          sha256,
        })
        .strict(),
    ),
    /** Whether the harness's git working tree had uncommitted changes (tracked or untracked); null: unknown. */
    workingTreeDirty: z.boolean().nullable(),
    operator: z.object({ name: z.string(), from: z.enum(['IPIC_OPERATOR', 'OS user']) }).strict(),
    host: z.string(),
  })
  .strict();

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
    /** 1.4: outcome waived: the waiver that accepted this nonconformance. */
    waiver: appliedWaiverSchema.optional(),
    /** 1.4: with --baseline, how this scenario compares with the baseline run. */
    change: z.enum(CHANGES).optional(),
    /** 1.4: with --baseline, the scenario's outcome in the baseline run (absent: it was not there). */
    was: z.string().optional(),
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
    /** 1.4: with --baseline, how this rule compares with the baseline run. */
    change: z.enum(CHANGES).optional(),
    /** 1.4: with --baseline, the rule's status in the baseline run (absent: it was not there). */
    was: z.string().optional(),
    scenarios: z.array(scenarioSchema),
  })
  .strict();

const counts = <T extends readonly string[]>(keys: T) =>
  z
    .object(
      Object.fromEntries(
        keys.map((k) => [
          k,
          OPTIONAL_COUNTS.includes(k) ? z.number().int().nonnegative().optional() : z.number().int().nonnegative(),
        ]),
      ) as Record<T[number], z.ZodNumber>,
    )
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
        /** 1.4: the waivers file (--waivers) and its SHA-256. */
        waivers: fileDigest.optional(),
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
    /** 1.4: every waiver of the --waivers file and what became of it. */
    waivers: z.array(waiverOutcomeSchema).optional(),
    /** 1.4: the baseline this run is compared with (--baseline). */
    baseline: baselineSchema.optional(),
    /** 1.4: the inputs' digests, the working tree, the operator and the host. */
    provenance: provenanceSchema.optional(),
    time: z
      .object({
        startedAt: z.string(),
        finishedAt: z.string(),
        durationMs: z.number().int().nonnegative(),
        /** 1.4: the instant waivers were judged at (IPIC_NOW, else the start of the run). */
        waiversJudgedAt: z.string().optional(),
      })
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
export type Change = (typeof CHANGES)[number];
export type WaiverOutcome = z.infer<typeof waiverOutcomeSchema>;
export type AppliedWaiver = z.infer<typeof appliedWaiverSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type BaselineFacts = z.infer<typeof baselineSchema>;
