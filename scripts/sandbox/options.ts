/** The command-line options the sandbox scripts (conformance.ts, start.ts) share. */
import { HarnessInputError } from '../../support/errors';

/** The value after `option`, or undefined when it is absent; a missing value is a usage error (exit 2). */
export function optionValue(argv: string[], option: string, expected: string): string | undefined {
  const at = argv.indexOf(option);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new HarnessInputError('command line', option, expected);
  return value;
}
