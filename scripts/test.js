#!/usr/bin/env node
// npm test: every check of the project as one pool of jobs (issue 14: at most 90 s on the 2-core machine).
//
// The stages (type-check, lint, each unit test file, the features on the model, the sandbox run, each
// browser test file) used to run one after the other, the unit test files two at a time: a stage waiting
// on a child process or a JVM left a core idle while the next stage waited its turn. Here every job goes
// into one pool, longest first by the times of the last run (.cache/test-times.json; for a fresh clone,
// scripts/test-times.seed.json), so the long jobs start early and the short ones fill the gaps. The one
// job that loads every core on purpose (test/live-bind-loaded.test.ts) runs alone at the end.
//
// Each job's output is kept and printed whole when the job fails; a table of every job's time closes the
// run. The exit code is 1 when any job failed.
//
// Usage: node scripts/test.js [stage ...] [--only text] [-- node:test options]
//   stages: typecheck lint unit features sandbox browser (all of them when none is named);
//   --only text: just the jobs whose name contains text (repeatable);
//   after --: node:test options for the unit and browser jobs (e.g. --test-name-pattern=...).
// IPIC_TEST_CONCURRENCY sets how many jobs run at once (default: the number of cores).
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, '.cache');
const TIMES = path.join(CACHE, 'test-times.json');
const SEED = path.join(__dirname, 'test-times.seed.json');
const CPU_REPORTER = path.join(__dirname, 'test-job-cpu.js');
/** The jobs' processes now running. */
const RUNNING = new Set();
const STAGES = ['typecheck', 'lint', 'unit', 'features', 'sandbox', 'browser'];
/** A job never seen before is guessed long, so it starts early rather than stretch the end of the run. */
const UNKNOWN_SECONDS = 10;
/** Jobs that must not share the machine with another job, and why. They run last, one at a time. */
const ALONE = {
  // It loads every core with busy loops on purpose, which would slow whatever runs beside it, and its own
  // verdicts wait on a server it starves; beside another job it is a load test of both.
  'test/live-bind-loaded.test.ts': 'puts every core under load on purpose',
};

const bin = (file) => path.join(ROOT, 'node_modules', file);
const node = (...args) => [process.execPath, ...args];
const typescript = (...args) => node('-r', './support/register-typescript.js', ...args);

function parseArguments(argv) {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const nodeTest = dash < 0 ? [] : argv.slice(dash + 1);
  const stages = [];
  const only = [];
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--only') only.push(own[++i] ?? '');
    else if (STAGES.includes(own[i])) stages.push(own[i]);
    else throw new Error(`unknown argument ${own[i]}: expected a stage (${STAGES.join(', ')}), --only text or --`);
  }
  return { stages: stages.length ? stages : STAGES, only, nodeTest };
}

/**
 * The jobs of the named stages. A job is one or more commands run one after the other; `after` names a job
 * that must have finished first; `env` is added to the environment.
 */
