/**
 * The bind probe: opens a TCP connection to a CICS TCPIPSERVICE, and a TLS handshake over it as z/OS
 * Connect would (with its client certificate or none, trusting what its trust store trusts), then says how
 * far it got. It sends no IPIC data, so it can see the TCP and TLS stages of R16, never the capability
 * exchange.
 *
 * Under TLS 1.3 the client's handshake completes before the server has judged the client certificate; a
 * refusal then shows up only as an alert or a closed connection right after secureConnect. So an attempt
 * counts as accepted only if the connection is still open, without an alert, a short settle time after
 * the handshake. A server that rejects a certificate after its own handshake (node, or CICS mapping the
 * certificate in RACF) looks the same under TLS 1.2.
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
  handshakeMs: number;
  settleMs: number;
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
  | 'closed after handshake';

export type Attempt =
  | { outcome: 'tcp refused'; detail: string; code?: string }
  | { outcome: 'tls refused'; reason: TlsRefusal; detail: string; code?: string; serverSpokeTls: boolean }
  | { outcome: 'accepted'; detail: string; protocol?: string; serverSpokeTls: boolean };

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

async function attemptTls(
  endpoint: Endpoint,
  timeouts: ProbeTimeouts,
  version: TlsVersion,
  probe: ProbeTls,
): Promise<Attempt> {
  const socket = await connectTcp(endpoint, timeouts.connectMs);
  if (!(socket instanceof net.Socket)) return socket;
  const sentCertificate = probe.certificatePem !== undefined;
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    let handshakeDone = false;
    const secure = tls.connect({
      socket,
      secureContext: secureContextFor(probe, version),
      rejectUnauthorized: probe.trustedCasPem !== undefined,
      // z/OS Connect checks the CICS certificate's chain, not its host name (the port is named by address).
      checkServerIdentity: () => undefined,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
    });
    const finish = (attempt: Attempt) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      secure.destroy();
      socket.destroy();
      resolve(attempt);
    };
    timers.push(
      setTimeout(
        () =>
          finish({
            outcome: 'tls refused',
            reason: 'timeout',
            detail: `no TLS handshake within ${timeouts.handshakeMs} ms`,
            serverSpokeTls: false,
          }),
        timeouts.handshakeMs,
      ),
    );
    secure.once('secureConnect', () => {
      handshakeDone = true;
      // The handshake is done: from here only the settle time runs (it may be longer than handshakeMs).
      clearTimeout(timers[0]);
      const protocol = secure.getProtocol() ?? version;
      timers.push(
        setTimeout(
          () =>
            finish({
              outcome: 'accepted',
              detail: `handshake completed (${protocol}) and the connection stayed open for ${timeouts.settleMs} ms`,
              protocol,
              serverSpokeTls: true,
            }),
          timeouts.settleMs,
        ),
      );
    });
    secure.once('data', () =>
      finish({ outcome: 'accepted', detail: 'the server sent data after the handshake', serverSpokeTls: true }),
    );
    secure.once('error', (error: NodeJS.ErrnoException) =>
      finish(classifyTlsError(error, handshakeDone, sentCertificate)),
    );
    secure.once('close', () =>
      finish(
        handshakeDone
          ? {
              outcome: 'tls refused',
              reason: 'closed after handshake',
              detail: `the server closed the connection within ${timeouts.settleMs} ms of the handshake, without data${sentCertificate ? ': it rejected the client certificate' : ''}`,
              serverSpokeTls: true,
            }
          : {
              outcome: 'tls refused',
              reason: 'closed during handshake',
              detail: 'the server closed the connection during the handshake',
              serverSpokeTls: false,
            },
      ),
    );
  });
}

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

/** Sorts a TLS error into a refusal reason; the alert name (when there is one) goes into the detail. */
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
          'closed after handshake',
          `the server reset the connection right after the handshake${sentCertificate ? ': it rejected the client certificate' : ''}`,
        )
      : refused('closed during handshake', `the server reset the connection during the handshake (${code})`, false);
  }
  return refused(
    afterHandshake ? 'closed after handshake' : 'closed during handshake',
    `TLS failed: ${code || error.message.split('\n')[0]}`,
    afterHandshake,
  );
}
