/**
 * The run's stages on their own (src/run): settings and command line report every problem at once, the
 * console loses stack frames but not messages, required rules match rule tags, the lock and the staging
 * area keep one run's artifacts whole.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { reportPaths } from '../src/report/artifacts';
import { loadRuleIndex } from '../src/report/rules';
import { parseCommandLine } from '../src/run/command-line';
import { LOCK_FILE, lockReports } from '../src/run/reports-lock';
import { requiredRuleIds, ruleTags } from '../src/run/required-rules';
import { dropStackFrames } from '../src/run/run-cucumber';
import { createStaging } from '../src/run/staging';
import { featureFiles, readFeatures } from '../src/site/gherkin';
import { HarnessInputErrors, readSettings } from '../support/settings';

const scratch = mkdtempSync(path.join(tmpdir(), 'ipic-stages-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof HarnessInputErrors, String(error));
    return error.problems.map((p) => p.message);
  }
  assert.fail('no problem reported');
};

describe('settings', () => {
  test('every bad variable is reported, each by name', () => {
    const problems = problemsOf(() =>
      readSettings({
        IPIC_STEP_TIMEOUT_MS: '30s',
        IPIC_MODEL_READINGS: 'sometimes',
        IPIC_SKIP_ALLURE_HTML: 'yes',
        IPIC_DEBUG: '2',
      }),
    );
    assert.equal(problems.length, 4);
    for (const name of ['IPIC_STEP_TIMEOUT_MS', 'IPIC_MODEL_READINGS', 'IPIC_SKIP_ALLURE_HTML', 'IPIC_DEBUG'])
      assert.ok(
        problems.some((p) => p.startsWith(`${name}: `)),
        name,
      );
  });
  test('step timeouts: whole milliseconds from 1 to an hour', () => {
    for (const bad of ['abc', '-1', '0', '1.5', '3600001', '1e3'])
      problemsOf(() => readSettings({ IPIC_STEP_TIMEOUT_MS: bad }));
    assert.equal(readSettings({ IPIC_STEP_TIMEOUT_MS: '3600000' }).stepTimeoutMs, 3_600_000);
    assert.equal(readSettings({}).stepTimeoutMs, 30_000);
  });
});

describe('command line', () => {
  test('every problem at once: a bad tag expression with its cause, an unknown option, a missing file', () => {
    const problems = problemsOf(() =>
      parseCommandLine(['--tags', '(@a', '--frobnicate', 'features/none.feature', '--require', '@a and']),
    );
    assert.equal(problems.length, 4);
    assert.match(problems[0]!, /--tags: expected a cucumber tag expression \(.*\)/);
    assert.match(problems[1]!, /--frobnicate/);
    assert.match(problems[2]!, /features\/none\.feature: expected an existing feature file/);
    assert.match(problems[3]!, /--require: expected a cucumber tag expression/);
  });
  test('a requirements file names the line of a bad expression', () => {
    const file = path.join(scratch, 'required.txt');
    writeFileSync(file, '# gate\n@R14\n@a or\n');
    const problems = problemsOf(() => parseCommandLine(['--require-file', file]));
    assert.match(problems[0]!, /required\.txt:3: required rules: expected a cucumber tag expression/);
  });
  test('a selection is a subset; no selection is a full run', () => {
    assert.equal(parseCommandLine([]).subset, false);
    assert.equal(parseCommandLine(['--name', 'x']).subset, true);
    assert.equal(parseCommandLine(['features/bind-security.feature:19']).subset, true);
  });
});

describe('the console', () => {
  test('drops stack frames, keeps messages', () => {
    const error = new Error('the target said no');
    const text = `${error.stack}\n    at async Promise.all (index 0)\n    at new Promise (<anonymous>)\nmeet at 3 o'clock\n`;
    assert.equal(dropStackFrames(text), "Error: the target said no\nmeet at 3 o'clock\n");
  });
});

describe('required rules', () => {
  const index = loadRuleIndex();
  const tags = ruleTags(index, readFeatures(featureFiles('features')));
  test('match the tags of the Rule blocks and features their scenarios sit in', () => {
    const critical = requiredRuleIds([{ expression: '@severity:critical', from: '--require' }], tags);
    assert.ok(critical.includes('R10'));
    const other = [...tags].find(([, own]) => !own.has('@severity:critical'))![0];
    assert.ok(!critical.includes(other), `${other} is not critical`);
    assert.deepEqual(requiredRuleIds([{ expression: '@R14 or @R5', from: '--require' }], tags), ['R5', 'R14']);
    assert.deepEqual(
      requiredRuleIds([{ expression: '@area:bind and not @severity:critical', from: '--require' }], tags).every(
        (id) => !critical.includes(id),
      ),
      true,
    );
  });
  test('never by a scenario-only tag such as @assumes', () => {
    assert.deepEqual(requiredRuleIds([{ expression: '@assumes:idprop=enforced', from: '--require' }], tags), []);
  });
});

describe('the reports lock', () => {
  test('a second lock in the same directory is refused while the first is held, and free once released', () => {
    const dir = path.join(scratch, 'locked');
    const first = lockReports(dir, 'first');
    assert.throws(() => lockReports(dir, 'second'), /held by run \d+/);
    first.release();
    assert.ok(!existsSync(path.join(dir, LOCK_FILE)));
    lockReports(dir, 'third').release();
  });
  test("another host's lock is never taken as stale", () => {
    const dir = path.join(scratch, 'shared-disk');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: `not-${hostname()}`, startedAt: 'x', command: 'x' }),
    );
    assert.throws(() => lockReports(dir, 'mine'), /held by run 1 on not-/);
  });
});

describe('staging', () => {
  test('discarded, it leaves the previous set; published, it replaces each entry whole', () => {
    const dir = path.join(scratch, 'reports');
    const final = reportPaths(dir, path.join(dir, 'allure-results'));
    mkdirSync(path.join(final.allureResults), { recursive: true });
    writeFileSync(path.join(final.allureResults, 'old-result.json'), 'old');
    writeFileSync(final.summaryJson, 'old summary');
    const discarded = createStaging(final, 'model');
    writeFileSync(discarded.paths.summaryJson, 'discarded');
    discarded.discard();
    assert.equal(readFileSync(final.summaryJson, 'utf8'), 'old summary');
    const staged = createStaging(final, 'model');
    mkdirSync(staged.paths.allureResults, { recursive: true });
    writeFileSync(path.join(staged.paths.allureResults, 'new-result.json'), 'new');
    writeFileSync(staged.paths.summaryJson, 'new summary');
    staged.publish([(p) => p.allureResults, (p) => p.summaryJson, (p) => p.junit]);
    assert.equal(readFileSync(final.summaryJson, 'utf8'), 'new summary');
    assert.ok(existsSync(path.join(final.allureResults, 'new-result.json')));
    assert.ok(!existsSync(path.join(final.allureResults, 'old-result.json')), 'a directory is replaced, not merged');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('.')),
      [],
    );
  });
});
