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

/**
 * A target returned something its port does not allow (support/target-port.ts): the target is broken, so
 * no result about the system under test can be drawn from it. Names the module, the method and the field,
 * and what was expected; `got` says only the kind of value, never the value, which might be a secret.
 */
export class TargetPortError extends HarnessInputError {
  constructor(
    readonly module: string,
    readonly method: string,
    readonly problems: { field: string; expected: string; got: string }[],
  ) {
    const first = problems[0] ?? { field: '(result)', expected: 'a value of the port type', got: 'something else' };
    super(`target ${module}`, `${method} ${first.field}`, first.expected);
    this.name = 'TargetPortError';
    const each = problems.map((p) => `${p.field}: expected ${p.expected}, got ${p.got}`);
    this.message = `target ${module}: ${method} returned a value the target port does not allow: ${each.join('; ')}`;
  }
}

/**
 * The harness could not reach an endpoint the inventory says is there (DNS failure, refused, unreachable
 * network, connect timeout). That is no observation about the site's security: the inventory and the site
 * disagree, or the network is in the way, so the scenario is a harness error, not a refusal.
 */
export class UnreachableEndpointError extends Error {
  constructor(
    readonly what: string,
    readonly host: string,
    readonly port: number,
    readonly code: string,
    readonly declaredAt: string,
  ) {
    super(
      `cannot reach ${what} at ${host}:${port} (${code}${describeCode(code)}), which the inventory declares at ${declaredAt}: the inventory and the site seem to disagree (or the network is in the way)`,
    );
    this.name = 'UnreachableEndpointError';
  }
}

function describeCode(code: string): string {
  if (code === 'ENOTFOUND') return ': the host name does not resolve';
  if (code === 'EAI_AGAIN') return ': the host name could not be resolved now';
  if (code === 'ECONNREFUSED') return ': nothing listens on that port';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return ': no route to the host';
  if (code === 'ETIMEDOUT') return ': no answer before the connect timeout';
  return '';
}
