/**
 * Two YAML parsers read the project's inputs: js-yaml (core schema) reads a valid text fast, and the yaml
 * package, which knows every node's position, explains a text js-yaml refuses and gives the lines of
 * problems (src/inventory/load.ts, src/report/rules.ts). They must read every valid input alike, or a file
 * would mean one thing when it is valid and another when it has a problem: here, every YAML file the
 * project keeps (the rule index, the example inventory and sites, the kit, the real-world fixtures).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '..');
const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: REPO, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);

describe('js-yaml and the yaml package read the project YAML alike', () => {
  it('finds the files (the rule index, the example inventory, the kit)', () => {
    for (const expected of ['docs/rules.yaml', 'examples/live/site.yaml', 'zos-kit/site.yaml'])
      assert.ok(files.includes(expected), expected);
  });
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      assert.deepEqual(load(text, { schema: CORE_SCHEMA, filename: file }), parse(text));
    });
  }
  it('scalars YAML 1.1 read otherwise (a date, no, 010) read alike: strings and a decimal number', () => {
    const text = 'auditDate: 2026-01-31\nflag: no\nnumber: 010\n';
    assert.deepEqual(load(text, { schema: CORE_SCHEMA }), parse(text));
  });
});
