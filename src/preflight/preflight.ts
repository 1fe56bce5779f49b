/**
 * The preflight: before a live run, checks that an inventory can be used at all, one line per check,
 * without spending a bad password. It resolves every secret reference, loads every certificate, key and
 * trust store and holds each certificate to its declared state, opens a TCP connection to every open
 * TCPIPSERVICE and z/OS Connect server, calls every whoami API once as a caller the inventory says is
 * permitted (with that caller's own password: a caller refused once is not tried again), reads the
 * configured whoami fields, and holds the local clock against the validity of the servers' certificates.
 * Secrets are never printed: a line names the field that holds one, never its value.
 */
import { X509Certificate } from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import {
  certificateFacts,
  readPemBundle,
  readPrivateKey,
  readSecret,
  readText,
  stateContradiction,
} from '../inventory/materials';
import { formatPath, parseInventoryFile } from '../inventory/load';
import type {
  Inventory,
  InventoryConnection,
  InventoryServer,
  InventorySite,
  InventoryUser,
} from '../inventory/schema';
import { callHttps } from '../targets/live/https-call';

export type Verdict = 'ok' | 'FAIL' | 'skip';
export interface CheckLine {
  verdict: Verdict;
  check: string;
  detail: string;
}

export interface PreflightOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export async function preflight(file: string, options: PreflightOptions = {}): Promise<CheckLine[]> {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const { absolute, inventory } = parseInventoryFile(file);
  const resolve = (p: string) => path.resolve(path.dirname(absolute), p);
  const lines: CheckLine[] = [];
  const add = (verdict: Verdict, check: string, detail: string) => lines.push({ verdict, check, detail });
  const secrets = new Map<object, string>();

  inventory.sites.forEach((site, s) => {
    const at = ['sites', s];
    site.racf.users.forEach((user, u) => {
      for (const kind of ['password', 'phrase'] as const) {
        const source = user[kind];
        if (source === undefined || source === 'none') continue;
        const where = formatPath([...at, 'racf', 'users', u, kind]);
        const result = readSecret(source, env, resolve);
        if ('value' in result) {
          if (kind === 'password') secrets.set(user, result.value);
          add('ok', 'secret', `${where} resolves`);
        } else add('FAIL', 'secret', `${where}: expected ${result.problem}`);
      }
    });
    site.ldap.forEach((entry, l) => {
      const where = formatPath([...at, 'ldap', l, 'password']);
      const result = readSecret(entry.password, env, resolve);
      add(
        'value' in result ? 'ok' : 'FAIL',
        'secret',
        'value' in result ? `${where} resolves` : `${where}: expected ${result.problem}`,
      );
    });
    site.certificates.forEach((cert, c) =>
      checkCertificate(cert, formatPath([...at, 'certificates', c]), resolve, now(), add),
    );
    site.zosConnect.servers.forEach((server, v) => {
      const vat = [...at, 'zosConnect', 'servers', v];
      if (server.trustStore) checkTrustStore(server.trustStore, formatPath([...vat, 'trustStore']), resolve, add);
      if (server.jwt) checkKey(server.jwt.signingKey, formatPath([...vat, 'jwt', 'signingKey']), resolve, add);
      server.connections.forEach((conn, n) => {
        if (conn.tls !== 'none' && conn.tls.trustStore)
          checkTrustStore(
            conn.tls.trustStore,
            formatPath([...vat, 'connections', n, 'tls', 'trustStore']),
            resolve,
            add,
          );
      });
    });
  });

  for (const [s, site] of inventory.sites.entries()) {
    for (const [r, region] of site.cics.regions.entries())
      for (const [t, service] of region.tcpipServices.entries()) {
        const where = `${formatPath(['sites', s, 'cics', 'regions', r, 'tcpipServices', t])} ${service.name} ${service.host}:${service.port}`;
        if (service.status === 'CLOSED') {
          add('skip', 'port', `${where}: declared CLOSED, not expected to answer`);
          continue;
        }
        const answered = await tcpAnswers(service.host, service.port, inventory.timeouts.connectMs);
        add(
          answered === true ? 'ok' : 'FAIL',
          'port',
          answered === true ? `${where} answers` : `${where}: no answer (${answered})`,
        );
        if (answered === true && service.ssl !== 'NO')
          await checkServerClock(service.host, service.port, `${service.name} TLS certificate`, inventory, now, add);
      }
    for (const [v, server] of site.zosConnect.servers.entries()) {
      const url = new URL(server.baseUrl);
      const port = Number(url.port || 443);
      const where = `${formatPath(['sites', s, 'zosConnect', 'servers', v])} ${server.name} ${url.hostname}:${port}`;
      const answered = await tcpAnswers(url.hostname, port, inventory.timeouts.connectMs);
      add(
        answered === true ? 'ok' : 'FAIL',
        'port',
        answered === true ? `${where} answers` : `${where}: no answer (${answered})`,
      );
      if (answered !== true) continue;
      await checkServerClock(url.hostname, port, `${server.name} HTTPS certificate`, inventory, now, add);
      await checkWhoamis(inventory, site, s, server, v, secrets, resolve, add);
    }
  }
  return lines;
}

