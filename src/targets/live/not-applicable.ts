/**
 * Thrown when a scenario turns out not to be applicable only once it runs: a request would exceed the
 * bad-password budget, or needs a credential or connection the inventory does not offer. The World reports
 * the scenario as not applicable with this reason (see NotApplicableError in the target port).
 */
import { NotApplicableError } from '../../../support/target-port';

export class NotApplicableHere extends NotApplicableError {}
