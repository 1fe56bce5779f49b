/**
 * The bind probe: opens a TCP connection to a CICS TCPIPSERVICE, and a TLS handshake over it as z/OS
 * Connect would (with its client certificate or none, trusting what its trust store trusts), then says how
 * far it got. It sends no IPIC data, so it can see the TCP and TLS stages of R16, never the capability
 * exchange.
 *
 * It waits for a positive sign before it calls a handshake accepted (see attemptTls): a timer alone is a
 * race a busy machine loses. "Accepted, then closed" (the server accepted the certificate at TLS and then
 * hung up, e.g. CICS refusing the partner after its handshake) is TLS acceptance: the stage is passed.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

export interface Endpoint {
  host: string;
  port: number;
}

export interface ProbeTimeouts {
  connectMs: number;
  /** From the ClientHello to the server's first answer, and again from that answer to the handshake's end. */
  handshakeMs: number;
  /** After acceptance: how long to watch for a close ("accepted, then closed"); evidence only. */
  settleMs: number;
  /** TLS 1.3: how long to wait after the handshake for a session ticket or a refusal (default 2000). */
  verdictWaitMs?: number;
}

/** What the probe presents and trusts. No trustedCasPem: the server certificate is not checked. */
export interface ProbeTls {
  certificatePem?: string;
  privateKeyPem?: string;
  trustedCasPem?: string[];
}

export type TlsRefusal =
  | 'certificate required'
  | 'certificate rejected'
  | 'server certificate not trusted'
  | 'server does not speak TLS'
  | 'server expects TLS'
  | 'protocol version'
  | 'timeout'
  | 'closed during handshake'
  | 'closed before accepting';

/** What showed the server accepted the client at TLS. */
export type AcceptanceSignal = 'server Finished' | 'session ticket' | 'application data' | 'no refusal within the wait';

/** The three answers the evidence gives: refused in the handshake, accepted then closed, or accepted. */
export type TlsVerdict = 'refused in the handshake' | 'accepted, then closed' | 'accepted';

export type Attempt =
  | { outcome: 'tcp refused'; detail: string; code?: string }
  | { outcome: 'tls refused'; reason: TlsRefusal; detail: string; code?: string; serverSpokeTls: boolean }
  | {
      outcome: 'accepted';
      detail: string;
      protocol?: string;
      serverSpokeTls: boolean;
      /** TLS acceptance, then the server closed the connection within settleMs (still TLS acceptance). */
      closed?: boolean;
      signal?: AcceptanceSignal;
    };

/** The evidence's verdict on a TLS attempt; undefined for attempts that never got past TCP. */
export function verdictOf(attempt: Attempt): TlsVerdict | undefined {
  if (attempt.outcome === 'tcp refused') return undefined;
  if (attempt.outcome === 'tls refused') return 'refused in the handshake';
  return attempt.closed ? 'accepted, then closed' : 'accepted';
}

export interface VersionAttempt {
  version: TlsVersion | 'plain TCP';
  attempt: Attempt;
  ms: number;
}

export type ProbeStage = 'tcp' | 'tls' | 'passed';

export interface BindProbeResult {
  stage: ProbeStage;
  detail: string;
  attempts: VersionAttempt[];
}

export interface BindProbeOptions {
  /** 'none': z/OS Connect connects without TLS. */
  tls: ProbeTls | 'none';
  versions: TlsVersion[];
  timeouts: ProbeTimeouts;
  /** For 'none': also offer a bare ClientHello to learn whether the port expects TLS (default true). */
  sniffTls?: boolean;
}

/** Probes every TLS version in parallel and combines: a partner gets in if any version lets it in. */
export async function bindProbe(endpoint: Endpoint, options: BindProbeOptions): Promise<BindProbeResult> {
  if (options.tls === 'none') return plainProbe(endpoint, options);
  const tlsOptions = options.tls;
  const attempts = await Promise.all(
    options.versions.map((version) =>
      timed(version, () => attemptTls(endpoint, options.timeouts, version, tlsOptions)),
    ),
  );
  return combine(attempts);
}

