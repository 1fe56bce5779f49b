/**
 * The test PKI's cost: a cold start (two CA keys and the leaf key pool generated natively, both CAs, the
 * server certificates and one client certificate of every case the features name), a warm start from the
 * cache, and the price of one signature by forge's JavaScript against node's crypto.sign. Each in a fresh
 * temporary cache directory, removed afterwards; nothing is printed but timings. Run by `npm run bench`
 * (bench/external.ts); prints one JSON object as its last line.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import forge from 'node-forge';
import { round, stats } from './statistics';
import { TestPki, generateRsaKeyPair, signWithNodeCrypto, type ClientCertificateCase } from '../src/pki';

const ROUNDS = Number(process.env.BENCH_PKI_ROUNDS ?? 3);
const CASES: ClientCertificateCase[] = [
  'valid',
  'expired',
  'not yet valid',
  'self-signed',
  'other CA',
  'wrong extended key usage',
];

async function everyCertificate(cacheDir: string): Promise<number> {
  const started = performance.now();
  const pki = await TestPki.open({ cacheDir });
  pki.serverCertificate('cics.bench.test');
  pki.serverCertificate('zosconnect.bench.test');
  for (const kind of CASES) pki.clientCertificate(kind, `BENCH ${kind}`);
  return performance.now() - started;
}

async function signatures(count: number): Promise<{ forgeMs: number; nodeMs: number }> {
  const pair = await generateRsaKeyPair(2048);
  const forgeKey = forge.pki.privateKeyFromPem(pair.privateKeyPem);
  const nodeKey = createPrivateKey(pair.privateKeyPem);
  const certificate = () => {
    const c = forge.pki.createCertificate();
    c.publicKey = forge.pki.publicKeyFromPem(pair.publicKeyPem);
    c.serialNumber = '01';
    c.setSubject([{ name: 'commonName', value: 'bench' }]);
    c.setIssuer([{ name: 'commonName', value: 'bench' }]);
    return c;
  };
  let t = performance.now();
  for (let i = 0; i < count; i++) certificate().sign(forgeKey, forge.md.sha256.create());
  const forgeMs = (performance.now() - t) / count;
  t = performance.now();
  for (let i = 0; i < count; i++) signWithNodeCrypto(certificate(), nodeKey);
  const nodeMs = (performance.now() - t) / count;
  return { forgeMs, nodeMs };
}

const timing = (samples: number[]) => {
  const s = stats(samples);
  return { median: s.medianMs, min: s.minMs, max: s.maxMs };
};

async function main(): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-pki-'));
    try {
      cold.push(await everyCertificate(dir));
      warm.push(await everyCertificate(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sign = await signatures(20);
  console.log(
    JSON.stringify({
      certificates: 2 + 2 + CASES.length,
      coldStartMs: timing(cold),
      warmStartMs: timing(warm),
      signatureMs: {
        forge: round(sign.forgeMs, 2),
        nodeCrypto: round(sign.nodeMs, 2),
        ratio: round(sign.forgeMs / sign.nodeMs),
      },
    }),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
