/**
 * `npm run bench`: how fast the conformance suite is, and what the harness costs over bare cucumber-js.
 *
 * Every timing is the wall clock of a child process, repeated (BENCH_RUNS, default 5) and interleaved, so
 * that the runs compared in a ratio were taken side by side under the same load. It measures:
 * - the model run (cucumber-js, default profile), the same without the Allure formatter, and bare
 *   cucumber-js over a trivial suite of the same shape (same files, scenarios and steps) in the same
 *   process setup (the project's requireModule; progress, and progress with the masked Allure formatter).
 *   The harness's overhead is the model run over bare cucumber-js with the same formatters, both ways;
 * - `npm run conformance` (adds the sealed summary, JUnit, the Allure results and the HTML report);
 * - start-up: a dry run with ts-node transpile-only (swc with its output cache, swc, TypeScript's own
 *   transpiler) against one with type-checking, and a bare `node`;
 * - growth from 1x to 10x the suite's scenario count, one real scenario repeated (Scenario Outlines of 7 rows);
 * - node's raw TLS handshake rate, and whatever bench/tls-* and bench/pki-* report (see external.ts).
 * Results go to reports/bench.json (IPIC_REPORTS_DIR moves it) and a table on stdout. Nothing else is
 * written outside .cache/bench.
 */
import { cpus, loadavg } from 'node:os';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { externalBenchmarks, HOOK, runExternal, type ExternalResult } from './external';
import { cucumberCounts, time, type Command } from './measure';
import {
  freshDir,
  writeBenchConfig,
  writeGrowthSuite,
  writeTrivialSuite,
  writeTsconfigVariant,
  type SuiteShape,
} from './generate';
import { linearFit, pairedRatio, round, stats, type Stats } from './statistics';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.cache', 'bench');
const CUCUMBER = path.join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const ALLURE_RESULTS = path.join(WORK, 'allure-results');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONFORMANCE_RUNS = Number(process.env.BENCH_CONFORMANCE_RUNS ?? 3);
const GROWTH_RUNS = Number(process.env.BENCH_GROWTH_RUNS ?? 3);
const GROWTH_FACTORS = [1, 2, 5, 10];
/** The harness's own overhead over bare cucumber-js that issue 5 accepts on the model run. */
const OVERHEAD_LIMIT = 0.5;

const node = (label: string, args: string[], env: NodeJS.ProcessEnv = {}, okCodes?: number[]): Command => ({
  label,
  command: process.execPath,
  args,
  env,
  cwd: ROOT,
  okCodes,
});
const cucumber = (label: string, args: string[] = [], env?: NodeJS.ProcessEnv) => node(label, [CUCUMBER, ...args], env);

/** Each run writes its Allure results into a new, empty directory: the same start for every run, and no
 * deleting of one run's files while the next one writes (deletions on a disk slow the writes after them). */
let resultsDirs = 0;
const freshResults = (command: Command): Command => ({
  ...command,
  env: { ...command.env, IPIC_ALLURE_RESULTS: path.join(ALLURE_RESULTS, String(++resultsDirs)) },
});

async function repeat(commands: Command[], runs: number, onRun?: (label: string, out: string) => void) {
  const samples = new Map<string, number[]>(commands.map((c) => [c.label, []]));
  for (let i = 0; i < runs; i++) {
    for (const command of commands) {
      const run = await time(freshResults(command));
      samples.get(command.label)!.push(run.ms);
      onRun?.(command.label, run.stdout);
      process.stderr.write('.');
    }
  }
  return samples;
}

