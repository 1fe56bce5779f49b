/**
 * The bad-input corpus (test/fixtures/bad-input/cases.ts): every case must end the run with exit code 2, a
 * message naming what is at fault, no stack trace, no secret in any output or file, and the previous
 * artifact set exactly as it was.
 *
 * The previous set comes from one real run (`--tags @R14 --record-subset`), in a child process as CI runs
 * it: cucumber would otherwise load the step definitions, hooks and formatters into this process and write
 * its progress straight to process.stdout. Each case then runs main(argv, env) in this process, on a fresh
 * copy of that set (so one case that damaged it could not fail the ones after), and every file of the copy
 * is compared with the original by digest.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadSite } from '../src/definitions/load-site';
import { loadInventory } from '../src/inventory/load';
import { LAST_RUN_FILE } from '../src/run';
import { LOCK_FILE } from '../src/run/reports-lock';
import { CASES, type Arranged, type BadInputCase } from './fixtures/bad-input/cases';
import { runInProcess, type Captured } from './fixtures/bad-input/run-in-process';
import { makeWorkspace, REPO, type Workspace } from './fixtures/bad-input/workspace';
import { runConformance, runConformanceHere, tempReports, removeTempReports } from './fixtures/report/run';

const RUNNING_MD = path.join(REPO, 'docs', 'running.md');
const DOCS_HEADING = '## Bad input: what the harness says';

/** A stack frame as node prints it: "    at fn (file:1:2)" or "    at file:1:2". */
const STACK_FRAME = /^\s+at (?:.+ \()?\S+:\d+:\d+\)?\s*$/m;

/** Cases pass everything through main's env argument; some modules still read process.env, so it must not change. */
const processEnvAtStart = JSON.stringify(process.env);

let ws: Workspace;
let baseline: string;
let baselineDigests: Map<string, string>;
let baselineRun: Awaited<ReturnType<typeof runConformance>>;
let baselineLastRun: Buffer;
/** A copy of the baseline set, to put it back from should a case change it. */
let pristine: string;

before(async () => {
  ws = await makeWorkspace();
  baseline = tempReports('bad-input-baseline');
  baselineRun = await runConformanceHere(
    ['--tags', '@R14', '--record-subset'],
    { ...ws.secretEnv, IPIC_SKIP_ALLURE_HTML: '1' },
    baseline,
  );
  baselineDigests = digests(baseline);
  baselineLastRun = readFileSync(path.join(baseline, LAST_RUN_FILE));
  pristine = tempReports('bad-input-pristine');
  cpSync(baseline, pristine, { recursive: true });
});

after(() => {
  removeTempReports();
  if (ws) rmSync(ws.dir, { recursive: true, force: true });
});

/** Every file under dir, as a path relative to it with /. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

/** Every file under dir (relative path, with /) and the SHA-256 of its bytes. */
function digests(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((file) => [file, sha256(readFileSync(path.join(dir, file)))]));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function without(map: Map<string, string>, ...names: string[]): Map<string, string> {
  return new Map([...map].filter(([name]) => !names.includes(name)));
}

/** Where a secret would show: as it is, in base64 and in base64url (a Basic header, a JWT). */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url')];
}

function assertNoSecret(secrets: readonly string[], run: Captured, reportsDir: string | undefined): void {
  const places: [string, string][] = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ];
  if (reportsDir && existsSync(reportsDir) && statSync(reportsDir).isDirectory())
    for (const file of filesUnder(reportsDir)) places.push([file, readFileSync(path.join(reportsDir, file), 'latin1')]);
  for (const secret of secrets)
    for (const form of encodings(secret))
      for (const [where, text] of places)
        assert.ok(!text.includes(form), `${where} holds a secret (${secret === form ? 'plain' : 'encoded'})`);
}

