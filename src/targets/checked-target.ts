/**
 * Every target the harness loads, except the embedded model (see support/load-target.ts), is wrapped so
 * that each value it returns is checked against the port's schemas (port-schemas.ts) before a step sees it. A plugged-in module
 * may be plain JavaScript: without this, `{ acquired: 'maybe' }` would reach a Then-step, fail its
 * assertion and be reported as nonconformance of the site, when it is the target that is broken. A
 * mismatch throws TargetPortError, which is no assertion, so the run reports a harness error (exit 2).
 *
 * The check costs one zod parse per returned value; the parsed copy is what the harness gets, so fields
 * the port does not define never reach a report.
 */
import { z } from 'zod';
import { definitionsPortOf } from '../../support/definitions-port';
import { TargetPortError } from '../../support/errors';
import {
  connectionObservationSchema,
  evidenceSchema,
  notApplicableSchema,
  requestObservationSchema,
  targetDescriptionSchema,
} from './port-schemas';
import type { Arrangement, NotApplicable, Target } from '../../support/target-port';

const userIdSchema = z.string();
const evidenceListSchema = evidenceSchema.array();

const ARRANGEMENT_METHODS = ['userIdOf', 'acquire', 'send', 'takeEvidence', 'dispose'] as const;

/** `module` names the target in messages: the built-in name or the IPIC_TARGET path as given. */
export function checkedTarget(target: Target, module: string): Target {
  const checked: Target = {
    describe: () => check(targetDescriptionSchema, target.describe(), module, 'describe()'),
    arrange: async (situation) => checkedArrangement(await target.arrange(situation), module),
  };
  if (typeof target.close === 'function') checked.close = () => target.close!();
  // The optional definitions port (support/definitions-port.ts) must stay visible through the wrapper.
  const definitions = definitionsPortOf(target);
  if (definitions) Object.assign(checked, { definitions: () => definitions.definitions() });
  return checked;
}

function checkedArrangement(value: unknown, module: string): Arrangement | NotApplicable {
  if (value !== null && typeof value === 'object' && 'notApplicable' in value)
    return check(notApplicableSchema, value, module, 'arrange()');
  const problems = arrangementProblems(value);
  if (problems.length > 0) throw new TargetPortError(module, 'arrange()', problems);
  const arrangement = value as Arrangement;
  return {
    userIdOf: (alias) => check(userIdSchema, arrangement.userIdOf(alias), module, 'userIdOf()'),
    acquire: async (connection) =>
      check(connectionObservationSchema, await arrangement.acquire(connection), module, 'acquire()'),
    send: async (request) => check(requestObservationSchema, await arrangement.send(request), module, 'send()'),
    takeEvidence: () => check(evidenceListSchema, arrangement.takeEvidence(), module, 'takeEvidence()'),
    dispose: () => arrangement.dispose(),
  };
}

function arrangementProblems(value: unknown): TargetPortError['problems'] {
  const expected =
    'an Arrangement (an object with userIdOf, acquire, send, takeEvidence and dispose) or {notApplicable: reason}';
  if (value === null || typeof value !== 'object') return [{ field: '(its result)', expected, got: kindOf(value) }];
  const record = value as Record<string, unknown>;
  return ARRANGEMENT_METHODS.filter((name) => typeof record[name] !== 'function').map((name) => ({
    field: name,
    expected: 'a function (the result is taken for an Arrangement)',
    got: kindOf(record[name]),
  }));
}

/** Parses `value`; on a mismatch throws TargetPortError naming each field, what it should be and its kind. */
export function check<T>(schema: z.ZodType<T>, value: unknown, module: string, method: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new TargetPortError(
    module,
    method,
    result.error.issues.slice(0, 5).map((issue) => ({
      field: issue.path.length ? formatPath(issue.path) : '(its result)',
      expected: expectedOf(issue),
      got: kindOf(valueAt(value, issue.path)),
    })),
  );
}

/** What the port wanted, from zod's issue (which never holds the input value). */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `one of ${options.map((v) => JSON.stringify(v)).join(', ')}` : 'a value of the port type';
    }
    case 'too_small':
      return issue.origin === 'string' ? 'a non-empty string' : `at least ${issue.minimum}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/** The kind of a value, never the value: it might be a secret a broken target put in the wrong field. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}

function valueAt(value: unknown, at: readonly PropertyKey[]): unknown {
  return at.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    value,
  );
}

function formatPath(at: readonly PropertyKey[]): string {
  return at
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
