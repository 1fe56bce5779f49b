/**
 * The large-inventory figure of issue 14: a 1,150-site inventory (about 5 MB), loaded in a fresh child
 * process that reports its own wall time for the load and its peak RSS; limits 5 s and 300 MB. The
 * inventory is the sandbox's (one site per recorded scenario, with its certificates, keys and secret files),
 * its sites copied under new names until there are 1,150 of them, each copy a separate YAML node (no
 * anchors), as a site inventory written by hand or by a tool would be. Also 1x and 10x of 115 sites, so
 * that the growth is seen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { startSandbox } from '../src/sandbox';
import { peakRssMb, time } from './measure';
import { stats, type Stats } from './statistics';

export const INVENTORY_SITES = 1150;
export const INVENTORY_LIMITS = { ms: 5000, peakRssMb: 300 };
const SIZES = [115, 575, INVENTORY_SITES];

const LOAD = `
const started = performance.now();
const loaded = require('./src/inventory/load.ts').loadInventory(process.argv[1]);
const again = require('./src/inventory/load.ts').loadInventory(process.argv[1]);
console.log(JSON.stringify({ sites: loaded.inventory.sites.length, ms: performance.now() - started, once: loaded === again }));
`;

export interface InventoryRow extends Stats {
  sites: number;
  megabytes: number;
  peakRssMb: number;
  /** Whether a second load in the same process was served the first one. */
  loadedOnce: boolean;
}

/** Writes inventories of each size beside the sandbox's and measures loading each, `runs` times. */
export async function measureInventories(work: string, root: string, runs: number): Promise<InventoryRow[]> {
  const sandbox = await startSandbox({ dir: path.join(work, 'inventory-sandbox') });
  await sandbox.stop();
  const source = parse(readFileSync(sandbox.inventoryPath, 'utf8')) as { sites: { name: string }[] };
  const rows: InventoryRow[] = [];
  for (const size of SIZES) {
    const file = path.join(path.dirname(sandbox.inventoryPath), `inventory-${size}.yaml`);
    const sites = Array.from({ length: size }, (_, i) => {
      const site = structuredClone(source.sites[i % source.sites.length]!);
      const copy = Math.floor(i / source.sites.length);
      return copy === 0 ? site : { ...site, name: `${site.name}-${copy}` };
    });
    const text = stringify({ ...source, sites }, { lineWidth: 0 });
    writeFileSync(file, text);
    const samples: number[] = [];
    const peaks: number[] = [];
    let loadedOnce = true;
    for (let r = 0; r < runs; r++) {
      const run = await time({
        label: `inventory of ${size} sites`,
        command: process.execPath,
        args: ['-r', './support/register-typescript.js', '-r', './bench/peak-memory.js', '-e', LOAD, file],
        cwd: root,
      });
      const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as { sites: number; ms: number; once: boolean };
      if (out.sites !== size) throw new Error(`the inventory of ${size} sites loaded ${out.sites}`);
      loadedOnce &&= out.once;
      samples.push(out.ms);
      peaks.push(peakRssMb(run.stderr));
      process.stderr.write('.');
    }
    rows.push({
      sites: size,
      megabytes: Math.round((Buffer.byteLength(text) / 1e6) * 10) / 10,
      ...stats(samples),
      peakRssMb: Math.max(...peaks),
      loadedOnce,
    });
  }
  return rows;
}
