/**
 * Masks cucumber messages before anything is written from them (Allure results, JUnit, the summary).
 * Every string in an envelope is masked; attachment bodies are decoded first when they are base64, and
 * Allure's runtime messages (attachments carrying JSON, possibly with base64 content inside) are masked
 * field by field, so a secret cannot slip through in an encoding the text rules do not see.
 */
import type { Attachment, Envelope } from '@cucumber/messages';
import type { Masker } from '../../support/redaction';

const ALLURE_MESSAGE = 'application/vnd.allure.message+json';

function isText(mediaType: string): boolean {
  return /^text\/|json|xml|yaml|javascript|x-www-form-urlencoded/i.test(mediaType);
}

export function maskEnvelope(envelope: Envelope, masker: Masker): Envelope {
  if (envelope.attachment) return { ...envelope, attachment: maskAttachment(envelope.attachment, masker) };
  if (holdsNoText(envelope)) return envelope;
  return masker.value(envelope);
}

/**
 * The messages that mark a test case or step starting or a test case finishing hold only cucumber's own
 * IDs, counters and timestamps (@cucumber/messages): nothing a target or a step wrote. They are a third
 * of a run's messages, so they skip the walk through every string.
 */
function holdsNoText(envelope: Envelope): boolean {
  const keys = Object.keys(envelope);
  return keys.length === 1 && NO_TEXT.has(keys[0]!);
}

const NO_TEXT = new Set(['testStepStarted', 'testCaseStarted', 'testCaseFinished']);

function maskAttachment(attachment: Attachment, masker: Masker): Attachment {
  const rest = masker.value({ ...attachment, body: '' });
  if (attachment.mediaType === ALLURE_MESSAGE) return { ...rest, body: maskAllureMessage(attachment.body, masker) };
  if (attachment.contentEncoding === 'BASE64') {
    if (!isText(attachment.mediaType)) return { ...rest, body: attachment.body };
    const decoded = Buffer.from(attachment.body, 'base64').toString('utf8');
    return { ...rest, body: Buffer.from(masker.text(decoded), 'utf8').toString('base64') };
  }
  return { ...rest, body: masker.text(attachment.body) };
}

function maskAllureMessage(body: string, masker: Masker): string {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return masker.text(body);
  }
  return JSON.stringify(maskAllureNode(message, masker));
}

/** Allure attachment_content messages carry {content, encoding: 'base64', contentType}. */
function maskAllureNode(node: unknown, masker: Masker): unknown {
  if (Array.isArray(node)) return node.map((n) => maskAllureNode(n, masker));
  if (!node || typeof node !== 'object') return typeof node === 'string' ? masker.text(node) : node;
  const record = node as Record<string, unknown>;
  const encoded = typeof record.content === 'string' && record.encoding === 'base64';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = encoded && k === 'content' ? v : maskAllureNode(v, masker);
  if (encoded && isText(String(record.contentType ?? 'text/plain'))) {
    out.content = Buffer.from(
      masker.text(Buffer.from(record.content as string, 'base64').toString('utf8')),
      'utf8',
    ).toString('base64');
  }
  return out;
}
