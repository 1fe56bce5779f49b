/**
 * Every decision the model takes is explained by a trace: which rule applied, what it found, and the CICS,
 * RACF or z/OS Connect message a real system would have issued. Traces carry user IDs, never secrets.
 */
export interface TraceEntry {
  rule: string;
  note: string;
  message?: string;
}

export class Trace {
  readonly entries: TraceEntry[] = [];

  add(rule: string, note: string, message?: string): void {
    this.entries.push(message ? { rule, note, message } : { rule, note });
  }
}
