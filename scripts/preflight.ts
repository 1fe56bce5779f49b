/**
 * npm run preflight -- INVENTORY
 *
 * Checks a live inventory before a run (src/preflight/preflight.ts): secrets, certificates and keys,
 * ports, the whoami APIs and the clock, one line per check, without spending a bad password.
 * Exit codes: 0 every check passed (or was skipped, with the reason), 2 a check failed or the inventory
 * could not be read.
 */
import { EXIT_HARNESS_ERROR, HarnessInputError } from '../support/errors';
import { formatLine, preflight } from '../src/preflight/preflight';

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    if (argv.length !== 1)
      throw new HarnessInputError(
        'command line',
        argv.join(' ') || '(no inventory)',
        'INVENTORY: the live inventory file',
      );
    const lines = await preflight(argv[0] as string);
    for (const line of lines) out(`${formatLine(line)}\n`);
    const failed = lines.filter((l) => l.verdict === 'FAIL').length;
    out(`preflight: ${lines.length} checks, ${failed} failed${failed ? ' (exit 2)' : ''}\n`);
    return failed === 0 ? 0 : EXIT_HARNESS_ERROR;
  } catch (error) {
    const message =
      error instanceof HarnessInputError || !(error instanceof Error)
        ? String((error as Error).message ?? error)
        : `${error.name}: ${error.message}`;
    process.stderr.write(`harness error: ${message}\n`);
    return EXIT_HARNESS_ERROR;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
