/**
 * support/register-typescript.js maps stack traces with Node's own source maps instead of the package
 * ts-node installs. Whatever maps them, a harness error and a step's location must still name the
 * TypeScript file and line, or a QA engineer is sent to the wrong place. This runs a scenario that fails
 * inside support/world.ts through the project's own profile and checks both against the source.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';

const REPO = path.resolve(__dirname, '..');
const CUCUMBER = path.join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const dir = mkdtempSync(path.join(tmpdir(), 'ipic-register-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The 1-based line of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(path.join(REPO, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(index >= 0, `${file} has no line with ${text}`);
  return index + 1;
}

let output = '';
let envelopes: Envelope[] = [];

before(() => {
  // "Then the request runs under" reads the response, and none was sent: world.ts throws.
  writeFileSync(
    path.join(dir, 'fails.feature'),
    'Feature: Fails\n  Scenario: No request\n    Given RACF users ALICE and LINKUSR\n    Then the request runs under ALICE\n',
  );
  const config = path.join(dir, 'cucumber.cjs');
  writeFileSync(
    config,
    `const base = require(${JSON.stringify(path.join(REPO, 'cucumber.js'))}).mutation;\n` +
      `module.exports = { default: { ...base, paths: [${JSON.stringify(path.join(dir, 'fails.feature'))}], ` +
      `format: ['progress', 'message:${path.join(dir, 'messages.ndjson')}'] } };\n`,
  );
  const run = spawnSync(process.execPath, [CUCUMBER, '--config', path.relative(REPO, config)], {
    cwd: REPO,
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, `the scenario should fail: ${run.stderr}`);
  output = run.stdout;
  envelopes = readFileSync(path.join(dir, 'messages.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Envelope);
});

describe('TypeScript stack traces (support/register-typescript.js)', () => {
  it("name the .ts file and line of a harness error's throw", () => {
    const line = lineOf('support/world.ts', "throw new Error('no request was sent in this scenario')");
    assert.match(output, new RegExp(`support/world\\.ts:${line}:\\d+`));
  });

  it("give each step definition its .ts file and line (cucumber's step locations)", () => {
    const locations = envelopes
      .filter((e) => e.stepDefinition)
      .map((e) => e.stepDefinition!)
      .map((d) => [d.pattern.source, `${d.sourceReference.uri}:${d.sourceReference.location?.line}`]);
    const at = new Map(locations as [string, string][]);
    assert.equal(
      at.get('RACF users {user} and {user}'),
      `steps/racf.steps.ts:${lineOf('steps/racf.steps.ts', "Given('RACF users {user} and {user}'")}`,
    );
    assert.equal(
      at.get('the request runs under {user}'),
      `steps/outcomes.steps.ts:${lineOf('steps/outcomes.steps.ts', "Then('the request runs under {user}'")}`,
    );
  });
});

describe("libraries' source maps (support/register-typescript.js)", () => {
  it('are not read: a library module loads without its map, our TypeScript keeps its own', () => {
    // A fresh process: this one loaded its modules before the test could look.
    const probe = spawnSync(
      process.execPath,
      [
        '-r',
        './support/register-typescript.js',
        '-e',
        `const { findSourceMap } = require('node:module');
         const library = require.resolve('@cucumber/cucumber/api');
         require(library); require('./support/escaped-text.ts');
         console.log(JSON.stringify({ library: findSourceMap(library) !== undefined,
           ours: findSourceMap(require.resolve('./support/escaped-text.ts')) !== undefined }));`,
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    assert.equal(probe.status, 0, probe.stderr);
    assert.deepEqual(JSON.parse(probe.stdout), { library: false, ours: true });
    // The library file does name a map: without the loader's stripping, Node would read it.
    assert.match(
      readFileSync(path.join(REPO, 'node_modules/@cucumber/cucumber/lib/api/index.js'), 'utf8'),
      /\/\/# sourceMappingURL=\S+\.map\s*$/,
    );
  });

  it('are cut only where the comment ends the file', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { withoutMapComment } = require('../support/register-typescript.js') as {
      withoutMapComment: (s: string) => string;
    };
    assert.equal(withoutMapComment('a();\n//# sourceMappingURL=a.js.map\n'), 'a();\n');
    const quoted = "x('//# sourceMappingURL=fake.map');\nb();\n";
    assert.equal(withoutMapComment(quoted), quoted);
    assert.equal(withoutMapComment('c();\n'), 'c();\n');
  });
});
