/**
 * Runs the planned scenarios through cucumber's API. Only the progress formatter writes live, through a
 * stream that masks secrets and (unless IPIC_DEBUG=1) drops stack-trace lines, so a user sees what broke,
 * not where in the harness. Every message is masked before it is kept: all files are written from these.
 */
import { runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { maskEnvelope } from '../report/mask-envelopes';
import { MaskingStream } from '../report/masking-stream';
import type { Masker } from '../../support/redaction';
import type { Plan } from './plan';

export interface CucumberRun {
  envelopes: Envelope[];
  /** runCucumber's support library (the Allure reporter needs it to replay the messages). */
  support: unknown;
  success: boolean;
}

/** A stack frame as node prints it: "at fn (file:1:2)", "at file:1:2", "at new Promise (<anonymous>)". */
const STACK_FRAME = /^\s+at (?:.+ \((?:.+:\d+:\d+|<anonymous>|native|index \d+)\)|[^\s()]+:\d+:\d+)\s*$/;

export function dropStackFrames(text: string): string {
  return text
    .split('\n')
    .filter((line) => !STACK_FRAME.test(line))
    .join('\n');
}

export async function runPlannedScenarios(
  plan: Plan,
  env: NodeJS.ProcessEnv,
  masker: Masker,
  debug: boolean,
): Promise<CucumberRun> {
  const forConsole = debug ? masker.text : (t: string) => dropStackFrames(masker.text(t));
  const stdout = new MaskingStream(process.stdout, forConsole);
  const stderr = new MaskingStream(process.stderr, forConsole);
  const envelopes: Envelope[] = [];
  try {
    const { success, support } = await runCucumber(plan.runConfiguration, { env, stdout, stderr }, (e) =>
      envelopes.push(maskEnvelope(e, masker)),
    );
    return { envelopes, support, success };
  } finally {
    stdout.flushPending();
    stderr.flushPending();
  }
}
