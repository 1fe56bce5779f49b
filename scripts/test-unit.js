#!/usr/bin/env node
// npm run test:unit: every test/*.test.ts file, two at a time, then the files that must run alone.
//
// Why two at a time: Node 20 runs test files one after the other on a 2-core machine (its default is the
// core count less one), and each file is mostly a child process starting up or waiting on I/O, so two at a
// time took the unit tests from about 100 s to about 65 s (issue 14). The files write only to temporary
// directories of their own (mkdtemp), pick their ports from the OS, and the TypeScript cache is safe to
// share (support/register-typescript.js writes each entry whole, by rename), so none shares state with
// another. Extra arguments are passed to `node --test` (e.g. --test-name-pattern).
'use strict';
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
/** Files that must not share the machine with another test file, and why. */
const ALONE = {
  // It loads every core with busy loops on purpose, which would slow whatever runs beside it, and its own
  // verdicts wait on a server it starves; beside another file it is a load test of both.
  'test/live-bind-loaded.test.ts': 'puts every core under load on purpose',
};
const CONCURRENCY = process.env.IPIC_TEST_CONCURRENCY || '2';

const files = readdirSync(path.join(ROOT, 'test'))
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => `test/${f}`);
const together = files.filter((f) => !(f in ALONE));
const alone = files.filter((f) => f in ALONE);
const extra = process.argv.slice(2);

function nodeTest(args) {
  const run = spawnSync(process.execPath, ['-r', './support/register-typescript.js', '--test', ...extra, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return run.status ?? 1;
}

const codes = [nodeTest([`--test-concurrency=${CONCURRENCY}`, ...together])];
if (alone.length) codes.push(nodeTest(alone));
process.exit(codes.find((c) => c !== 0) ?? 0);
