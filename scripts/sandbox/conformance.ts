/**
 * npm run conformance:sandbox: starts a fresh sandbox (a local reference deployment on 127.0.0.1), runs
 * every feature through the live target against it (the runner's own main(), with IPIC_TARGET=live and
 * IPIC_INVENTORY pointing at the inventory the sandbox wrote), and stops it. Arguments go to the runner
 * (--tags, --name, feature paths). Exit codes are the runner's (src/run/index.ts).
 */
import * as path from 'node:path';
import { SANDBOX_CACHE, startSandbox } from '../../src/sandbox';
import { main } from '../../src/run';
import { runFromCommandLine } from '../../src/run/entry-point';

async function run(argv: string[]): Promise<number> {
  const started = performance.now();
  const sandbox = await startSandbox({ dir: path.join(SANDBOX_CACHE, 'conformance') });
  console.log(
    `sandbox: ${sandbox.sites.length} sites up in ${Math.round(performance.now() - started)} ms; inventory ${path.relative(process.cwd(), sandbox.inventoryPath)}`,
  );
  process.env.IPIC_TARGET = 'live';
  process.env.IPIC_INVENTORY = sandbox.inventoryPath;
  try {
    return await main(argv);
  } finally {
    await sandbox.stop();
  }
}

runFromCommandLine(() => run(process.argv.slice(2)));
