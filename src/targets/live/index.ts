/**
 * IPIC_TARGET=live with IPIC_INVENTORY=path/to/site.yaml: a real z/OS Connect and CICS deployment.
 * IPIC_LEDGER_DIR, set by the runner for `--parallel N`, is the bad-password ledger its workers share.
 */
import { HarnessInputError } from '../../../support/errors';
import type { Target, TargetFactory } from '../../../support/target-port';
import { loadInventory } from '../../inventory/load';
import { createLiveTarget } from './live-target';

const createTarget: TargetFactory = (env: NodeJS.ProcessEnv): Target => {
  const file = env.IPIC_INVENTORY?.trim();
  if (!file)
    throw new HarnessInputError('IPIC_INVENTORY', '(unset)', 'the path of a site inventory in YAML (see docs/live.md)');
  return createLiveTarget(loadInventory(file, env), env.IPIC_LEDGER_DIR?.trim() || undefined);
};

export default createTarget;
export { createLiveTarget, loadInventory };