async function plainProbe(endpoint: Endpoint, options: BindProbeOptions): Promise<BindProbeResult> {
  const tcp = await timed('plain TCP', () => attemptTcp(endpoint, options.timeouts));
  if (tcp.attempt.outcome !== 'accepted' || options.sniffTls === false) return combine([tcp]);
  const sniff = await timed(options.versions[options.versions.length - 1] ?? 'TLSv1.3', (version) =>
    attemptTls(endpoint, options.timeouts, version as TlsVersion, {}),
  );
  if (sniff.attempt.outcome !== 'tcp refused' && sniff.attempt.serverSpokeTls) {
    const refused: Attempt = {
      outcome: 'tls refused',
      reason: 'server expects TLS',
      detail: 'the port answered a TLS ClientHello, so a partner without TLS cannot connect',
      serverSpokeTls: true,
    };
    return {
      stage: 'tls',
      detail: refused.detail,
      attempts: [tcp, sniff, { version: 'plain TCP', attempt: refused, ms: 0 }],
    };
  }
  return { stage: 'passed', detail: 'TCP connection accepted; the port does not speak TLS', attempts: [tcp, sniff] };
}

function combine(attempts: VersionAttempt[]): BindProbeResult {
  const accepted = attempts.find((a) => a.attempt.outcome === 'accepted');
  const refusedOthers = attempts.filter((a) => a.attempt.outcome !== 'accepted');
  if (accepted) {
    const note = refusedOthers.length ? ` (refused over ${refusedOthers.map((a) => a.version).join(', ')})` : '';
    return { stage: 'passed', detail: `${accepted.version}: ${accepted.attempt.detail}${note}`, attempts };
  }
  if (attempts.every((a) => a.attempt.outcome === 'tcp refused')) {
    return { stage: 'tcp', detail: attempts[0]?.attempt.detail ?? 'no attempt made', attempts };
  }
  // A version the server does not offer says nothing about certificates: prefer another version's reason.
  const tlsRefusals = attempts.filter((a) => a.attempt.outcome === 'tls refused');
  const telling =
    tlsRefusals.find((a) => a.attempt.outcome === 'tls refused' && a.attempt.reason !== 'protocol version') ??
    tlsRefusals[0];
  const attempt = telling?.attempt;
  const reason = attempt?.outcome === 'tls refused' ? `${attempt.reason}: ${attempt.detail}` : 'refused';
  return { stage: 'tls', detail: `${telling?.version}: ${reason}`, attempts };
}

async function timed(
  version: VersionAttempt['version'],
  run: (version: string) => Promise<Attempt>,
): Promise<VersionAttempt> {
  const start = performance.now();
  const attempt = await run(version);
  return { version, attempt, ms: Math.round(performance.now() - start) };
}

/** Opens the TCP connection; resolves the socket, or a 'tcp refused' attempt. */
function connectTcp(endpoint: Endpoint, connectMs: number): Promise<net.Socket | Attempt> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ outcome: 'tcp refused', detail: `no TCP connection within ${connectMs} ms`, code: 'ETIMEDOUT' });
    }, connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({
        outcome: 'tcp refused',
        detail: `TCP connection failed (${error.code ?? error.message})`,
        code: error.code,
      });
    });
  });
}

async function attemptTcp(endpoint: Endpoint, timeouts: ProbeTimeouts): Promise<Attempt> {
  const socket = await connectTcp(endpoint, timeouts.connectMs);
  if (!(socket instanceof net.Socket)) return socket;
  socket.destroy();
  return { outcome: 'accepted', detail: 'TCP connection accepted', serverSpokeTls: false };
}

/**
 * One TLS attempt. The verdict waits for a decisive sign, so that a busy machine (a late alert, a late
 * close) cannot turn a refusal into an acceptance:
 * - TLS 1.2: the server's Finished (secureConnect) comes only after it judged the client certificate, so it
 *   is acceptance; an alert or a close before it is a refusal.
 * - TLS 1.3: the client finishes first. The server's verdict is a NewSessionTicket (sent only once it has
 *   accepted the certificate: node emits 'session'), application data, an alert, or a close. If none comes
 *   within verdictWaitMs the server may have session tickets turned off: the attempt counts as accepted and
 *   the detail says that it was inferred.
 * After acceptance the connection is watched for settleMs, only to tell "accepted" from "accepted, then
 * closed" (both are TLS acceptance).
 */
