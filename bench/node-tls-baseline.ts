/**
 * Node's raw TLS handshake rate on loopback: the yardstick for the bind probe (bench/tls-*). A throwaway
 * CA signs a server and a client certificate (keys from node's crypto, certificates from node-forge);
 * a server on 127.0.0.1:0 demands the client certificate, as SSL(CLIENTAUTH) does; the client makes
 * handshakes one after another and closes each at once. Prints one JSON object on stdout.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import forge from 'node-forge';

interface Issued {
  key: string;
  cert: string;
}

function issue(
  subject: string,
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey },
): Issued & {
  forgeCert: forge.pki.Certificate;
  forgeKey: forge.pki.rsa.PrivateKey;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(key) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : [{ name: 'commonName', value: subject }]);
  cert.setExtensions(
    issuer
      ? [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
      : [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true },
        ],
  );
  cert.sign(issuer ? issuer.key : forgeKey, forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert), forgeCert: cert, forgeKey };
}

async function handshakes(count: number, clientAuth: boolean, ca: Issued, server: Issued, client: Issued) {
  const srv = tls.createServer({
    key: server.key,
    cert: server.cert,
    ca: ca.cert,
    requestCert: clientAuth,
    rejectUnauthorized: clientAuth,
  });
  srv.on('secureConnection', (socket) => socket.end());
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as AddressInfo;
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        ca: ca.cert,
        ...(clientAuth ? { key: client.key, cert: client.cert } : {}),
      });
      await once(socket, 'secureConnect');
      socket.destroy();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { handshakes: count, seconds: Math.round(seconds * 1000) / 1000, perSecond: Math.round(count / seconds) };
  } finally {
    srv.close();
  }
}

async function main() {
  const count = Number(process.env.BENCH_TLS_HANDSHAKES ?? 300);
  const t0 = process.hrtime.bigint();
  const ca = issue('Bench CA');
  const server = issue('127.0.0.1', { cert: ca.forgeCert, key: ca.forgeKey });
  const client = issue('bench-client', { cert: ca.forgeCert, key: ca.forgeKey });
  const pkiMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await handshakes(20, true, ca, server, client); // warm-up
  const mutual = await handshakes(count, true, ca, server, client);
  const serverOnly = await handshakes(count, false, ca, server, client);
  console.log(
    JSON.stringify({ pkiThreeCertificatesMs: Math.round(pkiMs), tlsVersion: 'node default', mutual, serverOnly }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
