/**
 * A loopback HTTPS server standing in for z/OS Connect, one base path per sandbox site
 * (/sbx/<n>/whoami/<connection>). It authenticates the caller the way Liberty would (basic auth against
 * RACF or the site's LDAP users, a client certificate, a JWT verified with jose), asks the reference model
 * what happens to the request, and answers with z/OS Connect's documented outward behaviour: 401 with
 * WWW-Authenticate, 403, CICS refusals as 500 with a BAQR errorMessage (live notes §1 C, inferred there),
 * and the kit's whoami program's answer (src/kit/whoami-contract.ts). Where IBM documents nothing (connection failures, incomplete authData),
 * it uses its own message IDs SBXZ0002E and SBXZ0001E, which its inventory declares.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { compactVerify, decodeJwt, type CryptoKey } from 'jose';
import { decideRequest, type HttpCaller, type ModelOptions, type RequestDecision, type Site } from '../model';
import type { IssuedCertificate } from '../pki';
import type { ModelTime } from './model-time';
import { withRacfUpdates } from '../targets/model/observe';
import { whoamiBody } from '../kit/whoami-contract';

export interface SandboxSite {
  index: number;
  site: Site;
  ldap: { dn: string; realm: string; username: string; password: string }[];
}

export interface ZosConnectConfig {
  sites: Map<number, SandboxSite>;
  options: ModelOptions;
  time: ModelTime;
  serverCertificate: IssuedCertificate;
  trustedCaPem: string;
  jwtVerificationKey: CryptoKey;
  /** Milliseconds to wait before answering each request (a distant LPAR's round trip). */
  latencyMs?: number;
}

export interface ZosConnectServer {
  port: number;
  baseUrlOf(index: number): string;
  close(): Promise<void>;
}

export async function startZosConnect(config: ZosConnectConfig): Promise<ZosConnectServer> {
  const server = https.createServer(
    {
      cert: config.serverCertificate.certificatePem,
      key: config.serverCertificate.privateKeyPem,
      ca: [config.trustedCaPem],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const answer = () => handle(config, req, res).catch(() => send(res, 500, 'text/plain', 'sandbox error'));
      if (config.latencyMs) setTimeout(answer, config.latencyMs);
      else void answer();
    },
  );
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrlOf: (index) => `https://127.0.0.1:${port}/sbx/${index}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(config: ZosConnectConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = /^\/sbx\/(\d+)\/whoami\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url ?? '/', 'https://sandbox').pathname);
  const sandboxSite = route ? config.sites.get(Number(route[1])) : undefined;
  const connectionId = route?.[2] ?? '';
  if (!sandboxSite || !sandboxSite.site.zosConnect.connections.some((c) => c.id === connectionId)) {
    return send(
      res,
      404,
      'application/json',
      JSON.stringify({ errorMessage: 'SBXZ0404E: no such API in the sandbox' }),
    );
  }
  const caller = await callerOf(config, sandboxSite, req);
  if (caller === 'unauthenticated') return challenge(res);
  const decision = decideRequest(sandboxSite.site, config.options, connectionId, caller);
  sandboxSite.site = withRacfUpdates(sandboxSite.site, decision.updates);
  respond(config, res, decision, connectionId, req);
}

/** Who the caller is, as Liberty's authentication would establish it; the model decides whether that suffices. */
async function callerOf(
  config: ZosConnectConfig,
  sandboxSite: SandboxSite,
  req: IncomingMessage,
): Promise<HttpCaller | 'unauthenticated'> {
  const authorization = req.headers.authorization ?? '';
  if (authorization.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const ldap = sandboxSite.ldap.find((l) => l.username === user);
    if (ldap) return ldap.password === password ? { kind: 'ldap', dn: ldap.dn, realm: ldap.realm } : 'unauthenticated';
    return { kind: 'basic', userid: user, password };
  }
  if (authorization.startsWith('Bearer ')) return jwtCaller(config, authorization.slice(7));
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerX509Certificate?.();
  if (peer)
    return socket.authorized
      ? { kind: 'certificate', certificate: config.time.modelCertificate(peer) }
      : 'unauthenticated';
  return { kind: 'anonymous' };
}

async function jwtCaller(config: ZosConnectConfig, token: string): Promise<HttpCaller | 'unauthenticated'> {
  let claims: { iss?: string; sub?: string; exp?: number };
  let signatureTrusted = true;
  try {
    const { payload } = await compactVerify(token, config.jwtVerificationKey);
    claims = JSON.parse(new TextDecoder().decode(payload)) as typeof claims;
  } catch {
    signatureTrusted = false;
    try {
      claims = decodeJwt(token);
    } catch {
      return 'unauthenticated';
    }
  }
  if (!claims.iss || !claims.sub || typeof claims.exp !== 'number') return 'unauthenticated';
  return {
    kind: 'jwt',
    issuer: claims.iss,
    subject: claims.sub,
    expiresAt: config.time.instantToModel(claims.exp * 1000),
    signatureTrusted,
  };
}

function respond(
  config: ZosConnectConfig,
  res: ServerResponse,
  decision: RequestDecision,
  connectionId: string,
  req: IncomingMessage,
): void {
  switch (decision.outcome) {
    case 'ran':
      // Exactly what the kit's WHOAMI program returns through its API (src/kit/whoami-contract.ts).
      return send(res, 200, 'application/json', JSON.stringify(whoamiBody(decision.taskUser, decision.transid)));
    case 'not sent':
      return send(
        res,
        503,
        'application/json',
        JSON.stringify({ errorMessage: `SBXZ0002E: The IPIC connection ${connectionId} could not be used.` }),
      );
    case 'refused':
      switch (decision.by) {
        case 'z/OS Connect authentication':
          return challenge(res);
        case 'z/OS Connect authorization':
          return send(res, 403, 'text/html', 'Error 403: AuthorizationFailed');
        case 'z/OS Connect configuration':
          return send(
            res,
            500,
            'application/json',
            JSON.stringify({ errorMessage: `SBXZ0001E: The connection ${connectionId} is not configured correctly.` }),
          );
        case 'CICS':
          return send(
            res,
            500,
            'application/json',
            JSON.stringify({
              errorMessage: `BAQR0429W: API whoami encountered an error while processing a request under URL https://${req.headers.host}${req.url}.`,
            }),
          );
      }
  }
}

function challenge(res: ServerResponse): void {
  res.writeHead(401, { 'www-authenticate': 'Basic realm="sandboxRealm"', 'content-length': '0' });
  res.end();
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