async function attemptTls(
  endpoint: Endpoint,
  timeouts: ProbeTimeouts,
  version: TlsVersion,
  probe: ProbeTls,
): Promise<Attempt> {
  const socket = await connectTcp(endpoint, timeouts.connectMs);
  if (!(socket instanceof net.Socket)) return socket;
  const sentCertificate = probe.certificatePem !== undefined;
  const verdictWaitMs = timeouts.verdictWaitMs ?? DEFAULT_VERDICT_WAIT_MS;
  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    let handshakeDone = false;
    let ticketSeen = false;
    let accepted: { signal: AcceptanceSignal; protocol: string } | undefined;
    const secure = tls.connect({
      socket,
      secureContext: secureContextFor(probe, version),
      rejectUnauthorized: probe.trustedCasPem !== undefined,
      // z/OS Connect checks the CICS certificate's chain, not its host name (the port is named by address).
      checkServerIdentity: () => undefined,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
    });
    const arm = (ms: number, onExpiry: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(onExpiry, ms);
    };
    const finish = (attempt: Attempt) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(answerWatch);
      secure.destroy();
      socket.destroy();
      resolve(attempt);
    };
    const accept = (closed: boolean, how?: string) => {
      if (!accepted) return;
      const { signal, protocol } = accepted;
      finish({
        outcome: 'accepted',
        closed,
        signal,
        protocol,
        serverSpokeTls: true,
        detail: `${protocol}: the server accepted (${SIGNAL_DETAIL[signal](verdictWaitMs)})${
          closed ? `, then ${how ?? 'closed the connection'}` : ''
        }`,
      });
    };
    const acceptedBy = (signal: AcceptanceSignal) => {
      if (accepted || done) return;
      accepted = { signal, protocol: secure.getProtocol() ?? version };
      if (signal === 'application data') return accept(false);
      arm(timeouts.settleMs, () => accept(false));
    };
    const timeout = (detail: string) =>
      finish({ outcome: 'tls refused', reason: 'timeout', detail, serverSpokeTls: handshakeDone });

    // The handshake timer runs from the server's first answer, not from TCP connect: on a busy machine the
    // ClientHello itself may go out late. TLS takes over the socket's handle, so no event marks the first
    // bytes; the socket's byte counter does, looked at every few milliseconds until it moves.
    arm(timeouts.handshakeMs, () =>
      timeout(`the server sent nothing within ${timeouts.handshakeMs} ms of the ClientHello`),
    );
    const answerWatch = setInterval(() => {
      if (socket.bytesRead === 0) return;
      clearInterval(answerWatch);
      if (!handshakeDone)
        arm(timeouts.handshakeMs, () =>
          timeout(`no TLS handshake within ${timeouts.handshakeMs} ms of the server's first answer`),
        );
    }, ANSWER_POLL_MS);

    secure.once('secureConnect', () => {
      handshakeDone = true;
      clearInterval(answerWatch);
      const protocol = secure.getProtocol() ?? version;
      if (protocol !== 'TLSv1.3') return acceptedBy('server Finished');
      if (ticketSeen) return acceptedBy('session ticket');
      arm(verdictWaitMs, () => acceptedBy('no refusal within the wait'));
    });
    // In TLS 1.2 'session' comes with the handshake itself; in TLS 1.3 it is the NewSessionTicket.
    secure.on('session', () => {
      ticketSeen = true;
      if (handshakeDone && (secure.getProtocol() ?? version) === 'TLSv1.3') acceptedBy('session ticket');
    });
    secure.once('data', () => {
      if (accepted) accept(false);
      else acceptedBy('application data');
    });
    secure.once('error', (error: NodeJS.ErrnoException) => {
      if (accepted) return accept(true, `failed (${error.code ?? error.message.split('\n')[0]})`);
      finish(classifyTlsError(error, handshakeDone, sentCertificate));
    });
    secure.once('close', () => {
      if (accepted) return accept(true);
      finish(
        handshakeDone
          ? {
              outcome: 'tls refused',
              reason: 'closed before accepting',
              detail:
                "the server closed the connection after the client's side of the TLS 1.3 handshake without sending a " +
                'session ticket or data' +
                (sentCertificate ? ': it did not accept the client certificate' : '') +
                ' (a server with session tickets turned off that accepts and then closes looks the same)',
              serverSpokeTls: true,
            }
          : {
              outcome: 'tls refused',
              reason: 'closed during handshake',
              detail: 'the server closed the connection during the handshake',
              serverSpokeTls: false,
            },
      );
    });
  });
}

