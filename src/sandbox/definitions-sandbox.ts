/**
 * A sandbox for one site's definitions (a LoadedSite, as the audit target reads it), so that a QA engineer
 * can rehearse the live target on this machine before the LPAR: one CICS IPIC listener per TCPIPSERVICE,
 * one z/OS Connect API per connection answering with the whoami contract, certificates issued under the
 * names the site's certificate inventory gives (its CAs, subjects and validity, moved to real time from
 * the audit date), and RACF users in the states the definitions say. Everything decides by the reference
 * model on the definitions' own Site.
 *
 * The definitions' passwords are example values, or unknown (an IRRDBU00 unload, an {aes} authData): the
 * sandbox makes up fresh ones for its accounts every run and keeps them in owner-only files in its own
 * directory; nothing it makes up is written in the repository. It says where they are in its facts, which
 * fill-draft.ts writes into the inventory `inventory init` drafted.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importSPKI } from 'jose';
import type { LoadedSite } from '../definitions/load-site';
import { describeAuthDataSecret, ipicCertificateId } from '../inventory/from-definitions';
import type { ResponsePattern } from '../inventory/schema';
import { DEFAULT_OPTIONS, type ModelOptions, type RacfUser, type Site } from '../model';
import { TestPki, writeFileUnder } from '../pki';
import { startCicsListener, type Listener } from './cics-listener';
import { ModelTime } from './model-time';
import { JWT_ALGORITHM, SANDBOX_SYSPLEX } from './site-inventory';
import { SANDBOX_TIMEOUTS } from './sandbox';
import { startZosConnect, type SandboxSite } from './zos-connect-server';

/** What the sandbox provides for the values the definitions cannot give. Paths are absolute. */
export interface SandboxFacts {
  sysplex: string;
  /** Each TCPIPSERVICE's loopback address, by name. */
  listeners: Record<string, { host: string; port: number }>;
  baseUrl: string;
  whoamiPath(connectionId: string): string;
  /** PEM bundles: the CA of z/OS Connect's HTTPS certificate, the CA of CICS's, and one that lacks it (R55). */
  httpsTrustStore: string;
  cicsTrustStore: string;
  lackingTrustStore: string;
  /** The exported client certificates and keys, by inventory certificate id. */
  certificates: Record<string, { certificate: string; key: string }>;
  /** Secret files of the sandbox's accounts, by user ID. */
  secrets: Record<string, { password?: string; phrase?: string }>;
  /** Whether each authData (by connection id) holds its user's correct secret, where the definitions cannot tell. */
  authDataCorrect: Record<string, boolean>;
  /** The sandbox's own answers where IBM documents none (zos-connect-server.ts). */
  responses: { connectionFailure: ResponsePattern; configurationError: ResponsePattern };
  timeouts: typeof SANDBOX_TIMEOUTS;
  /** How the sandbox answers the catalog's uncertain points: its model options. */
  readings: ModelOptions;
}

export interface DefinitionsSandbox {
  dir: string;
  facts: SandboxFacts;
  stop(): Promise<void>;
}

export interface DefinitionsSandboxOptions {
  /** Default: a fresh directory under the system's temporary directory, so concurrent runs never clash. */
  dir?: string;
  modelOptions?: ModelOptions;
  pkiCacheDir?: string;
  /** Keep the directory after stop, for inspection (default: removed). */
  keep?: boolean;
}

