/**
 * Waivers: a nonconformance the site has accepted for a while, with a reason, an approver and an end.
 *
 * The file (`--waivers FILE`, YAML) holds `waivers:`, a list; each entry names a rule (`rule: R14`) or a
 * scenario (`scenario: features/x.feature:19`, or its exact name), the target it is granted for
 * (`target: {kind, identity}`, at least one; both must match when both are given), and the required
 * `justification`, `approvedBy` and `expires`.
 *
 * Expiry, in UTC: a date (`2030-06-30`) is valid through the end of that day in UTC, so it stops applying at
 * 2030-07-01T00:00:00Z; a timestamp (`2030-06-30T12:00:00Z`, or with an offset) stops applying at exactly that
 * instant. A timestamp without a zone is refused, since it would mean another instant on every machine.
 * "Now" is the run's start, or IPIC_NOW (an ISO 8601 instant) so that a run can be repeated exactly.
 *
 * Matching: a nonconformant scenario is waived by a current waiver for its target that names the scenario,
 * or names a rule it checks when every rule it checks is so waived: a failure that also breaks a rule
 * nobody waived stays a failure. An expired waiver waives nothing (the run says which expired and what it
 * would have covered); a current one that matched no nonconformance is reported as unused. Harness errors
 * are never waived: they are not findings.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HarnessInputError } from '../../support/errors';
import { HarnessInputErrors } from '../../support/settings';
import { displayPath } from './run-metadata';
import type { ScenarioResult } from './scenarios';
import type { AppliedWaiver, WaiverOutcome } from './summary-schema';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const nonEmpty = (what: string) => z.string({ error: what }).trim().min(1, { error: what });

const waiverSchema = z
  .strictObject({
    id: nonEmpty('an id (any text that names this waiver)'),
    rule: z
      .string({ error: 'a rule ID such as R14' })
      .regex(/^R\d+$/, { error: 'a rule ID such as R14' })
      .optional(),
    scenario: nonEmpty('a scenario: feature:line or its exact name').optional(),
    target: z.strictObject(
      {
        kind: nonEmpty('a target kind (model, live, audit, ...)').optional(),
        identity: nonEmpty("a target identity (the target's describe().identity)").optional(),
      },
      { error: 'a target: {kind, identity}, at least one of them' },
    ),
    justification: nonEmpty('a justification: why the nonconformance is accepted'),
    approvedBy: nonEmpty('who approved the waiver'),
    expires: z
      .string({ error: 'an expiry date (YYYY-MM-DD, through the end of that day UTC) or timestamp with a zone' })
      .refine((v) => expiredFrom(v) !== undefined, {
        error: 'an expiry date (YYYY-MM-DD, through the end of that day UTC) or timestamp with a zone (Z or +hh:mm)',
      }),
  })
  .refine((w) => (w.rule === undefined) !== (w.scenario === undefined), {
    error: 'exactly one of rule or scenario',
    path: ['rule'],
  })
  .refine((w) => w.target.kind !== undefined || w.target.identity !== undefined, {
    error: 'a target kind or identity (or both)',
    path: ['target'],
  });

const fileSchema = z.strictObject({ waivers: z.array(waiverSchema, { error: 'a list of waivers' }) });

export type Waiver = z.infer<typeof waiverSchema>;

/**
 * The first instant the waiver no longer applies, or undefined when `expires` is neither form. YAML 1.2
 * (the yaml package's default) reads an unquoted date as a string, so no time zone creeps in there.
 */
export function expiredFrom(expires: string): Date | undefined {
  const date = DATE.exec(expires);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new Date(Date.UTC(y, m - 1, d));
    // Date.UTC rolls 2030-02-30 over into March: refuse dates that do not exist.
    if (start.getUTCFullYear() !== y || start.getUTCMonth() !== m - 1 || start.getUTCDate() !== d) return undefined;
    return new Date(start.getTime() + 24 * 60 * 60 * 1000);
  }
  if (!STAMP.test(expires)) return undefined;
  const at = new Date(expires);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Reads and checks a waivers file; every problem names the file, the line and the field. */
