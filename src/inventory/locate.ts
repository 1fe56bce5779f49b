/**
 * Where something of a loaded inventory was written: "site.yaml:170 (sites[0].cics.regions[0].
 * tcpipServices[0].port)". The live target names it when the site does not behave as the inventory says
 * it should in a way no scenario can observe (an OPEN port nobody listens on), so that the reader knows
 * which line to check.
 */
import { formatPath, type LoadedInventory } from './load';

/** The path from `root` to `node` (found by identity), or undefined if `node` is not part of `root`. */
export function pathTo(root: unknown, node: object): (string | number)[] | undefined {
  if (root === node) return [];
  if (root === null || typeof root !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(root)
    ? root.map((value, i) => [i, value])
    : Object.entries(root as Record<string, unknown>);
  for (const [key, value] of entries) {
    const below = pathTo(value, node);
    if (below) return [key, ...below];
  }
  return undefined;
}

/** "file:line (path.field)", as precise as the inventory allows; the file alone if the node is unknown. */
export function declaredAt(loaded: LoadedInventory, node: object, field?: string): string {
  const found = pathTo(loaded.inventory, node);
  if (!found) return loaded.file;
  const at = field === undefined ? found : [...found, field];
  const line = loaded.lineOf?.(at);
  return `${loaded.file}${line === undefined ? '' : `:${line}`} (${formatPath(at)})`;
}
