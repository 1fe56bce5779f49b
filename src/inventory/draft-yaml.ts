/**
 * Writes a drafted inventory as YAML, with a comment on every value the user must fill in, and a header
 * listing them all with the environment variables to set.
 */
import { Document, isCollection, isScalar } from 'yaml';
import { FILL_IN, type DraftInventory } from './from-definitions';
import { formatPath } from './load';

/** How the draft's comment marks a value to fill in (src/sandbox/fill-draft.ts reads it back). */
export const FILL_IN_COMMENT = 'FILL IN';

export function draftYaml(draft: DraftInventory, origin: string): string {
  const doc = new Document(draft.inventory);
  for (const f of draft.toFill) {
    const node = doc.getIn(f.at, true);
    if (isScalar(node) || isCollection(node)) node.comment = ` ${FILL_IN_COMMENT}: ${f.why}`;
  }
  const variables = [...JSON.stringify(draft.inventory).matchAll(/\{"env":"([A-Za-z_][A-Za-z0-9_]*)"\}/g)].map(
    (m) => m[1] as string,
  );
  const header = [
    `Live inventory drafted from the definitions in ${origin} by \`npm run inventory -- init\`.`,
    `Fill in every value marked ${FILL_IN_COMMENT} (search for ${FILL_IN}), then check it: npm run preflight -- <this file>.`,
    ...draft.toFill.map((f) => `  ${formatPath(f.at)}: ${f.why}`),
    'Secrets are references only. Set these environment variables before a run:',
    ...[...new Set(variables)].sort().map((v) => `  ${v}`),
  ];
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
