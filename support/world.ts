/**
 * The scenario's world: the situation the Given-steps describe, the arrangement the target made of it,
 * and what was observed. Steps stay thin by calling these helpers.
 */
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { impliedAssumptions } from './assumptions';
import {
  type Caller,
  emptySituation,
  type Evidence,
  isNotApplicable,
  NotApplicableError,
  type Arrangement,
  type ConnectionObservation,
  type RequestObservation,
  type RequestSpec,
  type Situation,
  type Target,
} from './target-port';

let currentTarget: Target | undefined;

export function useTarget(target: Target): void {
  currentTarget = target;
}

export function target(): Target {
  if (!currentTarget) throw new Error('no target loaded: the BeforeAll hook did not run');
  return currentTarget;
}

export class ConformanceWorld extends World {
  situation: Situation = emptySituation();
  arrangement?: Arrangement;
  notApplicable?: string;
  connection?: ConnectionObservation;
  responses: RequestObservation[] = [];
  /** The caller a Given-step chose for "the caller" in later steps. */
  plannedCaller?: Caller;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get response(): RequestObservation {
    const last = this.responses[this.responses.length - 1];
    if (!last) throw new Error('no request was sent in this scenario');
    return last;
  }

  /** Arranges the situation once; undefined when the target says it cannot (then the step is skipped). */
  async arranged(): Promise<Arrangement | undefined> {
    if (this.arrangement) return this.arrangement;
    if (this.notApplicable) return undefined;
    const result = await target().arrange(this.situation);
    if (isNotApplicable(result)) {
      this.declare(result.notApplicable);
      return undefined;
    }
    this.arrangement = result;
    return result;
  }

  private declare(reason: string): void {
    this.notApplicable = reason;
    this.attach(`Not applicable on this target: ${reason}`, {
      mediaType: 'text/plain',
      fileName: 'not-applicable.txt',
    });
  }

  /** Runs a port call; a NotApplicableError from it makes the scenario not applicable (the step skipped). */
  private async orNotApplicable<T>(call: () => Promise<T>): Promise<T | 'skipped'> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof NotApplicableError)) throw error;
      this.declare(error.reason);
      return 'skipped';
    }
  }

  async acquire(connection: 1 | 2 = 1): Promise<'skipped' | undefined> {
    const arrangement = await this.arranged();
    if (!arrangement) return 'skipped';
    const observed = await this.orNotApplicable(() => arrangement.acquire(connection));
    if (observed === 'skipped') return observed;
    this.connection = observed;
    this.attachEvidence(arrangement, { connection: this.connection });
    return undefined;
  }

  async send(request: RequestSpec, times = 1): Promise<'skipped' | undefined> {
    this.situation.assumptions = {
      ...impliedAssumptions(this.situation, request.caller),
      ...this.situation.assumptions,
    };
    const arrangement = await this.arranged();
    if (!arrangement) return 'skipped';
    for (let i = 0; i < times; i++) {
      const observation = await this.orNotApplicable(() => arrangement.send(request));
      if (observation === 'skipped') return observation;
      this.responses.push(observation);
      this.attachEvidence(arrangement, { observation });
    }
    return undefined;
  }

  userIdOf(alias: string): string {
    if (!this.arrangement) throw new Error('nothing was arranged yet');
    return this.arrangement.userIdOf(alias);
  }

  /**
   * One attachment per observation, evidence.json: what was observed, then the target's JSON evidence
   * for it under its name (the site definitions when first used, the model's decision). One file an
   * auditor can file, and a third of the attachments a run used to write (issue 5). Evidence that is not
   * a JSON object or array is attached on its own, as it is.
   */
  private attachEvidence(arrangement: Arrangement, observed: object): void {
    const apart: Evidence[] = [];
    // Each body is spliced in as text, indented one level: a body that JSON.stringify(value, null, 2)
    // made comes out exactly as a nested value would, without parsing and writing it again.
    let record = JSON.stringify(observed, null, 2).replace(/\n}$/, '');
    const names = new Set(Object.keys(observed));
    for (const evidence of arrangement.takeEvidence()) {
      const body = evidence.body.trim();
      if (evidence.mediaType !== 'application/json' || !isObjectOrArray(body) || names.has(evidence.name)) {
        apart.push(evidence);
        continue;
      }
      names.add(evidence.name);
      record += `,\n  ${JSON.stringify(evidence.name)}: ${body.replace(/\n/g, '\n  ')}`;
    }
    this.attach(`${record}\n}`, { mediaType: 'application/json', fileName: 'evidence.json' });
    for (const evidence of apart)
      this.attach(evidence.body, { mediaType: evidence.mediaType, fileName: evidence.name });
  }
}

/** A JSON object or array, as far as its ends show (`json` trimmed): what can be spliced in as a value. */
function isObjectOrArray(json: string): boolean {
  return (json.startsWith('{') && json.endsWith('}')) || (json.startsWith('[') && json.endsWith(']'));
}

setWorldConstructor(ConformanceWorld);
