/**
 * What an arrangement gathers for the report between two takeEvidence() calls (support/target-port.ts,
 * Evidence): JSON values by name, written out as the harness attaches them. The model, audit and live
 * targets each keep one.
 */
import type { Evidence } from '../../support/target-port';

export class EvidenceLog {
  private items: Evidence[] = [];

  /** `mask` runs over each value's text: the audit target's definitions hold the site's own secrets. */
  constructor(private readonly mask: (text: string) => string = (text) => text) {}

  record(name: string, value: unknown): void {
    this.items.push({ name, mediaType: 'application/json', body: this.mask(JSON.stringify(value, null, 2)) });
  }

  /** Everything recorded since the last take. */
  take(): Evidence[] {
    const taken = this.items;
    this.items = [];
    return taken;
  }
}
