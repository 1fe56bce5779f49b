/**
 * `npm run bench`: how fast the conformance suite is, and what the harness costs over bare cucumber-js.
 *
 * Every timing is the wall clock of a child process, repeated (BENCH_RUNS, default 5) and interleaved, so
 * that the runs compared in a ratio were taken side by side under the same load. It measures:
 * - the model run (cucumber-js, default profile), the same without the Allure formatter, and bare
 *   cucumber-js over a trivial suite of the same shape (same files, scenarios and steps) whose one step
 *   definition is plain JavaScript and does nothing, run with nothing of the harness (no TypeScript loader,
 *   the progress formatter): the baseline issue 14 measures the model run against (limit 1.5x). Also bare
 *   cucumber-js with the project's loader and masked Allure formatter, to see what Allure costs alone;
 * - `npm run conformance` (adds the sealed summary, JUnit, the Allure results and the HTML report);
 * - start-up: a dry run with the project's loader (swc behind its cache, support/register-typescript.js),
 *   the same with nothing kept, the ts-node setup it replaced, type-checking, and a bare `node`;
 * - growth from 1x to 10x the suite's scenario count, one real scenario repeated (Scenario Outlines of 7
 *   rows), in time and in peak memory;
 * - loading inventories of 115, 575 and 1,150 sites (limit for 1,150: 5 s and 300 MB; inventory-scale.ts);
 * - a live run against the sandbox with 50 ms per z/OS Connect round trip, serial and with --parallel 2
 *   and 4, verdicts compared (live-parallel.ts; BENCH_PARALLEL_RUNS, default 1);
 * - with BENCH_NPM_TEST=1, `npm test` and `npm run test:unit` (limit 90 s; npm-test.ts), which write
 *   what `npm test` writes;
 * - node's raw TLS handshake rate, and whatever bench/tls-* and bench/pki-* report (see external.ts).
 * Results go to reports/bench.json (IPIC_REPORTS_DIR moves it) and a table on stdout; `issue14` in it holds
 * each figure of issue 14 with its ratio and limit. Nothing else is written outside .cache/bench.
 */
import { cpus, loadavg } from 'node:os';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { externalBenchmarks, HOOK, runExternal, type ExternalResult } from './external';
import { INVENTORY_LIMITS, INVENTORY_SITES, measureInventories, type InventoryRow } from './inventory-scale';
import { LATENCY_MS, measureParallel, type ParallelRow } from './live-parallel';
import { cucumberCounts, peakRssMb, time, type Command, type Run } from './measure';
import { measureNpmTest, NPM_TEST_LIMIT_MS, type NpmTestRow } from './npm-test';
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
const INVENTORY_RUNS = Number(process.env.BENCH_INVENTORY_RUNS ?? 3);
const PARALLEL_RUNS = Number(process.env.BENCH_PARALLEL_RUNS ?? 1);
/** The harness's own overhead over bare cucumber-js that issue 5 accepts on the model run. */
const OVERHEAD_LIMIT = 0.5;
/** Issue 14: the model run at most this many times bare cucumber-js (plain JavaScript, same features). */
const MODEL_OVER_BARE_LIMIT = 1.5;

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

