/**
 * The rule index (docs/rules.yaml): complete (R1..R57), faithful to the rule catalog (tags and source
 * keys), written in the project's own words (no run of words shared with IBM's page), and validated with
 * errors that name the file and the field.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { AREAS, loadRuleIndex, parseRuleIndex, RULES_FILE } from '../src/report/rules';
import { HarnessInputError } from '../support/errors';

// The shared documentation sits beside the repository (../shared), wherever the repository is cloned.
const SHARED_DOCS = path.join(__dirname, '..', '..', 'shared', 'docs');
const CATALOG = path.join(SHARED_DOCS, 'rule-catalog.md');
const IBM_PAGE_TEXT = path.join(SHARED_DOCS, 'zosconnect-configuring-ipic-security.txt');
const index = loadRuleIndex();

function keyPattern(key: string): RegExp {
  return new RegExp(`(?<![A-Z0-9-])${key.replace(/-/g, '\\-')}(?![A-Z0-9-])`);
}

describe('docs/rules.yaml', () => {
  test('lists every catalog rule R1..R57 once, in order, with a valid area and an IBM page', () => {
    assert.deepEqual(
      index.rules.map((r) => r.id),
      Array.from({ length: 57 }, (_, i) => `R${i + 1}`),
    );
    for (const rule of index.rules) {
      assert.ok((AREAS as readonly string[]).includes(rule.area), `${rule.id} area ${rule.area}`);
      assert.match(
        rule.ibmPage,
        /^https?:\/\/(www\.)?(ibm\.com|public\.dhe\.ibm\.com|developer\.ibm\.com)\//,
        `${rule.id} ibmPage is an IBM page`,
      );
      assert.ok(!rule.statement.includes('\n') && rule.statement.length < 220, `${rule.id} statement is one line`);
    }
  });

  test('every area has at least one rule, so every documentation page has content', () => {
    for (const area of AREAS)
      assert.ok(
        index.rules.some((r) => r.area === area),
        area,
      );
  });

  test('the ibmPage of each rule is the URL of one of its own sources', () => {
    for (const rule of index.rules) {
      const urls = rule.sources.map((k) => index.sources[k]?.url);
      assert.ok(urls.includes(rule.ibmPage), `${rule.id}: ${rule.ibmPage} is not among ${rule.sources.join(', ')}`);
    }
  });

  test(
    'tags and source keys agree with the rule catalog',
    { skip: !existsSync(CATALOG) && `no rule catalog at ${CATALOG} (../shared beside the repository)` },
    () => {
      const catalog = readFileSync(CATALOG, 'utf8');
      const heads = [...catalog.matchAll(/^\*\*R(\d+) ((?:\[[A-Z]+\])+)/gm)];
      assert.equal(heads.length, 57);
      heads.forEach((head, i) => {
        const rule = index.rules.find((r) => r.id === `R${head[1]}`)!;
        const tags = [...head[2]!.matchAll(/\[([A-Z]+)\]/g)].map((m) => m[1]);
        assert.deepEqual(rule.tags, tags, `${rule.id} tags`);
        const block = catalog.slice(head.index, heads[i + 1]?.index ?? catalog.indexOf('## 2.'));
        const src = /- Src:([\s\S]*?)(?:\n- |\n\n|$)/.exec(block)?.[1] ?? '';
        for (const key of Object.keys(index.sources)) {
          if (keyPattern(key).test(src))
            assert.ok(rule.sources.includes(key), `${rule.id} cites ${key} in the catalog`);
        }
      });
    },
  );

  test(
    'statements are in our own words: no six-word run is shared with the IBM page',
    { skip: !existsSync(IBM_PAGE_TEXT) && `no IBM page text at ${IBM_PAGE_TEXT} (../shared beside the repository)` },
    () => {
      const words = (t: string) =>
        t
          .toLowerCase()
          .replace(/[^a-z0-9/()]+/g, ' ')
          .trim()
          .split(' ');
      const ibm = words(readFileSync(IBM_PAGE_TEXT, 'utf8'));
      const shingles = new Set(
        ibm.map((_, i) => ibm.slice(i, i + 6).join(' ')).filter((s) => s.split(' ').length === 6),
      );
      for (const rule of index.rules) {
        const w = words(rule.statement);
        for (let i = 0; i + 6 <= w.length; i++)
          assert.ok(
            !shingles.has(w.slice(i, i + 6).join(' ')),
            `${rule.id} repeats IBM's "${w.slice(i, i + 6).join(' ')}"`,
          );
      }
    },
  );

  test('errors name the file and the field', () => {
    const text = readFileSync(RULES_FILE, 'utf8');
    const cases: [string, string][] = [
      [text.replace('area: bind', 'area: bindings'), 'rules[5].area'],
      [text.replace('  - id: R3\n', '  - id: R2\n'), 'rules[2].id'],
      [text.replace('sources: [CICS-AOR, CICS-DFLT]', 'sources: [CICS-AOR, NO-SUCH-KEY]'), 'rules[1].sources[1]'],
      [
        text.replace(
          /ibmPage: https:\/\/www\.ibm\.com\/docs\/en\/zos-connect\/zosconnect\/3\.0\?topic=provider-configuring-security-ipic-connection/,
          'ibmPage: somewhere',
        ),
        'rules[0].ibmPage',
      ],
      ['rules: [: oops', '(YAML syntax)'],
    ];
    for (const [broken, field] of cases) {
      assert.throws(
        () => parseRuleIndex(broken, 'docs/rules.yaml'),
        (error: unknown) =>
          error instanceof HarnessInputError && error.source === 'docs/rules.yaml' && error.field === field,
        field,
      );
    }
  });
});