function jobsOf(stages, nodeTest, scratch) {
  const testFiles = (dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => `${dir}/${f}`);
  const testJob = (file, extra = {}) => ({
    name: file,
    // The file itself, not `node --test file`: node:test runs a file's tests when it is run, and --test
    // only adds a parent process that starts the file's (0.15 s of CPU a file, 80 files, issue 14).
    commands: [typescript('--test-reporter=spec', ...nodeTest, file)],
    alone: file in ALONE,
    ...extra,
  });
  const byStage = {
    typecheck: () => [
      {
        name: 'typecheck',
        commands: [
          node(
            bin('typescript/bin/tsc'),
            '--noEmit',
            '-p',
            '.',
            '--incremental',
            '--tsBuildInfoFile',
            '.cache/typecheck.tsbuildinfo',
          ),
        ],
      },
    ],
    lint: () => [
      {
        name: 'lint: eslint',
        commands: [
          node(
            bin('eslint/bin/eslint.js'),
            '.',
            '--cache',
            '--cache-strategy',
            'content',
            '--cache-location',
            '.cache/eslint/',
          ),
        ],
      },
      {
        name: 'lint: prettier',
        commands: [
          node(
            bin('prettier/bin/prettier.cjs'),
            '--check',
            '.',
            '--cache',
            '--cache-strategy',
            'content',
            '--cache-location',
            '.cache/prettier',
          ),
        ],
      },
      { name: 'lint: gplint', commands: [node(bin('gplint/bin/gplint.js'), 'features')] },
    ],
    unit: () => testFiles('test').map((f) => testJob(f)),
    features: () => [
      {
        name: 'features on the model',
        // Its Allure results go to a folder of its own: the sandbox job publishes into reports/ meanwhile.
        env: { IPIC_ALLURE_RESULTS: path.join(scratch, 'features-allure-results') },
        commands: [
          node(bin('@cucumber/cucumber/bin/cucumber.js'), '--format', 'progress'),
          node(bin('@cucumber/cucumber/bin/cucumber.js'), '--format', 'summary'),
        ],
        commandEnv: [{}, { IPIC_MODEL_READINGS: 'per-scenario' }],
      },
    ],
    sandbox: () => [
      {
        name: 'conformance:sandbox',
        // The Allure HTML report is built and read by the tests that check it (report-runs, run-progress,
        // the secret scans, the browser test); here it would be one more JVM for a report nobody opens.
        env: { IPIC_SKIP_ALLURE_HTML: '1' },
        commands: [typescript('scripts/sandbox/conformance.ts')],
      },
    ],
    browser: () => [
      // Once, before the browser tests: each would otherwise try to install chromium, all at once.
      { name: 'browser: install chromium', commands: [['bash', 'scripts/install-browser.sh']] },
      ...testFiles('test/browser').map((f) => testJob(f, { after: 'browser: install chromium' })),
    ],
  };
  return stages.flatMap((stage) => byStage[stage]().map((job) => ({ ...job, stage })));
}

/** The CPU seconds the job's node commands reported, or undefined when none did. */
function cpuSeconds(file) {
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + Number(line), 0);
  } catch {
    return undefined;
  }
}

function readTimes() {
  for (const file of [TIMES, SEED]) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // missing or unreadable: the next one, or no times at all
    }
  }
  return {};
}