async function main(): Promise<void> {
  freshDir(WORK);
  const load = { start: loadavg().map((l) => round(l, 2)) };
  console.error(`bench: ${RUNS} runs each (BENCH_RUNS), load average ${load.start.join(' ')}`);

  // The real suite's shape, from a first (warm-up) model run.
  const first = await time(freshResults(cucumber('model')));
  const counted = cucumberCounts(first.stdout);
  const shape: SuiteShape = {
    ...counted,
    features: readdirSync(path.join(ROOT, 'features')).filter((f) => f.endsWith('.feature')).length,
  };
  writeTrivialSuite(path.join(WORK, 'trivial'), shape);
  const config = writeBenchConfig(WORK, ROOT);
  // Relative: cucumber-js 12 joins the working directory with an absolute --config path.
  const profile = (name: string) => ['--config', path.relative(ROOT, config), '--profile', name];

  // 1. The model run beside bare cucumber-js, interleaved.
  const shapes = new Set<string>();
  const suite = await repeat(
    [
      cucumber('model'),
      cucumber('model without the Allure formatter', profile('model-without-allure-formatter')),
      cucumber('bare cucumber-js, trivial suite of the same shape', profile('bare')),
      cucumber('bare cucumber-js with the Allure formatter', profile('bare-with-allure-formatter')),
    ],
    RUNS,
    (label, out) => label === 'model' && shapes.add(JSON.stringify(cucumberCounts(out))),
  );
  const [model, noAllure, bare, bareWithAllure] = [...suite.values()];

  // 2. Start-up: loading the support code and steps (dry run) with the project's transpiler (swc, each
  // file's output cached: tsconfig.json "ts-node"), with swc uncached, with TypeScript's own transpiler,
  // and type-checking.
  const variant = (name: string, tsNode: object) => writeTsconfigVariant(WORK, ROOT, name, tsNode);
  const swcUncached = variant('swc-uncached', { transpiler: null, swc: true });
  const typescriptTranspiler = variant('typescript-transpiler', { transpiler: null, swc: false });
  const typeCheck = variant('type-checking', { transpiler: null, transpileOnly: false });
  const startup = await repeat(
    [
      node('node alone', ['-e', '0']),
      cucumber('dry run, ts-node transpile-only (swc, cached)', profile('startup-transpile-only')),
      cucumber('dry run, ts-node transpile-only (swc)', profile('startup-transpile-only'), {
        TS_NODE_PROJECT: swcUncached,
      }),
      cucumber('dry run, ts-node transpile-only (TypeScript)', profile('startup-transpile-only'), {
        TS_NODE_PROJECT: typescriptTranspiler,
      }),
      cucumber('dry run, ts-node type-checking', profile('startup-type-checking'), { TS_NODE_PROJECT: typeCheck }),
    ],
    RUNS,
  );
  const [nodeAlone, transpileOnly, transpileOnlyUncached, transpileOnlyTypescript, typeChecking] = [
    ...startup.values(),
  ];

  // 3. npm run conformance, with its reports in .cache/bench/reports.
  const conformance = await repeat(
    [
      {
        label: 'npm run conformance',
        command: 'npm',
        args: ['run', '--silent', 'conformance'],
        env: { IPIC_REPORTS_DIR: path.join(WORK, 'reports') },
        cwd: ROOT,
        okCodes: [0, 1],
      },
      cucumber('bare cucumber-js (beside conformance)', profile('bare')),
    ],
    CONFORMANCE_RUNS,
  );
  const [conformanceMs, bareBesideConformance] = [...conformance.values()];

  // 4. Growth: 1x to 10x the suite's scenario count, one real scenario repeated.
  const growthCommands = GROWTH_FACTORS.map((f) =>
    cucumber(`growth ${f}x`, [
      ...profile('growth'),
      path.relative(ROOT, writeGrowthSuite(path.join(WORK, 'growth'), shape.scenarios * f)),
    ]),
  );
  const growth = await repeat(growthCommands, GROWTH_RUNS);
  const growthRows = GROWTH_FACTORS.map((f, i) => ({
    factor: f,
    scenarios: shape.scenarios * f,
    ...stats(growth.get(growthCommands[i]!.label)!),
  }));

  // 5. TLS and PKI.
  process.stderr.write('\n');
  const tlsBaseline = await runExternal(path.join(ROOT, 'bench', 'node-tls-baseline.ts'), ROOT);
  const external: ExternalResult[] = [];
  for (const file of externalBenchmarks(path.join(ROOT, 'bench'))) external.push(await runExternal(file, ROOT));

  // Every timing is taken: the results of all those runs can go.
  rmSync(ALLURE_RESULTS, { recursive: true, force: true });

  const report = buildReport({
    load: { start: load.start, end: loadavg().map((l) => round(l, 2)) },
    shape,
    shapes: [...shapes].map((s) => JSON.parse(s) as { scenarios: number; steps: number }),
    model: model!,
    noAllure: noAllure!,
    bare: bare!,
    bareWithAllure: bareWithAllure!,
    conformance: conformanceMs!,
    bareBesideConformance: bareBesideConformance!,
    startup: {
      node: nodeAlone!,
      transpileOnly: transpileOnly!,
      transpileOnlyUncached: transpileOnlyUncached!,
      transpileOnlyTypescript: transpileOnlyTypescript!,
      typeChecking: typeChecking!,
    },
    growthRows,
    tlsBaseline,
    external,
  });
  const out = path.join(process.env.IPIC_REPORTS_DIR?.trim() || path.join(ROOT, 'reports'), 'bench.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  print(report, out);
}

interface Measured {
  load: { start: number[]; end: number[] };
  shape: SuiteShape;
  shapes: { scenarios: number; steps: number }[];
  model: number[];
  noAllure: number[];
  bare: number[];
  bareWithAllure: number[];
  conformance: number[];
  bareBesideConformance: number[];
  startup: {
    node: number[];
    transpileOnly: number[];
    transpileOnlyUncached: number[];
    transpileOnlyTypescript: number[];
    typeChecking: number[];
  };
  growthRows: (Stats & { factor: number; scenarios: number })[];
  tlsBaseline: ExternalResult;
  external: ExternalResult[];
}

function buildReport(m: Measured) {
  // The harness's own overhead: the model run beside bare cucumber-js in the same process setup (the same
  // requireModule, the same formatters), once with the progress formatter only and once with progress and
  // the masked Allure formatter. Both must be within the limit.
  const progressOnly = round(pairedRatio(m.noAllure, m.bare) - 1, 3);
  const withAllure = round(pairedRatio(m.model, m.bareWithAllure) - 1, 3);
  const fit = linearFit(m.growthRows.map((r) => ({ x: r.scenarios, y: r.medianMs })));
  const first = m.growthRows[0]!;
  const last = m.growthRows[m.growthRows.length - 1]!;
  return {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, loadAverage: m.load },
    settings: { runs: RUNS, conformanceRuns: CONFORMANCE_RUNS, growthRuns: GROWTH_RUNS, growthFactors: GROWTH_FACTORS },
    suite: { ...m.shape, shapesSeen: m.shapes },
    timings: {
      model: stats(m.model),
      modelWithoutAllureFormatter: stats(m.noAllure),
      bare: stats(m.bare),
      bareWithAllureFormatter: stats(m.bareWithAllure),
      conformance: stats(m.conformance),
      bareBesideConformance: stats(m.bareBesideConformance),
      startup: {
        node: stats(m.startup.node),
        transpileOnly: stats(m.startup.transpileOnly),
        transpileOnlyUncached: stats(m.startup.transpileOnlyUncached),
        transpileOnlyTypescript: stats(m.startup.transpileOnlyTypescript),
        typeChecking: stats(m.startup.typeChecking),
      },
      growth: m.growthRows,
    },
    ratios: {
      modelOverBare: pairedRatio(m.model, m.bare),
      modelWithoutAllureFormatterOverBare: pairedRatio(m.noAllure, m.bare),
      modelOverBareWithAllureFormatter: pairedRatio(m.model, m.bareWithAllure),
      conformanceOverBare: pairedRatio(m.conformance, m.bareBesideConformance),
      typeCheckingOverTranspileOnly: pairedRatio(m.startup.typeChecking, m.startup.transpileOnly),
      typescriptTranspilerOverSwc: pairedRatio(m.startup.transpileOnlyTypescript, m.startup.transpileOnlyUncached),
      swcUncachedOverCached: pairedRatio(m.startup.transpileOnlyUncached, m.startup.transpileOnly),
      growth10xOver1x: round(last.medianMs / first.medianMs, 2),
    },
    harnessOverhead: {
      limit: OVERHEAD_LIMIT,
      progressFormatterOnly: progressOnly,
      withAllureFormatter: withAllure,
      withinLimit: progressOnly <= OVERHEAD_LIMIT && withAllure <= OVERHEAD_LIMIT,
      // Not one process setup: what writing Allure results adds on top of the harness's overhead.
      modelWithAllureOverBareWithout: round(pairedRatio(m.model, m.bare) - 1, 3),
    },
    growthFit: { msPerScenario: fit.slope, fixedMs: fit.intercept, r2: fit.r2 },
    tls: {
      nodeBaseline: m.tlsBaseline,
      external: m.external,
      hook: m.external.length ? undefined : `not present yet: ${HOOK}`,
    },
  };
}

