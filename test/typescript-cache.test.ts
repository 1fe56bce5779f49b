/**
 * support/cached-swc-transpiler.js keeps each transpiled file on disk. The one thing it must never do is
 * serve an old output for a changed file: a QA engineer would then run code that is not what they read.
 * Each run here is a fresh process loading the same TypeScript file through the project's ts-node setup.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';

const REPO = path.resolve(__dirname, '..');
const CACHE = path.join(REPO, 'node_modules', '.cache', 'ipic-typescript');
// Inside the project, so ts-node takes it with the project's tsconfig.
mkdirSync(path.join(REPO, '.cache'), { recursive: true });
const dir = mkdtempSync(path.join(REPO, '.cache', 'typescript-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'value.ts');
const load = () =>
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-e', `console.log(require(${JSON.stringify(file)}).value)`],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  ).trim();
/** The kept outputs that hold this text (other test files may be filling the cache at the same time). */
const kept = (text: string) =>
  existsSync(CACHE)
    ? readdirSync(CACHE)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(CACHE, f))
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
