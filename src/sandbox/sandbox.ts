/**
 * The local reference deployment: for every recorded scenario a site with its own RACF, a CICS IPIC
 * listener and a z/OS Connect base path, all on 127.0.0.1 with OS-picked ports, all deciding through the
 * reference model. It writes the inventory the live target reads (real ports, certificate files under its
 * directory, secrets in owner-only files) and shuts everything down on stop().
 */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { importSPKI } from 'jose';
import { dump } from 'js-yaml';
import { DEFAULT_OPTIONS, type Certificate, type ModelOptions } from '../model';
import { TestPki, writeFileUnder, writeSecretFile, type IssuedCertificate } from '../pki';
import { JWT_ISSUER } from '../targets/model/build-site';
import { startCicsListener, type Listener } from './cics-listener';
import { ModelTime } from './model-time';
import { recordScenarios, SANDBOX_CACHE } from './record';
import type { Recording } from './recording-target';
import { JWT_ALGORITHM, siteInventory, type SiteFiles } from './site-inventory';
import { planVariants, type Variant } from './variants';
import { startZosConnect, type SandboxSite } from './zos-connect-server';
import { WHOAMI_FIELDS } from '../kit/whoami-contract';

/** The timeouts the sandbox's inventory gives the live target (the bench probes with the same settle time). */
export const SANDBOX_TIMEOUTS = { connectMs: 2000, handshakeMs: 3000, settleMs: 60, requestMs: 10000 } as const;

export interface SandboxOptions {
  /** Where the inventory and its files go; wiped at start. Default .cache/sandbox/current. */
  dir?: string;
  /** The scenarios to provision; default: recorded from the features (cached by their hash). */
  recording?: Recording;
  modelOptions?: ModelOptions;
  pkiCacheDir?: string;
  /** Remove the directory on stop (tests do; `npm run sandbox` keeps it for inspection). */
  removeOnStop?: boolean;
  /**
   * Milliseconds z/OS Connect waits before answering each request: the round trip to a real LPAR, for
   * measuring what `--parallel N` gains (bench/live-parallel.ts). Default 0.
   */
  latencyMs?: number;
}

