/**
 * What every command-line entry point of a run shares: exit with the run's code, a harness error (2) for
 * anything that escapes it, and never 0 for a run that did not settle. A step that waits on a promise
 * nothing will ever resolve, with no timer left, empties node's event loop: node would then exit 0 with
 * no output, and a gate would read it as a pass. So the exit code is 2 until the run says otherwise.
 */
import { EXIT_HARNESS_ERROR } from '../../support/errors';
import { messageWithCauses } from '../../support/settings';

export function runFromCommandLine(run: () => Promise<number>): void {
  let settled = false;
  process.exitCode = EXIT_HARNESS_ERROR;
  process.on('exit', () => {
    if (!settled)
      console.error(
        'harness error: the run ended without settling (something it waited for never answered and no timer was left); exit 2',
      );
  });
  run().then(
    (code) => {
      settled = true;
      process.exit(code);
    },
    (error: unknown) => {
      settled = true;
      console.error(`harness error: ${messageWithCauses(error)}`);
      process.exit(EXIT_HARNESS_ERROR);
    },
  );
}
