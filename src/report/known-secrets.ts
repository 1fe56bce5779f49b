/**
 * The secret values a run knows about, so they can be masked by value and not only by shape: values of
 * secret-named environment variables (IPIC_LIVE_PASSWORD, ..._TOKEN) and of secret-named keys in the
 * target's inventory (IPIC_INVENTORY), including keys that name an environment variable holding the secret
 * (passwordEnv: ALICE_PW, or password: ${ALICE_PW}). User IDs found beside them let the masker recognise
 * base64(user:secret) in Basic headers.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isSecretKeyName } from '../../support/redaction';

export interface KnownSecrets {
  secrets: string[];
  userids: string[];
}

const USER_KEY = /^(user|userid|user_id|username|user_name|id|racfuser|racfid|saf|safuser)$/i;

export function knownSecrets(env: NodeJS.ProcessEnv): KnownSecrets {
  const secrets = new Set<string>();
  const userids = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && isSecretKeyName(name)) add(secrets, value);
  }
  const inventory = env.IPIC_INVENTORY?.trim();
  if (inventory) {
    let parsed: unknown;
    try {
      parsed = parse(readFileSync(inventory, 'utf8'));
    } catch {
      parsed = undefined; // An unreadable inventory is reported by the run itself; here it just holds nothing.
    }
    walk(parsed, env, secrets, userids);
  }
  return { secrets: [...secrets].sort(), userids: [...userids].sort() };
}

function walk(node: unknown, env: NodeJS.ProcessEnv, secrets: Set<string>, userids: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, env, secrets, userids);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const reference = /^(?:\$\{([A-Za-z_][A-Za-z0-9_]*)\}|env:([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
      const referenced = reference ? env[(reference[1] ?? reference[2]) as string] : undefined;
      if (isSecretKeyName(key)) add(secrets, referenced ?? value);
      else if (/env$/i.test(key) && isSecretKeyName(key.replace(/_?env$/i, ''))) {
        const fromEnv = env[value];
        if (fromEnv) add(secrets, fromEnv);
      } else if (USER_KEY.test(key)) userids.add(value);
    } else {
      walk(value, env, secrets, userids);
    }
  }
}

/** Flags such as SKIP_TOKEN=true are not secrets, and masking every "true" would ruin the reports. */
function add(secrets: Set<string>, value: string): void {
  if (!/^(true|false|yes|no|on|off|null|none|\d{1,3})$/i.test(value.trim())) secrets.add(value);
}
