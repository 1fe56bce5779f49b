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
import * as path from 'node:path';
import { SANDBOX_CACHE, startSandbox } from '../../src/sandbox';
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

function withoutOptions(argv: string[], withValue: string[], flags: string[]): string[] {
  return argv.filter(
    (arg, i) => !withValue.includes(arg) && !withValue.includes(argv[i - 1] ?? '') && !flags.includes(arg),
  );
}

runFromCommandLine(() => run(process.argv.slice(2)));
