/**
 * `--parallel N` spreads a live run's scenarios over N cucumber worker processes, each with its own live
 * target. RACF revokes a user after repeated bad passwords, so the inventory's bad-password budget is per
 * account per run: N workers together must never spend more than it, however their attempts interleave.
 * Each worker here is a real process, as cucumber's are, sharing the ledger directory the runner gives them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { HarnessInputErrors } from '../support/settings';
import { parseCommandLine } from '../src/run/command-line';

const REPO = path.resolve(__dirname, '..');
const LOADER = path.join(REPO, 'support', 'register-typescript.js');
const WORKERS = 4;
const BUDGET = 2;

/**
 * One worker: as many bad-password attempts as it can get on ALICE and BOB of one site (one at a time, and
 * in pairs), taken as fast as it can, then what it got.
 */
const WORKER = `
const { RunLedger } = require(${JSON.stringify(path.join(REPO, 'src', 'targets', 'live', 'ledger.ts'))});
const site = { name: 'PLEX1', racf: { users: [{ id: 'ALICE' }, { id: 'BOB', badPasswordBudget: ${BUDGET + 1} }] } };
const ledger = new RunLedger(${BUDGET}, process.argv[1]);
const got = { ALICE: 0, BOB: 0 };
for (let i = 0; i < 25; i++) {
  for (const id of ['ALICE', 'BOB']) if (ledger.spend(site, id)) got[id]++;
  if (ledger.spendAll(site, ['ALICE', 'BOB']) === undefined) { got.ALICE++; got.BOB++; }
}
process.stdout.write(JSON.stringify({ got, remaining: ledger.remainingBudget(site, 'ALICE') }));
`;

function worker(dir: string): Promise<{ got: Record<string, number>; remaining: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', LOADER, '-e', WORKER, dir], { cwd: REPO });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

describe('the bad-password budget of a parallel live run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipic-ledger-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`${WORKERS} workers sharing the ledger together spend each account's budget once, never more`, async () => {
    const ledger = path.join(dir, 'ledger');
    const results = await Promise.all(Array.from({ length: WORKERS }, () => worker(ledger)));
    const total = (id: string) => results.reduce((sum, r) => sum + (r.got[id] ?? 0), 0);
    assert.equal(total('ALICE'), BUDGET, "ALICE: the inventory's default budget, across all workers");
    assert.equal(total('BOB'), BUDGET + 1, 'BOB: his own budget, across all workers');
    for (const r of results) assert.equal(r.remaining, 0, 'every worker sees the budget spent by all');
  });

  it('a pair that cannot be spent whole leaves nothing spent', async () => {
    const ledger = path.join(dir, 'pairs');
    const results = await Promise.all(Array.from({ length: WORKERS }, () => worker(ledger)));
    // Whatever the interleaving, no worker's failed pair kept its first attempt: the totals are exact.
    const total = (id: string) => results.reduce((sum, r) => sum + (r.got[id] ?? 0), 0);
    assert.equal(total('ALICE') + total('BOB'), BUDGET + BUDGET + 1);
  });
});

describe('--parallel on the command line', () => {
  it('takes a number of workers; 1 runs in the one process', () => {
    assert.equal(parseCommandLine(['--parallel', '4']).parallel, 4);
    assert.equal(parseCommandLine(['--parallel', '1']).parallel, 0);
    assert.equal(parseCommandLine([]).parallel, 0);
  });

  for (const bad of ['0', 'two', '2.5', '65'])
    it(`refuses --parallel ${bad}, naming the option`, () => {
      assert.throws(
        () => parseCommandLine(['--parallel', bad]),
        (e: unknown) => e instanceof HarnessInputErrors && /--parallel: expected a whole number/.test(String(e)),
      );
    });
});