export async function startDefinitionsSandbox(
  loaded: LoadedSite,
  options: DefinitionsSandboxOptions = {},
): Promise<DefinitionsSandbox> {
  const dir = options.dir ? path.resolve(options.dir) : mkdtempSync(path.join(tmpdir(), 'ipic-rehearsal-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const modelOptions = options.modelOptions ?? DEFAULT_OPTIONS;
  const pki = await TestPki.open({ cacheDir: options.pkiCacheDir });
  const time = new ModelTime(new Date(), loaded.site.clock);
  const file = (relative: string, content: string, secret = false) => writeFileUnder(dir, relative, content, secret);

  const accounts = sandboxAccounts(loaded);
  const state: SandboxSite = { index: 0, site: accounts.site, ldap: [] };
  const secrets: SandboxFacts['secrets'] = {};
  for (const user of accounts.site.racf.users) {
    if (user.password !== undefined)
      (secrets[user.id] ??= {}).password = file(`secrets/${user.id}.password`, `${user.password}\n`, true);
    if (user.phrase !== undefined)
      (secrets[user.id] ??= {}).phrase = file(`secrets/${user.id}.phrase`, `${user.phrase}\n`, true);
  }

  // CICS's key ring holds the CAs the definitions connect to it; its server certificate is the test CA's.
  const keyring = await Promise.all(loaded.site.region.keyringCas.map((dn) => pki.namedCa(dn)));
  const certificates: SandboxFacts['certificates'] = {};
  for (const ssl of loaded.site.zosConnect.ssl) {
    const cert = ssl.clientCertificate;
    if (!cert) continue;
    const issued = pki.issue(
      time.realSpec(cert),
      cert.subject === cert.issuer ? 'self' : await pki.namedCa(cert.issuer),
    );
    const id = ipicCertificateId(ssl.id);
    certificates[id] = {
      certificate: file(`certs/${id}.pem`, issued.certificatePem),
      key: file(`keys/${id}.key.pem`, issued.privateKeyPem, true),
    };
  }

  const jwtKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const zosConnect = await startZosConnect({
    sites: new Map([[0, state]]),
    options: modelOptions,
    time,
    serverCertificate: pki.serverCertificate('zosconnect.sandbox.test'),
    trustedCaPem: pki.trustedCa.certificatePem,
    jwtVerificationKey: await importSPKI(
      jwtKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      JWT_ALGORITHM,
    ),
  });
  const listeners: Listener[] = [];
  const stop = async () => {
    await Promise.all([...listeners.map((l) => l.close()), zosConnect.close()]);
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const addresses: SandboxFacts['listeners'] = {};
    const cicsServerCertificate = pki.serverCertificate('cics.sandbox.test');
    for (const service of loaded.site.tcpipServices) {
      const listener = await startCicsListener({
        site: () => state.site,
        serviceName: service.name,
        options: modelOptions,
        time,
        serverCertificate: cicsServerCertificate,
        trustedPem: keyring.map((ca) => ca.certificatePem),
      });
      listeners.push(listener);
      addresses[service.name] = { host: '127.0.0.1', port: listener.port };
    }
    const facts: SandboxFacts = {
      sysplex: SANDBOX_SYSPLEX,
      listeners: addresses,
      baseUrl: zosConnect.baseUrlOf(0),
      whoamiPath: (connectionId) => `/whoami/${connectionId}`,
      httpsTrustStore: file('trust/test-ca.pem', pki.trustedCa.certificatePem),
      cicsTrustStore: file('trust/cics-ca.pem', pki.trustedCa.certificatePem),
      lackingTrustStore: file('trust/other-ca.pem', pki.otherCa.certificatePem),
      certificates,
      secrets,
      authDataCorrect: accounts.authDataCorrect,
      responses: {
        connectionFailure: { status: [503], errorMessage: '^SBXZ0002E' },
        configurationError: { status: [500], errorMessage: '^SBXZ0001E' },
      },
      timeouts: SANDBOX_TIMEOUTS,
      readings: modelOptions,
    };
    return { dir, facts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The definitions' Site with the sandbox's own secrets: a fresh password (and phrase) for every user that
 * has one or whose one no input shows, and each authData holding what the definitions say it holds (its
 * user's secret, or a wrong one); where they cannot tell, the user's correct password.
 */
function sandboxAccounts(loaded: LoadedSite): { site: Site; authDataCorrect: Record<string, boolean> } {
  const site = structuredClone(loaded.site);
  const authDataUsers = new Set(site.zosConnect.authData.flatMap((a) => (a.user ? [a.user] : [])));
  const descriptions = new Map(site.zosConnect.authData.map((a) => [a.id, describeAuthDataSecret(loaded, a)]));
  site.racf.users = site.racf.users.map((u): RacfUser => {
    const unread = loaded.opaqueRacfUsers.includes(u.id) || authDataUsers.has(u.id);
    return {
      ...u,
      ...(u.password !== undefined || unread ? { password: madeUpPassword() } : {}),
      ...(u.phrase !== undefined ? { phrase: madeUpPhrase() } : {}),
    };
  });
  const authDataCorrect: Record<string, boolean> = {};
  site.zosConnect.authData = site.zosConnect.authData.map((a) => {
    const described = descriptions.get(a.id);
    if (!described || described.kind === 'none') return a;
    const user = site.racf.users.find((u) => u.id === a.user);
    const correct = described.correct ?? true;
    for (const c of site.zosConnect.connections.filter((x) => x.authDataRef === a.id)) authDataCorrect[c.id] = correct;
    const right = described.kind === 'phrase' ? user?.phrase : user?.password;
    return { ...a, password: correct && right !== undefined ? right : madeUpPassword() };
  });
  return { site, authDataCorrect };
}

/** Eight characters RACF takes as a password whether or not it keeps mixed case. */
function madeUpPassword(): string {
  return `S${randomBytes(8).toString('hex').toUpperCase().slice(0, 7)}`;
}

/** A password phrase longer than either minimum RACF may set (R36). */
function madeUpPhrase(): string {
  return `sandbox phrase ${randomBytes(6).toString('hex')}`;
}
