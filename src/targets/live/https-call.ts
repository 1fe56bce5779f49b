/**
 * One HTTPS request to z/OS Connect, on a fresh connection (no agent, so no TLS session or client
 * certificate carries over from one caller to the next), bounded by a timeout. Callers pass credentials in
 * headers or as a client certificate; this module never logs or returns them.
 */
import * as https from 'node:https';
import { SERVER_CERTIFICATE_ERRORS } from './bind-probe';

export interface HttpsCall {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  trustedCasPem?: string[];
  verifyServerCertificate: boolean;
  clientCertificate?: { certificatePem: string; privateKeyPem: string };
  timeoutMs: number;
}

export type HttpsResult =
  | { kind: 'response'; status: number; wwwAuthenticate?: string; contentType?: string; body: string; ms: number }
  | { kind: 'tls refused'; code: string; ms: number }
  | { kind: 'server not trusted'; code: string; ms: number }
  | { kind: 'unreachable'; code: string; ms: number };

const MAX_BODY = 64 * 1024;

/**
 * How a failed request is read. A TLS alert from the server (certificate required under TLS 1.3, bad
 * certificate, handshake failure) is z/OS Connect refusing the caller, even when the alert names a
 * certificate; it is tested first. EPROTO is how node reports an alert under TLS 1.2.
 */
export function classifyRequestError(
  code: string,
  sentClientCertificate: boolean,
): 'tls refused' | 'server not trusted' | 'unreachable' {
  if (/ALERT/.test(code) || code === 'EPROTO') return 'tls refused';
  if (SERVER_CERTIFICATE_ERRORS.has(code)) return 'server not trusted';
  if (/^ERR_SSL_/.test(code)) return 'tls refused';
  if ((code === 'ECONNRESET' || code === 'EPIPE') && sentClientCertificate) return 'tls refused';
  return 'unreachable';
}

export function callHttps(call: HttpsCall): Promise<HttpsResult> {
  const start = performance.now();
  const ms = () => Math.round(performance.now() - start);
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: HttpsResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = https.request(call.url, {
      method: call.method,
      headers: { accept: 'application/json', ...call.headers },
      agent: false,
      ca: call.trustedCasPem,
      rejectUnauthorized: call.verifyServerCertificate,
      cert: call.clientCertificate?.certificatePem,
      key: call.clientCertificate?.privateKeyPem,
    });
    const timer = setTimeout(
      () => finish({ kind: 'unreachable', code: `no response within ${call.timeoutMs} ms`, ms: ms() }),
      call.timeoutMs,
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      response.on('error', () => finish({ kind: 'unreachable', code: 'response aborted', ms: ms() }));
      response.on('end', () =>
        finish({
          kind: 'response',
          status: response.statusCode ?? 0,
          wwwAuthenticate: header(response.headers['www-authenticate']),
          contentType: header(response.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
          ms: ms(),
        }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message.split('\n')[0] ?? 'error';
      const kind = classifyRequestError(code, call.clientCertificate !== undefined);
      finish({ kind, code, ms: ms() });
    });
    request.end();
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
