/**
 * Applying one hand-written variant (catalogue.ts) to the text of a model file. Exact text, exactly once:
 * a `find` that is missing or ambiguous is a harness error naming the variant, never a quiet no-op.
 */
import type { ModelVariant } from './catalogue';

export class VariantDoesNotApply extends Error {
  constructor(variant: ModelVariant, occurrences: number) {
    super(
      `variant ${variant.id} (${variant.rule}): its find text occurs ${occurrences} times in src/model/${variant.file}, ` +
        'not exactly once; update the variant in scripts/model-variants/catalogue.ts',
    );
    this.name = 'VariantDoesNotApply';
  }
}

export function occurrences(text: string, find: string): number {
  if (find.length === 0) return 0;
  let count = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + 1)) count++;
  return count;
}

/** The file's text with the variant applied; throws VariantDoesNotApply unless `find` occurs exactly once. */
export function applyVariant(text: string, variant: ModelVariant): string {
  const found = occurrences(text, variant.find);
  if (found !== 1) throw new VariantDoesNotApply(variant, found);
  if (variant.find === variant.replace) throw new VariantDoesNotApply(variant, 0);
  const at = text.indexOf(variant.find);
  return text.slice(0, at) + variant.replace + text.slice(at + variant.find.length);
}

/** Problems with the catalogue itself: duplicate ids, rules that are no R<n>, files outside the model. */
export function catalogueProblems(variants: readonly ModelVariant[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const v of variants) {
    if (seen.has(v.id)) problems.push(`variant id ${v.id} is used twice`);
    seen.add(v.id);
    if (!/^R\d+$/.test(v.rule)) problems.push(`variant ${v.id}: rule ${v.rule} is not a catalog rule ID`);
    if (!/^[a-z-]+\.ts$/.test(v.file)) problems.push(`variant ${v.id}: file ${v.file} is not a file of src/model`);
  }
  return problems;
}
