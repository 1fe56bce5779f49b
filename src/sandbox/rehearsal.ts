/**
 * A rehearsal on this machine before the LPAR: the live inventory `npm run inventory -- init` drafts from a
 * site's definitions, completed for a sandbox that serves those same definitions (definitions-sandbox.ts,
 * fill-draft.ts), and the live target run against it, every feature (or the ones the arguments name). A
 * conformant rehearsal says the draft describes the site well enough for the live target to bind it; a
 * nonconformant one names a rule the definitions break, as the audit would, but found by calling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_HARNESS_ERROR } from '../../support/errors';
import { loadSite } from '../definitions/load-site';
import { draftYaml } from '../inventory/draft-yaml';
import { checkedDraft } from '../inventory/from-definitions';
import { main } from '../run';
import { startDefinitionsSandbox } from './definitions-sandbox';
import { fillDraft } from './fill-draft';

export interface RehearsalOptions {
  /** The definitions directory (the one holding site.yaml). */
  definitions: string;
  /** A draft init already wrote; default: drafted here, as init drafts it. */
  draft?: string;
  /** Arguments for the runner (--tags, --name, feature paths). */
  argv?: string[];
  /** Where the sandbox keeps its files and the filled inventory; default a fresh temporary directory. */
  dir?: string;
  /** Keep that directory after the run, for inspection. */
  keep?: boolean;
  log?: (line: string) => void;
}

/** A definitions sandbox with the draft, completed for it, written as its inventory. */
export interface RehearsalSandbox {
  applid: string;
  inventoryPath: string;
  /** "IPICSSL 127.0.0.1:40123", one per TCPIPSERVICE. */
  services: string[];
  stop(): Promise<void>;
}

/** Starts the sandbox for the definitions and writes the draft, filled in for it, as its inventory. */
export async function startRehearsalSandbox(
  options: Pick<RehearsalOptions, 'definitions' | 'draft' | 'dir' | 'keep'>,
): Promise<RehearsalSandbox> {
  const loaded = loadSite(options.definitions);
  const draft = options.draft
    ? readFileSync(options.draft, 'utf8')
    : draftYaml(checkedDraft(loaded), options.definitions);
  const sandbox = await startDefinitionsSandbox(loaded, { dir: options.dir, keep: options.keep });
  try {
    const inventoryPath = path.join(sandbox.dir, 'inventory.yaml');
    writeFileSync(inventoryPath, fillDraft(draft, sandbox.facts));
    const services = Object.entries(sandbox.facts.listeners).map(([name, a]) => `${name} ${a.host}:${a.port}`);
    return { applid: loaded.site.region.applid, inventoryPath, services, stop: () => sandbox.stop() };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** Runs the rehearsal; returns the runner's exit code (src/run/index.ts). */
export async function rehearse(options: RehearsalOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sandbox = await startRehearsalSandbox(options);
  const previous = { target: process.env.IPIC_TARGET, inventory: process.env.IPIC_INVENTORY };
  try {
    const { inventoryPath } = sandbox;
    log(`rehearsal: ${sandbox.applid} from ${options.definitions} on 127.0.0.1 (${sandbox.services.join(', ')})`);
    log(`rehearsal: inventory ${inventoryPath}${options.keep ? ' (kept after the run)' : ''}`);
    process.env.IPIC_TARGET = 'live';
    process.env.IPIC_INVENTORY = inventoryPath;
    const code = await main(options.argv ?? []);
    // The lines a harness error names are in the filled inventory, which goes with the sandbox.
    if (code === EXIT_HARNESS_ERROR && !options.keep)
      log('rehearsal: run again with --keep to read the filled inventory it names');
    return code;
  } finally {
    restore('IPIC_TARGET', previous.target);
    restore('IPIC_INVENTORY', previous.inventory);
    await sandbox.stop();
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
