/**
 * npm run sandbox: starts the local reference deployment (CICS IPIC listeners and a z/OS Connect stand-in
 * on 127.0.0.1, OS-picked ports, decided by the reference model), prints where its inventory is, and keeps
 * it up until Ctrl-C, SIGTERM, or the time limit (`--minutes N`, default 60) so that a forgotten sandbox
 * stops by itself. Point the live target at it from another shell:
 *   IPIC_TARGET=live IPIC_INVENTORY=<printed path> npm run conformance
 * The inventory directory is kept after stop, for inspection; secrets in it are in owner-only files.
 */
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR } from '../../support/errors';
import { SANDBOX_CACHE, startSandbox } from '../../src/sandbox';

function minutesFrom(argv: string[]): number {
  const at = argv.indexOf('--minutes');
  if (at < 0) return 60;
  const minutes = Number(argv[at + 1]);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`--minutes: expected a positive number`);
  return minutes;
}

async function run(argv: string[]): Promise<void> {
  const minutes = minutesFrom(argv);
  const sandbox = await startSandbox({ dir: path.join(SANDBOX_CACHE, 'current') });
  const open = sandbox.sites.filter((s) => s.open).length;
  console.log(`sandbox: ${sandbox.sites.length} CICS sites (${open} with an open IPIC port) on 127.0.0.1`);
  console.log(`sandbox: z/OS Connect stand-in on https://127.0.0.1:${sandbox.zosConnectPort}`);
  console.log(`sandbox: inventory ${path.relative(process.cwd(), sandbox.inventoryPath)}`);
  console.log(`sandbox: stops on Ctrl-C or after ${minutes} min`);
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: stopping (${why})`);
    void sandbox.stop().then(() => process.exit(0));
  };
  // The sandbox's sockets do not hold the process open (tests stop it by themselves); this timer does.
  setTimeout(() => stop('time limit'), minutes * 60_000);
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

run(process.argv.slice(2)).catch((error: Error) => {
  console.error(`harness error: ${error.message}`);
  process.exit(EXIT_HARNESS_ERROR);
});
