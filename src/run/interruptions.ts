/**
 * What a run does when it is stopped from outside: on SIGINT, SIGTERM or SIGHUP it runs its clean-ups
 * (discard the staging directory, stop child processes, release the reports lock) and exits with the
 * signal's conventional code (128 + its number), never 0. Inside `critical` (publishing the artifact set)
 * a signal waits until the section ends, so the set is never split.
 */
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class Interruptions {
  private readonly cleanups: (() => void)[] = [];
  private critical = false;
  private pending: NodeJS.Signals | undefined;
  private readonly handler = (signal: NodeJS.Signals) => this.interrupted(signal);
  private readonly atExit = () => this.cleanUp();

  constructor(private readonly say: (line: string) => void) {
    for (const signal of SIGNALS) process.on(signal, this.handler);
    // A run that never settles ends when its event loop empties: clean up there too.
    process.on('exit', this.atExit);
  }

  onInterrupt(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  runCritical<T>(section: () => T): T {
    this.critical = true;
    try {
      return section();
    } finally {
      this.critical = false;
      if (this.pending) this.interrupted(this.pending);
    }
  }

  /** The run is over: clean up, and stop listening. */
  close(): void {
    this.cleanUp();
    for (const signal of SIGNALS) process.off(signal, this.handler);
    process.off('exit', this.atExit);
  }

  private interrupted(signal: NodeJS.Signals): void {
    if (this.critical) {
      this.pending = signal;
      return;
    }
    this.cleanUp();
    this.say(`interrupted by ${signal}: this run's artifacts were discarded; the previous ones are kept`);
    process.exit(128 + (constants.signals[signal] ?? 0));
  }

  private cleanUp(): void {
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch {
        // Best effort: one failed clean-up must not stop the others.
      }
    }
  }
}
