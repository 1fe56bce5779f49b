/**
 * Small loopback servers to point the bind probe at: a TLS server that demands a client certificate from
 * the test CA and one that does not, a server that accepts TCP and then says nothing, and a port that
 * never completes a TCP handshake (a child process that never accepts, its backlog filled, so the kernel
 * drops further SYNs, as a firewall would). Each closes by itself when the test is done.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * A port nothing listens on, and that stays that way: it lies below the kernel's ephemeral range, so no
 * listen(0), in this process or in a test running beside it, can be given it afterwards. (A port that was
 * merely free a moment ago can be handed to the next OS-picked listener, and the "closed" port answers.)
 */
export async function closedPort(): Promise<number> {
  const below = ephemeralRangeStart();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FIXED_RANGE_START + Math.floor(Math.random() * (below - FIXED_RANGE_START));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between ${FIXED_RANGE_START} and ${below} on 127.0.0.1`);
}

const FIXED_RANGE_START = 10_000;

function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > FIXED_RANGE_START + 1000) return low;
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152.
  }
  return 49_152;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
