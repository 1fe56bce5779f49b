/**
 * Thrown when a scenario turns out not to be applicable only once it runs: a request would exceed the
 * bad-password budget, or needs a credential the inventory does not offer. The target port lets only
 * arrange() decline, so this surfaces as a harness error (never as nonconformance) with a message that
 * says it is a matter of applicability.
 */
export class NotApplicableHere extends Error {
  constructor(reason: string) {
    super(`not applicable on this target: ${reason}`);
    this.name = 'NotApplicableHere';
  }
}
