/**
 * The audit workflow's inputs, read and checked before any scenario runs, every problem reported: the
 * waivers file (--waivers), the baseline (--baseline, its seal verified, the same target kind), the signing
 * key (IPIC_SIGNING_KEY) and the instant waivers are judged at (IPIC_NOW, else the run's start).
 */
import { HarnessInputError } from '../../support/errors';
import { HarnessInputErrors, problemsOf } from '../../support/settings';
import { loadSigningKey, type SigningKey } from '../report/attestation';
import { checkBaselineTarget, loadBaseline, type LoadedBaseline } from '../report/baseline';
import { fileDigest } from '../report/run-metadata';
import { loadWaivers, waiverClock, type Waiver } from '../report/waivers';
import type { RunOptions } from './command-line';

export interface AuditInputs {
  waivers?: { list: Waiver[]; file: { path: string; sha256: string } };
  baseline?: LoadedBaseline & { file: { path: string; sha256: string } };
  failOn: RunOptions['failOn'];
  signer?: SigningKey;
  now: Date;
}

export function readAuditInputs(options: RunOptions, env: NodeJS.ProcessEnv, started: Date, kind: string): AuditInputs {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push(...problemsOf(error));
      return undefined;
    }
  };
  const now = attempt(() => waiverClock(env, started)) ?? started;
  const waiversFile = options.waiversFile;
  const list = waiversFile === undefined ? undefined : attempt(() => loadWaivers(waiversFile));
  const baselineFile = options.baselineFile;
  const baseline =
    baselineFile === undefined
      ? undefined
      : attempt(() => {
          const loaded = loadBaseline(baselineFile);
          checkBaselineTarget(loaded, kind);
          return loaded;
        });
  const signer = attempt(() => loadSigningKey(env));
  if (problems.length > 0)
    throw new HarnessInputErrors(problems.map((p) => Object.assign(new HarnessInputError('', '', ''), { message: p })));
  return {
    ...(list && waiversFile ? { waivers: { list, file: fileDigest(waiversFile, '--waivers', waiversFile) } } : {}),
    ...(baseline && baselineFile
      ? { baseline: { ...baseline, file: fileDigest(baselineFile, '--baseline', baselineFile) } }
      : {}),
    failOn: options.failOn,
    ...(signer ? { signer } : {}),
    now,
  };
}