function checkCertificate(
  cert: InventorySite['certificates'][number],
  where: string,
  resolve: (p: string) => string,
  now: Date,
  add: (v: Verdict, c: string, d: string) => void,
) {
  let facts;
  try {
    facts = certificateFacts(readText(resolve(cert.certificate)));
  } catch (error) {
    add('FAIL', 'certificate', `${where}.certificate: expected a readable PEM certificate (${codeOf(error)})`);
    return;
  }
  const contradiction = stateContradiction(cert.state, facts, now);
  if (contradiction)
    add(
      'FAIL',
      'certificate',
      `${where} ${cert.id}: declared ${cert.state}, but at ${now.toISOString()} it is ${contradiction} (valid ${facts.notBefore} to ${facts.notAfter})`,
    );
  else add('ok', 'certificate', `${where} ${cert.id}: ${cert.state}, valid ${facts.notBefore} to ${facts.notAfter}`);
  if (cert.key === undefined) return;
  try {
    const { key } = readPrivateKey(resolve(cert.key));
    if (new X509Certificate(facts.certificatePem).checkPrivateKey(key))
      add('ok', 'key', `${where}.key matches ${cert.id}`);
    else add('FAIL', 'key', `${where}.key: expected the private key of ${cert.id} (the file holds another key)`);
  } catch (error) {
    add('FAIL', 'key', `${where}.key: expected a readable PEM private key (${codeOf(error)})`);
  }
}

function checkTrustStore(
  file: string,
  where: string,
  resolve: (p: string) => string,
  add: (v: Verdict, c: string, d: string) => void,
) {
  try {
    add('ok', 'trust store', `${where}: ${readPemBundle(resolve(file)).length} CA certificate(s)`);
  } catch (error) {
    add('FAIL', 'trust store', `${where}: expected a readable PEM bundle (${codeOf(error)})`);
  }
}

function checkKey(
  file: string,
  where: string,
  resolve: (p: string) => string,
  add: (v: Verdict, c: string, d: string) => void,
) {
  try {
    readPrivateKey(resolve(file));
    add('ok', 'key', `${where} loads`);
  } catch (error) {
    add('FAIL', 'key', `${where}: expected a readable PEM private key (${codeOf(error)})`);
  }
}

function tcpAnswers(host: string, port: number, timeoutMs: number): Promise<true | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: true | string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(`no connection within ${timeoutMs} ms`));
    socket.once('connect', () => done(true));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

