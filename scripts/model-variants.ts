/**
 * npm run mutation:variants [-- --only id,id] [--jobs 1|2]
 *
 * Runs the feature suite against each hand-written rule-breaking variant of the model
 * (scripts/model-variants/catalogue.ts; docs/mutation.md, "Hand-written variants"). A variant is killed
 * when at least one scenario fails on it, and survives when every scenario still passes.
 *
 * Each of at most two workers owns a scratch copy of the project under .cache/model-variants/ and, for each
 * variant, puts the one changed model file in place, runs the suite, and puts the file back. Before any
 * variant, each copy runs the suite unchanged: the faithful model must pass, or no kill would mean anything.
 *
 * Writes reports/model-variants/variants.json and variants.md (catalogue order, no timings, so the same
 * model and features give the same files). Exit codes: 0 when every variant ran, whether or not some
 * survived; 2 when the harness could not do its job: a variant whose find text does not occur exactly once
 * or that does not type-check, a faithful model that fails, a run that could not start.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyVariant, catalogueProblems } from './model-variants/apply';
import { VARIANTS, type ModelVariant } from './model-variants/catalogue';
import { prepareSlot, runSuite, type SuiteResult } from './model-variants/run-suite';
import { modelTypeChecker } from './model-variants/type-check';
import { resultsMarkdown, type VariantResult } from './model-variants/report';

const ROOT = path.resolve(__dirname, '..');
const SCRATCH = path.join(ROOT, '.cache', 'model-variants');
const REPORTS = path.join(ROOT, 'reports', 'model-variants');
const TIMEOUT_MS = 120_000;

class HarnessFailure extends Error {}

function parseArgs(argv: string[]): { only?: Set<string>; jobs: number } {
  let only: Set<string> | undefined;
  let jobs = 2;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (argv[i] === '--jobs') jobs = Number(argv[++i]);
    else throw new HarnessFailure(`unknown argument ${argv[i]}: expected --only id,id or --jobs 1|2`);
  }
  if (jobs !== 1 && jobs !== 2) throw new HarnessFailure('--jobs: expected 1 or 2 (the machine has two cores)');
  const unknown = [...(only ?? [])].filter((id) => !VARIANTS.some((v) => v.id === id));
  if (unknown.length) throw new HarnessFailure(`--only: no variant ${unknown.join(', ')} in the catalogue`);
  return { only, jobs };
}

/** Every variant applied and type-checked before anything runs, so a stale catalogue fails in seconds. */
function patched(variants: readonly ModelVariant[]): Map<string, string> {
  const problems = catalogueProblems(variants);
  if (problems.length) throw new HarnessFailure(`scripts/model-variants/catalogue.ts: ${problems.join('; ')}`);
  const checker = modelTypeChecker(ROOT);
  const texts = new Map<string, string>();
  for (const variant of variants) {
    const original = readFileSync(path.join(ROOT, 'src', 'model', variant.file), 'utf8');
    const text = applyVariant(original, variant);
    const error = checker.check(variant.file, text);
    if (error) throw new HarnessFailure(`variant ${variant.id} (${variant.rule}) does not type-check: ${error}`);
    texts.set(variant.id, text);
  }
  return texts;
}

function verdict(variant: ModelVariant, run: SuiteResult): VariantResult {
  const killedBy = run.failed.map((f) => f.scenario);
  const base = { id: variant.id, rule: variant.rule, file: variant.file, description: variant.description };
  if (run.timedOut) return { ...base, status: 'killed', how: 'timed out', killedBy };
  if (run.exitCode === 0)
    return { ...base, status: 'survived', how: `none of ${run.scenarios} scenarios failed`, killedBy };
  if (run.failed.length === 0)
    return { ...base, status: 'killed', how: `the run failed before any scenario: ${run.stderr}`, killedBy };
  const assertions = run.failed.filter((f) => f.assertion).length;
  const how =
    assertions === run.failed.length
      ? `${assertions} scenarios observed the break`
      : `${assertions} scenarios observed the break, ${run.failed.length - assertions} failed with an error`;
  return { ...base, status: 'killed', how, killedBy };
}

async function worker(
  slot: string,
  queue: ModelVariant[],
  texts: Map<string, string>,
  results: Map<string, VariantResult>,
) {
  prepareSlot(ROOT, slot);
  const baseline = await runSuite(ROOT, slot, TIMEOUT_MS);
  if (baseline.exitCode !== 0)
    throw new HarnessFailure(
      `the faithful model fails the feature suite (${baseline.failed.map((f) => f.scenario).join('; ') || baseline.stderr}): fix that first`,
    );
  for (let variant = queue.shift(); variant; variant = queue.shift()) {
    const target = path.join(slot, 'src', 'model', variant.file);
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, texts.get(variant.id) as string);
    try {
      const result = verdict(variant, await runSuite(ROOT, slot, TIMEOUT_MS));
      results.set(variant.id, result);
      console.log(`${result.status === 'killed' ? 'killed  ' : 'SURVIVED'} ${variant.rule.padEnd(4)} ${variant.id}`);
    } finally {
      writeFileSync(target, original);
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { only, jobs } = parseArgs(argv);
    const variants = VARIANTS.filter((v) => !only || only.has(v.id));
    const texts = patched(variants);
    const queue = [...variants];
    const results = new Map<string, VariantResult>();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: Math.min(jobs, variants.length) }, (_, i) =>
        worker(path.join(SCRATCH, `slot-${i + 1}`), queue, texts, results),
      ),
    );
    const ordered = variants.map((v) => results.get(v.id) as VariantResult);
    const killed = ordered.filter((r) => r.status === 'killed').length;
    mkdirSync(REPORTS, { recursive: true });
    const summary = { variants: ordered.length, killed, survived: ordered.length - killed };
    writeFileSync(
      path.join(REPORTS, 'variants.json'),
      `${JSON.stringify({ ...summary, results: ordered }, null, 2)}\n`,
    );
    writeFileSync(path.join(REPORTS, 'variants.md'), resultsMarkdown(ordered));
    const score = ordered.length ? ((100 * killed) / ordered.length).toFixed(1) : '0';
    console.log(
      `${killed} of ${ordered.length} variants killed (${score}%), ${summary.survived} survived; ` +
        `${path.relative(ROOT, REPORTS)}/variants.md (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    return 0;
  } catch (error) {
    console.error(`mutation:variants: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
