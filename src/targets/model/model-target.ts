/**
 * The embedded default target: the reference model. It arranges any situation (building definitions for
 * it), unless a scenario relies on a reading of an uncertain rule that this model was configured against.
 */
import {
  acquireConnection,
  installProblems,
  decideRequest,
  DEFAULT_OPTIONS,
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
import { parseModelOptions } from './options-env';
import { redactSite } from './redact';

export function createModelTarget(options: ModelOptions = DEFAULT_OPTIONS): Target {
  return {
    describe: () => ({ kind: 'model', identity: 'embedded reference model', options: { ...options } }),
    arrange: async (situation) => arrangeOnModel(situation, options),
  };
}

export default function createTarget(env: NodeJS.ProcessEnv): Target {
  return createModelTarget(parseModelOptions(env.IPIC_MODEL_OPTIONS));
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
  private evidence: Evidence[] = [];

  constructor(
    private site: Site,
    private readonly options: ModelOptions,
  ) {
    this.record('site definitions (secrets redacted)', redactSite(site));
  }

  userIdOf(alias: Alias): string {
    return userIdOf(alias);
  }

  async acquire(connection: 1 | 2 = 1) {
    const decision = acquireConnection(this.site, this.options, `cics${connection}`);
    this.record('model decision: acquire IPIC connection', decision);
    return decision.acquired
      ? { acquired: true as const }
      : { acquired: false as const, stage: decision.stage, detail: decision.reason };
  }

  async send(request: RequestSpec) {
    const decision = decideRequest(
      this.site,
      this.options,
      `cics${request.connection ?? 1}`,
      this.httpCaller(request.caller),
    );
    this.record('model decision: request', decision);
    this.applyRacfUpdates(decision.updates);
    switch (decision.outcome) {
      case 'ran':
        return { outcome: 'ran' as const, taskUser: decision.taskUser, transid: decision.transid };
      case 'not sent':
        return { outcome: 'not sent' as const, stage: decision.stage, detail: decision.reason };
      case 'refused':
        return { outcome: 'refused' as const, by: decision.by, detail: decision.reason };
    }
  }

  takeEvidence(): Evidence[] {
    const taken = this.evidence;
    this.evidence = [];
    return taken;
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
          issuer: JWT_ISSUER,
          subject: jwtSubjectOf(caller.subject),
          expiresAt,
          signatureTrusted: caller.validity !== 'untrusted signature',
        };
      }
      case 'ldap':
        return caller;
    }
  }

  /** RACF state carries over between requests of one scenario: bad attempts count, and can revoke. */
  private applyRacfUpdates(updates: { userid: string; invalidAttempts: number; revoked: boolean }[]): void {
    if (updates.length === 0) return;
    const users = this.site.racf.users.map((u) => {
      const update = updates.find((x) => x.userid === u.id);
      return update ? { ...u, invalidAttempts: update.invalidAttempts, revoked: u.revoked || update.revoked } : u;
    });
    this.site = { ...this.site, racf: { ...this.site.racf, users } };
  }

  private record(name: string, value: unknown): void {
    this.evidence.push({ name, mediaType: 'application/json', body: JSON.stringify(value, null, 2) });
  }
}

export { CLOCK };