export function loadWaivers(file: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessInputError(
      '--waivers',
      file,
      `a readable waivers file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const where = displayPath(file);
  // Required here: only a run given --waivers reads a waiver file (the yaml package: about 28 ms).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0)
    throw new HarnessInputErrors(
      doc.errors.map(
        (e) => new HarnessInputError(`${where}:${e.linePos?.[0]?.line ?? '?'}`, '(YAML)', `valid YAML (${e.code})`),
      ),
    );
  const lineOf = (at: readonly PropertyKey[]): number | undefined => {
    for (let n = at.length; n >= 0; n--) {
      const node = doc.getIn(at.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    throw new HarnessInputErrors(
      parsed.error.issues.map((issue) => {
        const line = lineOf(issue.path);
        return new HarnessInputError(
          `${where}${line === undefined ? '' : `:${line}`}`,
          issue.path.length ? issue.path.map(String).join('.') : '(file)',
          issue.message,
        );
      }),
    );
  const seen = new Map<string, number>();
  const duplicates: HarnessInputError[] = [];
  parsed.data.waivers.forEach((w, i) => {
    if (seen.has(w.id))
      duplicates.push(
        new HarnessInputError(
          `${where}:${lineOf(['waivers', i, 'id']) ?? '?'}`,
          `waivers.${i}.id`,
          `an id no other waiver has (${w.id} is also waiver ${seen.get(w.id)})`,
        ),
      );
    else seen.set(w.id, i);
  });
  if (duplicates.length > 0) throw new HarnessInputErrors(duplicates);
  return parsed.data.waivers;
}

/** The run's "now" for waivers: IPIC_NOW (an ISO 8601 instant with a zone), else the given start. */
export function waiverClock(env: NodeJS.ProcessEnv, started: Date): Date {
  const value = env.IPIC_NOW?.trim();
  if (!value) return started;
  const at = STAMP.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime()))
    throw new HarnessInputError(
      'IPIC_NOW',
      JSON.stringify(value),
      'an ISO 8601 instant with a zone, e.g. 2030-06-30T23:59:59Z',
    );
  return at;
}

export interface TargetFacts {
  kind: string;
  identity: string;
}

/** The scenarios with the waived ones marked, and what became of every waiver. */
export function applyWaivers(
  results: readonly ScenarioResult[],
  waivers: readonly Waiver[],
  target: TargetFacts,
  now: Date,
): { results: ScenarioResult[]; outcomes: WaiverOutcome[] } {
  const forTarget = waivers.filter(
    (w) =>
      (w.target.kind === undefined || w.target.kind === target.kind) &&
      (w.target.identity === undefined || w.target.identity === target.identity),
  );
  const expired = (w: Waiver) => now.getTime() >= expiredFrom(w.expires)!.getTime();
  const current = forTarget.filter((w) => !expired(w));
  const matched = new Map<Waiver, Set<string>>(waivers.map((w) => [w, new Set<string>()]));
  const out = results.map((r) => {
    if (r.outcome !== 'nonconformant') return r;
    const place = `${r.feature}:${r.line}`;
    // Whichever waivers would cover it, current or not, so an expired one can say what it no longer covers.
    for (const w of forTarget) if (covers(w, r, expired(w) ? forTarget : current)) matched.get(w)!.add(place);
    const waiver = current.find((w) => covers(w, r, current));
    if (!waiver) return r;
    const applied: AppliedWaiver = {
      id: waiver.id,
      justification: waiver.justification,
      approvedBy: waiver.approvedBy,
      expires: waiver.expires,
    };
    return { ...r, outcome: 'waived' as const, waiver: applied };
  });
  const outcomes: WaiverOutcome[] = waivers.map((w) => {
    const status: WaiverOutcome['status'] = expired(w) ? 'expired' : matched.get(w)!.size > 0 ? 'applied' : 'unused';
    return {
      id: w.id,
      ...(w.rule !== undefined ? { rule: w.rule } : {}),
      ...(w.scenario !== undefined ? { scenario: w.scenario } : {}),
      target: { ...w.target },
      justification: w.justification,
      approvedBy: w.approvedBy,
      expires: w.expires,
      expiredFrom: expiredFrom(w.expires)!.toISOString(),
      status,
      // What it accepts, or for an expired one what it would have accepted.
      matched: [...matched.get(w)!].sort(),
    };
  });
  return { results: out, outcomes };
}

function namesScenario(w: Waiver, r: ScenarioResult): boolean {
  if (w.scenario === undefined) return false;
  return w.scenario === `${r.feature}:${r.line}` || w.scenario === r.name;
}

/** Every rule the scenario checks is waived by one of these waivers (a scenario with no rule never is). */
function coveredByRules(r: ScenarioResult, waivers: readonly Waiver[]): boolean {
  return r.rules.length > 0 && r.rules.every((id) => waivers.some((w) => w.rule === id));
}

function covers(w: Waiver, r: ScenarioResult, all: readonly Waiver[]): boolean {
  return namesScenario(w, r) || (w.rule !== undefined && r.rules.includes(w.rule) && coveredByRules(r, all));
}
