/**
 * support/register-typescript.js transpiles each .ts file with swc and keeps the output on disk. The one
 * thing it must never do is serve an old output for a changed file: a QA engineer would then run code that
 * is not what they read. And it must not load TypeScript's compiler (issue 14: that alone cost a third of a
 * model run). Each run here is a fresh process loading a TypeScript file through the loader, with a cache
 * of its own (IPIC_TYPESCRIPT_CACHE), so no other test's files get in the way.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const REPO = path.resolve(__dirname, '..');
const LOADER = path.join(REPO, 'support', 'register-typescript.js');
const dir = mkdtempSync(path.join(tmpdir(), 'ipic-typescript-test-'));
const cache = path.join(dir, 'cache');
after(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'value.ts');
const run = (script: string) =>
  execFileSync(process.execPath, ['-r', LOADER, '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, IPIC_TYPESCRIPT_CACHE: cache },
  }).trim();
const load = () => run(`console.log(require(${JSON.stringify(file)}).value)`);
/** The kept outputs that hold this text. */
const kept = (text: string) =>
  existsSync(cache)
    ? readdirSync(cache)
        .map((f) => path.join(cache, f))
        .filter((f) => readFileSync(f, 'utf8').includes(text))
    : [];

test('an unchanged file is served from the cache; a changed one is transpiled again', () => {
  const [first, second] = [`first-${randomUUID()}`, `second-${randomUUID()}`];
  writeFileSync(file, `export const value: string = '${first}';\n`);
  assert.equal(load(), first);
  const [entry, ...more] = kept(first);
  assert.ok(entry && more.length === 0, 'the output was kept once');
  // The next run takes the kept output: an edit made to it shows.
  writeFileSync(entry, readFileSync(entry, 'utf8').replace(first, `${first}-kept`));
  assert.equal(load(), `${first}-kept`);
  writeFileSync(file, `export const value: string = '${second}';\n`);
  assert.equal(load(), second, 'the changed file, not the kept output of the old one');
  assert.equal(kept(second).length, 1);
});

test("a run of the harness's TypeScript loads neither TypeScript's compiler nor ts-node", () => {
  // Cucumber over every feature with the project's support code and steps (a dry run: loading is the
  // point), once transpiling into an empty cache and once from it; the modules it held are listed at exit.
  const listModules = path.join(dir, 'list-modules.js');
  writeFileSync(
    listModules,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n",
  );
  const cucumber = path.join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  for (const pass of ['transpiling', 'cached']) {
    const out = path.join(dir, `modules-${pass}.json`);
    execFileSync(process.execPath, ['-r', listModules, cucumber, '--profile', 'mutation', '--dry-run'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, IPIC_TYPESCRIPT_CACHE: cache, MODULES_OUT: out },
    });
    const modules = JSON.parse(readFileSync(out, 'utf8')) as string[];
    assert.ok(
      modules.some((m) => m.endsWith(path.join('support', 'world.ts'))),
      `${pass}: the support code was loaded`,
    );
    const compilers = modules.filter((m) => /node_modules[\\/](typescript|ts-node)[\\/]/.test(m));
    assert.deepEqual(compilers, [], `${pass}: no TypeScript compiler in the process`);
  }
});