describe('the material the corpus breaks is sound before it is broken', () => {
  test('the previous artifact set is complete: a real subset run exited 0 and left every artifact', () => {
    assert.equal(baselineRun.code, 0, baselineRun.stdout + baselineRun.stderr);
    for (const file of ['conformance.json', 'conformance.md', 'junit.xml', 'summaries/model.json', 'site/index.html'])
      assert.ok(baselineDigests.has(file), `${file} in the previous set`);
    assert.ok(
      [...baselineDigests.keys()].some((f) => f.startsWith('allure-results/')),
      'Allure results',
    );
    assert.equal(JSON.parse(readFileSync(path.join(baseline, LAST_RUN_FILE), 'utf8')).artifacts, 'this run');
  });

  test('the base inventory loads with its secrets, so each inventory case breaks exactly one thing', () => {
    const loaded = loadInventory(ws.inventory('base.yaml', ws.inventoryText), ws.secretEnv);
    assert.ok(loaded.secrets.all().length >= 6, 'passwords, a phrase, a file secret and the private keys');
  });

  test('the secret scan finds a leak: with masking switched off, a failing target shows the password', async () => {
    const module = ws.file('leaks.js');
    writeFileSync(module, "module.exports = (env) => { throw new Error('no: ' + env.IPIC_LIVE_PASSWORD); };\n");
    const leaked = await runInProcess([], {
      ...ws.secretEnv,
      IPIC_REPORTS_DIR: tempReports('bad-input-leak'),
      IPIC_TARGET: module,
      IPIC_UNSAFE_DISABLE_MASKING: '1',
    });
    assert.throws(() => assertNoSecret(ws.secrets, leaked, undefined), /stderr holds a secret \(plain\)/);
  });

  test('the copy of examples/site loads, so each definitions case breaks exactly one file', () => {
    assert.ok(loadSite(ws.site('unbroken')).site.ipconns.length > 0, 'the sample site has IPCONNs');
  });
});

describe('bad input: exit 2, a located message, no stack trace, no secret, the previous artifacts intact', () => {
  for (const c of CASES) {
    test(`${c.id} (${c.category}): ${c.wrong}`, c.todo ? { todo: c.todo } : {}, async () => {
      await checkCase(c);
    });
  }
});

async function checkCase(c: BadInputCase): Promise<void> {
  const arranged: Arranged = await c.arrange(ws);
  // Every case that needs a previous set runs against the baseline itself (a copy each was 60 copies of
  // its 39 files): restoreBaseline() puts it back as it was after the case.
  const reportsDir = arranged.reportsDir ?? baseline;
  try {
    await runCase(arranged, reportsDir);
  } finally {
    if (!arranged.reportsDir) restoreBaseline();
  }
}

async function runCase(arranged: Arranged, reportsDir: string): Promise<void> {
  if (arranged.lock) {
    const { pid, command } = arranged.lock;
    const holder = { pid, host: hostname(), startedAt: new Date().toISOString(), command };
    writeFileSync(path.join(reportsDir, LOCK_FILE), `${JSON.stringify(holder)}\n`);
  }
  const before = arranged.reportsDir ? undefined : digests(reportsDir);
  const env = { ...ws.secretEnv, IPIC_REPORTS_DIR: reportsDir, ...arranged.env };
  let run: Captured;
  try {
    if (arranged.childProcess) {
      const child = await runConformance(arranged.argv ?? [], env, reportsDir);
      run = { ...child, code: child.code ?? -1 };
    } else run = await runInProcess(arranged.argv ?? [], env);
  } finally {
    arranged.cleanup?.();
  }
  const output = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

  assert.equal(run.code, 2, output);
  assert.doesNotMatch(run.stdout + run.stderr, STACK_FRAME, 'no stack trace without IPIC_DEBUG=1');
  assertNoSecret([...ws.secrets, ...(arranged.secrets ?? [])], run, reportsDir);
  assertPreviousSetIntact(arranged, reportsDir, before);
  // Last, so that a case marked todo for its message shows that everything else already holds.
  for (const expected of arranged.expect) assert.match(run.stderr, expected, output);
}

