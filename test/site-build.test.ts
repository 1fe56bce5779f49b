/**
 * The documentation site's generator, without a browser: one page per area with every rule of that area,
 * its IBM page and its scenarios; one status column per target kind from the sealed summaries; tampered
 * summaries refused and stale ones flagged; relative links only, so it works from file:// and any server.
 * (test/browser/site.test.ts checks what a reader sees in a real browser.)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seal, sha256 } from '../src/report/integrity';
import { AREAS, loadRuleIndex } from '../src/report/rules';
import type { ScenarioResult } from '../src/report/scenarios';
import { buildSummary } from '../src/report/summary';
import { areaPage, buildSite } from '../src/site/build';
import { featureFiles, readFeatures } from '../src/site/gherkin';

const index = loadRuleIndex();
const features = readFeatures(featureFiles());
const dir = mkdtempSync(path.join(tmpdir(), 'ipic-site-'));
const summaries = path.join(dir, 'summaries');
const out = path.join(dir, 'site');
let result: ReturnType<typeof buildSite>;
after(() => rmSync(dir, { recursive: true, force: true }));

/** A summary for `kind` in which `outcomeOf` decides each scenario; feature digests as given. */
function summaryFor(
  kind: string,
  outcomeOf: (s: { feature: string; rules: string[] }) => ScenarioResult['outcome'],
  digests = features.map((f) => ({ path: f.path, sha256: sha256(readFileSync(f.path)) })),
): string {
  const results: ScenarioResult[] = features.flatMap((f) =>
    f.scenarios.map((s) => {
      const outcome = outcomeOf({ feature: f.path, rules: s.ruleIds });
      return {
        name: s.name,
        feature: f.path,
        line: s.line,
        rules: s.ruleIds,
        outcome,
        ...(outcome === 'not applicable' ? { reason: `no ${kind} region for this` } : {}),
      };
    }),
  );
  return seal(
    buildSummary(index, results, {
      target: { kind, identity: `${kind} target`, module: kind, description: {}, inventory: null },
      harness: {
        name: 'h',
        version: '1',
        commit: null,
        node: process.version,
        ruleIndex: { path: 'docs/rules.yaml', sha256: '0'.repeat(64) },
      },
      inputs: { selection: { tags: null, names: [], paths: [] }, features: digests },
      time: { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000 },
      exitCode: 0,
      harnessErrors: [],
      rulesWithScenarios: new Set(features.flatMap((f) => f.scenarios.flatMap((s) => s.ruleIds))),
    }),
  ).text;
}

before(() => {
  mkdirSync(summaries, { recursive: true });
  writeFileSync(
    path.join(summaries, 'model.json'),
    summaryFor('model', () => 'conformant'),
  );
  writeFileSync(
    path.join(summaries, 'sandbox.json'),
    summaryFor('sandbox', (s) => (s.feature.includes('bind') ? 'not applicable' : 'conformant')),
  );
  const stale = summaryFor(
    'live',
    () => 'conformant',
    features.map((f) => ({ path: f.path, sha256: '1'.repeat(64) })),
  );
  writeFileSync(path.join(summaries, 'live.json'), stale);
  writeFileSync(
    path.join(summaries, 'forged.json'),
    summaryFor('forged', () => 'conformant').replace('"forged target"', '"trusted target"'),
  );
  result = buildSite({ outDir: out, summariesDir: summaries, index });
});

