/**
 * What a z/OS Connect response means, as a black-box observer can tell: 401 and 403 come from Liberty's
 * security layer (live notes §1 A and B); 2xx from the whoami program, which reports the task's user ID
 * (ASSIGN USERID) and transaction; other outcomes are recognised by the status codes and errorMessage
 * patterns the inventory declares, because IBM does not document them (live notes §7.1).
 */
import type { RequestObservation } from '../../../support/target-port';
import type { Inventory, ResponsePattern } from '../../inventory/schema';
import type { HttpsResult } from './https-call';

export type Classified =
  | { kind: 'observed'; observation: RequestObservation }
  | { kind: 'connection failure'; detail: string }
  | { kind: 'unrecognised'; reason: string };

/** Message IDs worth keeping as evidence: z/OS Connect, Liberty, CICS and RACF. */
export function messageIdsIn(text: string): string[] {
  return [
    ...new Set(text.match(/\b(?:BAQ[A-Z]\d{4}[A-Z]|CWW[A-Z]{2}\d{4}[A-Z]|DFH[A-Z]{2}\d{4}|ICH\d{3}[A-Z])\b/g) ?? []),
  ];
}

export function errorMessageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : undefined;
  } catch {
    return undefined;
  }
}

function matches(pattern: ResponsePattern | null, status: number, body: string): boolean {
  if (!pattern || !pattern.status.includes(status)) return false;
  if (pattern.errorMessage === undefined) return true;
  const message = errorMessageOf(body);
  return message !== undefined && new RegExp(pattern.errorMessage).test(message);
}

/** Reads a dotted path ("whoami.USERID") from a JSON document. */
function fieldAt(document: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      document,
    );
}

export function classifyResponse(result: HttpsResult, responses: Inventory['responses']): Classified {
  switch (result.kind) {
    case 'tls refused':
      return {
        kind: 'observed',
        observation: {
          outcome: 'refused',
          by: 'z/OS Connect authentication',
          detail: `HTTPS handshake refused (${result.code})`,
        },
      };
    case 'server not trusted':
      return {
        kind: 'unrecognised',
        reason: `the z/OS Connect server certificate is not trusted by the inventory's trust store (${result.code})`,
      };
    case 'unreachable':
      return { kind: 'unrecognised', reason: `z/OS Connect did not answer (${result.code})` };
    case 'response':
      break;
  }
  const { status, body } = result;
  if (status >= 200 && status < 300) return whoami(body, responses.whoami);
  if (status === 401)
    return {
      kind: 'observed',
      observation: { outcome: 'refused', by: 'z/OS Connect authentication', detail: 'HTTP 401' },
    };
  if (status === 403)
    return {
      kind: 'observed',
      observation: { outcome: 'refused', by: 'z/OS Connect authorization', detail: 'HTTP 403' },
    };
  if (matches(responses.connectionFailure, status, body))
    return { kind: 'connection failure', detail: `HTTP ${status}` };
  if (matches(responses.configurationError, status, body)) {
    return {
      kind: 'observed',
      observation: { outcome: 'refused', by: 'z/OS Connect configuration', detail: `HTTP ${status}` },
    };
  }
  if (matches(responses.cicsRefusal, status, body))
    return { kind: 'observed', observation: { outcome: 'refused', by: 'CICS', detail: `HTTP ${status}` } };
  return {
    kind: 'unrecognised',
    reason: `HTTP ${status} matches none of the response patterns the inventory declares (responses.cicsRefusal, connectionFailure, configurationError)`,
  };
}

function whoami(body: string, fields: Inventory['responses']['whoami']): Classified {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return { kind: 'unrecognised', reason: 'the whoami API answered 2xx with a body that is not JSON' };
  }
  const user = fieldAt(document, fields.userId);
  if (typeof user !== 'string' || user.trim() === '') {
    return {
      kind: 'unrecognised',
      reason: `the whoami response has no user ID at ${fields.userId} (responses.whoami.userId)`,
    };
  }
  const transid = fieldAt(document, fields.transid);
  const observation: RequestObservation = { outcome: 'ran', taskUser: user.trim() };
  if (typeof transid === 'string' && transid.trim()) observation.transid = transid.trim();
  return { kind: 'observed', observation };
}
