/**
 * End-to-end: `npm run conformance` as CI runs it (child processes, temporary reports directories), with
 * the runs shared across assertions to keep the suite fast:
 * - a full run on the model leaves every artifact and exits 0;
 * - two @area:bind runs in one directory show the Allure trend and give the same summary apart from time;
 * - a target that runs every request under the default user exits 1 and the summary names the rules;
 * - an undefined step, a bad IPIC_TARGET, bad IPIC_MODEL_OPTIONS, a broken or unreadable inventory and a
 *   bad command line exit 2 and are never reported as nonconformance.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { sha256, verifySealed } from '../src/report/integrity';
import { summarySchema, type Summary } from '../src/report/summary-schema';
import { ruleStatus } from '../src/report/summary';
import { readFeatures } from '../src/site/gherkin';
import { AREAS, IBM_PAGE } from '../support/documentation';
import { removeTempReports, REPO, runConformanceHere, tempReports, type Run } from './fixtures/report/run';
import { sharedConformance } from './fixtures/report/shared-runs';

after(removeTempReports);

const SKIP_HTML = { IPIC_SKIP_ALLURE_HTML: '1' };
const BREAKER = './test/fixtures/report/rule-breaker-target.ts';
const LEAKY = './test/fixtures/report/leaky-target.ts';
const LATE_DECLINE = './test/fixtures/report/late-decline-target.ts';

const summaryOf = (run: Run): Summary =>
  summarySchema.parse(JSON.parse(readFileSync(path.join(run.dir, 'conformance.json'), 'utf8')));
const junitOf = (run: Run) =>
  new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(
    readFileSync(path.join(run.dir, 'junit.xml'), 'utf8'),
  ) as {
    testsuites: Record<string, string> & { testsuite: { testcase: Record<string, unknown>[] }[] };
  };
interface AllureResult {
  name: string;
  labels: { name: string; value: string }[];
  links: { url: string; name: string }[];
}
const rule = (s: Summary, id: string) => s.rules.find((r) => r.id === id)!;
const allureStatuses = (run: Run): string[] =>
  readdirSync(path.join(run.dir, 'allure-results'))
    .filter((f) => f.endsWith('-result.json'))
    .map(
      (f) => (JSON.parse(readFileSync(path.join(run.dir, 'allure-results', f), 'utf8')) as { status: string }).status,
    )
    .sort();

let full: Run;
let bind1: Run;
let bind2: Run;
let bind1Summary: Summary;
let breaker: Run;
let undefinedStep: Run;
let lateDecline: Run;
const failures: Record<string, Run> = {};

before(async () => {
  const dir = tempReports('inventory');
  const missingEndpoint = path.join(dir, 'no-endpoint.json');
  writeFileSync(missingEndpoint, JSON.stringify({ users: [] }));
  const laneA = async () => {
    // The whole suite as CI runs it; the Allure HTML report is checked on the bind runs, where it costs less.
    // Shared with the exchange-format and fleet tests (fixtures/report/shared-runs.ts): nothing here writes into it.
    full = await sharedConformance([], SKIP_HTML);
    breaker = await sharedConformance([], { IPIC_TARGET: BREAKER, ...SKIP_HTML });
  };
  const laneB = async () => {
    const bindDir = tempReports('bind');
    bind1 = await runConformanceHere(['--tags', '@area:bind'], {}, bindDir);
    bind1Summary = summaryOf(bind1);
    bind2 = await runConformanceHere(['--tags', '@area:bind'], {}, bindDir);
    undefinedStep = await runConformanceHere(['test/fixtures/report/features/undefined-step.feature'], SKIP_HTML);
    lateDecline = await runConformanceHere(['--tags', '@R28 or @R38'], { IPIC_TARGET: LATE_DECLINE, ...SKIP_HTML });
    [failures.target, failures.options, failures.inventory, failures.unreadableInventory, failures.argv] =
      await Promise.all([
        runConformanceHere([], { IPIC_TARGET: './test/fixtures/report/no-such-target.ts' }),
        runConformanceHere([], { IPIC_MODEL_OPTIONS: 'nonsense=1' }),
        runConformanceHere([], { IPIC_TARGET: LEAKY, IPIC_INVENTORY: missingEndpoint }),
        runConformanceHere([], { IPIC_INVENTORY: path.join(dir, 'does-not-exist.yaml') }),
        runConformanceHere(['--colour']),
      ]);
  };
  await Promise.all([laneA(), laneB()]);
});

describe('a full conformance run on the model', () => {
  test('exits 0 and leaves the summary, JUnit, Allure results and report, and the site', () => {
    const findings = full.stdout.split('\n').filter((line) => /^(nonconformant|harness error):/.test(line));
    assert.equal(full.code, 0, findings.join('\n') || full.stderr);
    assert.ok(existsSync(path.join(bind1.dir, 'allure-report/index.html')), 'the Allure HTML report');
    for (const file of [
      'conformance.json',
      'conformance.md',
      'conformance.html',
      'junit.xml',
      'summaries/model.json',
      'allure-results/executor.json',
      'allure-results/categories.json',
      'allure-results/environment.properties',
      'site/index.html',
      'site/area-bind.html',
    ]) {
      assert.ok(existsSync(path.join(full.dir, file)), `${file} exists`);
    }
    assert.ok(readdirSync(path.join(full.dir, 'allure-results')).some((f) => f.endsWith('-result.json')));
    assert.match(full.stdout, /summary: .*conformance\.json \(sha256 [0-9a-f]{64}\)/);
  });

  test('every Allure result is filed under the documentation it restates', () => {
    const dir = path.join(full.dir, 'allure-results');
    const ruleNames = new Set(
      readdirSync(path.join(REPO, 'features')).flatMap((f) =>
        [...readFileSync(path.join(REPO, 'features', f), 'utf8').matchAll(/^\s*Rule: (.+)$/gm)].map((m) =>
          m[1]!.trim(),
        ),
      ),
    );
    const results = readdirSync(dir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as AllureResult);
    const totals = Object.values(summaryOf(full).totals.scenarios).reduce((a, b) => a + b, 0);
    assert.equal(results.length, totals, 'a result per scenario');
    for (const r of results) {
      const values = (name: string) => r.labels.filter((l) => l.name === name).map((l) => l.value);
      const tags = values('tag');
      const area = tags.find((t) => t.startsWith('@area:'))?.slice('@area:'.length);
      assert.ok(area !== undefined && area in AREAS, `${r.name}: an @area tag with an epic (@area:${area})`);
      assert.deepEqual(values('epic'), [AREAS[area]], `${r.name}: the epic of its @area tag`);
      assert.equal(values('story').length, 1, `${r.name}: one story`);
      assert.ok(ruleNames.has(values('story')[0]!), `${r.name}: the story is the Rule it sits under`);
      assert.deepEqual(
        values('rule').sort(),
        tags
          .filter((t) => /^@R\d+$/.test(t))
          .map((t) => t.slice(1))
          .sort(),
        `${r.name}: a rule label per rule-ID tag`,
      );
      const severity = tags.find((t) => t.startsWith('@severity:'))?.slice('@severity:'.length) ?? 'normal';
      assert.deepEqual(values('severity'), [severity], `${r.name}: its severity`);
      assert.deepEqual(r.links, [{ url: IBM_PAGE.url, name: IBM_PAGE.title }], `${r.name}: the IBM page`);
    }
  });

  test('the summary is sealed, valid, and lists every rule with the scenarios tagged with it', () => {
    const bytes = readFileSync(path.join(full.dir, 'conformance.json'));
    assert.equal(verifySealed(bytes).status, 'ok');
    const s = summaryOf(full);
    assert.equal(s.outcome.verdict, 'conformant');
    assert.deepEqual(
      s.rules.map((r) => r.id),
      Array.from({ length: 57 }, (_, i) => `R${i + 1}`),
    );
    const features = readFeatures(s.inputs.features.map((f) => f.path));
    const tagged = features.flatMap((f) => f.scenarios.map((sc) => ({ ...sc, feature: f.path })));
    for (const r of s.rules) {
      const expected = tagged
        .filter((sc) => sc.ruleIds.includes(r.id))
        .map((sc) => `${sc.feature}:${sc.line}`)
        .sort();
      assert.deepEqual(r.scenarios.map((sc) => `${sc.feature}:${sc.line}`).sort(), expected, `${r.id} scenarios`);
      assert.equal(r.status, ruleStatus(r.scenarios.map((sc) => sc.outcome)), `${r.id} status`);
      // R57 is the one rule the rule index marks untestable on every target (docs/rules.yaml).
      if (r.status === 'not covered')
        assert.equal(r.notCoveredBecause, r.id === 'R57' ? 'untestable' : 'no scenario', r.id);
    }
    const total = Object.values(s.totals.scenarios).reduce((a, b) => a + b, 0);
    assert.equal(total, tagged.length, 'every scenario of every feature ran');
    assert.equal(s.totals.rules.nonconformant + s.totals.rules['harness error'], 0);
  });

  test('every scenario entry points at its line in the feature file', () => {
    const s = summaryOf(full);
    for (const sc of s.rules.flatMap((r) => r.scenarios)) {
      const line = readFileSync(path.join(REPO, sc.feature), 'utf8').split('\n')[sc.line - 1] ?? '';
      assert.match(line, /^\s*(Scenario|Example|\|)/, `${sc.feature}:${sc.line}`);
    }
  });

  test('run metadata: target, harness, Node, and digests of the feature files and the rule index', () => {
    const s = summaryOf(full);
    assert.deepEqual(
      [s.target.kind, s.target.identity, s.target.module, s.target.inventory],
      ['model', 'embedded reference model', 'model', null],
    );
    assert.ok(s.target.description.options, 'model options from describe()');
    assert.equal(s.harness.node, process.version);
    assert.match(s.harness.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(s.harness.ruleIndex.sha256, sha256(readFileSync(path.join(REPO, 'docs/rules.yaml'))));
    for (const f of s.inputs.features) assert.equal(f.sha256, sha256(readFileSync(path.join(REPO, f.path))), f.path);
    assert.ok(Date.parse(s.time.finishedAt) >= Date.parse(s.time.startedAt));
  });

  test('JUnit counts the same scenarios, Allure keeps nonconformance apart from harness errors', () => {
    const s = summaryOf(full);
    const junit = junitOf(full);
    assert.equal(
      Number(junit.testsuites['@_tests']),
      Object.values(s.totals.scenarios).reduce((a, b) => a + b, 0),
    );
    assert.equal(junit.testsuites['@_failures'], '0');
    const categories = JSON.parse(readFileSync(path.join(full.dir, 'allure-results/categories.json'), 'utf8')) as {
      name: string;
      matchedStatuses: string[];
    }[];
    const by = (word: string) => categories.find((c) => c.name.startsWith(word))!;
    assert.deepEqual(by('Nonconformance').matchedStatuses, ['failed']);
    assert.deepEqual(by('Harness error').matchedStatuses.sort(), ['broken', 'unknown']);
    const executor = JSON.parse(readFileSync(path.join(full.dir, 'allure-results/executor.json'), 'utf8')) as {
      buildOrder: number;
      reportName: string;
    };
    assert.equal(executor.buildOrder, 1);
    assert.match(
      readFileSync(path.join(full.dir, 'allure-results/environment.properties'), 'utf8'),
      /target\\ kind=model/,
    );
  });
});

describe('two runs with the same inputs', () => {
  test('give the same summary apart from the time fields and the file digest', () => {
    assert.equal(bind1.code, 0, bind1.stderr);
    assert.equal(bind2.code, 0, bind2.stderr);
    const a = bind1Summary;
    const b = summaryOf(bind2);
    assert.equal(a.integrity.contentSha256, b.integrity.contentSha256);
    const strip = (s: Summary) => ({ ...s, time: null, integrity: { ...s.integrity, fileSha256: null } });
    assert.deepEqual(strip(a), strip(b));
  });

  test('a tag selection is recorded, and the rules it leaves out are "not covered: not selected"', () => {
    assert.equal(bind1Summary.inputs.selection.tags, '@area:bind');
    assert.equal(rule(bind1Summary, 'R10').status, 'conformant');
    assert.equal(rule(bind1Summary, 'R28').status, 'not covered');
    assert.equal(rule(bind1Summary, 'R28').notCoveredBecause, 'not selected');
  });

  test('Allure history carries over, so the trend shows both runs', () => {
    const trend = JSON.parse(
      readFileSync(path.join(bind2.dir, 'allure-report/history/history-trend.json'), 'utf8'),
    ) as unknown[];
    assert.equal(trend.length, 2);
    const executor = JSON.parse(readFileSync(path.join(bind2.dir, 'allure-results/executor.json'), 'utf8')) as {
      buildOrder: number;
    };
    assert.equal(executor.buildOrder, 2);
  });
});

describe('a target that breaks rules', () => {
  test('exits 1 and the summary names the rules it breaks, with the step and what it saw', () => {
    assert.equal(breaker.code, 1, breaker.stderr);
    const s = summaryOf(breaker);
    assert.equal(s.outcome.verdict, 'nonconformant');
    assert.deepEqual(s.outcome.harnessErrors, []);
    assert.equal(s.target.kind, 'rule-breaker');
    const r28 = rule(s, 'R28');
    assert.equal(r28.status, 'nonconformant');
    const failed = r28.scenarios.find((sc) => sc.outcome === 'nonconformant')!;
    assert.match(failed.step ?? '', /^Then /);
    assert.match(failed.message ?? '', /CICSUSER/);
    assert.match(breaker.stdout, /nonconformant: R28 /);
    assert.ok(existsSync(path.join(breaker.dir, 'summaries/rule-breaker.json')));
  });

  test('every scenario that expects a refusal is nonconformant; scenarios that send no request are unaffected', () => {
    const s = summaryOf(breaker);
    const features = readFeatures(s.inputs.features.map((f) => f.path));
    const refusals = features.flatMap((f) =>
      f.scenarios
        .filter((sc) => sc.steps.some((st) => /^Then (the|every) request is refused/.test(st)))
        .map((sc) => `${f.path}:${sc.line}`),
    );
    assert.ok(refusals.length > 5);
    const outcomes = new Map(s.rules.flatMap((r) => r.scenarios).map((sc) => [`${sc.feature}:${sc.line}`, sc.outcome]));
    // A scenario written for another reading of an uncertain rule is not applicable on this default-reading
    // target, whatever the target does.
    for (const where of refusals)
      if (outcomes.get(where) !== 'not applicable') assert.equal(outcomes.get(where), 'nonconformant', where);
    for (const r of s.rules.filter((x) => x.status === 'nonconformant'))
      assert.ok(r.scenarios.some((sc) => sc.outcome === 'nonconformant'));
    // Scenarios whose outcome steps are only about the connection never send a request, which is all this
    // target changes: they must come out exactly as on the honest model.
    const honest = new Map(
      summaryOf(full)
        .rules.flatMap((r) => r.scenarios)
        .map((sc) => [`${sc.feature}:${sc.line}`, sc.outcome]),
    );
    const outcomeSteps = (steps: string[]) => steps.slice(steps.findIndex((st) => st.startsWith('Then ')));
    const connectionOnly = features.flatMap((f) =>
      f.scenarios
        .filter((sc) => outcomeSteps(sc.steps).every((st) => /IPIC connection/.test(st) && !/request/.test(st)))
        .map((sc) => `${f.path}:${sc.line}`),
    );
    assert.ok(connectionOnly.length > 5);
    for (const where of connectionOnly) assert.equal(outcomes.get(where), honest.get(where), where);
    const junit = junitOf(breaker);
    assert.ok(Number(junit.testsuites['@_failures']) > 0);
    const statuses = allureStatuses(breaker);
    assert.equal(
      statuses.filter((st) => st === 'failed').length,
      s.totals.scenarios.nonconformant,
      'Allure failed = nonconformant',
    );
    assert.equal(statuses.filter((st) => st === 'broken').length, 0);
    assert.equal(junit.testsuites['@_errors'], '0');
  });
});

describe('a target that declines only when a request is sent', () => {
  test('reports those scenarios as not applicable with its reason, not as harness errors', () => {
    assert.equal(lateDecline.code, 0, lateDecline.stdout + lateDecline.stderr);
    const s = summaryOf(lateDecline);
    assert.deepEqual(s.outcome.harnessErrors, []);
    assert.equal(s.totals.scenarios['harness error'], 0);
    assert.ok(s.totals.scenarios['not applicable'] > 0, 'some scenarios send a wrong password');
    assert.ok(s.totals.scenarios.conformant > 0, 'the others still run');
    const declined = s.rules.flatMap((r) => r.scenarios).filter((sc) => sc.outcome === 'not applicable');
    for (const sc of declined) assert.match(sc.reason ?? '', /bad-password budget/, sc.name);
  });
});

describe('harness errors are never nonconformance', () => {
  test('an undefined step exits 2; its rule is "harness error" in the summary, an error in JUnit', () => {
    assert.equal(undefinedStep.code, 2, undefinedStep.stdout);
    const s = summaryOf(undefinedStep);
    assert.equal(s.outcome.verdict, 'harness error');
    assert.equal(rule(s, 'R10').status, 'harness error');
    assert.deepEqual(
      s.totals.scenarios,
      { conformant: 0, nonconformant: 0, 'not applicable': 0, 'harness error': 1 },
      'only the given feature ran',
    );
    assert.equal(s.totals.rules.nonconformant, 0);
    const junit = junitOf(undefinedStep);
    assert.equal(junit.testsuites['@_errors'], '1');
    assert.equal(junit.testsuites['@_failures'], '0');
    // Allure files it under "Harness error" (broken), never "Nonconformance" (failed) nor passed.
    assert.deepEqual(allureStatuses(undefinedStep), ['broken']);
  });

  const cases: [string, RegExp][] = [
    ['target', /IPIC_TARGET: \.\/test\/fixtures\/report\/no-such-target\.ts: expected a loadable module/],
    ['options', /IPIC_MODEL_OPTIONS: nonsense: expected an option name/],
    ['inventory', /no-endpoint\.json: endpoint: expected an http\(s\) URL/],
    ['unreadableInventory', /IPIC_INVENTORY: .*does-not-exist\.yaml: expected a readable file/],
    ['argv', /command line: --colour: expected one of --tags/],
  ];
  for (const [name, message] of cases) {
    test(`bad input (${name}) exits 2 with a message naming the source and the field, and replaces nothing`, () => {
      const run = failures[name]!;
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
      for (const artifact of ['conformance.json', 'junit.xml', 'summaries', 'site', 'allure-results'])
        assert.ok(!existsSync(path.join(run.dir, artifact)), `${artifact}: a run that did not happen writes none`);
      const lastRun = JSON.parse(readFileSync(path.join(run.dir, 'last-run.json'), 'utf8')) as {
        exitCode: number;
        artifacts: string;
        problems: string[];
      };
      assert.equal(lastRun.exitCode, 2);
      assert.match(lastRun.artifacts, /earlier run/);
      assert.match(lastRun.problems.join('\n'), message);
    });
  }
});
