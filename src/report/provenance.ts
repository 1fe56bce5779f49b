/**
 * Provenance of a run (summary 1.4 `provenance`): the SHA-256 of every input the run read, whether the
 * harness's working tree had uncommitted changes, who ran it and on which host.
 *
 * Certificates are recorded by the digest of their DER encoding (the certificate alone, its public part;
 * the usual fingerprint), never their keys. The working tree is asked of git (`git status --porcelain`,
 * without optional locks so nothing in .git changes); untracked files that git does not ignore count as
 * changes. Without git, or outside a checkout, it is null: unknown, never a guess.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { loadInventory } from '../inventory/load';
import { sha256 } from './integrity';
import { displayPath, REPO_ROOT } from './run-metadata';
import type { Provenance, Summary } from './summary-schema';

type Input = Provenance['inputs'][number];

export interface ProvenanceSources {
  target: Summary['target'];
  harness: Summary['harness'];
  inputs: Summary['inputs'];
  waivers?: { path: string; sha256: string };
  baseline?: { path: string; sha256: string };
}

export function provenanceOf(
  sources: ProvenanceSources,
  env: NodeJS.ProcessEnv,
  mask: (t: string) => string,
): Provenance {
  const inputs: Input[] = [
    ...sources.inputs.features.map((f) => ({ role: 'feature' as const, ...f })),
    { role: 'rule index', ...sources.harness.ruleIndex },
    ...(sources.target.inventory ? [{ role: 'inventory' as const, ...sources.target.inventory }] : []),
    ...(sources.target.files ?? []).map((f) => ({ role: 'definitions' as const, ...f })),
    ...inventoryCertificates(env),
    ...(sources.waivers ? [{ role: 'waivers' as const, ...sources.waivers }] : []),
    ...(sources.baseline ? [{ role: 'baseline' as const, ...sources.baseline }] : []),
  ];
  return {
    inputs,
    workingTreeDirty: workingTreeDirty(),
    operator: operator(env, mask),
    host: mask(hostname()),
  };
}

function operator(env: NodeJS.ProcessEnv, mask: (t: string) => string): Provenance['operator'] {
  const named = env.IPIC_OPERATOR?.trim();
  if (named) return { name: mask(named), from: 'IPIC_OPERATOR' };
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for the uid (some containers): say so rather than fail the run.
  }
  return { name: mask(user), from: 'OS user' };
}

/** The certificates and CA bundles the inventory names, each certificate by the SHA-256 of its DER. */
function inventoryCertificates(env: NodeJS.ProcessEnv): Input[] {
  const file = env.IPIC_INVENTORY?.trim();
  if (!file) return [];
  let loaded: ReturnType<typeof loadInventory>;
  try {
    // Required here: only a run with an inventory needs the loader (zod schemas, js-yaml, the PKI readers).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = (require('../inventory/load') as typeof import('../inventory/load')).loadInventory(file, env);
  } catch {
    // The target reports an unusable inventory itself; provenance only records what could be read.
    return [];
  }
  const out: Input[] = [];
  for (const [cert, facts] of loaded.certificates)
    out.push({
      role: 'certificate',
      path: displayPath(loaded.resolvePath(cert.certificate)),
      sha256: derDigest(facts.certificatePem),
    });
  for (const [bundle, pems] of loaded.trustStores)
    pems.forEach((pem, i) =>
      out.push({ role: 'certificate', path: `${displayPath(bundle)}#${i + 1}`, sha256: derDigest(pem) }),
    );
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function derDigest(pem: string): string {
  return sha256(new X509Certificate(pem).raw);
}

export function workingTreeDirty(root = REPO_ROOT): boolean | null {
  const git = spawnSync('git', ['--no-optional-locks', 'status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (git.error || git.status !== 0) return null;
  return git.stdout.trim() !== '';
}