async function repeat(commands: Command[], runs: number, onRun?: (label: string, run: Run) => void) {
  const samples = new Map<string, number[]>(commands.map((c) => [c.label, []]));
  for (let i = 0; i < runs; i++) {
    for (const command of commands) {
      const run = await time(freshResults(command));
      samples.get(command.label)!.push(run.ms);
      onRun?.(command.label, run);
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
      cucumber('bare cucumber-js, plain JS, trivial suite of the same shape', profile('bare')),
      cucumber('bare cucumber-js with the Allure formatter', profile('bare-with-allure-formatter')),
    ],
    RUNS,
    (label, run) => label === 'model' && shapes.add(JSON.stringify(cucumberCounts(run.stdout))),
  );
  const [model, noAllure, bare, bareWithAllure] = [...suite.values()];

  // 2. Start-up: loading the support code and steps (dry run) with the project's loader (swc, each file's
  // output kept), with nothing kept (the cache directory cannot be created: under a file), with the
  // ts-node setup the loader replaced (issue 14: ts-node loads TypeScript's compiler to read tsconfig),
  // and type-checking.
  const unkeepable = path.join(WORK, 'not-a-directory');
  writeFileSync(unkeepable, '');
  const typeCheck = writeTsconfigVariant(WORK, ROOT, 'type-checking', { transpiler: null, transpileOnly: false });
  const startup = await repeat(
    [
      node('node alone', ['-e', '0']),
      cucumber('dry run, project loader (swc, kept)', profile('startup-transpile-only')),
      cucumber('dry run, project loader (swc, nothing kept)', profile('startup-transpile-only'), {
        IPIC_TYPESCRIPT_CACHE: path.join(unkeepable, 'cache'),
      }),
      cucumber('dry run, ts-node transpile-only (swc, kept)', profile('startup-ts-node')),
      cucumber('dry run, ts-node type-checking', profile('startup-type-checking'), { TS_NODE_PROJECT: typeCheck }),
    ],
    RUNS,
  );
  const [nodeAlone, transpileOnly, transpileOnlyUncached, tsNode, typeChecking] = [...startup.values()];

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

  // 4. Growth: 1x to 10x the suite's scenario count, one real scenario repeated; time and peak memory.
  const growthCommands = GROWTH_FACTORS.map((f) =>
    node(`growth ${f}x`, [
      '-r',
      './bench/peak-memory.js',
      CUCUMBER,
      ...profile('growth'),
      path.relative(ROOT, writeGrowthSuite(path.join(WORK, 'growth'), shape.scenarios * f)),
    ]),
  );
  const growthPeaks = new Map<string, number[]>();
  const growth = await repeat(growthCommands, GROWTH_RUNS, (label, run) =>
    growthPeaks.set(label, [...(growthPeaks.get(label) ?? []), peakRssMb(run.stderr)]),
  );
  const growthRows = GROWTH_FACTORS.map((f, i) => ({
    factor: f,
    scenarios: shape.scenarios * f,
    ...stats(growth.get(growthCommands[i]!.label)!),
    peakRssMb: Math.max(...growthPeaks.get(growthCommands[i]!.label)!),
  }));

  // 4b. Large inputs, --parallel on a distant live target, and (when asked) npm test.
  const inventories = await measureInventories(WORK, ROOT, INVENTORY_RUNS);
  const parallel = await measureParallel(WORK, ROOT, PARALLEL_RUNS);
  const npmTest = process.env.BENCH_NPM_TEST === '1' ? await measureNpmTest(ROOT) : [];

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
      tsNode: tsNode!,
      typeChecking: typeChecking!,
    },
    growthRows,
    inventories,
    parallel,
    npmTest,
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
    tsNode: number[];
    typeChecking: number[];
  };
  growthRows: (Stats & { factor: number; scenarios: number; peakRssMb: number })[];
  inventories: InventoryRow[];
  parallel: ParallelRow[];
  npmTest: NpmTestRow[];
  tlsBaseline: ExternalResult;
  external: ExternalResult[];
}

function buildReport(m: Measured) {
  // The harness's own overhead (issue 5's limit): the model run with the progress formatter only beside
  // bare plain-JS cucumber-js (so it includes loading TypeScript), and with the masked Allure formatter
  // beside bare cucumber-js with the same loader and formatter. Both must be within the limit.
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
        tsNodeTranspileOnly: stats(m.startup.tsNode),
        typeChecking: stats(m.startup.typeChecking),
      },
      growth: m.growthRows,
      inventories: m.inventories,
      liveParallel: { latencyMs: LATENCY_MS, rows: m.parallel },
      npmTest: m.npmTest,
    },
    ratios: {
      modelOverBare: pairedRatio(m.model, m.bare),
      modelWithoutAllureFormatterOverBare: pairedRatio(m.noAllure, m.bare),
      modelOverBareWithAllureFormatter: pairedRatio(m.model, m.bareWithAllure),
      conformanceOverBare: pairedRatio(m.conformance, m.bareBesideConformance),
      typeCheckingOverTranspileOnly: pairedRatio(m.startup.typeChecking, m.startup.transpileOnly),
      tsNodeOverProjectLoader: pairedRatio(m.startup.tsNode, m.startup.transpileOnly),
      swcUncachedOverCached: pairedRatio(m.startup.transpileOnlyUncached, m.startup.transpileOnly),
      growth10xOver1x: round(last.medianMs / first.medianMs, 2),
      growthMemory10xOver1x: round(last.peakRssMb / first.peakRssMb, 2),
    },
    issue14: issue14Figures(m, fit),
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

