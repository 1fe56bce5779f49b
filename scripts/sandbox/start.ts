/**
 * npm run sandbox: starts a local deployment on 127.0.0.1 (OS-picked ports, decided by the reference model),
 * prints where its inventory is, and keeps it up until Ctrl-C, SIGTERM, or the time limit (`--minutes N`,
 * default 60) so that a forgotten sandbox stops by itself. Point the live target (or the preflight) at it from
 * another shell:
 *   IPIC_TARGET=live IPIC_INVENTORY=<printed path> npm run conformance
 * Without options it serves the model's own sites (src/sandbox/sandbox.ts), and its inventory directory is
 * kept after stop, for inspection. With `--definitions DIR [--draft FILE]` it serves the site a definitions
 * directory describes, with the draft `npm run inventory -- init` wrote (or drafts one) completed for it, as
 * the rehearsal does (src/sandbox/rehearsal.ts), for trying the draft by hand; its temporary directory goes
 * with it. Secrets are in owner-only files either way.
 */
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR } from '../../support/errors';
import { SANDBOX_CACHE, startSandbox } from '../../src/sandbox';
import { startRehearsalSandbox } from '../../src/sandbox/rehearsal';
import { optionValue } from './options';

function minutesFrom(argv: string[]): number {
  const given = optionValue(argv, '--minutes', 'a number of minutes after it');
  if (given === undefined) return 60;
  const minutes = Number(given);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`--minutes: expected a positive number`);
  return minutes;
}

/** The sandbox the arguments ask for, with the lines that say where it is. */
async function start(argv: string[]): Promise<{ lines: string[]; stop(): Promise<void> }> {
  const definitions = optionValue(argv, '--definitions', 'a path after it');
  if (definitions !== undefined) {
    const sandbox = await startRehearsalSandbox({
      definitions,
      draft: optionValue(argv, '--draft', 'a path after it'),
    });
    return {
      lines: [
        `sandbox: ${sandbox.applid} from ${definitions} on 127.0.0.1 (${sandbox.services.join(', ')})`,
        `sandbox: inventory ${sandbox.inventoryPath}`,
      ],
      stop: () => sandbox.stop(),
    };
  }
  if (optionValue(argv, '--draft', 'a path after it') !== undefined) throw new Error('--draft: needs --definitions');
  const sandbox = await startSandbox({ dir: path.join(SANDBOX_CACHE, 'current') });
  const open = sandbox.sites.filter((s) => s.open).length;
  return {
    lines: [
      `sandbox: ${sandbox.sites.length} CICS sites (${open} with an open IPIC port) on 127.0.0.1`,
      `sandbox: z/OS Connect stand-in on https://127.0.0.1:${sandbox.zosConnectPort}`,
      `sandbox: inventory ${path.relative(process.cwd(), sandbox.inventoryPath)}`,
    ],
    stop: () => sandbox.stop(),
  };
}

async function run(argv: string[]): Promise<void> {
  const minutes = minutesFrom(argv);
  const sandbox = await start(argv);
  for (const line of sandbox.lines) console.log(line);
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
