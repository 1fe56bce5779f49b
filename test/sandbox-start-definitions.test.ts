/**
 * `npm run sandbox -- --definitions DIR`: the rehearsal's sandbox kept up for trying a draft by hand. Started
 * on the kit, it prints where its inventory is; the preflight against that inventory passes every check
 * (ports, certificates, clock, each whoami API as a permitted caller); Ctrl-C stops it, exit 0, and its
 * temporary directory (which holds the made-up passwords) goes with it. `--draft` alone is a usage error.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { preflight } from '../src/preflight/preflight';
import { removeTempReports, REPO, runTypeScript, tempReports } from './fixtures/report/run';

after(removeTempReports);

const START = path.join(REPO, 'scripts', 'sandbox', 'start.ts');
const LOADER = path.join(REPO, 'support', 'register-typescript.js');

test('serves the kit until Ctrl-C, and the preflight passes against the inventory it prints', async () => {
  const child = spawn(process.execPath, ['-r', LOADER, START, '--definitions', 'zos-kit', '--minutes', '2'], {
    cwd: REPO,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const inventory = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no inventory line within 60 s:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        const found = /^sandbox: inventory (.+)$/m.exec(out);
        if (found && /stops on Ctrl-C/.test(out)) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      void exited.then(() => reject(new Error(`the sandbox exited early:\n${out}`)));
    });
    assert.match(out, /^sandbox: CICSKIT1 from zos-kit on 127\.0\.0\.1 \(KITPLAIN 127\.0\.0\.1:\d+, /m);
    const lines = await preflight(inventory, { env: {} });
    assert.deepEqual(
      lines.filter((l) => l.verdict === 'FAIL').map((l) => `${l.check}: ${l.detail}`),
      [],
      'no preflight check fails',
    );
    assert.ok(lines.filter((l) => l.check === 'whoami').length >= 4, 'a whoami check per kit connection');
    child.kill('SIGINT');
    assert.equal(await exited, 0, out);
    assert.match(out, /sandbox: stopping \(SIGINT\)/);
    assert.ok(!existsSync(path.dirname(inventory)), 'its temporary directory is removed');
  } finally {
    child.kill('SIGKILL');
  }
});

test('--draft without --definitions is a usage error, exit 2', async () => {
  const run = await runTypeScript('scripts/sandbox/start.ts', ['--draft', 'x.yaml'], process.env, tempReports('x'));
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /--draft: needs --definitions/);
});
