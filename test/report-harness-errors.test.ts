/**
 * End-to-end (issue 16): what is wrong with the target or its inventory is a harness error (exit 2),
 * never nonconformance of the site.
 * - A plugged-in target whose acquire() answers `{ acquired: 'maybe' }`, or whose send() reports
 *   `taskUser: 42`: the run names the method and the field.
 * - The live target with an inventory whose TCPIPSERVICE host does not resolve, or whose OPEN port nobody
 *   listens on: the run names the host, the port and the inventory line.
 * Small tag selections keep each run short.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Document } from 'yaml';
import { closedPort } from '../src/sandbox/probe-targets';
import { summarySchema, type Summary } from '../src/report/summary-schema';
import { exampleInventoryCopy, lineContaining, type InventoryCopy } from './fixtures/report/example-inventory';
import { removeTempReports, runConformanceHere, tempReports, type Run } from './fixtures/report/run';

after(removeTempReports);

const SKIP_HTML = { IPIC_SKIP_ALLURE_HTML: '1' };
const IPICTLS = ['sites', 0, 'cics', 'regions', 0, 'tcpipServices', 1];

const summaryOf = (run: Run): Summary =>
  summarySchema.parse(JSON.parse(readFileSync(path.join(run.dir, 'conformance.json'), 'utf8')));

/** The messages of the scenarios the run counted as harness errors; fails if any came out nonconformant. */
function harnessErrorMessages(run: Run): string[] {
  const summary = summaryOf(run);
  const scenarios = summary.rules.flatMap((r) => r.scenarios);
  const nonconformant = scenarios.filter((s) => s.outcome === 'nonconformant').map((s) => `${s.name}: ${s.message}`);
  assert.deepEqual(nonconformant, [], 'no scenario is reported as nonconformant');
  assert.equal(summary.totals.rules.nonconformant, 0);
  assert.equal(run.code, 2, `exit 2 (harness error)\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const messages = scenarios.filter((s) => s.outcome === 'harness error').map((s) => s.message ?? '');
  assert.ok(messages.length > 0, 'at least one scenario is a harness error');
  return messages;
}

/**
 * Points TCPIPSERVICE IPICTLS (the second) at `host`, and at `port` if one is given. Of the @R10 scenarios,
 * the example inventory arranges only the one on its connection cicsqa1Link, which uses IPICTLS.
 */
function ipictlsAt(host: string, port?: number) {
  return (doc: Document) => {
    doc.setIn([...IPICTLS, 'host'], host);
    if (port !== undefined) doc.setIn([...IPICTLS, 'port'], port);
  };
}

let maybeAcquired: Run;
let numericTaskUser: Run;
let unresolvable: { run: Run; copy: InventoryCopy };
let silentPort: { run: Run; copy: InventoryCopy; port: number };

before(async () => {
  const live = async (edit: (doc: Document) => void) => {
    const copy = await exampleInventoryCopy(tempReports('inventory'), edit);
    const run = await runConformanceHere(['--tags', '@R10'], {
      IPIC_TARGET: 'live',
      IPIC_INVENTORY: copy.file,
      ...copy.env,
      ...SKIP_HTML,
    });
    return { run, copy };
  };
  const port = await closedPort();
  // Two at a time: the machine's two cores are shared.
  [maybeAcquired, numericTaskUser] = await Promise.all([
    runConformanceHere(['--tags', '@R10'], {
      IPIC_TARGET: './test/fixtures/report/maybe-acquired-target.ts',
      ...SKIP_HTML,
    }),
    runConformanceHere(['--tags', '@R1'], {
      IPIC_TARGET: './test/fixtures/report/numeric-task-user-target.ts',
      ...SKIP_HTML,
    }),
  ]);
  const [dns, refused] = await Promise.all([
    live(ipictlsAt('does-not-resolve.invalid')),
    live(ipictlsAt('127.0.0.1', port)),
  ]);
  unresolvable = dns;
  silentPort = { ...refused, port };
});

describe('a plugged-in target that returns what the port does not allow', () => {
  test('acquired: "maybe" is a harness error naming acquire() and the field acquired', () => {
    for (const message of harnessErrorMessages(maybeAcquired)) {
      assert.match(message, /^target \.\/test\/fixtures\/report\/maybe-acquired-target\.ts: acquire\(\) /);
      assert.match(message, /acquired: expected one of true, false, got a string$/);
      const afterModule = message.slice(message.indexOf(' acquire() '));
      assert.ok(!afterModule.includes('maybe'), 'the value is not repeated');
    }
  });

  test('taskUser: 42 is a harness error naming send() and the field taskUser', () => {
    const messages = harnessErrorMessages(numericTaskUser);
    for (const message of messages) {
      assert.match(message, /^target \.\/test\/fixtures\/report\/numeric-task-user-target\.ts: send\(\) /);
      assert.match(message, /taskUser: expected a string, got a number$/);
    }
  });
});

describe('a live inventory that describes endpoints the harness cannot reach', () => {
  test('a TCPIPSERVICE host that does not resolve is a harness error naming host, port and inventory line', () => {
    const { run, copy } = unresolvable;
    const line = lineContaining(copy.text, 'host: does-not-resolve.invalid');
    const messages = harnessErrorMessages(run);
    for (const message of messages) {
      assert.match(
        message,
        /cannot reach CICS TCPIPSERVICE IPICTLS \(declared OPEN\) at does-not-resolve\.invalid:30492 /,
      );
      assert.match(message, /\((ENOTFOUND|EAI_AGAIN): /);
      assert.match(message, /the inventory and the site seem to disagree/);
      assert.ok(
        message.includes(`${copy.file}:${line} (sites[0].cics.regions[0].tcpipServices[1].host)`),
        `names ${copy.file}:${line}: ${message}`,
      );
    }
  });

  test('an OPEN port that nobody listens on is a harness error naming host, port and inventory line', () => {
    const { run, copy, port } = silentPort;
    const line = lineContaining(copy.text, `port: ${port}`);
    for (const message of harnessErrorMessages(run)) {
      assert.match(message, new RegExp(`IPICTLS \\(declared OPEN\\) at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED: `));
      assert.match(message, /the inventory and the site seem to disagree/);
      assert.ok(
        message.includes(`${copy.file}:${line} (sites[0].cics.regions[0].tcpipServices[1].port)`),
        `names ${copy.file}:${line}: ${message}`,
      );
    }
  });
});
