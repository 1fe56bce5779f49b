/**
 * The hand-written variant catalogue (scripts/model-variants): each variant applies to today's model at
 * exactly one place and names a catalog rule, and applying refuses a find text that is missing or
 * ambiguous, so a variant can never silently become a no-op when the model changes.
 * `npm run mutation:variants` runs the features against each variant; this only checks the catalogue.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyVariant, catalogueProblems, VariantDoesNotApply } from '../scripts/model-variants/apply';
import { VARIANTS, type ModelVariant } from '../scripts/model-variants/catalogue';
import { loadRuleIndex } from '../src/report/rules';

const model = (file: string) => readFileSync(path.join(__dirname, '..', 'src', 'model', file), 'utf8');
const variant = (find: string, replace = 'changed'): ModelVariant => ({
  id: 'example',
  rule: 'R1',
  description: 'an example',
  file: 'racf.ts',
  find,
  replace,
});

describe('hand-written model variants', () => {
  test('the catalogue has at least 40 variants, unique ids, each naming a rule of docs/rules.yaml', () => {
    assert.ok(VARIANTS.length >= 40, `${VARIANTS.length} variants`);
    assert.deepEqual(catalogueProblems(VARIANTS), []);
    const rules = new Set(loadRuleIndex().rules.map((r) => r.id));
    for (const v of VARIANTS) assert.ok(rules.has(v.rule), `${v.id}: ${v.rule}`);
  });

  test('every variant changes today’s model at exactly one place', () => {
    for (const v of VARIANTS) {
      const original = model(v.file);
      const changed = applyVariant(original, v);
      assert.notEqual(changed, original, v.id);
      assert.equal(changed.length - original.length, v.replace.length - v.find.length, v.id);
    }
  });

  test('a find text that is missing or occurs twice is refused, naming the variant and the count', () => {
    assert.throws(
      () => applyVariant('a b', variant('c')),
      (e: Error) => {
        assert.ok(e instanceof VariantDoesNotApply);
        assert.match(e.message, /variant example \(R1\): its find text occurs 0 times in src\/model\/racf\.ts/);
        return true;
      },
    );
    assert.throws(() => applyVariant('a b a', variant('a')), /occurs 2 times/);
    assert.throws(() => applyVariant('a b', variant('')), /occurs 0 times/);
    assert.throws(() => applyVariant('a b', variant('a', 'a')), VariantDoesNotApply);
    assert.equal(applyVariant('a b', variant('b', 'c')), 'a c');
  });

  test('the catalogue checks find duplicate ids, bad rule IDs and files outside the model', () => {
    const bad = [variant('x'), { ...variant('x'), rule: 'U3' }, { ...variant('y'), id: 'other', file: '../x.ts' }];
    assert.deepEqual(catalogueProblems(bad), [
      'variant id example is used twice',
      'variant example: rule U3 is not a catalog rule ID',
      'variant other: file ../x.ts is not a file of src/model',
    ]);
  });
});
