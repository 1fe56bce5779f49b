/**
 * The harness's environment variables, read and checked in one place before anything runs. Every numeric
 * or enumerated variable is validated, and all problems are reported together: a run that would otherwise
 * wait forever on `IPIC_STEP_TIMEOUT_MS=30s` (NaN means no step timeout at all) stops with exit 2 instead.
 * Variables that name files (IPIC_TARGET, IPIC_INVENTORY, IPIC_DEFINITIONS) are checked by whoever loads
 * them; here only their form. IPIC_MODEL_OPTIONS is checked here too (the targets that read it parse it
 * again), so that a bad option is reported with every other bad variable, not alone in a later run.
 */
import { isOptionName, OPTION_VALUES } from '../src/model/options';
import { HarnessInputError } from './errors';

export interface Settings {
  /** `model`, `live`, `audit` or a module path. */
  target: string;
  /** Cucumber's step timeout: how long one step may wait on the target. */
  stepTimeoutMs: number;
  modelReadings: 'fixed' | 'per-scenario';
  reportsDir: string;
  /** Set only when IPIC_ALLURE_RESULTS moves the Allure results out of the reports directory. */
  allureResults: string | undefined;
  skipAllureHtml: boolean;
  /** IPIC_PREFLIGHT=1: a live run checks its inventory first (npm run preflight) and stops on a failed check. */
  preflight: boolean;
  unsafeDisableMasking: boolean;
  /** Stack traces on the console, for the harness's developers. */
  debug: boolean;
}

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
/** An hour: longer than any probe or request should take, short enough that a hung run still ends. */
export const MAX_STEP_TIMEOUT_MS = 3_600_000;

/** Several input problems at once; the message lists every one, a line each. */
export class HarnessInputErrors extends Error {
  constructor(readonly problems: readonly HarnessInputError[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'HarnessInputErrors';
  }
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: HarnessInputError[] = [];
  const text = (name: string) => env[name]?.trim() || undefined;
  const flag = (name: string): boolean => {
    const value = text(name);
    if (value === undefined || value === '0') return false;
    if (value === '1') return true;
    problems.push(new HarnessInputError(name, JSON.stringify(value), '1 or 0 (or unset)'));
    return false;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = text(name);
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    problems.push(new HarnessInputError(name, JSON.stringify(value), `one of ${values.join(', ')}`));
    return fallback;
  };
  const stepTimeoutMs = (() => {
    const value = text('IPIC_STEP_TIMEOUT_MS');
    if (value === undefined) return DEFAULT_STEP_TIMEOUT_MS;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (n >= 1 && n <= MAX_STEP_TIMEOUT_MS) return n;
    problems.push(
      new HarnessInputError(
        'IPIC_STEP_TIMEOUT_MS',
        JSON.stringify(value),
        `a whole number of milliseconds from 1 to ${MAX_STEP_TIMEOUT_MS}`,
      ),
    );
    return DEFAULT_STEP_TIMEOUT_MS;
  })();
  checkModelOptions(text('IPIC_MODEL_OPTIONS'), problems);
  const settings: Settings = {
    target: text('IPIC_TARGET') ?? 'model',
    stepTimeoutMs,
    modelReadings: oneOf('IPIC_MODEL_READINGS', ['fixed', 'per-scenario'] as const, 'fixed'),
    reportsDir: text('IPIC_REPORTS_DIR') ?? 'reports',
    allureResults: text('IPIC_ALLURE_RESULTS'),
    skipAllureHtml: flag('IPIC_SKIP_ALLURE_HTML'),
    preflight: flag('IPIC_PREFLIGHT'),
    unsafeDisableMasking: flag('IPIC_UNSAFE_DISABLE_MASKING'),
    debug: flag('IPIC_DEBUG'),
  };
  if (problems.length > 0) throw new HarnessInputErrors(problems);
  return settings;
}

/** "name=value,name=value": every entry whose name or value is not a model option's is a problem. */
function checkModelOptions(value: string | undefined, problems: HarnessInputError[]): void {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [name = '', optionValue = ''] = entry.split('=').map((p) => p.trim());
    if (!isOptionName(name))
      problems.push(
        new HarnessInputError(
          'IPIC_MODEL_OPTIONS',
          name || JSON.stringify(entry),
          `an option name, one of ${Object.keys(OPTION_VALUES).join(', ')}`,
        ),
      );
    else if (!OPTION_VALUES[name].includes(optionValue))
      problems.push(new HarnessInputError('IPIC_MODEL_OPTIONS', name, `one of ${OPTION_VALUES[name].join(', ')}`));
  }
}

/** The problems an error stands for: one per line of a HarnessInputErrors, else the error itself. */
export function problemsOf(error: unknown): string[] {
  if (error instanceof HarnessInputErrors) return error.problems.map((p) => p.message);
  return [messageWithCauses(error)];
}

/** An error's message and the first line of each cause behind it (cucumber wraps the real one). */
export function messageWithCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message =
      current instanceof HarnessInputError
        ? current.message
        : ((current as Error).message ?? String(current)).split('\n')[0];
    if (message && !parts.includes(message)) parts.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ') || String(error);
}
