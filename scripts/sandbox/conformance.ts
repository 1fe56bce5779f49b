/**
 * npm run conformance:sandbox: starts a fresh sandbox (a local reference deployment on 127.0.0.1), runs
 * every feature through the live target against it (the runner's own main(), with IPIC_TARGET=live and
 * IPIC_INVENTORY pointing at the inventory the sandbox wrote), and stops it. Arguments go to the runner
 * (--tags, --name, feature paths). Exit codes are the runner's (src/run/index.ts).
 *
 * npm run conformance:sandbox -- --definitions DIR [--draft FILE] [--keep] [runner arguments]
 *   The rehearsal (src/sandbox/rehearsal.ts): a sandbox serving the site the definitions in DIR describe,
 *   and the live target running the inventory `npm run inventory -- init DIR` drafts (or FILE, a draft
 *   init wrote), filled in for the sandbox. --keep keeps the sandbox's temporary directory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';
import { SANDBOX_CACHE, startSandbox } from '../../src/sandbox';
import { LOCK_FILE, lockReports, type ReportsLock } from '../../src/run/reports-lock';
import { rehearse } from '../../src/sandbox/rehearsal';
import { main } from '../../src/run';
import { runFromCommandLine } from '../../src/run/entry-point';
import { optionValue } from './options';

async function run(argv: string[]): Promise<number> {
  const definitions = optionValue(argv, '--definitions', 'a path after it');
  if (definitions !== undefined) {
    const draft = optionValue(argv, '--draft', 'a path after it');
    const keep = argv.includes('--keep');
    const rest = withoutOptions(argv, ['--definitions', '--draft'], ['--keep']);
    return rehearse({ definitions, draft, keep, argv: rest });
  }
  const started = performance.now();
  const place = sandboxDirectory();
  const sandbox = await startSandbox({ dir: place.dir }).catch((error: unknown) => {
    place.release();
    throw error;
  });
  console.log(
    `sandbox: ${sandbox.sites.length} sites up in ${Math.round(performance.now() - started)} ms; inventory ${path.relative(process.cwd(), sandbox.inventoryPath)}`,
  );
  process.env.IPIC_TARGET = 'live';
  process.env.IPIC_INVENTORY = sandbox.inventoryPath;
  try {
    return await main(argv);
  } finally {
    await sandbox.stop();
    place.release();
  }
}

/**
 * Where the sandbox writes its inventory and certificates: .cache/sandbox/conformance, or, while another
 * run holds that (a sandbox starts by emptying its directory, which took the inventory from under the
 * other run: seen in `npm test`), a fresh directory beside it, removed when the run ends.
 */
function sandboxDirectory(): { dir: string; release(): void } {
  const lockDir = path.join(SANDBOX_CACHE, 'conformance.lock');
  let lock: ReportsLock;
  try {
    lock = lockReports(lockDir, 'npm run conformance:sandbox');
  } catch (error) {
    if (!(error instanceof HarnessInputError && existsSync(path.join(lockDir, LOCK_FILE)))) throw error;
    const dir = mkdtempSync(path.join(SANDBOX_CACHE, 'conformance-'));
    return { dir, release: () => rmSync(dir, { recursive: true, force: true }) };
  }
  return { dir: path.join(SANDBOX_CACHE, 'conformance'), release: () => lock.release() };
}

function withoutOptions(argv: string[], withValue: string[], flags: string[]): string[] {
  return argv.filter(
    (arg, i) => !withValue.includes(arg) && !withValue.includes(argv[i - 1] ?? '') && !flags.includes(arg),
  );
}

runFromCommandLine(() => run(process.argv.slice(2)));
