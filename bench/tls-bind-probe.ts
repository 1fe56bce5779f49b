/**
 * The bind probe's handshake rate beside node's raw TLS rate, side by side in one process against one
 * loopback server that demands a client certificate from the test CA (as SSL(CLIENTAUTH) does). Rounds
 * are interleaved (raw, probe, raw, probe ...) so both see the same load; each number is the median over
 * rounds. Run by `npm run bench` (bench/external.ts); prints one JSON object as its last line.
 *
 * What is compared:
 * - raw: tls.connect with the client certificate, wait for secureConnect, destroy; one after another.
 * - probe, no settle: bindProbe over one TLS version with settleMs 0, the probe's own cost per handshake.
 * - probe, settled: the same with the settle time the sandbox inventory uses. Under TLS 1.3 a rejected
 *   client certificate shows only as a close after secureConnect, so the probe waits that long before it
 *   calls a handshake accepted; one after another, that wait and not the handshake bounds the rate.
 * - probe, settled, concurrent: the same with several probes in flight, the way to spend the settle time.
 */
import { TestPki } from '../src/pki';
import { SANDBOX_TIMEOUTS } from '../src/sandbox';
import { startTlsServer } from '../src/sandbox/probe-targets';
import { bindProbe, type TlsVersion } from '../src/targets/live/bind-probe';
import * as tls from 'node:tls';
import { once } from 'node:events';
import { pairedRatio, round, stats } from './statistics';

const HANDSHAKES = Number(process.env.BENCH_TLS_HANDSHAKES ?? 200);
const ROUNDS = Number(process.env.BENCH_TLS_ROUNDS ?? 5);
const SANDBOX_SETTLE_MS = SANDBOX_TIMEOUTS.settleMs;
const CONCURRENCY = 32;

type Client = { certificatePem: string; privateKeyPem: string };

async function raw(port: number, client: Client, version: TlsVersion, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      cert: client.certificatePem,
      key: client.privateKeyPem,
      minVersion: version,
      maxVersion: version,
      rejectUnauthorized: false,
    });
    await once(socket, 'secureConnect');
    socket.destroy();
  }
  return count / ((performance.now() - started) / 1000);
}

async function probe(
  port: number,
  client: Client,
  version: TlsVersion,
  count: number,
  settleMs: number,
  concurrency = 1,
): Promise<number> {
  const options = {
    tls: { certificatePem: client.certificatePem, privateKeyPem: client.privateKeyPem },
    versions: [version],
    timeouts: { connectMs: 2000, handshakeMs: 3000, settleMs },
  };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < count) {
      const result = await bindProbe({ host: '127.0.0.1', port }, options);
      if (result.stage !== 'passed') throw new Error(`the probe was refused: ${result.detail}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

const summary = (xs: number[]) => {
  const s = stats(xs);
  return { perSecondMedian: Math.round(s.medianMs), spread: round(s.spread, 2) };
};

async function main(): Promise<void> {
  const pki = await TestPki.open();
  const server = await startTlsServer({
    certificate: pki.serverCertificate('bench.ipic.test'),
    demandClientCertificateFrom: [pki.trustedCa.certificatePem],
  });
  const client = pki.clientCertificate('valid', 'BENCHCLI');
  const settledCount = Math.max(20, Math.round(HANDSHAKES / 10));
  const out: Record<string, unknown> = { handshakes: HANDSHAKES, rounds: ROUNDS, settleMs: SANDBOX_SETTLE_MS };
  try {
    for (const version of ['TLSv1.3', 'TLSv1.2'] as TlsVersion[]) {
      await raw(server.port, client, version, 20); // warm-up
      await probe(server.port, client, version, 20, 0);
      const s = { raw: [] as number[], probe: [] as number[], settled: [] as number[], concurrent: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        s.raw.push(await raw(server.port, client, version, HANDSHAKES));
        s.probe.push(await probe(server.port, client, version, HANDSHAKES, 0));
        s.settled.push(await probe(server.port, client, version, settledCount, SANDBOX_SETTLE_MS));
        s.concurrent.push(await probe(server.port, client, version, HANDSHAKES, SANDBOX_SETTLE_MS, CONCURRENCY));
      }
      const ratio = (xs: number[]) => round(pairedRatio(xs, s.raw), 2);
      out[version] = {
        raw: summary(s.raw),
        probeNoSettle: { ...summary(s.probe), overRaw: ratio(s.probe) },
        probeSettledSequential: { ...summary(s.settled), overRaw: ratio(s.settled) },
        probeSettledConcurrent: { ...summary(s.concurrent), concurrency: CONCURRENCY, overRaw: ratio(s.concurrent) },
      };
      process.stderr.write(`${version}: ${JSON.stringify(out[version])}\n`);
    }
  } finally {
    await server.close();
  }
  console.log(JSON.stringify(out));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
