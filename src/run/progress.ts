/**
 * A run that says what it is doing (issue 17, item 5). Each phase of the run is named as it starts, so no
 * stretch of a run is silent: loading the target and the plan (a large inventory takes seconds), running
 * the scenarios (cucumber's progress formatter shows each one), writing the reports, building the Allure
 * report (the longest stretch, with Java). On a terminal a phase that runs past two seconds also shows its
 * elapsed time, rewritten in place every second; elsewhere (CI logs, pipes) each phase is one plain line,
 * `phase: <name>`, and a last `phase: done in <s> s` line, with nothing rewritten, so logs stay readable
 * and machine-readable. Phase lines go to stderr: stdout keeps the results.
 */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Names the phase starting now (the one before it ends). */
  phase(name: string): void;
  /** Ends the last phase. */
  done(): void;
}

/** Once a phase has run this long on a terminal, its elapsed time is shown. */
const SHOW_AFTER_MS = 2000;

export function createProgress(
  out: ProgressOutput = process.stderr,
  clock: () => number = Date.now,
  timers: { every(ms: number, tick: () => void): () => void } = intervalTimers,
): Progress {
  const started = clock();
  let current: { name: string; since: number; stop: () => void; shown: boolean } | undefined;
  let phases = 0;
  const end = () => {
    if (!current) return;
    current.stop();
    if (current.shown) out.write('\n');
    current = undefined;
  };
  return {
    phase(name) {
      end();
      phases++;
      out.write(`phase: ${name}${out.isTTY ? '' : '\n'}`);
      const since = clock();
      const phase = { name, since, shown: false, stop: () => {} };
      if (out.isTTY) {
        out.write('\n');
        phase.stop = timers.every(1000, () => {
          const elapsed = clock() - since;
          if (elapsed < SHOW_AFTER_MS) return;
          phase.shown = true;
          out.write(`\r  ... ${name}: ${Math.round(elapsed / 1000)} s`);
        });
      }
      current = phase;
    },
    done() {
      end();
      // A run stopped before its first phase (bad settings) has no phases to close.
      if (phases === 0) return;
      phases = 0;
      out.write(`phase: done in ${((clock() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

const intervalTimers = {
  every(ms: number, tick: () => void): () => void {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** For runs that must print nothing but their results (tests that read stderr exactly). */
export const silentProgress: Progress = { phase() {}, done() {} };
