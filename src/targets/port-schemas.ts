/**
 * The zod schemas of what a target returns (support/target-port.ts derives its types from them), used by
 * src/targets/checked-target.ts to check each value at run time. A module of their own so that the port's
 * types cost nothing to load: only a checked target loads zod.
 */
import { z } from 'zod';

/** Where acquiring the IPIC connection stopped (R16): the first failing stage wins. */
export const connectionStageSchema = z.enum(['tcp', 'tls', 'capability exchange']);

export const connectionObservationSchema = z.discriminatedUnion('acquired', [
  z.object({ acquired: z.literal(true) }),
  z.object({ acquired: z.literal(false), stage: connectionStageSchema, detail: z.string().optional() }),
]);

/** 401, 403, a configuration error inside z/OS Connect (nothing sent to CICS), or CICS security. */
export const refusingLayerSchema = z.enum([
  'z/OS Connect authentication',
  'z/OS Connect authorization',
  'z/OS Connect configuration',
  'CICS',
]);

export const requestObservationSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ran'), taskUser: z.string(), transid: z.string().optional() }),
  z.object({ outcome: z.literal('not sent'), stage: connectionStageSchema, detail: z.string().optional() }),
  z.object({ outcome: z.literal('refused'), by: refusingLayerSchema, detail: z.string().optional() }),
]);

/** What a target knows about why: attached to the report, never asserted on. Must hold no secret. */
export const evidenceSchema = z.object({
  name: z.string(),
  mediaType: z.enum(['application/json', 'text/plain']),
  body: z.string(),
});

/** A declined arrange(): the reason is shown in the report, so it must say something. */
export const notApplicableSchema = z.object({ notApplicable: z.string().min(1) });

export const targetDescriptionSchema = z.object({
  kind: z.string(),
  identity: z.string(),
  options: z.record(z.string(), z.string()).optional(),
  /**
   * The input files the target's verdicts rest on (an audit: every CSD, SIT, RACF, server.xml file it
   * read), each with its SHA-256: the summary records them, so an auditor can show which bytes were judged.
   */
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).optional(),
  /** What the reader of a report should know about those inputs: an audit's warnings and skip counts. */
  notes: z.array(z.string()).optional(),
});
