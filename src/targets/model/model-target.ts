/**
 * The embedded default target: the reference model. It arranges any situation (building definitions for
 * it), unless a scenario relies on a reading of an uncertain rule that this model was configured against.
 *
 * IPIC_MODEL_READINGS chooses how the readings are fixed:
 * - `fixed` (the default): the readings of IPIC_MODEL_OPTIONS hold for every scenario, and a scenario that
 *   assumes another reading is not applicable.
 * - `per-scenario`: each scenario runs under the readings it assumes (its @assumes tags and the assumptions
 *   support/assumptions.ts derives), on top of IPIC_MODEL_OPTIONS for the rest. No scenario is declined for
 *   its assumptions, so one run exercises every reading of every uncertain rule; the Then-steps still assert
 *   the outcome each scenario expects under its reading. A scenario whose definitions CICS would not even
 *   install under the readings it assumes (installChecks=install-time) contradicts itself: in this mode that
 *   is a harness error, never a quiet skip. `npm run mutation` uses this mode (docs/mutation.md).
 */
import {
  acquireConnection,
  installProblems,
  decideRequest,
  DEFAULT_OPTIONS,
  isOptionName,
  OPTION_VALUES,
  type HttpCaller,
  type ModelOptions,
  type Site,
} from '../../model';
import type {
  Alias,
  Arrangement,
  Caller,
  Evidence,
  NotApplicable,
  RequestSpec,
  Situation,
  Target,
} from '../../../support/target-port';
import {
  buildSite,
  certificateFor,
  CLOCK,
  JWT_ISSUER,
  jwtSubjectOf,
  passwordOf,
  userIdOf,
  wrongPasswordOf,
} from './build-site';
import { HarnessInputError } from '../../../support/errors';
import { parseModelOptions } from './options-env';
import { observeConnection, observeRequest, withRacfUpdates } from './observe';
import { redactSite } from './redact';
import { EvidenceLog } from '../evidence-log';

export type Readings = 'fixed' | 'per-scenario';

export function createModelTarget(options: ModelOptions = DEFAULT_OPTIONS, readings: Readings = 'fixed'): Target {
  return {
    describe: () => ({
      kind: 'model',
      identity: 'embedded reference model',
      options: readings === 'fixed' ? { ...options } : { ...options, readings },
    }),
    arrange: async (situation) =>
      readings === 'fixed' ? arrangeOnModel(situation, options) : arrangeUnderAssumedReadings(situation, options),
  };
}

export default function createTarget(env: NodeJS.ProcessEnv): Target {
  return createModelTarget(parseModelOptions(env.IPIC_MODEL_OPTIONS), parseReadings(env.IPIC_MODEL_READINGS));
}

function parseReadings(text: string | undefined): Readings {
  const value = text?.trim() || 'fixed';
  if (value === 'fixed' || value === 'per-scenario') return value;
  throw new HarnessInputError('IPIC_MODEL_READINGS', value, 'fixed or per-scenario');
}

/** IPIC_MODEL_READINGS=per-scenario: the model adopts the readings the scenario assumes. */
function arrangeUnderAssumedReadings(situation: Situation, base: ModelOptions): Arrangement {
  const options: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(situation.assumptions)) {
    if (!isOptionName(name) || !OPTION_VALUES[name].includes(value))
      throw new HarnessInputError(
        'scenario assumption',
        `${name}=${value}`,
        'a documented reading (README, Model options)',
      );
    options[name] = value;
  }
  const arranged = arrangeOnModel(situation, options as unknown as ModelOptions);
  if ('notApplicable' in arranged)
    throw new Error(`under the readings this scenario assumes, ${arranged.notApplicable}`);
  return arranged;
}

function arrangeOnModel(situation: Situation, options: ModelOptions): Arrangement | NotApplicable {
  for (const [name, expected] of Object.entries(situation.assumptions)) {
    const actual = (options as unknown as Record<string, string>)[name];
    if (actual !== expected) {
      return {
        notApplicable: `the scenario assumes ${name}=${expected}; this model is configured with ${name}=${actual}`,
      };
    }
  }
  const site = buildSite(situation);
  const problems = installProblems(site, options);
  if (problems.length > 0) {
    return {
      notApplicable: `with installChecks=install-time CICS would not install this definition: ${problems.join('; ')}`,
    };
  }
  return new ModelArrangement(site, options);
}

class ModelArrangement implements Arrangement {
  private readonly evidence = new EvidenceLog();

  constructor(
    private site: Site,
    private readonly options: ModelOptions,
  ) {
    this.evidence.record('site definitions (secrets redacted)', redactSite(site));
  }

  userIdOf(alias: Alias): string {
    return userIdOf(alias);
  }

  async acquire(connection: 1 | 2 = 1) {
    const decision = acquireConnection(this.site, this.options, `cics${connection}`);
    this.evidence.record('model decision: acquire IPIC connection', decision);
    return observeConnection(decision);
  }

  async send(request: RequestSpec) {
    const decision = decideRequest(
      this.site,
      this.options,
      `cics${request.connection ?? 1}`,
      this.httpCaller(request.caller),
    );
    this.evidence.record('model decision: request', decision);
    // RACF state carries over between requests of one scenario: bad attempts count, and can revoke.
    this.site = withRacfUpdates(this.site, decision.updates);
    return observeRequest(decision);
  }

  takeEvidence(): Evidence[] {
    return this.evidence.take();
  }

  async dispose(): Promise<void> {}

  private httpCaller(caller: Caller): HttpCaller {
    switch (caller.kind) {
      case 'anonymous':
        return caller;
      case 'basic': {
        const id = userIdOf(caller.user);
        const user = this.site.racf.users.find((u) => u.id === id);
        return {
          kind: 'basic',
          userid: id,
          password: caller.password === 'correct' ? (user?.password ?? passwordOf(id)) : wrongPasswordOf(id),
        };
      }
      case 'certificate':
        return {
          kind: 'certificate',
          certificate: certificateFor(
            caller.mappedTo ? userIdOf(caller.mappedTo) : 'STRANGER',
            { state: 'valid', mappedTo: caller.mappedTo },
            'http',
          ),
        };
      case 'jwt': {
        const expiresAt = caller.validity === 'expired' ? '2026-05-31T23:00:00Z' : '2026-06-01T01:00:00Z';
        return {
          kind: 'jwt',
          issuer: caller.validity === 'another issuer' ? `${JWT_ISSUER}/another-issuer` : JWT_ISSUER,
          subject: jwtSubjectOf(caller.subject),
          expiresAt,
          signatureTrusted: caller.validity !== 'untrusted signature',
        };
      }
      case 'ldap':
        return caller;
    }
  }
}

export { CLOCK };
