/**
 * IPIC_PREFLIGHT=1: a live run first checks its inventory as `npm run preflight` does (secrets, certificates,
 * ports, the whoami APIs, the clock; never a bad password), and a failed check stops the run before any
 * scenario, as a harness error naming the check: an unreachable LPAR is never reported as nonconformance.
 */
import { HarnessInputError } from '../../support/errors';
import { HarnessInputErrors, type Settings } from '../../support/settings';

export async function preflightFirst(settings: Settings, env: NodeJS.ProcessEnv): Promise<void> {
  const inventory = env.IPIC_INVENTORY?.trim();
  if (settings.target !== 'live' || !inventory)
    throw new HarnessInputError(
      'IPIC_PREFLIGHT',
      '1',
      'a live run (IPIC_TARGET=live with IPIC_INVENTORY) to check first',
    );
  // Loaded here: the preflight brings the inventory loader and the PKI, which a run without it never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { formatLine, preflight } = require('../preflight/preflight') as typeof import('../preflight/preflight');
  const failed = (await preflight(inventory, { env })).filter((line) => line.verdict === 'FAIL');
  if (failed.length > 0)
    throw new HarnessInputErrors(
      failed.map((line) => new HarnessInputError('preflight', formatLine(line), 'a check that passes before the run')),
    );
}
