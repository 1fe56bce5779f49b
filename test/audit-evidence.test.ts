/**
 * Evidence for the auditor (issue 11, items 7 and 9): the summary of an audit run records every
 * definitions file read with its SHA-256, so the findings can be tied to the exact bytes judged, and
 * statements set aside as irrelevant are one count per kind, not a line each.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { loadSite } from '../src/definitions/load-site';
import type { Summary } from '../src/report/summary-schema';

const scratch = mkdtempSync(path.join(tmpdir(), 'audit-evidence-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesBelow(full) : [full];
  });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('every file of the sample site is read and recorded with its SHA-256, and nothing else', () => {
  const loaded = loadSite('examples/site');
  assert.deepEqual(
    loaded.filesRead.map((f) => f.file).sort(),
    filesBelow('examples/site')
      .map((f) => f.split(path.sep).join('/'))
      .sort(),
  );
  for (const f of loaded.filesRead) {
    assert.equal(f.sha256, sha256(f.file), f.file);
    assert.equal(f.bytes, statSync(f.file).size, f.file);
  }
});

test('thousands of irrelevant statements are one count per kind, with the first place and no warning each', () => {
  const directory = path.join(scratch, 'many');
  cpSync('examples/site', directory, { recursive: true });
  const programs = Array.from(
    { length: 2000 },
    (_, i) => `DEFINE PROGRAM(P${String(i).padStart(7, '0')}) GROUP(APPS)\n`,
  );
  appendFileSync(path.join(directory, 'cics/dfhcsdup.txt'), programs.join(''));
  const loaded = loadSite(directory);
  const program = loaded.skipped.filter((s) => s.kind === 'DEFINE PROGRAM');
  assert.equal(program.length, 1);
  assert.equal(program[0]?.count, 2001, 'the sample has one DEFINE PROGRAM of its own');
  assert.equal(program[0]?.first.line, 35);
  assert.ok(loaded.warnings.length < 5, `warnings stay few: ${loaded.warnings.length}`);
});

test('the run summary carries the files with their digests, and the skip counts as notes', () => {
  const reports = path.join(scratch, 'reports');
  const run = spawnSync(process.execPath, ['scripts/run-conformance.js', '--tags', '@R53', '--record-subset'], {
    env: {
      ...process.env,
      IPIC_TARGET: 'audit',
      IPIC_DEFINITIONS: 'examples/site',
      IPIC_REPORTS_DIR: reports,
      IPIC_ALLURE_RESULTS: '',
    },
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const summary = JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as Summary;
  const files = summary.target.files ?? [];
  assert.equal(files.length, filesBelow('examples/site').length);
  for (const f of files) assert.equal(f.sha256, sha256(f.path), f.path);
  const notes = (summary.target.description as { notes?: string[] }).notes ?? [];
  assert.ok(
    notes.includes(
      'skipped: DEFINE PROGRAM, once (first at examples/site/cics/dfhcsdup.txt:35:1): not relevant to IPIC security',
    ),
    notes.join('\n'),
  );
});
