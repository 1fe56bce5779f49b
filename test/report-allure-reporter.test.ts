/**
 * The Allure results a plain `cucumber-js` run writes (the default profile, so the masked formatter and
 * src/report/harness-allure-reporter.ts over the real allure-cucumberjs): a scenario whose Before hook
 * fails is a harness error (broken, naming the hook and the reason), never "skipped", which the Allure
 * categories read as not applicable; hooks that pass leave no fixture; results carry their labels.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '..');
const CUCUMBER = path.join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
mkdirSync(path.join(REPO, '.cache'), { recursive: true });
const dir = mkdtempSync(path.join(REPO, '.cache', 'allure-reporter-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  name: string;
  status: string;
  statusDetails?: { message?: string };
  labels: { name: string; value: string }[];
  steps: { name: string; status: string }[];
  parameters?: { name: string; value: string }[];
  attachments?: { name: string; type: string }[];
}
interface Container {
  befores?: unknown[];
  afters?: unknown[];
}

const scenario = (name: string, tags = '') =>
  [
    `  @R22${tags}`,
    `  Scenario: ${name}`,
    '    Given RACF users ALICE and LINKUSR',
    '    And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR)',
    '    When ALICE calls the whoami API with the correct password',
    '    Then the request runs under LINKUSR',
  ].join('\n');

let results: Result[] = [];
let containers: Container[] = [];
let exitCode: number | null = null;

before(() => {
  const feature = path.join(dir, 'hooks.feature');
  writeFileSync(
    feature,
    [
      '@area:user',
      'Feature: Hooks in Allure',
      scenario('Runs'),
      scenario('Assumes a reading that does not exist', ' @assumes:noSuchOption=whatever'),
      '  @R22',
      '  Scenario Outline: An outline row for <user>',
      '    Given RACF users <user> and LINKUSR',
      '    And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR)',
      '    When <user> calls the whoami API with the correct password',
      '    Then the request runs under LINKUSR',
      '',
      '    Examples:',
      '      | user  |',
      '      | ALICE |',
      '      | BOB   |',
      '',
    ].join('\n'),
  );
  const config = path.join(dir, 'cucumber.cjs');
  writeFileSync(
    config,
    `const base = require(${JSON.stringify(path.join(REPO, 'cucumber.js'))}).default;\n` +
      `module.exports = { default: { ...base, paths: [${JSON.stringify(feature)}], ` +
      `format: ['./src/report/masked-allure-formatter.js:${path.join(dir, 'formatter.log')}'] } };\n`,
  );
  const resultsDir = path.join(dir, 'allure-results');
  const run = spawnSync(process.execPath, [CUCUMBER, '--config', path.relative(REPO, config)], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, IPIC_ALLURE_RESULTS: resultsDir },
  });
  exitCode = run.status;
  const read = (suffix: string) =>
    readdirSync(resultsDir)
      .filter((f) => f.endsWith(suffix))
      .map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) as unknown);
  results = read('-result.json') as Result[];
  containers = read('-container.json') as Container[];
});

describe('Allure results of a plain cucumber-js run', () => {
  const result = (name: string) => {
    const found = results.find((r) => r.name === name);
    assert.ok(found, `a result for "${name}"`);
    return found;
  };

  it('fails the run', () => assert.equal(exitCode, 1));

  it('shows a failed Before hook as a broken step that names the hook and the reason', () => {
    const broken = result('Assumes a reading that does not exist');
    assert.equal(broken.status, 'broken');
    assert.match(broken.statusDetails?.message ?? '', /@assumes:noSuchOption=whatever names no documented reading/);
    const hook = broken.steps.find((s) => s.status === 'broken');
    assert.match(hook?.name ?? '', /^Before hook support\/hooks\.ts:\d+ failed$/);
  });

  it('leaves no fixture for hooks that pass, and passes the scenario that ran', () => {
    const ran = result('Runs');
    assert.equal(ran.status, 'passed');
    assert.ok(!ran.steps.some((s) => /hook/i.test(s.name)), 'no hook among its steps');
    for (const c of containers) assert.deepEqual([...(c.befores ?? []), ...(c.afters ?? [])], []);
  });

  it("shows an outline's row as the result's parameters, without the whole Examples table as a file", () => {
    for (const user of ['ALICE', 'BOB']) {
      const row = result(`An outline row for ${user}`);
      assert.equal(row.status, 'passed');
      assert.deepEqual(row.parameters, [{ name: 'user', value: user }]);
      assert.deepEqual(row.attachments ?? [], []);
    }
    assert.ok(!readdirSync(path.join(dir, 'allure-results')).some((f) => f.endsWith('.csv')), 'no CSV attachment');
  });

  it('labels each result with its epic and rule', () => {
    for (const r of results) {
      assert.ok(r.labels.some((l) => l.name === 'epic' && l.value === 'User security'));
      assert.ok(r.labels.some((l) => l.name === 'rule' && l.value === 'R22'));
    }
  });
});
