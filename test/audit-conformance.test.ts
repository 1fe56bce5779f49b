/**
 * The audit conformance run over the sample site (IPIC_TARGET=audit IPIC_DEFINITIONS=examples/site,
 * every feature): it names exactly the misconfigurations planted in the sample, each with file and line,
 * and nothing else fails or breaks; no secret of the sample reaches any message or attachment. Cucumber
 * runs in a child process, as `npm run conformance` would, with its raw message stream read back.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { DEFAULT_OPTIONS } from '../src/model';
import { loadSite } from '../src/definitions/load-site';
import { createAuditTarget } from '../src/targets/audit';
import { createModelTarget } from '../src/targets/model';
import { definitionsPortOf } from '../support/definitions-port';
import { verdicts, type Verdict } from '../src/run/classify';

const scratch = mkdtempSync(path.join(tmpdir(), 'audit-run-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface ScenarioResult {
  name: string;
  uri: string;
  verdict: Verdict;
  messages: string[];
}

function run(env: Record<string, string>, paths: string[]): { scenarios: ScenarioResult[]; raw: string } {
  const out = path.join(scratch, `${Object.values(env).join('-').replace(/\W/g, '_')}.ndjson`);
  const result = spawnSync(
    process.execPath,
    ['node_modules/@cucumber/cucumber/bin/cucumber.js', ...paths, '--format', `message:${out}`],
    {
      env: { ...process.env, ...env, IPIC_ALLURE_RESULTS: path.join(scratch, 'allure') },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  assert.ok(
    result.status === 0 || result.status === 1,
    `cucumber ran (status ${result.status}): ${result.stderr.slice(0, 2000)}`,
  );
  const raw = readFileSync(out, 'utf8');
  const envelopes = raw
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Envelope);
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, e.pickle] as const] : [])));
  const testCases = new Map(
    envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase.pickleId] as const] : [])),
  );
  const started = new Map(
    envelopes.flatMap((e) =>
      e.testCaseStarted ? [[e.testCaseStarted.id, e.testCaseStarted.testCaseId] as const] : [],
    ),
  );
  const messages = new Map<string, string[]>();
  for (const e of envelopes) {
    const message = e.testStepFinished?.testStepResult.message;
    if (e.testStepFinished && message)
      messages.set(e.testStepFinished.testCaseStartedId, [
        ...(messages.get(e.testStepFinished.testCaseStartedId) ?? []),
        message,
      ]);
  }
  const scenarios = [...verdicts(envelopes)].map(([id, verdict]) => {
    const pickle = pickles.get(testCases.get(started.get(id) as string) as string);
    return { name: pickle?.name ?? '?', uri: pickle?.uri ?? '?', verdict, messages: messages.get(id) ?? [] };
  });
  return { scenarios, raw };
}

const audit = run({ IPIC_TARGET: 'audit', IPIC_DEFINITIONS: 'examples/site' }, []);

test('the audit of the sample site names exactly the planted misconfigurations, each with file and line', () => {
  const failing = audit.scenarios.filter((s) => s.verdict === 'nonconformant');
  assert.deepEqual(failing.map((s) => s.name).sort(), [
    'Every IDENTIFY connection from outside the sysplex demands a client certificate',
    'Every transaction a connection names is a copy of CSMI',
    "No IPCONN's link user is the region user ID",
  ]);
  const message = (name: string) => failing.find((s) => s.name === name)?.messages.join('\n') ?? '';
  assert.match(
    message('Every IDENTIFY connection from outside the sysplex demands a client certificate'),
    /IPCONN ZCLGCY .*examples\/site\/cics\/dfhcsdup\.txt:25:49/,
  );
  assert.match(
    message("No IPCONN's link user is the region user ID"),
    /SECURITYNAME\(CICSREGN\) .*examples\/site\/cics\/dfhcsdup\.txt:25:26/,
  );
  assert.match(
    message('Every transaction a connection names is a copy of CSMI'),
    /ZLGY, .*examples\/site\/cics\/dfhcsdup\.txt:32:1/,
  );
});

test('no scenario of the audit run is a harness error, and the configuration scenarios the sample meets pass', () => {
  assert.deepEqual(
    audit.scenarios
      .filter((s) => s.verdict === 'harness error')
      .map((s) => `${s.uri}: ${s.name}: ${s.messages.join(' ')}`),
    [],
  );
  const configuration = audit.scenarios.filter((s) => s.uri.endsWith('site-configuration.feature'));
  assert.equal(configuration.length, 10);
  assert.equal(configuration.filter((s) => s.verdict === 'conformant').length, 7);
});

test('no secret of the sample site appears anywhere in the run: messages, evidence, attachments', () => {
  const secrets = loadSite('examples/site').secrets;
  assert.ok(secrets.length >= 10, 'the sample holds passwords, a phrase and encoded passwords');
  for (const secret of secrets)
    assert.ok(!audit.raw.includes(secret), 'a secret of the sample leaked into the cucumber messages');
  const attachments = audit.raw.split('\n').filter((l) => l.includes('"attachment"'));
  assert.ok(attachments.length > 0, 'the run attached evidence that was scanned');
});

test('only a target that shows its definitions runs the configuration scenarios; the model target does not', async () => {
  assert.equal(definitionsPortOf(createModelTarget()), undefined);
  assert.ok(definitionsPortOf(createAuditTarget(loadSite('examples/site'), DEFAULT_OPTIONS)));
});
