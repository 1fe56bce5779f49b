/**
 * Verdicts a gate can trust (issue 16): each case here was measured wrong before the run moved to src/run.
 * - a selection that matches nothing was "CONFORMANT" and replaced the site's record: now exit 2, nothing
 *   replaced;
 * - a step timeout that is not a number let a target that never answers end the run with exit 0 and no
 *   output: now exit 2 before any scenario, naming the variable; a run that never settles exits 2;
 * - an unwritable reports directory was found after the whole run: now exit 2 up front;
 * - two runs in one directory mixed their artifacts: now the second refuses, naming the first;
 * - a plugged-in target's description put a secret into every artifact: now masked;
 * - subset runs are labelled and do not replace the site's full-run record unless asked;
 * - required rules that are not verified make the run incomplete (exit 3) in every artifact.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifySealed } from '../src/report/integrity';
import { summarySchema, type Summary } from '../src/report/summary-schema';
import {
  removeTempReports,
  REPO,
  runConformance,
  runConformanceHere,
  tempReports,
  type Run,
} from './fixtures/report/run';

after(removeTempReports);

const SKIP_HTML = { IPIC_SKIP_ALLURE_HTML: '1' };
const SILENT = './test/fixtures/report/silent-target.ts';
const DESCRIBE_LEAK = './test/fixtures/report/describe-leak-target.ts';
const LEAKED = 'Describe-Leak-Secret-7781';

const summaryOf = (dir: string): Summary =>
  summarySchema.parse(JSON.parse(readFileSync(path.join(dir, 'conformance.json'), 'utf8')));

/** Every file under dir with its SHA-256 (last-run.json aside: it records each run, failed or not). */
function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (entry !== 'last-run.json')
        out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  visit(dir);
  return out;
}

const NO_PROGRESS = /^[.\-FUS]{3,}/m;

let fullDir: string;
let before0: Map<string, string>;
const empty: Record<string, Run> = {};
let afterEmpty: Map<string, string>;
let lastRunAfterEmpty: { exitCode: number; artifacts: string };
let subset: Run;
let afterSubset: Map<string, string>;
let recorded: Run;
const timeouts: Record<string, Run> = {};
let timedOut: Run;
let unwritable: Run;
let incomplete: Run;
let requireFile: Run;
let requireNoScenario: Run;
let leak: Run;

before(async () => {
  fullDir = tempReports('verdicts');
  const laneA = async () => {
    const full = await runConformanceHere([], SKIP_HTML, fullDir);
    assert.equal(full.code, 0, full.stderr);
    before0 = digests(fullDir);
    empty.tags = await runConformanceHere(['--tags', '@R999'], SKIP_HTML, fullDir);
    empty.name = await runConformanceHere(['--name', 'zzz-no-such-scenario'], SKIP_HTML, fullDir);
    empty.line = await runConformanceHere(['features/bind-security.feature:9999'], SKIP_HTML, fullDir);
    afterEmpty = digests(fullDir);
    lastRunAfterEmpty = JSON.parse(readFileSync(path.join(fullDir, 'last-run.json'), 'utf8'));
    subset = await runConformanceHere(['--tags', '@R14'], SKIP_HTML, fullDir);
    afterSubset = digests(fullDir);
    recorded = await runConformanceHere(['--tags', '@R14', '--record-subset'], SKIP_HTML, fullDir);
  };
  const laneB = async () => {
    for (const value of ['abc', '30s', '-1'])
      timeouts[value] = await runConformanceHere(['--tags', '@R10'], {
        IPIC_TARGET: SILENT,
        IPIC_STEP_TIMEOUT_MS: value,
        ...SKIP_HTML,
      });
    timedOut = await runConformance(['--tags', '@R10'], {
      IPIC_TARGET: SILENT,
      IPIC_STEP_TIMEOUT_MS: '300',
      ...SKIP_HTML,
    });
    const file = path.join(tempReports('file'), 'a-file');
    writeFileSync(file, 'not a directory');
    unwritable = await runConformanceHere(['--tags', '@R14'], SKIP_HTML, path.join(file, 'reports'));
    incomplete = await runConformanceHere(['--tags', '@R14', '--require', '@severity:critical'], SKIP_HTML);
    const requirements = path.join(tempReports('require'), 'required-rules.txt');
    writeFileSync(requirements, '# the rules this pipeline gates on\n\n@R14\n');
    requireFile = await runConformanceHere(['--tags', '@R14', '--require-file', requirements], SKIP_HTML);
    requireNoScenario = await runConformanceHere(['--tags', '@R14', '--require', '@R57'], SKIP_HTML);
    leak = await runConformance(['--tags', '@R14', '--record-subset'], {
      IPIC_TARGET: DESCRIBE_LEAK,
      DESCRIBE_LEAK_PASSWORD: LEAKED,
      IPIC_ALLURE_RESULTS: undefined,
      ...SKIP_HTML,
    });
  };
  await Promise.all([laneA(), laneB()]);
});

