/**
 * The bind-security feature through the live target, over real sockets. Against the sandbox, whose IPIC
 * listeners demand and verify client certificates, every applicable scenario conforms. Pointed (by an
 * inventory that says SSL(CLIENTAUTH)) at a TLS server that does not demand client certificates, the
 * scenarios that expect a refused handshake fail as nonconformance, and their evidence shows why: the bind
 * probe's handshake was accepted. So do they against a server that accepts every handshake and then closes:
 * "accepted, then closed" is TLS acceptance, not a refusal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as net from 'node:net';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import * as tls from 'node:tls';
import { loadConfiguration, loadSupport, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { CORE_SCHEMA, dump, load } from 'js-yaml';
import type { Inventory } from '../src/inventory/schema';
import { verdicts, type Verdict } from '../src/run/classify';
import type { IssuedCertificate } from '../src/pki';
import { TestPki, REPO_ROOT } from '../src/pki/test-pki';
import { startSandbox, type Sandbox } from '../src/sandbox';
import { startTlsServer, type ProbeTarget } from '../src/sandbox/probe-targets';

interface ScenarioResult {
  name: string;
  verdict: Verdict;
  attachments: { fileName?: string; body: string }[];
}

const FEATURE = 'features/bind-security.feature';

describe('bind-security scenarios through the live target', () => {
  const saved = { target: process.env.IPIC_TARGET, inventory: process.env.IPIC_INVENTORY };
  let sandbox: Sandbox;
  let permissive: ProbeTarget;
  let closer: ProbeTarget;
  let support: ISupportCodeLibrary;
  let runConfiguration: Awaited<ReturnType<typeof loadConfiguration>>['runConfiguration'];

  before(async () => {
    sandbox = await startSandbox({ dir: mkdtempSync(path.join(tmpdir(), 'bind-sandbox-')), removeOnStop: true });
    const pki = await TestPki.open();
    permissive = await startTlsServer({ certificate: pki.serverCertificate('cics.sandbox.test') });
    closer = await startAcceptThenClose(pki.serverCertificate('cics.sandbox.test'));
    ({ runConfiguration } = await loadConfiguration(
      {
        file: false,
        provided: {
          paths: [FEATURE],
          require: ['support/**/*.ts', 'steps/**/*.ts'],
          requireModule: [require.resolve('../support/register-typescript.js')],
          format: [],
          strict: true,
        },
      },
      { cwd: REPO_ROOT },
    ));
    support = await loadSupport(runConfiguration, { cwd: REPO_ROOT });
  });
  after(async () => {
    await Promise.all([sandbox?.stop(), permissive?.close(), closer?.close()]);
    restore('IPIC_TARGET', saved.target);
    restore('IPIC_INVENTORY', saved.inventory);
  });

  async function run(inventoryPath: string): Promise<ScenarioResult[]> {
    process.env.IPIC_TARGET = 'live';
    process.env.IPIC_INVENTORY = inventoryPath;
    const envelopes: Envelope[] = [];
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    await runCucumber({ ...runConfiguration, support }, { cwd: REPO_ROOT, stdout: quiet, stderr: quiet }, (e) =>
      envelopes.push(e),
    );
    return results(envelopes);
  }

  it('against listeners that demand client certificates, every applicable scenario conforms', async () => {
    const results = await run(sandbox.inventoryPath);
    const conformant = results.filter((r) => r.verdict === 'conformant');
    const broken = results.filter((r) => r.verdict === 'nonconformant' || r.verdict === 'harness error');
    assert.deepEqual(
      broken.map((r) => `${r.name}: ${r.verdict}`),
      [],
    );
    assert.ok(conformant.length >= 15, `${conformant.length} conformant of ${results.length}`);
    assert.ok(conformant.some((r) => /no client certificate is refused/.test(r.name)));
  });

  it('against a TLS server that does not demand them, the refusal scenarios fail, with the probe as evidence', async () => {
    const lying = writeLyingInventory(sandbox.inventoryPath, permissive.port);
    const results = await run(lying);
    const failed = results.filter((r) => r.verdict === 'nonconformant');
    assert.deepEqual(
      results.filter((r) => r.verdict === 'harness error').map((r) => r.name),
      [],
    );
    assertRefusalsFailed(failed);
    for (const scenario of failed) {
      const probes = scenario.attachments
        .filter((a) => a.fileName === 'evidence.json')
        .map((a) => (JSON.parse(a.body) as { 'bind probe'?: { stage: string; endpoint: string } })['bind probe'])
        .filter((probe) => probe !== undefined);
      assert.ok(probes.length > 0, `${scenario.name} attaches its bind probe`);
      assert.ok(
        probes.some((p) => p.stage === 'passed' && p.endpoint.endsWith(`:${permissive.port}`)),
        `${scenario.name}: the probe shows the handshake was accepted`,
      );
    }
    assert.ok(
      results.some((r) => /trusted, mapped client certificate connects/.test(r.name) && r.verdict === 'conformant'),
      'a scenario expecting acquisition still conforms',
    );
  });

  it('against a TLS server that accepts every handshake and then closes, the refusal scenarios fail too', async () => {
    const lying = writeLyingInventory(sandbox.inventoryPath, closer.port);
    const results = await run(lying);
    assert.deepEqual(
      results.filter((r) => r.verdict === 'harness error').map((r) => r.name),
      [],
    );
    const failed = results.filter((r) => r.verdict === 'nonconformant');
    assertRefusalsFailed(failed);
    for (const scenario of failed) {
      const probes = probesOf(scenario).filter((p) => p.endpoint.endsWith(`:${closer.port}`));
      assert.ok(probes.length > 0, `${scenario.name} attaches its bind probe`);
      for (const probe of probes) {
        assert.equal(probe.stage, 'passed', `${scenario.name}: ${probe.detail}`);
        assert.ok(
          probe.attempts.every((a) => a.verdict === 'accepted, then closed'),
          `${scenario.name}: every attempt was accepted, then closed: ${JSON.stringify(probe.attempts)}`,
        );
        assert.doesNotMatch(probe.detail, /rejected|did not accept/);
      }
    }
  });
});

