/**
 * Everything about a run that does not depend on its outcome: the target (loaded once here to ask its
 * describe(), so a target that cannot load stops the run before cucumber starts), the harness, and the
 * inputs with their digests. The target's description is masked at the source: a plugged-in target may
 * put anything into it, and every artifact (summary, Allure environment, site) is made from it.
 */
import { inTarget, loadTarget } from '../../support/load-target';
import type { Masker } from '../../support/redaction';
import { fileDigest, gitCommit, harnessPackage } from '../report/run-metadata';
import { RULES_FILE } from '../report/rules';
import type { RunFacts } from '../report/summary';
import { featureFiles } from '../site/gherkin';
import type { RunOptions } from './command-line';

export type RunDescription = Pick<RunFacts, 'target' | 'harness' | 'inputs'>;

export async function describeRun(
  env: NodeJS.ProcessEnv,
  options: RunOptions,
  masker: Masker,
): Promise<RunDescription> {
  const target = await loadTarget(env);
  let description: ReturnType<typeof target.describe>;
  try {
    description = await inTarget(env.IPIC_TARGET?.trim() || 'model', 'describe()', () => target.describe());
  } finally {
    await target.close?.();
  }
  const { kind, identity, files, ...rest } = description;
  const inventoryPath = env.IPIC_INVENTORY?.trim();
  const featurePaths = [
    ...new Set([...featureFiles('features'), ...options.selection.paths.map((p) => p.replace(/:[\d:]+$/, ''))]),
  ].sort();
  const pkg = harnessPackage();
  return {
    target: {
      kind: masker.text(String(kind)),
      identity: masker.text(String(identity)),
      module: masker.text(env.IPIC_TARGET?.trim() || 'model'),
      description: masker.value(sortKeys(rest)) as Record<string, unknown>,
      inventory: inventoryPath ? fileDigest(inventoryPath, 'IPIC_INVENTORY', inventoryPath) : null,
      ...(files ? { files: files.map((f) => ({ path: masker.text(f.path), sha256: f.sha256 })) } : {}),
    },
    harness: {
      name: pkg.name,
      version: pkg.version,
      commit: gitCommit(),
      node: process.version,
      ruleIndex: fileDigest(RULES_FILE, 'rule index', 'docs/rules.yaml'),
    },
    inputs: {
      selection: options.selection,
      scope: options.subset ? 'subset' : 'full',
      required: options.requirements.map((r) => ({ ...r })),
      features: featurePaths.map((p) => fileDigest(p, 'feature file', p)),
    },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
