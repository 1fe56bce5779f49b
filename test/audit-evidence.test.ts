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

test('thousands of irrelevant statements are one count per kind, and thousands of groups one warning', () => {
  const directory = path.join(scratch, 'many');
  cpSync('examples/site', directory, { recursive: true });
  // Each in a group of its own, none of them in the sample's GRPLIST: a CSD as real regions have.
  const name = (i: number) => i.toString(36).toUpperCase().padStart(4, '0');
  const definitions = Array.from({ length: 2000 }, (_, i) =>
    i % 2 === 0
      ? `DEFINE PROGRAM(P${name(i)}) GROUP(G${name(i)})\n`
      : `DEFINE TRANSACTION(${name(i)}) PROGRAM(P${name(i - 1)}) GROUP(G${name(i)})\n`,
  );
  appendFileSync(path.join(directory, 'cics/dfhcsdup.txt'), definitions.join(''));
  const loaded = loadSite(directory);
  const program = loaded.skipped.filter((s) => s.kind === 'DEFINE PROGRAM');
  assert.equal(program.length, 1);
  assert.equal(program[0]?.count, 1001, 'the sample has one DEFINE PROGRAM of its own');
  assert.equal(program[0]?.first.line, 35);
  assert.equal(loaded.site.transactions.filter((t) => t.program.startsWith('P')).length, 1000);
  assert.ok(loaded.warnings.length < 5, loaded.warnings.map((w) => w.message).join('\n'));
  const groups = loaded.warnings.filter((w) => /in no list of GRPLIST/.test(w.message));
  assert.equal(groups.length, 1);
  assert.match(groups[0]?.message ?? '', /^1000 groups G0001, G0003, G0005, G0007, G0009 and 995 more are in no list/);
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
      // Nothing here reads the Allure HTML report, and building it starts a JVM (seconds).
      IPIC_SKIP_ALLURE_HTML: '1',
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