/** The sandbox's inventory, with every SSL(CLIENTAUTH) TCPIPSERVICE pointed at another port. */
function writeLyingInventory(inventoryPath: string, port: number): string {
  // js-yaml: the sandbox's 292 sites took the yaml package about 1.5 s to read and write again.
  const doc = load(readFileSync(inventoryPath, 'utf8'), { schema: CORE_SCHEMA }) as Inventory;
  for (const site of doc.sites) {
    for (const region of site.cics.regions) {
      for (const service of region.tcpipServices)
        if (service.ssl === 'CLIENTAUTH' && service.status === 'OPEN') service.port = port;
    }
  }
  const lying = path.join(path.dirname(inventoryPath), 'lying-inventory.yaml');
  writeFileSync(lying, dump(doc, { lineWidth: -1, noRefs: true }));
  return lying;
}

function results(envelopes: Envelope[]): ScenarioResult[] {
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, e.pickle.name] as const] : [])));
  const testCases = new Map(
    envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase.pickleId] as const] : [])),
  );
  const started = new Map(
    envelopes.flatMap((e) =>
      e.testCaseStarted ? [[e.testCaseStarted.id, e.testCaseStarted.testCaseId] as const] : [],
    ),
  );
  const attachments = new Map<string, ScenarioResult['attachments']>();
  for (const e of envelopes) {
    const a = e.attachment;
    if (!a?.testCaseStartedId) continue;
    attachments.set(a.testCaseStartedId, [
      ...(attachments.get(a.testCaseStartedId) ?? []),
      { fileName: a.fileName, body: a.body },
    ]);
  }
  return [...verdicts(envelopes)].map(([id, verdict]) => ({
    name: pickles.get(testCases.get(started.get(id) ?? '') ?? '') ?? id,
    verdict,
    attachments: attachments.get(id) ?? [],
  }));
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

interface ProbeEvidence {
  stage: string;
  endpoint: string;
  detail: string;
  attempts: { verdict?: string }[];
}

function probesOf(scenario: ScenarioResult): ProbeEvidence[] {
  return scenario.attachments
    .filter((a) => a.fileName === 'evidence.json')
    .map((a) => (JSON.parse(a.body) as { 'bind probe'?: ProbeEvidence })['bind probe'])
    .filter((probe) => probe !== undefined);
}

/**
 * A TLS server that checks nothing: it accepts every handshake and closes the connection on the next turn
 * of the event loop (after node has sent its last handshake flight, as any TLS library that finishes its
 * handshake before returning to the application would).
 */
async function startAcceptThenClose(certificate: IssuedCertificate): Promise<ProbeTarget> {
  const server = tls.createServer({ cert: certificate.certificatePem, key: certificate.privateKeyPem }, (socket) => {
    socket.on('error', () => {});
    setImmediate(() => socket.destroy());
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The refusal scenarios a TLS server that does not refuse must make nonconformant. */
function assertRefusalsFailed(failed: { name: string }[]): void {
  for (const expected of [
    /sends no client certificate is refused in the handshake/,
    /certificate that is expired is refused/,
    /status NOTRUST is refused/,
  ]) {
    assert.ok(
      failed.some((r) => expected.test(r.name)),
      `${expected} is nonconformant; nonconformant: ${failed.map((r) => r.name).join(' | ')}`,
    );
  }
}
