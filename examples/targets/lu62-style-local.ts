/**
 * An example of a plugged-in target: the reference model, configured for the other reading of catalog
 * U5 (USERAUTH(LOCAL) rejects a flowed user ID, as LU6.2 ATTACHSEC(LOCAL) does).
 *
 *   IPIC_TARGET=./examples/targets/lu62-style-local.ts npm run conformance
 *
 * Scenarios that assume the documented IPIC reading are then reported as not applicable, with the reason.
 */
import { DEFAULT_OPTIONS } from '../../src/model';
import { createModelTarget } from '../../src/targets/model/model-target';
import type { TargetFactory } from '../../support/target-port';

const createTarget: TargetFactory = () => createModelTarget({ ...DEFAULT_OPTIONS, localWithFlowedUserid: 'reject' });

export default createTarget;