describe('a selection that matches no scenario', () => {
  for (const [name, args] of [
    ['tags', '--tags @R999'],
    ['name', '--name zzz-no-such-scenario'],
    ['line', 'features/bind-security.feature:9999'],
  ] as const) {
    test(`(${args}) exits 2, says it matched 0 scenarios, and runs none`, () => {
      const run = empty[name]!;
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /the selection matched 0 scenarios/);
      assert.doesNotMatch(run.stdout, NO_PROGRESS);
      assert.doesNotMatch(run.stdout, /CONFORMANT/);
    });
  }
  test('replaces nothing: the previous set, the summary of the kind and the site stay byte for byte', () => {
    assert.deepEqual(afterEmpty, before0);
    assert.equal(lastRunAfterEmpty.exitCode, 2);
    assert.match(lastRunAfterEmpty.artifacts, /earlier run/);
  });
});

describe('subset runs', () => {
  test('are labelled as subsets in the summary, JUnit, Allure and on the console', () => {
    assert.equal(subset.code, 0, subset.stderr);
    assert.match(subset.stdout, /conformance \(a subset run\)/);
    assert.match(
      readFileSync(path.join(fullDir, 'junit.xml'), 'utf8'),
      /name="IPIC security conformance: model \(subset: tags @R14\)"/,
    );
    assert.match(
      readFileSync(path.join(fullDir, 'allure-results', 'environment.properties'), 'utf8'),
      /subset run: tags @R14/,
    );
    assert.match(readFileSync(path.join(fullDir, 'conformance.md'), 'utf8'), /subset/i);
    assert.match(readFileSync(path.join(fullDir, 'conformance.html'), 'utf8'), /subset/i);
  });
  test("leave the site and the kind's full-run record alone", () => {
    for (const file of ['summaries/model.json', 'site/index.html'])
      assert.equal(afterSubset.get(file), before0.get(file), `${file} unchanged`);
    assert.equal(JSON.parse(readFileSync(path.join(fullDir, 'conformance.json'), 'utf8')).inputs.scope, 'subset');
  });
  test('replace the record only with --record-subset', () => {
    assert.equal(recorded.code, 0, recorded.stderr);
    const record = JSON.parse(readFileSync(path.join(fullDir, 'summaries', 'model.json'), 'utf8')) as Summary;
    assert.equal(record.inputs.scope, 'subset');
  });
});

describe('a target that never answers', () => {
  for (const value of ['abc', '30s', '-1']) {
    test(`IPIC_STEP_TIMEOUT_MS=${value}: exit 2 before any scenario, naming the variable`, () => {
      const run = timeouts[value]!;
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, new RegExp(`IPIC_STEP_TIMEOUT_MS: "${value}": expected a whole number`));
      assert.doesNotMatch(run.stdout, NO_PROGRESS);
    });
  }
  test('with a step timeout: every scenario times out as a harness error (exit 2), never nonconformance', () => {
    assert.equal(timedOut.code, 2, timedOut.stdout + timedOut.stderr);
    assert.match(timedOut.stderr, /timed out/);
    assert.doesNotMatch(timedOut.stdout, /nonconformant: R/);
  });
  test('a run whose event loop empties before it settles exits 2, not 0', () => {
    const script = [
      "require('./support/register-typescript.js');",
      "const { runFromCommandLine } = require('./src/run/entry-point.ts');",
      'runFromCommandLine(() => new Promise(() => {}));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.equal(child.status, 2);
    assert.match(child.stderr, /the run ended without settling/);
  });
});

