/**
 * The secret values a run knows about, so they can be masked by value and not only by shape: values of
 * secret-named environment variables (IPIC_LIVE_PASSWORD, ..._TOKEN), every secret the inventory loader
 * reads for the target's inventory (IPIC_INVENTORY: passwords, phrases, private keys, JWT signing keys,
 * from {env: NAME} or {file: path}), and, should the inventory not load, secret-named keys found by walking
 * its YAML (including {env: NAME}, {file: path}, passwordEnv: NAME and ${NAME} references). User IDs found
 * beside them let the masker recognise base64(user:secret) in Basic headers.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isSecretKeyName } from '../../support/redaction';
import type { LoadedInventory } from '../inventory/load';

export interface KnownSecrets {
  secrets: string[];
  /** Users to pair with every secret for Basic headers: those a walk of an unloadable inventory found. */
  userids: string[];
  /** Each inventory secret with the user (RACF user ID or LDAP user name) it belongs to. */
  owned: [user: string, secret: string][];
}

/** Shell variables whose names end like a secret's but hold directories. */
const NOT_SECRETS = new Set(['PWD', 'OLDPWD']);

/** Inventory sections that hold model readings and settings, never secrets (identifyWithPassword: verify). */
const NO_SECRETS_UNDER = new Set(['readings', 'timeouts', 'limits', 'responses', 'matching']);

const USER_KEY = /^(user|userid|user_id|username|user_name|id|racfuser|racfid|saf|safuser)$/i;

export function knownSecrets(env: NodeJS.ProcessEnv): KnownSecrets {
  const secrets = new Set<string>();
  const userids = new Set<string>();
  const owned: [string, string][] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && isSecretKeyName(name) && !NOT_SECRETS.has(name)) add(secrets, value);
  }
  const inventory = env.IPIC_INVENTORY?.trim();
  if (inventory) {
    let loaded: LoadedInventory | undefined;
    try {
      loaded = inventoryLoader().loadInventory(inventory, env);
    } catch {
      loaded = undefined; // A bad inventory stops the run as a harness error; its message never echoes a secret.
    }
    if (loaded) {
      for (const value of loaded.secrets.all()) add(secrets, value);
      owned.push(...ownedSecrets(loaded));
    } else {
      let parsed: unknown;
      try {
        // Required here: only a run that names an inventory reads one (the yaml package: about 28 ms).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        parsed = (require('yaml') as typeof import('yaml')).parse(readFileSync(inventory, 'utf8'));
      } catch {
        parsed = undefined; // An unreadable inventory is reported by the run itself; here it holds nothing.
      }
      walk(parsed, env, secrets, userids, path.dirname(path.resolve(inventory)));
    }
  }
  return { secrets: [...secrets].sort(), userids: [...userids].sort(), owned: owned.sort() };
}

/**
 * The inventory loader (zod, the PKI, ...), loaded only when a run names an inventory: a model run, the
 * commonest, would otherwise pay for it in every process that masks (about 60 ms; `npm run bench`).
 */
function inventoryLoader(): typeof import('../inventory/load') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../inventory/load') as typeof import('../inventory/load');
}

/** Who each password, phrase and LDAP password of a loaded inventory belongs to. */
function ownedSecrets(loaded: LoadedInventory): [string, string][] {
  const pairs: [string, string][] = [];
  const pair = (user: string, value: string | undefined) => {
    if (value !== undefined) pairs.push([user, value]);
  };
  for (const site of loaded.inventory.sites) {
    for (const user of site.racf.users) {
      pair(user.id, loaded.secrets.get(user));
      pair(user.id, loaded.secrets.get(inventoryLoader().passwordPhraseKey(user)));
    }
    for (const entry of site.ldap) pair(entry.username, loaded.secrets.get(entry));
  }
  return pairs;
}

function walk(node: unknown, env: NodeJS.ProcessEnv, secrets: Set<string>, userids: Set<string>, base: string): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, env, secrets, userids, base);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (NO_SECRETS_UNDER.has(key)) continue;
    if (isSecretKeyName(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      const source = value as { env?: unknown; file?: unknown };
      if (typeof source.env === 'string' && env[source.env]) add(secrets, env[source.env] as string);
      if (typeof source.file === 'string') {
        try {
          add(secrets, readFileSync(path.resolve(base, source.file), 'utf8').replace(/\r?\n$/, ''));
        } catch {
          // Unreadable: the loader reports it as a harness error.
        }
      }
      continue;
    }
    if (typeof value === 'string') {
      const reference = /^(?:\$\{([A-Za-z_][A-Za-z0-9_]*)\}|env:([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
      const referenced = reference ? env[(reference[1] ?? reference[2]) as string] : undefined;
      if (isSecretKeyName(key)) add(secrets, referenced ?? value);
      else if (/env$/i.test(key) && isSecretKeyName(key.replace(/_?env$/i, ''))) {
        const fromEnv = env[value];
        if (fromEnv) add(secrets, fromEnv);
      } else if (USER_KEY.test(key)) userids.add(value);
    } else {
      walk(value, env, secrets, userids, base);
    }
  }
}

/** Flags such as SKIP_TOKEN=true are not secrets, and masking every "true" would ruin the reports. */
function add(secrets: Set<string>, value: string): void {
  if (!/^(true|false|yes|no|on|off|null|none|\d{1,3})$/i.test(value.trim())) secrets.add(value);
}