export interface Sandbox {
  inventoryPath: string;
  dir: string;
  sites: { name: string; port: number; open: boolean }[];
  zosConnectPort: number;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = path.resolve(options.dir ?? path.join(SANDBOX_CACHE, 'current'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const modelOptions = options.modelOptions ?? DEFAULT_OPTIONS;
  const recording = options.recording ?? recordScenarios();
  const variants = planVariants(recording.scenarios);
  const pki = await TestPki.open({ cacheDir: options.pkiCacheDir });
  const time = new ModelTime();
  const files = fileWriter(dir, pki, time);
  const sites = new Map<number, SandboxSite>(
    variants.map((v) => [v.index, { index: v.index, site: v.site, ldap: ldapUsersOf(v) }]),
  );

  const cicsCertificate = pki.serverCertificate('cics.sandbox.test');
  const listeners: Listener[] = [];
  const zosConnectCertificate = pki.serverCertificate('zosconnect.sandbox.test');
  const jwtKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwtVerificationKey = await importSPKI(
    jwtKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    JWT_ALGORITHM,
  );
  writeSecretFile(
    path.join(dir, files.jwtSigningKey),
    jwtKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  const zosConnect = await startZosConnect({
    sites,
    options: modelOptions,
    time,
    serverCertificate: zosConnectCertificate,
    trustedCaPem: pki.trustedCa.certificatePem,
    jwtVerificationKey,
    latencyMs: options.latencyMs ?? 0,
  });
  const stop = async () => {
    await Promise.all([...listeners.map((l) => l.close()), zosConnect.close()]);
    if (options.removeOnStop) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const variant of variants) {
      const state = sites.get(variant.index) as SandboxSite;
      listeners.push(
        await startCicsListener({
          site: () => state.site,
          options: modelOptions,
          time,
          serverCertificate: cicsCertificate,
          trustedPem: [pki.trustedCa.certificatePem, ...selfSignedTrustedByRacf(variant, files, modelOptions)],
        }),
      );
    }
    const inventory = {
      version: 1,
      description: `IPIC conformance sandbox on 127.0.0.1: ${variants.length} sites, one per recorded scenario, deciding by the reference model`,
      limits: { badPasswordAttemptsPerAccount: 1 },
      timeouts: SANDBOX_TIMEOUTS,
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      readings: { ...modelOptions },
      responses: {
        cicsRefusal: { status: [500], errorMessage: '^BAQR\\d{4}[A-Z]' },
        connectionFailure: { status: [503], errorMessage: '^SBXZ0002E' },
        configurationError: { status: [500], errorMessage: '^SBXZ0001E' },
        whoami: { ...WHOAMI_FIELDS },
      },
      matching: { unconstrained: 'prefer-defaults' },
      sites: variants.map((variant, i) =>
        siteInventory(
          {
            variant,
            port: listeners[i]?.port as number,
            open: listeners[i]?.open as boolean,
            baseUrl: zosConnect.baseUrlOf(variant.index),
            ldap: sites.get(variant.index)?.ldap ?? [],
          },
          files,
          JWT_ISSUER,
        ),
      ),
    };
    const inventoryPath = path.join(dir, 'inventory.yaml');
    // js-yaml, not the yaml package: 0.1 s against 0.5 s for the 292 sites (1.3 MB), and every sandbox run
    // writes it. Plain data: no anchors (noRefs), no folded lines.
    writeFileSync(
      inventoryPath,
      `# Written by the IPIC conformance sandbox. Secrets are in files beside it.\n${dump(inventory, { lineWidth: -1, noRefs: true })}`,
    );
    return {
      inventoryPath,
      dir,
      sites: variants.map((v, i) => ({
        name: v.name,
        port: listeners[i]?.port as number,
        open: listeners[i]?.open as boolean,
      })),
      zosConnectPort: zosConnect.port,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** LDAP users for the distinguished names the site's callers use; passwords derived, kept in files. */
function ldapUsersOf(variant: Variant): SandboxSite['ldap'] {
  const entries: SandboxSite['ldap'] = [];
  for (const request of variant.requests) {
    const caller = request.caller;
    if (caller.kind !== 'ldap' || entries.some((e) => e.dn === caller.dn && e.realm === caller.realm)) continue;
    const username = `ldap${entries.length + 1}`;
    entries.push({
      dn: caller.dn,
      realm: caller.realm,
      username,
      password: derivedSecret(`${variant.name}/${caller.dn}/${caller.realm}`),
    });
  }
  return entries;
}

/** R12 [INF]: a self-signed client certificate RACF holds with TRUST is trusted by CICS, when the model says so. */
function selfSignedTrustedByRacf(
  variant: Variant,
  files: SiteFiles & { issued(name: string): IssuedCertificate | undefined },
  options: ModelOptions,
): string[] {
  if (options.selfSignedTrustedWhenRegistered !== 'yes') return [];
  const racf = variant.site.racf;
  return variant.site.zosConnect.ssl.flatMap((ssl) => {
    const cert = ssl.clientCertificate;
    if (!cert || cert.subject !== cert.issuer) return [];
    if (!racf.registeredCertificates.some((r) => r.subject === cert.subject && r.trust)) return [];
    const name = `${variant.name}/ipic-${ssl.id}`;
    files.certificate(name, cert);
    return [files.issued(name)?.certificatePem ?? ''];
  });
}

function fileWriter(
  dir: string,
  pki: TestPki,
  time: ModelTime,
): SiteFiles & { issued(name: string): IssuedCertificate | undefined } {
  const issued = new Map<string, IssuedCertificate>();
  const write = (relative: string, content: string, secret: boolean) => {
    writeFileUnder(dir, relative, content, secret);
    return relative;
  };
  write('trust/test-ca.pem', pki.trustedCa.certificatePem, false);
  write('trust/other-ca.pem', pki.otherCa.certificatePem, false);
  return {
    secret: (name, value) => write(`secrets/${name}`, `${value}\n`, true),
    certificate(name: string, cert: Certificate) {
      let done = issued.get(name);
      if (!done) {
        const { spec, issuer } = time.specFor(cert);
        done = pki.issue(spec, issuer);
        issued.set(name, done);
      }
      return {
        certificate: write(`certs/${name}.pem`, done.certificatePem, false),
        key: write(`keys/${name}.key.pem`, done.privateKeyPem, true),
      };
    },
    issued: (name) => issued.get(name),
    cicsTrustStore: 'trust/test-ca.pem',
    lackingTrustStore: 'trust/other-ca.pem',
    httpsTrustStore: 'trust/test-ca.pem',
    jwtSigningKey: 'secrets/jwt-signing-key.pem',
  };
}

/** Secrets the sandbox makes up: derived from a name, so a rerun makes the same ones, never printed. */
function derivedSecret(name: string): string {
  return `Sb${createHash('sha256').update(`ipic-sandbox:${name}`).digest('base64url').slice(0, 14)}`;
}
