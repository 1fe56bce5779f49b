/**
 * A run that says what it is doing (issue 17, item 5): every phase is named as it starts; on a terminal a
 * phase that runs past two seconds shows its elapsed time in place; elsewhere each phase is one plain line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createProgress } from '../src/run/progress';

function fakeTerminal(isTTY: boolean) {
  let now = 0;
  let tick: (() => void) | undefined;
  const written: string[] = [];
  const progress = createProgress({ isTTY, write: (t: string) => written.push(t) }, () => now, {
    every: (_ms, t) => {
      tick = t;
      return () => (tick = undefined);
    },
  });
  const pass = (ms: number) => {
    for (let i = 0; i < ms / 1000; i++) {
      now += 1000;
      tick?.();
    }
  };
  return { progress, pass, text: () => written.join('') };
}

test('off a terminal: one plain line per phase and a last line with the time, nothing rewritten', () => {
  const t = fakeTerminal(false);
  t.progress.phase('loading the target and planning the scenarios');
  t.pass(5000);
  t.progress.phase('building the Allure report');
  t.pass(13000);
  t.progress.done();
  assert.equal(
    t.text(),
    'phase: loading the target and planning the scenarios\nphase: building the Allure report\nphase: done in 18.0 s\n',
  );
});

test('on a terminal: a phase past two seconds shows its elapsed time, rewritten in place; a short one does not', () => {
  const t = fakeTerminal(true);
  t.progress.phase('writing the reports');
  t.pass(1000);
  t.progress.phase('building the Allure report');
  t.pass(4000);
  t.progress.done();
  assert.equal(
    t.text(),
    'phase: writing the reports\nphase: building the Allure report\n' +
      '\r  ... building the Allure report: 2 s\r  ... building the Allure report: 3 s\r  ... building the Allure report: 4 s\n' +
      'phase: done in 5.0 s\n',
  );
});

test('a run names its phases in order on stderr, and stdout keeps only the results', () => {
  const reports = mkdtempSync(path.join(tmpdir(), 'run-progress-'));
  try {
    const run = spawnSync(process.execPath, ['scripts/run-conformance.js', '--tags', '@R53'], {
      env: { ...process.env, IPIC_REPORTS_DIR: reports, IPIC_TARGET: 'model' },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const phases = run.stderr.split('\n').filter((l) => l.startsWith('phase: '));
    assert.deepEqual(phases.slice(0, -1), [
      'phase: loading the target and planning the scenarios',
      'phase: running 3 scenarios on the model target',
      'phase: writing the reports',
      'phase: building the Allure report',
      'phase: publishing the reports',
    ]);
    assert.match(phases.at(-1) ?? '', /^phase: done in \d+\.\d s$/);
    assert.doesNotMatch(run.stdout, /phase:/);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});
