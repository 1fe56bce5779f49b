/**
 * Small loopback servers to point the bind probe at: a TLS server that demands a client certificate from
 * the test CA and one that does not, a server that accepts TCP and then says nothing, and a port that
 * never completes a TCP handshake (a child process that never accepts, its backlog filled, so the kernel
 * drops further SYNs, as a firewall would). Each closes by itself when the test is done.
 */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { IssuedCertificate } from '../pki';

export interface ProbeTarget {
  port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server, sockets: Set<net.Socket>): Promise<ProbeTarget> {
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startTlsServer(options: {
  certificate: IssuedCertificate;
  demandClientCertificateFrom?: string[];
}): Promise<ProbeTarget> {
  const demand = options.demandClientCertificateFrom;
  const server = tls.createServer({
    cert: options.certificate.certificatePem,
    key: options.certificate.privateKeyPem,
    ca: demand,
    requestCert: demand !== undefined,
    rejectUnauthorized: demand !== undefined,
  });
  server.on('tlsClientError', () => {});
  return listen(server, new Set());
}

/** Accepts the TCP connection and never sends a byte. */
export function startSilentServer(): Promise<ProbeTarget> {
  return listen(net.createServer(), new Set());
}

/** A port whose TCP handshake never completes. */
export async function startBlackhole(): Promise<ProbeTarget> {
  const script =
    "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{" +
    "process.stdout.write(s.address().port+'\\n');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0);});";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('error', reject);
  });
  // The child never accepts: two connections fill its backlog, and the kernel drops every later SYN.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 3; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    fillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 100).unref());
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      child.kill();
    },
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