/** The local clock against a server certificate's validity: a clock outside it makes every TLS verdict suspect. */
async function checkServerClock(
  host: string,
  port: number,
  what: string,
  inventory: Inventory,
  now: () => Date,
  add: (v: Verdict, c: string, d: string) => void,
) {
  const peer = await new Promise<tls.PeerCertificate | string>((resolve) => {
    const socket = tls.connect({
      host,
      port,
      rejectUnauthorized: false,
      servername: net.isIP(host) ? undefined : host,
    });
    const done = (r: tls.PeerCertificate | string) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(inventory.timeouts.handshakeMs, () => done('no TLS handshake in time'));
    socket.once('secureConnect', () => done(socket.getPeerCertificate()));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
  if (typeof peer === 'string' || !peer.valid_from) {
    add(
      'skip',
      'clock',
      `${what} at ${host}:${port}: no certificate read (${typeof peer === 'string' ? peer : 'none sent'})`,
    );
    return;
  }
  const t = now().getTime();
  const from = Date.parse(peer.valid_from);
  const to = Date.parse(peer.valid_to);
  if (t < from)
    add(
      'FAIL',
      'clock',
      `${what} at ${host}:${port} is valid from ${new Date(from).toISOString()}, after this machine's clock (${new Date(t).toISOString()}): the clock is behind, or the certificate is not yet valid`,
    );
  else if (t > to)
    add(
      'FAIL',
      'clock',
      `${what} at ${host}:${port} expired ${new Date(to).toISOString()}, before this machine's clock (${new Date(t).toISOString()})`,
    );
  else add('ok', 'clock', `${what} at ${host}:${port}: this machine's clock is within its validity`);
}

/** Each connection's whoami API, called once by a caller the inventory says may run it. */
async function checkWhoamis(
  inventory: Inventory,
  site: InventorySite,
  s: number,
  server: InventoryServer,
  v: number,
  secrets: Map<object, string>,
  resolve: (p: string) => string,
  add: (v: Verdict, c: string, d: string) => void,
) {
  const refused = new Set<string>();
  const trusted = server.trustStore ? readPemBundle(resolve(server.trustStore)) : undefined;
  for (const [n, conn] of server.connections.entries()) {
    const where = `${formatPath(['sites', s, 'zosConnect', 'servers', v, 'connections', n])} ${conn.id}`;
    const caller = permittedCaller(site, conn, secrets, refused);
    if (!caller && server.requireAuth) {
      add(
        'skip',
        'whoami',
        `${where}: no user the inventory says may run ${conn.whoami.program} under ${conn.transid ?? 'CSMI'} has a password to call with`,
      );
      continue;
    }
    const headers: Record<string, string> = caller
      ? { authorization: `Basic ${Buffer.from(`${caller.id}:${secrets.get(caller) as string}`).toString('base64')}` }
      : {};
    const url = new URL(server.baseUrl.replace(/\/$/, '') + conn.whoami.path);
    const result = await callHttps({
      url,
      method: conn.whoami.method,
      headers,
      trustedCasPem: trusted,
      verifyServerCertificate: server.verifyServerCertificate,
      timeoutMs: inventory.timeouts.requestMs,
    });
    const as = caller ? `as ${caller.id}` : 'anonymously';
    if (result.kind !== 'response') {
      add('FAIL', 'whoami', `${where} ${conn.whoami.method} ${url.pathname} ${as}: ${result.kind} (${result.code})`);
      continue;
    }
    if (result.status === 401 && caller) refused.add(caller.id);
    if (result.status < 200 || result.status > 299) {
      add(
        'FAIL',
        'whoami',
        `${where} ${conn.whoami.method} ${url.pathname} ${as}: status ${result.status}, expected 2xx${result.status === 401 && caller ? ` (${caller.id}'s password was refused: it is not tried again)` : ''}`,
      );
      continue;
    }
    const missing = missingFields(result.body, inventory.responses.whoami);
    if (missing.length > 0)
      add(
        'FAIL',
        'whoami',
        `${where} ${url.pathname} ${as}: the response has no ${missing.join(' and no ')} (responses.whoami)`,
      );
    else
      add(
        'ok',
        'whoami',
        `${where} ${url.pathname} ${as}: ${inventory.responses.whoami.userId} and ${inventory.responses.whoami.transid} present`,
      );
  }
}

function permittedCaller(
  site: InventorySite,
  conn: InventoryConnection,
  secrets: Map<object, string>,
  refused: Set<string>,
): InventoryUser | undefined {
  const transid = conn.transid && conn.transidUsage === 'EIB_AND_MIRROR' ? conn.transid : 'CSMI';
  return site.racf.users.find(
    (u) =>
      u.defined &&
      !u.revoked &&
      !u.passwordExpired &&
      !refused.has(u.id) &&
      secrets.has(u) &&
      u.transactions[transid] !== false &&
      u.programs[conn.whoami.program] !== false &&
      u.applAccess !== false,
  );
}

function missingFields(body: string, fields: { userId: string; transid: string }): string[] {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return ['JSON body'];
  }
  const at = (dotted: string) =>
    dotted
      .split('.')
      .reduce<unknown>(
        (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        document,
      );
  return [fields.userId, fields.transid].filter((f) => {
    const value = at(f);
    return typeof value !== 'string' || value.trim() === '';
  });
}

function codeOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message?.split('\n')[0] ?? 'unreadable';
}

export function formatLine(line: CheckLine): string {
  return `${line.verdict.padEnd(4)} ${line.check}: ${line.detail}`;
}
