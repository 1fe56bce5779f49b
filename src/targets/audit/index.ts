/**
 * IPIC_TARGET=audit IPIC_DEFINITIONS=dir: the reference model on a site's definitions (docs/audit.md).
 * IPIC_MODEL_OPTIONS chooses the readings of uncertain rules, as for the model target.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../../support/errors';
import type { TargetFactory } from '../../../support/target-port';
import { loadSite } from '../../definitions/load-site';
import { parseModelOptions } from '../model/options-env';
import { createAuditTarget } from './audit-target';

const createTarget: TargetFactory = (env) => {
  const directory = env.IPIC_DEFINITIONS?.trim();
  if (!directory)
    throw new HarnessInputError(
      'IPIC_DEFINITIONS',
      '(unset)',
      'the directory holding the site definitions and their site.yaml',
    );
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory)
    throw new HarnessInputError('IPIC_DEFINITIONS', directory, 'an existing directory holding site.yaml');
  return createAuditTarget(loadSite(path.normalize(directory)), parseModelOptions(env.IPIC_MODEL_OPTIONS));
};

export default createTarget;
export { createAuditTarget } from './audit-target';
