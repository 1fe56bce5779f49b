/**
 * Secrets never leak from a live run: the conformance runner (a child process, as CI runs it) drives the
 * live target against the local sandbox, a real deployment on 127.0.0.1 that keeps every secret it uses
 * in files beside its inventory: RACF passwords and phrases, LDAP passwords, the private keys of the IPIC
 * and HTTP client certificates, and the key JWTs are signed with. Every one of them, and every credential
 * the run actually put on the wire (Basic credentials, the JWTs the live target minted, seen by the sandbox's
 * z/OS Connect server in this process), is looked for in every file under the run's reports directory and
 * in its console output, in every encoding test/fixtures/report/scan.ts knows. Nothing may be found.
 *
 * The run must also show that it used those secrets, so the scan cannot pass vacuously: the scenarios that
 * log in with passwords, phrases, client certificates and JWTs are conformant, and the sandbox saw the
 * secrets from the files arrive in Authorization headers and TLS handshakes.
 *
 * No masking-off run here: the live target never writes a secret (its evidence names the kind of credential
 * and its owner, never the value), so with IPIC_UNSAFE_DISABLE_MASKING=1 the same scan finds nothing
 * either, and such a run would show nothing about the scan. That the scan can fail, and that masking is
 * what stops a target that does leak, is shown by test/secrets-scan.test.ts against a deliberately leaky
 * target.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { compactVerify, importSPKI } from 'jose';
import { CORE_SCHEMA, load } from 'js-yaml';
import { startSandbox, type Sandbox } from '../src/sandbox';
import type { Recording } from '../src/sandbox/recording-target';
import type { Summary } from '../src/report/summary-schema';
import { removeTempReports, REPO, runConformance, tempReports, type Run } from './fixtures/report/run';
import { consoleText, filesUnder, missingArtifacts, readTree, scan, type Leak } from './fixtures/report/scan';

/**
 * Bind security (IPIC client certificates), VERIFY passwords (R28), phrases of every length (R35, R37),
 * and from identity propagation the scenarios of R33 (SAF password, LDAP, HTTP client certificate, valid
 * JWT) and every JWT scenario (R56: expired, untrusted signature, unmapped subject). R28's scenarios in the
 * other features (more VERIFY passwords of the same kind) are left out to keep the run short.
 *
 * Only those scenarios of identity-propagation.feature, by line: run without the rest of the suite, R56's
 * "HTTP client certificate that maps to no user" is declined on the sandbox (the live target picks the
 * site in arrange(), before the When-step names the caller, and the first fitting site has no unmapped
 * HTTP certificate; the full suite happens to land on one that has).
 */
const TAGS = '@area:bind or @R28 or @R35 or @R37 or @R33 or @R56';
const FEATURES = ['features/bind-security.feature', 'features/passwords-and-phrases.feature'];
const IDENTITY = 'features/identity-propagation.feature';
const RECORDING_TARGET = 'src/sandbox/recording-target.ts';

type Kind =
  | 'password'
  | 'phrase'
  | 'LDAP password'
  | 'private key'
  | 'private key fragment'
  | 'JWT signing key'
  | 'Basic credential'
  | 'JWT'
  | 'JWT signature';

interface Secret {
  kind: Kind;
  value: string;
  /** Where it came from (a sandbox file, relative to its directory, or a header it arrived in): never the value. */
  source: string;
}

/** What the sandbox's z/OS Connect server saw of one request. */
interface Presented {
  authorization?: string;
  clientCertificateSha256?: string;
}

let sandbox: Sandbox;
let run: Run;
let summary: Summary;
let fromFiles: Secret[];
let secrets: Secret[];
/** Fingerprint (SHA-256) of every certificate the sandbox issued, to its file. */
let certificates: Map<string, string>;
const presented: Presented[] = [];

const REQUEST_CHANNEL = 'http.server.request.start';
const onRequest = (message: unknown) => {
  const { request } = message as { request: IncomingMessage };
  const peer = (request.socket as TLSSocket).getPeerX509Certificate?.();
  presented.push({ authorization: request.headers.authorization, clientCertificateSha256: peer?.fingerprint256 });
};

/** The run's arguments: the tag expression, the feature files, and the chosen identity scenarios. */
function selection(): string[] {
  const lines: number[] = [];
  let rule = '';
  readFileSync(path.join(REPO, IDENTITY), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const ruleLine = /^\s*Rule:\s*(R\d+)\b/.exec(line);
      if (ruleLine) rule = ruleLine[1] as string;
      const scenario = /^\s*Scenario(?: Outline)?:\s*(.*)$/.exec(line);
      if (scenario && (rule === 'R33' || /\bJWT\b/.test(scenario[1] as string))) lines.push(i + 1);
    });
  return ['--tags', TAGS, ...FEATURES, `${IDENTITY}:${lines.join(':')}`];
}