/** Each figure of issue 14 with its ratio and its limit, from this one run. */
function issue14Figures(m: Measured, fit: ReturnType<typeof linearFit>) {
  const modelOverBare = pairedRatio(m.model, m.bare);
  const large = m.inventories.find((r) => r.sites === INVENTORY_SITES)!;
  const serial = m.parallel.find((r) => r.workers === 1)!;
  const npmTest = m.npmTest.find((r) => r.script === 'test');
  const unit = m.npmTest.find((r) => r.script === 'test:unit');
  const first = m.growthRows[0]!;
  const last = m.growthRows[m.growthRows.length - 1]!;
  const scale = last.scenarios / first.scenarios;
  return {
    modelOverBarePlainJs: {
      modelMs: stats(m.model).medianMs,
      bareMs: stats(m.bare).medianMs,
      ratio: modelOverBare,
      limit: MODEL_OVER_BARE_LIMIT,
      within: modelOverBare <= MODEL_OVER_BARE_LIMIT,
    },
    growth: {
      scenarios: [first.scenarios, last.scenarios],
      timeRatio: round(last.medianMs / first.medianMs, 2),
      memoryRatio: round(last.peakRssMb / first.peakRssMb, 2),
      scale,
      msPerScenario: fit.slope,
      r2: fit.r2,
      // Linear: a straight line fits the times, and neither time nor memory grows faster than the count.
      linear: fit.r2 >= 0.98 && last.medianMs / first.medianMs <= scale && last.peakRssMb / first.peakRssMb <= scale,
    },
    npmTest: npmTest
      ? {
          ms: npmTest.ms,
          limitMs: NPM_TEST_LIMIT_MS,
          ratio: round(npmTest.ms / NPM_TEST_LIMIT_MS, 2),
          within: npmTest.ok && npmTest.ms <= NPM_TEST_LIMIT_MS,
          testUnitMs: unit?.ms,
          loadAverage: npmTest.loadAverage,
        }
      : 'not measured (BENCH_NPM_TEST=1)',
    inventory: {
      sites: large.sites,
      megabytes: large.megabytes,
      ms: large.medianMs,
      peakRssMb: large.peakRssMb,
      timeRatio: round(large.medianMs / INVENTORY_LIMITS.ms, 2),
      memoryRatio: round(large.peakRssMb / INVENTORY_LIMITS.peakRssMb, 2),
      limits: INVENTORY_LIMITS,
      loadedOncePerProcess: large.loadedOnce,
      within:
        large.medianMs <= INVENTORY_LIMITS.ms && large.peakRssMb <= INVENTORY_LIMITS.peakRssMb && large.loadedOnce,
    },
    liveParallel: {
      latencyMs: LATENCY_MS,
      serialMs: serial.medianMs,
      rows: m.parallel.map((r) => ({
        workers: r.workers,
        ms: r.medianMs,
        speedUp: round(serial.medianMs / r.medianMs, 2),
        verdictsIdentical: r.verdictDifferences.length === 0,
      })),
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
  const i14 = r.issue14;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const rows = [
    `suite: ${r.suite.features} features, ${r.suite.scenarios} scenarios, ${r.suite.steps} steps; medians of ${r.settings.runs} runs`,
    line('model: cucumber-js, default profile', t.model),
    line('model without the Allure formatter', t.modelWithoutAllureFormatter),
    line('bare cucumber-js, plain JS, same shape', t.bare),
    line('bare cucumber-js with the Allure formatter', t.bareWithAllureFormatter),
    line('npm run conformance', t.conformance),
    line('node alone', t.startup.node),
    line('dry run, project loader (swc, kept)', t.startup.transpileOnly),
    line('dry run, project loader (nothing kept)', t.startup.transpileOnlyUncached),
    line('dry run, ts-node transpile-only (old)', t.startup.tsNodeTranspileOnly),
    line('dry run, type-checking', t.startup.typeChecking),
    ...t.growth.map((g) => `${line(`growth ${g.factor}x (${g.scenarios} scenarios)`, g)}   peak ${g.peakRssMb} MB`),
    ...t.inventories.map(
      (i) => `${line(`inventory of ${i.sites} sites (${i.megabytes} MB)`, i)}   peak ${i.peakRssMb} MB`,
    ),
    ...t.liveParallel.rows.map(
      (p) =>
        `${line(`live, ${t.liveParallel.latencyMs} ms latency, ${p.workers} worker(s)`, p)}   ${p.verdictDifferences.length ? `${p.verdictDifferences.length} VERDICTS DIFFER` : 'verdicts identical'}`,
    ),
    ...t.npmTest.map(
      (n) =>
        `  npm run ${n.script.padEnd(36)} ${String(n.ms).padStart(9)} ms   ${n.ok ? 'passed' : 'FAILED'}, load ${n.loadAverage.before.join(' ')} -> ${n.loadAverage.after.join(' ')}`,
    ),
    `issue 14 (limits):`,
    `  model / bare plain-JS cucumber-js      ${i14.modelOverBarePlainJs.ratio}  (limit ${i14.modelOverBarePlainJs.limit}: ${i14.modelOverBarePlainJs.within ? 'within' : 'OVER'})`,
    `  growth ${i14.growth.scale}x: time ${i14.growth.timeRatio}x, memory ${i14.growth.memoryRatio}x  (${i14.growth.linear ? 'linear' : 'NOT LINEAR'})`,
    `  inventory of ${i14.inventory.sites} sites  ${i14.inventory.ms} ms, ${i14.inventory.peakRssMb} MB  (limits ${i14.inventory.limits.ms} ms, ${i14.inventory.limits.peakRssMb} MB: ${i14.inventory.within ? 'within' : 'OVER'})`,
    `  live --parallel speed-up (${i14.liveParallel.latencyMs} ms latency)  ${i14.liveParallel.rows.map((p) => `${p.workers}: ${p.speedUp}x`).join(', ')}`,
    `  npm test  ${typeof i14.npmTest === 'string' ? i14.npmTest : `${i14.npmTest.ms} ms (limit ${i14.npmTest.limitMs}: ${i14.npmTest.within ? 'within' : 'OVER'})`}`,
    `harness overhead (issue 5's limit ${pct(h.limit)}; medians of back-to-back ratios): ${h.withinLimit ? 'within' : 'OVER'}`,
    `  model / bare plain JS, progress formatter only   ${r.ratios.modelWithoutAllureFormatterOverBare}  (${pct(h.progressFormatterOnly)})`,
    `  model / bare, both with loader and Allure        ${r.ratios.modelOverBareWithAllureFormatter}  (${pct(h.withAllureFormatter)})`,
    `  model (default profile) / bare plain JS          ${r.ratios.modelOverBare}  (issue 14's figure)`,
    'other ratios (median of back-to-back pairs):',
    `  npm run conformance / bare         ${r.ratios.conformanceOverBare}`,
    `  type-checking / transpile-only     ${r.ratios.typeCheckingOverTranspileOnly}`,
    `  ts-node / project loader           ${r.ratios.tsNodeOverProjectLoader}`,
    `  swc nothing kept / kept            ${r.ratios.swcUncachedOverCached}`,
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