/** How often the probe looks whether the server has started answering (see attemptTls). */
const ANSWER_POLL_MS = 5;
export const DEFAULT_VERDICT_WAIT_MS = 2000;

const SIGNAL_DETAIL: Record<AcceptanceSignal, (verdictWaitMs: number) => string> = {
  'server Finished': () => 'the handshake completed: under TLS 1.2 the server judges the client certificate inside it',
  'session ticket': () => 'it sent a session ticket, which a TLS 1.3 server does only after accepting the client',
  'application data': () => 'it sent data after the handshake',
  'no refusal within the wait': (ms) =>
    `inferred: no session ticket, alert or close within ${ms} ms of the handshake; the server may have session tickets turned off`,
};

/**
 * One TLS context per (certificate, trust store, version), made once: building it parses the private key
 * and every CA certificate, which costs about as much as the handshake's own signature on loopback.
 */
const contexts = new Map<string, tls.SecureContext>();
function secureContextFor(probe: ProbeTls, version: TlsVersion): tls.SecureContext {
  const key = JSON.stringify([version, probe.certificatePem, probe.privateKeyPem, probe.trustedCasPem]);
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({
      minVersion: version,
      maxVersion: version,
      cert: probe.certificatePem,
      key: probe.privateKeyPem,
      ca: probe.trustedCasPem,
    });
    if (contexts.size >= 64) contexts.clear(); // a bound: a run uses a handful of certificates
    contexts.set(key, context);
  }
  return context;
}

/** Node's codes for a server certificate the client does not trust (its own verdict, not a server's alert). */
export const SERVER_CERTIFICATE_ERRORS: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Sorts a TLS error that came before any sign of acceptance into a refusal reason; the alert name (when
 * there is one) goes into the detail. afterHandshake: the client's side of a TLS 1.3 handshake was done.
 */
export function classifyTlsError(
  error: NodeJS.ErrnoException,
  afterHandshake: boolean,
  sentCertificate: boolean,
): Attempt {
  const code = error.code ?? '';
  const alert = /ALERT_([A-Z_]+)$/.exec(code)?.[1]?.toLowerCase().replace(/_/g, ' ');
  const refused = (reason: TlsRefusal, detail: string, serverSpokeTls = true): Attempt => ({
    outcome: 'tls refused',
    reason,
    detail,
    code,
    serverSpokeTls,
  });
  if (SERVER_CERTIFICATE_ERRORS.has(code))
    return refused('server certificate not trusted', `the CICS server certificate is not trusted (${code})`);
  if (alert === 'certificate required')
    return refused('certificate required', 'the server demanded a client certificate (alert certificate required)');
  if (
    alert === 'protocol version' ||
    code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' ||
    code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE'
  ) {
    return refused('protocol version', `the server does not offer this TLS version (${code})`);
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return refused('server does not speak TLS', `the server answered with something that is not TLS (${code})`, false);
  }
  if (alert) {
    const reason = sentCertificate ? 'certificate rejected' : 'certificate required';
    return refused(reason, `the server sent the alert "${alert}"${afterHandshake ? ' after the handshake' : ''}`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return afterHandshake
      ? refused(
          'closed before accepting',
          `the server reset the connection after the client's side of the TLS 1.3 handshake, before any session ticket${sentCertificate ? ': it did not accept the client certificate' : ''}`,
        )
      : refused('closed during handshake', `the server reset the connection during the handshake (${code})`, false);
  }
  return refused(
    afterHandshake ? 'closed before accepting' : 'closed during handshake',
    `TLS failed: ${code || error.message.split('\n')[0]}`,
    afterHandshake,
  );
}