/** Runs one job's commands in turn, stopping at the first failure; resolves to its exit code and output. */
async function runJob(job, env, cpuFile) {
  let output = '';
  for (const [i, command] of job.commands.entries()) {
    const code = await new Promise((resolve) => {
      // Node commands report their CPU time (and their children's) at exit: scripts/test-job-cpu.js.
      const args = command[0] === process.execPath ? ['-r', CPU_REPORTER, ...command.slice(1)] : command.slice(1);
      const child = spawn(command[0], args, {
        cwd: ROOT,
        env: { ...env, ...job.env, ...job.commandEnv?.[i], FORCE_COLOR: '0', IPIC_TEST_JOB_CPU: cpuFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      output += `$ ${command.map((a) => (a === process.execPath ? 'node' : path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(' ')}\n`;
      RUNNING.add(child);
      child.on('close', () => RUNNING.delete(child));
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('error', (error) => {
        output += `could not start: ${error.message}\n`;
        resolve(127);
      });
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
    });
    if (code !== 0) return { code, output };
  }
  return { code: 0, output };
}

async function main() {
  const { stages, only, nodeTest } = parseArguments(process.argv.slice(2));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ipic-npm-test-'));
  // Stopped, the runner stops its jobs (a terminal's Ctrl-C reaches them anyway, a kill does not), removes
  // the shared runs and job files, and ends as the signal asks.
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      for (const child of RUNNING) child.kill(signal);
      rmSync(scratch, { recursive: true, force: true });
      process.kill(process.pid, signal);
    });
  const jobs = jobsOf(stages, nodeTest, scratch).filter((j) => !only.length || only.some((o) => j.name.includes(o)));
  const last = readTimes();
  const expected = (job) => last[job.name] ?? UNKNOWN_SECONDS;
  const concurrency = Number(process.env.IPIC_TEST_CONCURRENCY) || os.availableParallelism?.() || os.cpus().length;
  const env = {
    ...process.env,
    // Conformance runs that several test files make with the same inputs are made once per npm test
    // (test/fixtures/report/shared-runs.ts); without this variable each file makes its own.
    IPIC_TEST_SHARED_RUNS: path.join(scratch, 'shared-runs'),
  };
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`npm test: ${jobs.length} jobs, ${concurrency} at a time (load average ${load})`);

  const started = performance.now();
  const results = new Map();
  const waiting = jobs.filter((j) => !j.alone).sort((a, b) => expected(b) - expected(a));
  const alone = jobs.filter((j) => j.alone);
  const start = async (job) => {
    const began = performance.now();
    const cpuFile = path.join(scratch, `cpu-${jobs.indexOf(job)}`);
    const { code, output } = await runJob(job, env, cpuFile);
    const seconds = (performance.now() - began) / 1000;
    results.set(job.name, { job, code, seconds, cpu: cpuSeconds(cpuFile) });
    const mark = code === 0 ? 'ok  ' : 'FAIL';
    if (code !== 0) console.log(`\n${'='.repeat(30)} ${job.name}: exit ${code} ${'='.repeat(30)}\n${output}`);
    console.log(`${mark} ${seconds.toFixed(1).padStart(6)} s  ${job.name}`);
  };
  // The pool: whenever a slot is free, the longest job whose `after` has finished.
  await new Promise((resolve) => {
    let running = 0;
    const next = () => {
      while (running < concurrency) {
        const i = waiting.findIndex((j) => !j.after || results.has(j.after) || !jobs.some((k) => k.name === j.after));
        if (i < 0) break;
        const [job] = waiting.splice(i, 1);
        running++;
        start(job).then(() => {
          running--;
          next();
        });
      }
      if (running === 0 && waiting.length === 0) resolve();
    };
    next();
  });
  for (const job of alone) await start(job);
  const wall = (performance.now() - started) / 1000;

  const rows = [...results.values()].sort((a, b) => b.seconds - a.seconds);
  console.log('\njob times, longest first (wall; CPU of the job and its child processes, where known):');
  for (const { job, code, seconds, cpu } of rows)
    console.log(
      `  ${seconds.toFixed(1).padStart(6)} s  ${cpu === undefined ? '       ' : `${cpu.toFixed(1).padStart(5)} s`}  ` +
        `${code === 0 ? '    ' : 'FAIL'}  ${job.stage.padEnd(9)} ${job.name}`,
    );
  const failed = rows.filter((r) => r.code !== 0);
  const sum = rows.reduce((s, r) => s + r.seconds, 0);
  const cpu = rows.reduce((s, r) => s + (r.cpu ?? 0), 0);
  console.log(
    `\nnpm test: ${rows.length - failed.length} of ${rows.length} jobs passed in ${wall.toFixed(1)} s ` +
      `(job times add up to ${sum.toFixed(1)} s, CPU ${cpu.toFixed(1)} s; load average now ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
  );
  if (failed.length) console.log(`failed: ${failed.map((r) => r.job.name).join(', ')}`);

  mkdirSync(CACHE, { recursive: true });
  const times = { ...(existsSync(TIMES) ? readTimes() : {}) };
  for (const { job, seconds } of rows) times[job.name] = Math.round(seconds * 10) / 10;
  writeFileSync(TIMES, `${JSON.stringify(times, null, 2)}\n`);
  rmSync(scratch, { recursive: true, force: true });
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm test: ${error.message}`);
    process.exit(2);
  },
);