function assertPreviousSetIntact(arranged: Arranged, reportsDir: string, before: Map<string, string> | undefined) {
  if (!before) {
    // The reports directory could not be made: the run must not have made it, nor touched what is there.
    if (existsSync(reportsDir) && statSync(reportsDir).isFile())
      assert.equal(readFileSync(reportsDir, 'utf8'), 'not a directory\n', 'the file in the way is untouched');
    else assert.ok(!existsSync(reportsDir), 'nothing was created');
    return;
  }
  const after = digests(reportsDir);
  if (arranged.lock) {
    // Held by another run: this one wrote nothing at all, not even last-run.json, and left the lock.
    assert.deepEqual(after, before, 'every file as it was, the lock and last-run.json included');
    return;
  }
  assert.deepEqual(without(after, LAST_RUN_FILE), without(baselineDigests, LAST_RUN_FILE), 'the previous set');
  const lastRun = JSON.parse(readFileSync(path.join(reportsDir, LAST_RUN_FILE), 'utf8')) as {
    exitCode: number;
    artifacts: string;
    problems: string[];
  };
  assert.equal(lastRun.exitCode, 2);
  assert.match(lastRun.artifacts, /earlier run/);
  assert.ok(lastRun.problems.length > 0, 'last-run.json says what was wrong');
}

/**
 * The baseline as the baseline run left it: its last-run.json back (each case writes its own) and no lock;
 * were anything else changed (the case has failed then), the whole set, so the next case starts the same.
 */
function restoreBaseline(): void {
  writeFileSync(path.join(baseline, LAST_RUN_FILE), baselineLastRun);
  rmSync(path.join(baseline, LOCK_FILE), { force: true });
  if (JSON.stringify([...digests(baseline)]) === JSON.stringify([...baselineDigests])) return;
  rmSync(baseline, { recursive: true, force: true });
  cpSync(pristine, baseline, { recursive: true });
}

describe('the corpus and its table in docs/running.md', () => {
  test('the cases left process.env as it was', () => {
    assert.equal(JSON.stringify(process.env), processEnvAtStart);
  });

  const cell = (text: string) => text.replace(/\|/g, '\\|');
  // A case the harness does not meet yet says so in the table too, until its todo goes.
  const namesOf = (c: BadInputCase) => `${c.names}${c.todo ? ' (NOT MET YET: see the test)' : ''}`;
  const rowOf = (c: BadInputCase) => `| \`${c.id}\` | ${c.category} | ${cell(c.wrong)} | ${cell(namesOf(c))} |`;

  test('has at least 45 cases, at least 5 in each category, each id once', () => {
    assert.ok(CASES.length >= 45, `${CASES.length} cases`);
    const ids = CASES.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    for (const category of ['environment', 'inventory', 'definitions', 'target', 'command line', 'file system'])
      assert.ok(CASES.filter((c) => c.category === category).length >= 5, category);
  });

  test(`docs/running.md lists every case, as the corpus states it, under "${DOCS_HEADING}"`, () => {
    const text = readFileSync(RUNNING_MD, 'utf8');
    const start = text.indexOf(`\n${DOCS_HEADING}\n`);
    assert.ok(start >= 0, `docs/running.md has the heading ${DOCS_HEADING}`);
    const next = text.indexOf('\n## ', start + 1);
    const section = text.slice(start, next < 0 ? undefined : next);
    const rows = section
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' '))
      .filter((line) => /^\| `[^`]+` \|/.test(line));
    const missing = CASES.map(rowOf).filter((row) => !rows.includes(row));
    assert.deepEqual(missing, [], 'rows to add or correct (prettier may pad the cells)');
    const ids = new Set(CASES.map((c) => c.id));
    const extra = rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]!).filter((id) => !ids.has(id));
    assert.deepEqual(extra, [], 'rows for cases the corpus no longer has');
  });
});
