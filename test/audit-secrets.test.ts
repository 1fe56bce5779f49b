/**
 * The sample site holds passwords, a password phrase and Liberty-encoded passwords, and the audit reads
 * them (the model verifies them). None may appear in anything the audit writes: the access matrix (CSV,
 * HTML, warnings), the definitions crossing the port, requirement findings, not-applicable reasons,
 * evidence of arranged scenarios, or error messages about broken definitions holding secrets.
 * (The cucumber run's messages are scanned in audit-conformance.test.ts.)
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_OPTIONS } from '../src/model';
import { loadSite } from '../src/definitions/load-site';
import { describeFinding, REQUIREMENTS } from '../src/definitions/requirements';
import { createAuditTarget } from '../src/targets/audit';
import { main as accessMatrix } from '../scripts/access-matrix';
import { emptySituation, isNotApplicable, type Situation } from '../support/target-port';

const loaded = loadSite('examples/site');
const secrets = loaded.secrets;
const scratch = mkdtempSync(path.join(tmpdir(), 'audit-secrets-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function assertNoSecret(what: string, text: string): void {
  assert.ok(text.length > 0, `${what} is not empty`);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${what} holds a secret of the sample site`);
}

test('the scan looks for the real secrets of the sample: plain, phrase, initial and encoded passwords', () => {
  for (const known of [
    'Al1ce#26',
    'B4tch#26',
    'Init0001',
    'Seven amber cranes, 4 dusk fields',
    '{xor}HWsrPDd8bWk=',
    'Kst0re#Pw26',
  ])
    assert.ok(secrets.includes(known), known);
});

test('access matrix: CSV, HTML page and warnings', () => {
  const csv = path.join(scratch, 'matrix.csv');
  const html = path.join(scratch, 'matrix.html');
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    assert.equal(accessMatrix(['examples/site', '--out', csv, '--html', html]), 0);
  } finally {
    process.stderr.write = write;
  }
  assertNoSecret('the CSV', readFileSync(csv, 'utf8'));
  assertNoSecret('the HTML page', readFileSync(html, 'utf8'));
  assertNoSecret('the warnings', stderr);
});

test('definitions port, warnings and requirement findings', async () => {
  const target = createAuditTarget(loaded, DEFAULT_OPTIONS);
  const definitions = await target.definitions();
  assertNoSecret('the definitions crossing the port', JSON.stringify(definitions));
  assertNoSecret('the warnings and skip counts, as the summary notes them', (target.describe().notes ?? []).join('\n'));
  assertNoSecret(
    'the findings',
    REQUIREMENTS.flatMap((r) => r.check(definitions).findings.map((f) => describeFinding(r, f))).join('\n'),
  );
});

test('evidence and reasons of arranged scenarios, including requests that send the authData password', async () => {
  const target = createAuditTarget(loaded, DEFAULT_OPTIONS);
  const verify: Situation = {
    ...emptySituation(),
    tcpipService: { ssl: 'YES' },
    ipconn: { userauth: 'VERIFY', securityName: 'LINKUSR' },
    mirror: { transid: 'ZCMI' },
    zosConnect: { tls: 'server-auth only', authData: { user: 'ZCUSER', secret: { kind: 'password', correct: true } } },
    users: { ZCUSER: {}, LINKUSR: {}, ALICE: {} },
  };
  const arrangement = await target.arrange(verify);
  assert.ok(!isNotApplicable(arrangement));
  const observations = [
    await arrangement.send({ caller: { kind: 'basic', user: 'ALICE', password: 'correct' } }),
    await arrangement.send({ caller: { kind: 'basic', user: 'ALICE', password: 'wrong' } }),
  ];
  assertNoSecret(
    'the observations and evidence',
    JSON.stringify(observations) +
      arrangement
        .takeEvidence()
        .map((e) => e.body)
        .join('\n'),
  );
  const declined = await target.arrange({
    ...verify,
    zosConnect: { ...verify.zosConnect, authData: { user: 'ZCUSER', secret: { kind: 'phrase', correct: false } } },
  });
  assert.ok(isNotApplicable(declined));
  assertNoSecret('the not-applicable reason', declined.notApplicable);
});

test('errors about broken definitions that hold secrets', () => {
  const broken = (file: string, edit: (t: string) => string): string => {
    const directory = path.join(scratch, `broken-${file.replace(/\W/g, '-')}`);
    cpSync('examples/site', directory, { recursive: true });
    const target = path.join(directory, file);
    writeFileSync(target, edit(readFileSync(target, 'utf8')));
    try {
      loadSite(directory);
    } catch (error) {
      return (error as Error).message;
    }
    return assert.fail('the broken site loads');
  };
  assertNoSecret(
    'a RACF error',
    broken('racf/users.racf', (t) => t.replace('PASSWORD(B4tch#26)', 'PASSWORD(B4tch#26B4tch#26)')),
  );
  assertNoSecret(
    'a RACF quoting error',
    broken('racf/users.racf', (t) => t.replace("fields') NOEXPIRED", 'fields NOEXPIRED')),
  );
  assertNoSecret(
    'a server.xml error',
    broken('zosconnect/bootstrap.properties', (t) => t.replace('ipic.batch.password=', 'ipic.batch.pasword=')),
  );
});