describe('the reports directory', () => {
  test('one that cannot be created is found before any scenario runs: exit 2, naming IPIC_REPORTS_DIR', () => {
    assert.equal(unwritable.code, 2, unwritable.stdout + unwritable.stderr);
    assert.match(
      unwritable.stderr,
      /IPIC_REPORTS_DIR: .*reports: expected a directory the run can create and write \(ENOTDIR\)/,
    );
    assert.doesNotMatch(unwritable.stdout, NO_PROGRESS);
  });

  test('held by a running run: the second run refuses at once and names the first', async () => {
    const dir = tempReports('held');
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(
        path.join(dir, '.ipic-run.lock'),
        JSON.stringify({
          pid: holder.pid,
          host: hostname(),
          startedAt: '2026-12-05T10:00:00.000Z',
          command: 'npm run conformance',
        }),
      );
      const run = await runConformanceHere(['--tags', '@R14'], SKIP_HTML, dir);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, new RegExp(`held by run ${holder.pid} on .*started 2026-12-05T10:00:00.000Z`));
      assert.ok(!existsSync(path.join(dir, 'conformance.json')));
    } finally {
      holder.kill();
    }
  });

  test('a lock left by a run that is gone is taken over', async () => {
    const dir = tempReports('stale');
    const gone = spawnSync('true');
    writeFileSync(
      path.join(dir, '.ipic-run.lock'),
      JSON.stringify({ pid: gone.pid, host: hostname(), startedAt: 'x', command: 'x' }),
    );
    const run = await runConformanceHere(['--tags', '@R14'], SKIP_HTML, dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!existsSync(path.join(dir, '.ipic-run.lock')), 'released at the end');
  });

  test('two runs at once: each either refuses or completes, and the set in place is whole and consistent', async () => {
    const dir = tempReports('race');
    const runs = await Promise.all([
      runConformance(['--tags', '@area:bind'], SKIP_HTML, dir),
      runConformance(['--tags', '@area:bind'], SKIP_HTML, dir),
    ]);
    for (const run of runs) assert.ok(run.code === 0 || (run.code === 2 && /held by run/.test(run.stderr)), run.stderr);
    assert.ok(runs.some((r) => r.code === 0));
    const bytes = readFileSync(path.join(dir, 'conformance.json'));
    assert.equal(verifySealed(bytes).status, 'ok');
    const printed = runs.flatMap((r) => [...r.stdout.matchAll(/\(sha256 ([0-9a-f]{64})\)/g)].map((m) => m[1]));
    const summary = summaryOf(dir);
    assert.ok(printed.includes(summary.integrity.fileSha256), 'the file holds a digest a run printed');
    const results = readdirSync(path.join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'));
    const total = Object.values(summary.totals.scenarios).reduce((a, b) => a + b, 0);
    assert.equal(results.length, total, 'one Allure result per scenario of the summary');
  });
});

describe('a run stopped by a signal', () => {
  test('SIGINT mid-run: exit 130, the previous set byte for byte, no staging left, the lock released', async () => {
    const dir = tempReports('sigint');
    const first = await runConformanceHere(['--tags', '@area:bind'], SKIP_HTML, dir);
    assert.equal(first.code, 0, first.stderr);
    const previous = digests(dir);
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'run-conformance.js')], {
      cwd: REPO,
      env: {
        ...process.env,
        IPIC_REPORTS_DIR: dir,
        IPIC_SKIP_ALLURE_HTML: '1',
        IPIC_TARGET: SILENT,
        IPIC_STEP_TIMEOUT_MS: '60000',
      },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The silent target holds the first scenario forever: the run is surely under way once staging exists.
    const code = await new Promise<number | null>((resolve) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).some((f) => f.startsWith('.staging-'))) {
          clearInterval(poll);
          setTimeout(() => child.kill('SIGINT'), 300);
        }
      }, 50);
      child.on('close', (c) => {
        clearInterval(poll);
        resolve(c);
      });
    });
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted by SIGINT/);
    assert.deepEqual(digests(dir), previous);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('.')),
      [],
      'no staging directory and no lock left behind',
    );
  });
});

describe('a run stopped while the Allure report is built', () => {
  test('SIGINT: exit 130, Allure stopped, the previous set (with its report) byte for byte', async () => {
    const dir = tempReports('sigint-allure');
    const first = await runConformanceHere(['--tags', '@R14'], {}, dir);
    assert.equal(first.code, 0, first.stderr);
    if (!existsSync(path.join(dir, 'allure-report', 'index.html'))) {
      assert.match(first.stderr, /Allure HTML report was not built/, 'no report only for want of Java');
      return;
    }
    const previous = digests(dir);
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'run-conformance.js'), '--tags', '@R14'], {
      cwd: REPO,
      env: { ...process.env, IPIC_REPORTS_DIR: dir, IPIC_SKIP_ALLURE_HTML: undefined, IPIC_ALLURE_RESULTS: undefined },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const building = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('.staging-'))
        .some((f) => readdirSync(path.join(dir, f)).some((g) => g.startsWith('allure-report.building-')));
    const code = await new Promise<number | null>((resolve) => {
      const poll = setInterval(() => {
        try {
          if (!building()) return;
        } catch {
          return; // the staging directory came or went between the two reads
        }
        clearInterval(poll);
        setTimeout(() => child.kill('SIGINT'), 200);
      }, 20);
      child.on('close', (c) => {
        clearInterval(poll);
        resolve(c);
      });
    });
    assert.equal(code, 130, stderr);
    await new Promise((r) => setTimeout(r, 1000)); // an Allure left running would write on meanwhile
    assert.deepEqual(digests(dir), previous);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('.')),
      [],
    );
  });
});

