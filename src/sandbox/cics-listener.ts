/**
 * A loopback listener standing in for a CICS region's IPIC TCPIPSERVICE. Its TLS is real: under
 * SSL(CLIENTAUTH) node (OpenSSL) verifies the client certificate against the region's key ring (the test
 * CA, plus self-signed certificates RACF holds with TRUST). Whatever passes the handshake is then judged by
 * the reference model, as CICS maps the certificate in RACF after System SSL accepts it; a refusal closes
 * the connection. A closed TCPIPSERVICE is a port nobody listens on. It never speaks IPIC.
 */
import type { X509Certificate } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { acquireConnection, startupFailure, type Certificate, type ModelOptions, type Site } from '../model';
import type { IssuedCertificate } from '../pki';
import type { ModelTime } from './model-time';
import { closedPort } from './probe-targets';

export interface ListenerConfig {
  /** The region's current definitions (RACF state changes during a run). */
  site(): Site;
  options: ModelOptions;
  time: ModelTime;
  serverCertificate: IssuedCertificate;
  /** The region's key ring: CA certificates, and self-signed certificates RACF trusts. */
  trustedPem: string[];
  idleMs?: number;
  /** The TCPIPSERVICE this listener stands for; default the site's first (the features' sites have one). */
  serviceName?: string;
}

export interface Listener {
  port: number;
  open: boolean;
  close(): Promise<void>;
}

export async function startCicsListener(config: ListenerConfig): Promise<Listener> {
  const services = config.site().tcpipServices;
  const service = config.serviceName ? services.find((t) => t.name === config.serviceName) : services[0];
  if (!service) throw new Error(`the site has no TCPIPSERVICE ${config.serviceName ?? ''}`.trim());
  // A region that does not start (R9) listens on none of its ports, as a closed TCPIPSERVICE does not.
  if (!service.open || startupFailure(config.site()))
    return { port: await closedPort(), open: false, close: async () => {} };
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(config.idleMs ?? 30_000, () => socket.destroy());
  };
  let server: net.Server;
  if (service.ssl === 'NO' && !service.atTls) {
    // SSL(NO): IPIC expects its own data; anything else (a TLS ClientHello) ends the connection.
    server = net.createServer((socket) => {
      track(socket);
      socket.once('data', () => socket.destroy());
    });
  } else {
    const clientAuth = service.ssl === 'CLIENTAUTH' && !service.atTls;
    server = tls.createServer(
      {
        cert: config.serverCertificate.certificatePem,
        key: config.serverCertificate.privateKeyPem,
        ca: clientAuth ? config.trustedPem : undefined,
        requestCert: clientAuth,
        rejectUnauthorized: clientAuth,
      },
      (socket) => {
        track(socket);
        // Refuse here, synchronously: node writes its last handshake flight (TLS 1.2's Finished, TLS 1.3's
        // session tickets) only after this callback, so the partner sees a refusal in the handshake, as System
        // SSL gives one. Closing any later would send that flight first: "accepted, then closed".
        if (clientAuth && !acceptedByModel(config, service.port, socket.getPeerX509Certificate())) socket.destroy();
      },
    );
    server.on('connection', track);
    server.on('tlsClientError', () => {});
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    open: true,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The model's verdict on the handshake with this certificate: the TLS stage of acquireConnection. */
function acceptedByModel(config: ListenerConfig, port: number, peer: X509Certificate | undefined): boolean {
  const site = config.site();
  // A connection into this TCPIPSERVICE lends its partner names; the handshake does not depend on them.
  const first = site.zosConnect.connections.find((c) => c.port === port) ?? site.zosConnect.connections[0];
  if (!first) return false;
  const presented: Certificate | undefined = peer ? config.time.modelCertificate(peer) : undefined;
  const probeSite: Site = {
    ...site,
    zosConnect: {
      ...site.zosConnect,
      ssl: [{ id: 'probe', clientCertificate: presented, trustsServerCertificate: true }],
      connections: [
        {
          id: 'probe',
          port: first.port,
          applid: first.applid,
          networkid: first.networkid,
          transidUsage: first.transidUsage,
          sslCertsRef: 'probe',
        },
      ],
    },
  };
  const decision = acquireConnection(probeSite, config.options, 'probe');
  return decision.acquired || decision.stage !== 'tls';
}
