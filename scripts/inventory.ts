/**
 * npm run inventory -- init DIR [--out FILE]
 *   Drafts a live inventory (docs/live.md) from the site definitions in DIR (the directory holding
 *   site.yaml, as the audit reads it): YAML on stdout or in FILE, every value the definitions cannot
 *   give marked FILL IN, every secret an {env:} reference. Exit 0 written, 2 the definitions could not
 *   be read.
 * npm run inventory -- check INVENTORY DIR
 *   Lists every place where INVENTORY and the definitions in DIR disagree, one line each with the
 *   inventory's file, line and field. Exit 0 they agree, 1 they disagree, 2 either could not be read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR, HarnessInputError } from '../support/errors';
import { loadSite } from '../src/definitions/load-site';
import { describeDisagreement, disagreements } from '../src/inventory/check-against-definitions';
import { draftYaml } from '../src/inventory/draft-yaml';
import { checkedDraft, inventoryFromDefinitions } from '../src/inventory/from-definitions';
import { parseInventoryFile } from '../src/inventory/load';
import { inventorySchema } from '../src/inventory/schema';

const USAGE = 'init DIR [--out FILE] | check INVENTORY DIR';

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const err = (s: string) => process.stderr.write(s);
  try {
    const [command, ...rest] = argv;
    if (command === 'init') return init(rest, out, err);
    if (command === 'check') return check(rest, out);
    throw new HarnessInputError('command line', command ?? '(no command)', USAGE);
  } catch (error) {
    if (error instanceof HarnessInputError) {
      err(`harness error: ${error.message}\n`);
      return EXIT_HARNESS_ERROR;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    err(`harness error: the inventory could not be made or checked (${message})\n`);
    return EXIT_HARNESS_ERROR;
  }
}

function init(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const outIndex = args.indexOf('--out');
  const file = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outIndex >= 0 && !file) throw new HarnessInputError('command line', '--out', 'a file name after it');
  const positional = outIndex >= 0 ? args.filter((_, i) => i !== outIndex && i !== outIndex + 1) : args;
  if (positional.length !== 1)
    throw new HarnessInputError('command line', positional.join(' ') || '(no directory)', USAGE);
  const directory = positional[0] as string;
  const draft = checkedDraft(loadSite(directory));
  const yaml = draftYaml(draft, directory);
  if (file) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, yaml);
  } else out(yaml);
  err(
    `inventory: drafted from ${directory}${file ? ` into ${file}` : ''}; ${draft.toFill.length} values to fill in (marked FILL IN)\n`,
  );
  return 0;
}

function check(args: string[], out: (s: string) => void): number {
  if (args.length !== 2) throw new HarnessInputError('command line', args.join(' ') || '(nothing)', USAGE);
  const [inventoryFile, directory] = args as [string, string];
  const parsed = parseInventoryFile(inventoryFile);
  const fromDefinitions = inventorySchema.parse(inventoryFromDefinitions(loadSite(directory)).inventory);
  const found = disagreements(parsed.inventory, fromDefinitions);
  for (const d of found) out(`${describeDisagreement(inventoryFile, d, parsed.lineOf)}\n`);
  out(
    found.length === 0
      ? `inventory: ${inventoryFile} agrees with the definitions in ${directory}\n`
      : `inventory: ${found.length} disagreement${found.length === 1 ? '' : 's'} between ${inventoryFile} and the definitions in ${directory}\n`,
  );
  return found.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