describe('required rules', () => {
  test('a required rule left unverified makes the run incomplete: exit 3, with the reason per rule', () => {
    assert.equal(incomplete.code, 3, incomplete.stdout + incomplete.stderr);
    const s = summaryOf(incomplete.dir);
    assert.equal(s.outcome.verdict, 'incomplete');
    assert.ok(s.coverage!.requiredRules.includes('R10'), 'R10 is critical');
    const r10 = s.outcome.incomplete!.find((i) => i.rule === 'R10');
    assert.match(r10?.reason ?? '', /not covered \(the selection left its scenarios out\)/);
    assert.ok(!s.outcome.incomplete!.some((i) => i.rule === 'R14'), 'R14 was verified');
    assert.match(incomplete.stdout, /incomplete: R10 required but not verified/);
    assert.match(incomplete.stdout, /verdict: INCOMPLETE \(exit 3\)/);
    const junit = readFileSync(path.join(incomplete.dir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuite name="required rules"[^>]*>[\s\S]*name="R10"[\s\S]*type="incomplete"/);
    for (const file of ['conformance.md', 'conformance.html'])
      assert.match(readFileSync(path.join(incomplete.dir, file), 'utf8'), /R10[^\n]*required but not verified/, file);
  });
  test('the file form: one tag expression a line, comments allowed; satisfied requirements keep exit 0', () => {
    assert.equal(requireFile.code, 0, requireFile.stdout + requireFile.stderr);
    assert.deepEqual(summaryOf(requireFile.dir).coverage!.requiredRules, ['R14']);
    assert.match(summaryOf(requireFile.dir).inputs.required![0]!.from, /required-rules\.txt:3$/);
  });
  test("a required rule that no target can observe is incomplete, with the rule index's reason", () => {
    assert.equal(requireNoScenario.code, 3, requireNoScenario.stderr);
    assert.match(
      requireNoScenario.stdout,
      /incomplete: R57 required but not verified: untestable on every target \(CICS TG's precedence/,
    );
  });
  test('without requirements the summary still counts verified, not applicable and not covered rules', () => {
    const c = summaryOf(fullDir).coverage!;
    assert.equal(c.requiredRules.length, 0);
    assert.equal(c.verified + c.notApplicable + c.notCovered + c.harnessError, 57);
    assert.match(
      subset.stdout,
      /rules: 1 verified \(1 conformant, 0 nonconformant\), 0 not applicable, 56 not covered/,
    );
  });
});

describe("a target's description", () => {
  test('is masked in every artifact: summary, Markdown, HTML, the kind record, the site and Allure', () => {
    assert.equal(leak.code, 0, leak.stdout + leak.stderr);
    const forms = [LEAKED, Buffer.from(LEAKED).toString('base64')];
    const files = [...digests(leak.dir).keys()];
    assert.ok(files.includes('summaries/describe-leak.json') && files.some((f) => f.startsWith('site/')));
    for (const file of files) {
      const text = readFileSync(path.join(leak.dir, file), 'utf8');
      for (const form of forms)
        assert.ok(!text.includes(form), `${file} holds the secret (${form === LEAKED ? 'plain' : 'base64'})`);
    }
    for (const form of forms) assert.ok(!(leak.stdout + leak.stderr).includes(form), 'console');
    assert.match(
      readFileSync(path.join(leak.dir, 'conformance.json'), 'utf8'),
      /zcon\.example:9443 as ADMIN\/\[MASKED\]/,
    );
  });
});

describe('a run in the test process (fixtures/report/run.ts, runConformanceHere)', () => {
  test('judges as a child process does, run after run, with another target in between', async () => {
    const args = ['--tags', '@R14 or @R10'];
    const child = await runConformance(args, SKIP_HTML);
    const first = await runConformanceHere(args, SKIP_HTML);
    const breaker = await runConformanceHere(['--tags', '@R28'], {
      IPIC_TARGET: './test/fixtures/report/rule-breaker-target.ts',
      ...SKIP_HTML,
    });
    const again = await runConformanceHere(args, SKIP_HTML);
    for (const run of [child, first, again]) assert.equal(run.code, 0, run.stdout + run.stderr);
    const content = (run: Run) => summaryOf(run.dir).integrity.contentSha256;
    assert.equal(content(first), content(child));
    assert.equal(content(again), content(child));
    // The target in between was loaded and judged for itself: it breaks R28.
    assert.equal(breaker.code, 1, breaker.stdout + breaker.stderr);
    assert.equal(summaryOf(breaker.dir).rules.find((r) => r.id === 'R28')?.status, 'nonconformant');
  });
});
