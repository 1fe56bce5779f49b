/**
 * Reads the summaries given to merge-reports, each as `FILE` or `NAME=FILE`: every one must verify (its
 * seal intact) and be a version 1 conformance summary. A site is named by NAME, else by its target's
 * identity; two sites with the same name are told apart by the directory their summary is in.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { verifySealed } from '../report/integrity';
import { summarySchema } from '../report/summary-schema';
import type { SiteInput } from './fleet-summary';

export class FleetInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly tampered: boolean,
  ) {
    super(`${file}: ${reason}`);
  }
}

export function readSiteInput(argument: string): SiteInput {
  const named = /^([^=/\\]+)=(.+)$/.exec(argument);
  const file = named ? named[2]! : argument;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new FleetInputError(file, `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, false);
  }
  const check = verifySealed(bytes);
  if (check.status !== 'ok') throw new FleetInputError(file, `${check.status}: ${check.reason}`, true);
  const parsed = summarySchema.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FleetInputError(
      file,
      `not a version 1 conformance summary (${issue.path.join('.')}: ${issue.message})`,
      false,
    );
  }
  return {
    name: named ? named[1]!.trim() : parsed.data.target.identity,
    file,
    summary: parsed.data,
    fileSha256: check.fileSha256,
    contentSha256: check.contentSha256,
  };
}

/** Unique site names: a repeated name gets its summary's directory name after it. */
export function uniqueNames(inputs: SiteInput[]): SiteInput[] {
  const count = new Map<string, number>();
  for (const i of inputs) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  const used = new Set<string>();
  return inputs.map((i, n) => {
    let name = count.get(i.name)! > 1 ? `${i.name} (${path.basename(path.dirname(path.resolve(i.file)))})` : i.name;
    if (used.has(name)) name = `${name} #${n + 1}`;
    used.add(name);
    return { ...i, name };
  });
}
