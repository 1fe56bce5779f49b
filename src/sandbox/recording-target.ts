/**
 * A target that only records: the Situation every scenario describes and the callers its When-steps send.
 * The sandbox plans its regions from this record, the way a QA team provisions a test LPAR for the suite:
 * it learns what the scenarios set up (Given) and who calls (When), never what they expect (Then), and
 * every outcome is later decided by the reference model behind real sockets.
 *
 * Used as IPIC_TARGET=src/sandbox/recording-target.ts with IPIC_SANDBOX_RECORD=<output file>.
 */
import { writeFileSync } from 'node:fs';
import { HarnessInputError } from '../../support/errors';
import type { Arrangement, RequestSpec, Situation, Target, TargetFactory } from '../../support/target-port';

export interface RecordedScenario {
  situation: Situation;
  requests: RequestSpec[];
}

export interface Recording {
  version: 1;
  scenarios: RecordedScenario[];
}

const createRecordingTarget: TargetFactory = (env) => {
  const out = env.IPIC_SANDBOX_RECORD;
  if (!out) throw new HarnessInputError('IPIC_SANDBOX_RECORD', '(unset)', 'the file the recording target writes');
  const scenarios: RecordedScenario[] = [];
  const target: Target = {
    describe: () => ({ kind: 'recording', identity: 'sandbox planner: records situations and callers' }),
    arrange: async (situation) => {
      const entry: RecordedScenario = { situation: structuredClone(situation), requests: [] };
      scenarios.push(entry);
      return recordingArrangement(entry);
    },
    close: async () => writeFileSync(out, JSON.stringify({ version: 1, scenarios } satisfies Recording)),
  };
  return target;
};

function recordingArrangement(entry: RecordedScenario): Arrangement {
  return {
    userIdOf: (alias) => alias,
    acquire: async () => ({ acquired: true }),
    send: async (request) => {
      entry.requests.push(structuredClone(request));
      return { outcome: 'ran', taskUser: '(recording only)' };
    },
    takeEvidence: () => [],
    dispose: async () => {},
  };
}

export default createRecordingTarget;