/**
 * Records only the selected scenarios (as src/sandbox/record.ts records them all, through the recording
 * target), so the sandbox provisions a site for each of them and no more: a quarter of the full sandbox's
 * sites, and so of the secrets the runner's masker must know and this test must look for. The recording
 * target answers every step with success, so its Then-steps fail; only the record matters.
 */
async function recordSelection(args: string[]): Promise<Recording> {
  const file = path.join(tempReports('live-recording'), 'recording.json');
  const [, tags, ...paths] = args;
  const script = `
    const { loadConfiguration, runCucumber } = require('@cucumber/cucumber/api');
    const { tags, paths } = JSON.parse(process.argv[1]);
    loadConfiguration({ file: false, provided: {
      requireModule: [require.resolve('./support/register-typescript.js')], require: ['support/**/*.ts', 'steps/**/*.ts'], paths, tags,
    } }).then(({ runConfiguration }) => runCucumber(runConfiguration)).then(() => process.exit(0));`;
  const env: NodeJS.ProcessEnv = { ...process.env, IPIC_TARGET: RECORDING_TARGET, IPIC_SANDBOX_RECORD: file };
  for (const name of ['IPIC_INVENTORY', 'IPIC_MODEL_OPTIONS', 'IPIC_ALLURE_RESULTS']) delete env[name];
  const child = spawn(process.execPath, ['-e', script, JSON.stringify({ tags, paths })], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.ok(existsSync(file), `the recording pass wrote nothing (exit ${code}): ${stderr.slice(0, 2000)}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

function publicCertificates(dir: string): Map<string, X509Certificate> {
  return new Map(
    filesUnder(dir)
      .filter((f) => f.endsWith('.pem') && !readFileSync(f, 'utf8').includes('PRIVATE KEY'))
      .map((f) => [path.relative(dir, f), new X509Certificate(readFileSync(f))]),
  );
}

/** Every secret the sandbox wrote: the files under secrets/ and keys/, as the live target reads them. */
function sandboxSecrets(dir: string): Secret[] {
  const publicDer = [...publicCertificates(dir).values()].map((c) => c.raw);
  const out: Secret[] = [];
  for (const file of ['secrets', 'keys'].flatMap((d) => filesUnder(path.join(dir, d)))) {
    const source = path.relative(dir, file);
    const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
      out.push({ kind: source.startsWith('secrets/') ? 'JWT signing key' : 'private key', value, source });
      out.push(...keyFragments(value, source, publicDer));
    } else if (source.endsWith('.password')) out.push({ kind: 'password', value, source });
    else if (source.endsWith('.phrase')) out.push({ kind: 'phrase', value, source });
    else if (/\/ldap-[^/]+$/.test(source)) out.push({ kind: 'LDAP password', value, source });
    else assert.fail(`the sandbox wrote a secret file this test does not know: ${source}`);
  }
  return out;
}

/**
 * A private key leaks just as surely as a part of its PEM (one base64 line, or the body without the
 * armour) or as the private members of its JWK. Lines that hold only public bytes (of the modulus or the
 * public point, which are also in the key's certificate) are left out: those may appear anywhere.
 */
function keyFragments(pem: string, source: string, publicDer: Buffer[]): Secret[] {
  const key = createPrivateKey(pem);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const isPublic = (bytes: Buffer) => [spki, ...publicDer].some((der) => der.includes(bytes));
  const lines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  const fragments = [lines.join(''), ...lines.filter((l) => l.length >= 16 && !isPublic(Buffer.from(l, 'base64')))];
  const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
    const value = jwk[member];
    if (typeof value === 'string') fragments.push(value);
  }
  return fragments.map((value) => ({ kind: 'private key fragment', value, source }));
}

type SecretRef = { file: string } | string | undefined;
interface SandboxInventory {
  sites: {
    racf: { users: { id: string; password?: SecretRef; phrase?: SecretRef }[] };
    ldap: { username: string; password: SecretRef }[];
  }[];
}

/**
 * Basic credentials as they go over the wire: base64 of user:secret, each user with their own password or
 * phrase. (scan()'s own "basic header" forms pair every secret with every user ID it is given: with
 * hundreds of each that is slow, and only these pairs can ever be sent.)
 */
function basicCredentials(inventoryPath: string, files: Secret[]): Secret[] {
  const dir = path.dirname(inventoryPath);
  const byFile = new Map(files.map((s) => [s.source, s.value]));
  // js-yaml: the yaml package took about 1.2 s to read the sandbox's 292 sites.
  const inventory = load(readFileSync(inventoryPath, 'utf8'), { schema: CORE_SCHEMA }) as SandboxInventory;
  const out: Secret[] = [];
  const add = (user: string, ref: SecretRef) => {
    if (typeof ref !== 'object') return;
    const value = byFile.get(path.relative(dir, path.resolve(dir, ref.file)));
    assert.ok(value !== undefined, `the inventory's secret file ${ref.file} was collected`);
    const credential = Buffer.from(`${user}:${value}`, 'utf8').toString('base64');
    out.push({ kind: 'Basic credential', value: credential, source: `${user} with ${ref.file}` });
  };
  for (const site of inventory.sites) {
    for (const user of site.racf.users) {
      add(user.id, user.password);
      add(user.id, user.phrase);
    }
    for (const entry of site.ldap) add(entry.username, entry.password);
  }
  return out;
}

function presentedCredentials(scheme: 'Basic' | 'Bearer'): string[] {
  const pattern = new RegExp(`^${scheme} (\\S+)$`);
  return [...new Set(presented.flatMap((p) => pattern.exec(p.authorization ?? '')?.[1] ?? []))];
}

/** The JWTs the live target minted, as the sandbox received them: each token, and its signature alone. */
function mintedJwts(): Secret[] {
  return presentedCredentials('Bearer').flatMap((token): Secret[] => [
    { kind: 'JWT', value: token, source: 'a Bearer header the sandbox received' },
    { kind: 'JWT signature', value: token.split('.')[2] ?? '', source: 'a Bearer header the sandbox received' },
  ]);
}

/** Where and how, never the secret itself: a failing test must not print what it protects. */
function describeLeaks(leaks: Leak[]): string {
  return leaks
    .slice(0, 20)
    .map((l) => `${secrets[l.secretIndex]?.kind} (${secrets[l.secretIndex]?.source}) as ${l.form} in ${l.where}`)
    .join('\n');
}

function ofKind(...kinds: Kind[]): Set<string> {
  return new Set(fromFiles.filter((s) => kinds.includes(s.kind)).map((s) => s.value));
}

before(async () => {
  subscribe(REQUEST_CHANNEL, onRequest);
  const args = selection();
  sandbox = await startSandbox({
    dir: mkdtempSync(path.join(tmpdir(), 'ipic-live-secrets-')),
    removeOnStop: true,
    recording: await recordSelection(args),
  });
  // Read everything now: the sandbox removes its directory when it stops.
  fromFiles = sandboxSecrets(sandbox.dir);
  certificates = new Map([...publicCertificates(sandbox.dir)].map(([file, cert]) => [cert.fingerprint256, file]));
  // --record-subset: a selection is written in full (site and summaries too), so every artifact is scanned.
  run = await runConformance([...args, '--record-subset'], {
    IPIC_TARGET: 'live',
    IPIC_INVENTORY: sandbox.inventoryPath,
  });
  summary = JSON.parse(readFileSync(path.join(run.dir, 'conformance.json'), 'utf8')) as Summary;
  const unique = new Map<string, Secret>();
  for (const s of [...fromFiles, ...basicCredentials(sandbox.inventoryPath, fromFiles), ...mintedJwts()])
    if (!unique.has(s.value)) unique.set(s.value, s);
  secrets = [...unique.values()];
});

after(async () => {
  unsubscribe(REQUEST_CHANNEL, onRequest);
  await sandbox?.stop();
  removeTempReports();
});

describe('secrets in a live run against the sandbox', () => {
  test('every secret the sandbox wrote is collected: passwords, phrases, LDAP passwords, private keys', () => {
    const count = (kind: Kind) => secrets.filter((s) => s.kind === kind).length;
    for (const kind of ['password', 'phrase', 'LDAP password', 'private key', 'JWT signing key'] as const)
      assert.ok(count(kind) > 0, `at least one ${kind} among the ${secrets.length} secrets`);
    assert.ok(count('private key fragment') > count('private key'), 'private keys are also looked for in parts');
    assert.ok(
      secrets.every((s) => s.value.length >= 4),
      'every secret is long enough for the scan to look for',
    );
  });

  test('the run conformed, on scenarios that use passwords, phrases, client certificates and JWTs', () => {
    assert.equal(run.code, 0, `exit code ${run.code}\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
    assert.equal(summary.outcome.verdict, 'conformant');
    assert.equal(summary.target.kind, 'live');
    // A declined scenario uses no secret. The only ones allowed assume a reading other than the one the
    // sandbox declares (they are there for other deployments); everything else ran and conformed.
    for (const s of [...summary.rules.flatMap((r) => r.scenarios), ...summary.scenariosWithoutRule]) {
      if (s.outcome === 'not applicable') assert.match(s.reason ?? '', /^the scenario assumes /, s.name);
      else assert.equal(s.outcome, 'conformant', s.name);
    }
    for (const rule of ['R10', 'R11', 'R12', 'R13', 'R16', 'R28', 'R33', 'R35', 'R37', 'R56']) {
      const scenarios = summary.rules.find((r) => r.id === rule)?.scenarios ?? [];
      assert.ok(
        scenarios.some((s) => s.outcome === 'conformant'),
        `${rule} has conformant scenarios`,
      );
    }
    const conformant = new Set(summary.rules.flatMap((r) => r.scenarios).map((s) => s.name));
    for (const name of [
      // The CICS listener verifies the IPIC client certificate for real: the handshake needs its private key.
      'A partner with a trusted, mapped client certificate connects',
      // Only a user whose phrase file holds 100 characters fits: the live target read the phrases.
      'A correct 100-character phrase is accepted',
      'A SAF user authenticated by the SAF registry runs under itself',
      'An LDAP distributed identity mapped by RACMAP runs under the mapped user',
      'An HTTP client certificate mapped to a SAF user runs under that user',
      'A JWT whose subject maps to a SAF user runs under that user',
    ])
      assert.ok(conformant.has(name), `conformant: ${name}`);
  });

  test("the sandbox received the secrets from its files: passwords, LDAP passwords, a client certificate's key, JWTs", async () => {
    const passwords = ofKind('password', 'phrase');
    const ldap = ofKind('LDAP password');
    const collected = new Set(secrets.filter((s) => s.kind === 'Basic credential').map((s) => s.value));
    const basic = presentedCredentials('Basic');
    const sent = basic.map((b) =>
      Buffer.from(b, 'base64')
        .toString('utf8')
        .replace(/^[^:]*:/, ''),
    );
    assert.ok(sent.filter((p) => passwords.has(p)).length > 0, 'RACF passwords were sent');
    assert.ok(sent.filter((p) => ldap.has(p)).length > 0, 'LDAP passwords were sent');
    basic.forEach((credential, i) => {
      // A credential this test does not look for may only hold a wrong password the harness made up.
      const secret = sent[i] as string;
      if (!collected.has(credential))
        assert.ok(
          !passwords.has(secret) && !ldap.has(secret),
          `Basic credential #${i} pairs a secret with another user`,
        );
    });

    const httpCertificates = presented.flatMap((p) =>
      p.clientCertificateSha256 ? (certificates.get(p.clientCertificateSha256) ?? []) : [],
    );
    assert.ok(
      httpCertificates.some((f) => /^certs\/.*\/http-[^/]+\.pem$/.test(f)),
      `an HTTP client certificate of the sandbox was presented (${httpCertificates.join(', ') || 'none'})`,
    );

    const signingKey = fromFiles.find((s) => s.kind === 'JWT signing key')?.value as string;
    const verificationKey = await importSPKI(
      createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(),
      'ES256',
    );
    const tokens = presentedCredentials('Bearer');
    const verdicts = await Promise.all(
      tokens.map((t) =>
        compactVerify(t, verificationKey).then(
          () => 'signed with the sandbox key',
          () => 'signed otherwise',
        ),
      ),
    );
    assert.ok(verdicts.includes('signed with the sandbox key'), 'JWTs were signed with the signing key');
    assert.ok(verdicts.includes('signed otherwise'), 'the untrusted-key JWT was sent');
  });

  test('every artifact was written', () => {
    assert.deepEqual(missingArtifacts(run.dir), []);
  });

  test('no secret appears in any artifact or on the console, in any encoding', () => {
    const texts = readTree(run.dir);
    texts.set('(console stdout)', consoleText(run.stdout));
    texts.set('(console stderr)', consoleText(run.stderr));
    const leaks = scan(
      texts,
      secrets.map((s) => s.value),
      [],
    );
    assert.deepEqual(leaks, [], describeLeaks(leaks));
  });
});
