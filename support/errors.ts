/**
 * Harness errors (bad input, a target that cannot be loaded) are never results about the target. They
 * name the source and the field, and the harness exits with EXIT_HARNESS_ERROR rather than reporting
 * nonconformance.
 */
export const EXIT_CONFORMANT = 0;
export const EXIT_NONCONFORMANT = 1;
export const EXIT_HARNESS_ERROR = 2;
/** Every applicable scenario conformed, but a required rule was not verified (or nothing applied at all). */
export const EXIT_INCOMPLETE = 3;

export class HarnessInputError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${source}: ${field}: expected ${expected}`);
    this.name = 'HarnessInputError';
  }
}