type BenchReport = ReturnType<typeof buildReport>;

function line(label: string, s: Stats): string {
  return `  ${label.padEnd(44)} ${String(s.medianMs).padStart(9)} ms   (${s.minMs}-${s.maxMs}, spread ${Math.round(s.spread * 100)}%)`;
}

function print(r: BenchReport, out: string): void {
  const t = r.timings;
  const h = r.harnessOverhead;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const rows = [
    `suite: ${r.suite.features} features, ${r.suite.scenarios} scenarios, ${r.suite.steps} steps; medians of ${r.settings.runs} runs`,
    line('model: cucumber-js, default profile', t.model),
    line('model without the Allure formatter', t.modelWithoutAllureFormatter),
    line('bare cucumber-js, same shape', t.bare),
    line('bare cucumber-js with the Allure formatter', t.bareWithAllureFormatter),
    line('npm run conformance', t.conformance),
    line('node alone', t.startup.node),
    line('dry run, transpile-only (swc, cached)', t.startup.transpileOnly),
    line('dry run, transpile-only (swc)', t.startup.transpileOnlyUncached),
    line('dry run, transpile-only (TypeScript)', t.startup.transpileOnlyTypescript),
    line('dry run, type-checking', t.startup.typeChecking),
    ...t.growth.map((g) => line(`growth ${g.factor}x (${g.scenarios} scenarios)`, g)),
    `harness overhead, same process setup (limit ${pct(h.limit)}; medians of back-to-back ratios): ${h.withinLimit ? 'within' : 'OVER'}`,
    `  model / bare, progress formatter only     ${r.ratios.modelWithoutAllureFormatterOverBare}  (${pct(h.progressFormatterOnly)})`,
    `  model / bare, both with Allure formatter  ${r.ratios.modelOverBareWithAllureFormatter}  (${pct(h.withAllureFormatter)})`,
    `  model with Allure / bare without          ${r.ratios.modelOverBare}  (not one setup: adds the Allure results)`,
    'other ratios (median of back-to-back pairs):',
    `  npm run conformance / bare         ${r.ratios.conformanceOverBare}`,
    `  type-checking / transpile-only     ${r.ratios.typeCheckingOverTranspileOnly}`,
    `  TypeScript transpiler / swc        ${r.ratios.typescriptTranspilerOverSwc}`,
    `  swc uncached / cached              ${r.ratios.swcUncachedOverCached}`,
    `  growth 10x / 1x                    ${r.ratios.growth10xOver1x}  (${r.growthFit.msPerScenario} ms per scenario + ${r.growthFit.fixedMs} ms fixed, r2 ${r.growthFit.r2})`,
    `tls: node ${r.tls.nodeBaseline.result ? JSON.stringify(r.tls.nodeBaseline.result) : r.tls.nodeBaseline.error}`,
    ...(r.tls.external.length
      ? r.tls.external.map((e) => `  ${e.file}: ${e.error ?? JSON.stringify(e.result)}`)
      : [`  ${r.tls.hook}`]),
    `written to ${path.relative(process.cwd(), out)}`,
  ];
  console.log(rows.join('\n'));
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
});
