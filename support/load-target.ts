/**
 * Finds the target named by IPIC_TARGET: unset or "model" for the embedded reference model, otherwise a
 * module path (relative to the working directory) whose default export or `createTarget` is a factory.
 * The target comes back wrapped by checkedTarget, so what it returns is checked against the port, except
 * the embedded model (see below).
 */
import * as path from 'node:path';
import { HarnessInputError } from './errors';
import type { Target, TargetFactory } from './target-port';

/** Built-in targets live in src/targets/<name>/index.ts and default-export their TargetFactory. */
const BUILT_IN = ['model', 'live', 'audit'];

export async function loadTarget(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const name = env.IPIC_TARGET?.trim() || 'model';
  const modulePath = BUILT_IN.includes(name)
    ? path.join(__dirname, '..', 'src', 'targets', name)
    : path.resolve(process.cwd(), name);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(modulePath)) as Record<string, unknown>;
  } catch (error) {
    throw new HarnessInputError('IPIC_TARGET', name, `a loadable module (${(error as Error).message.split('\n')[0]})`);
  }
  const factory = [
    loaded.default,
    loaded.createTarget,
    (loaded.default as Record<string, unknown> | undefined)?.default,
  ].find((f): f is TargetFactory => typeof f === 'function');
  if (!factory)
    throw new HarnessInputError('IPIC_TARGET', name, 'a module exporting a TargetFactory as default or createTarget');
  const target = await inTarget(name, 'its factory', () => factory(env));
  if (typeof target?.arrange !== 'function' || typeof target.describe !== 'function') {
    throw new HarnessInputError('IPIC_TARGET', name, 'a factory returning an object with describe() and arrange()');
  }
  // The embedded model is pure TypeScript over the port's types, with no input but the situation, and
  // `npm run typecheck` holds its values to those types; checking them again at run time found nothing and
  // loaded zod (95 modules, about 50 ms) into every model run (issue 14). Every other target, the live and
  // audit ones (which read the network and files) and any plugged-in module, is checked value by value.
  if (name === 'model') return target;
  return checkedTargetModule().checkedTarget(target, name);
}

/**
 * Runs a call into a target's own code. Its errors are the target's, not the harness's: they name
 * IPIC_TARGET and the module, so a user knows which module to fix. Errors that already name their source
 * (bad settings, an inventory or definitions the built-in targets reject) pass through as they are.
 */
export async function inTarget<T>(name: string, what: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HarnessInputError) throw error;
    throw new HarnessInputError(
      'IPIC_TARGET',
      name,
      `${what} to work, but it failed: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`,
    );
  }
}

function checkedTargetModule(): typeof import('../src/targets/checked-target') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../src/targets/checked-target') as typeof import('../src/targets/checked-target');
}