describe('the documentation site', () => {
  test('has an overview and one page per area, and shows every valid target side by side', () => {
    assert.deepEqual(result.pages, ['index.html', ...AREAS.map(areaPage)]);
    for (const p of result.pages) assert.ok(existsSync(path.join(out, p)), p);
    assert.deepEqual(result.targets, ['live', 'model', 'sandbox']);
    const overview = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const kind of ['live', 'model', 'sandbox']) assert.ok(overview.includes(`data-target="${kind}"`), kind);
  });

  test('refuses a tampered summary with a visible warning', () => {
    assert.deepEqual(
      result.problems.map((p) => p.file),
      ['forged.json'],
    );
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /Summary forged\.json not shown: tampered/);
  });

  test('flags a summary made from other versions of the feature files', () => {
    const bind = readFileSync(path.join(out, areaPage('bind')), 'utf8');
    assert.match(bind, /The latest live run used other versions of the feature files/);
    assert.doesNotMatch(bind, /The latest model run used other versions/);
  });

  test('each area page holds each of its rules in plain words, with its IBM page, sources and scenarios', () => {
    for (const rule of index.rules) {
      const html = readFileSync(path.join(out, areaPage(rule.area)), 'utf8');
      const section = html.slice(
        html.indexOf(`<section class="rule" id="${rule.id}"`),
        html.indexOf('</section>', html.indexOf(`id="${rule.id}"`)),
      );
      assert.ok(section.length > 0, `${rule.id} on ${areaPage(rule.area)}`);
      assert.ok(
        section.includes(
          rule.statement
            .replace(/&/g, '&amp;')
            .replace(/'/g, '&#39;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;'),
        ),
        `${rule.id} statement`,
      );
      assert.ok(section.includes(`href="${rule.ibmPage.replace(/&/g, '&amp;')}"`), `${rule.id} IBM link`);
      const scenarios = features.flatMap((f) => f.scenarios.filter((s) => s.ruleIds.includes(rule.id)));
      assert.equal((section.match(/<tr class="scenario"/g) ?? []).length, scenarios.length, `${rule.id} scenarios`);
    }
  });

  test('statuses come from each target: not applicable with its reason, not covered, conformant', () => {
    const bind = readFileSync(path.join(out, areaPage('bind')), 'utf8');
    const r10 = bind.slice(bind.indexOf('id="R10"'), bind.indexOf('</section>', bind.indexOf('id="R10"')));
    assert.match(
      r10,
      /<tr data-target="sandbox"><td>sandbox<\/td><td><span class="status na" data-status="not applicable">not applicable<\/span><\/td><td>Not applicable: no sandbox region for this<\/td>/,
    );
    assert.match(r10, /<tr data-target="model"><td>model<\/td><td><span class="status ok" data-status="conformant">/);
    const uncovered = index.rules.find((r) => !features.some((f) => f.scenarios.some((s) => s.ruleIds.includes(r.id))));
    if (uncovered) {
      const page = readFileSync(path.join(out, areaPage(uncovered.area)), 'utf8');
      const section = page.slice(
        page.indexOf(`id="${uncovered.id}"`),
        page.indexOf('</section>', page.indexOf(`id="${uncovered.id}"`)),
      );
      if (uncovered.untestable) {
        assert.match(section, /data-status="untestable"/);
        assert.match(section, /No target can observe this rule, so no scenario checks it/);
      } else {
        assert.match(section, /data-status="not covered"/);
        assert.match(section, /No scenario checks this rule yet/);
      }
    }
  });

  test('works offline: every script and stylesheet is a relative file that exists, and search covers every rule', () => {
    for (const p of result.pages) {
      const html = readFileSync(path.join(out, p), 'utf8');
      for (const [, ref] of html.matchAll(/(?:src|href)="([^"#]+)"/g)) {
        if (/^https?:/.test(ref!)) continue; // outbound links to IBM pages are links, not assets
        assert.ok(existsSync(path.join(out, ref!)), `${p} refers to ${ref}`);
      }
      assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)="(https?:)?\/\//, `${p} loads nothing from elsewhere`);
    }
    const search = readFileSync(path.join(out, 'assets/search-index.js'), 'utf8');
    const entries = JSON.parse(
      search
        .slice(search.indexOf('=') + 1)
        .trim()
        .replace(/;$/, ''),
    ) as { id: string; url: string }[];
    for (const rule of index.rules)
      assert.ok(
        entries.some((e) => e.id === rule.id && e.url === `${areaPage(rule.area)}#${rule.id}`),
        rule.id,
      );
  });
});
