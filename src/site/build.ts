/**
 * The living documentation site (reports/site): one page per area of the documentation, each rule in plain
 * words with the scenarios that check it, the status on every target kind that has been run (from the
 * latest sealed summary of each kind), the IBM page, and a client-side search. Static files with relative
 * links only, so the site works from file:// and from any static web server, offline.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { sha256, verifySealed } from '../report/integrity';
import { AREAS, AREA_TITLES, loadRuleIndex, type Area, type Rule, type RuleIndex } from '../report/rules';
import { summarySchema, type Summary } from '../report/summary-schema';
import { exchangeStatus } from '../report/waiver-view';
import { changeBadge } from '../report/render-html';
import { CHANGES_PAGE, changesPage } from './changes';
import { SEARCH_SCRIPT, SITE_CSS } from './client';
import { featureFiles, readFeatures, type DocFeature, type DocScenario } from './gherkin';
import { badge, BASE_CSS, esc, link, page } from './html';
import { heatmapSvg, worstFirst } from './heatmap-svg';
import { readHistory, ruleHistorySvg, trendSvg, type RunHistory } from './run-history';

export interface SiteOptions {
  outDir: string;
  summariesDir: string;
  /**
   * HTML fragments other commands contribute (`npm run access-matrix` writes access-matrix.html): each
   * becomes a page of the site with its navigation, titled by the fragment's first <h2>. Default: a
   * `site-pages` directory beside summariesDir. Kept outside outDir, which is rebuilt from scratch.
   */
  pagesDir?: string;
  featuresDir?: string;
  index?: RuleIndex;
}

/** A target kind's latest summary as the site shows it. */
interface TargetColumn {
  kind: string;
  summary: Summary;
  /** Feature files changed since the summary was made: its statuses may not match the scenarios shown. */
  stale: boolean;
  /** The kind's recorded runs, oldest first (summaries/history/<kind>.json). */
  history: RunHistory;
}

interface Problem {
  file: string;
  reason: string;
}

export function areaPage(area: Area): string {
  return `area-${area}.html`;
}

export function buildSite(options: SiteOptions): { pages: string[]; targets: string[]; problems: Problem[] } {
  const index = options.index ?? loadRuleIndex();
  const featurePaths = featureFiles(options.featuresDir ?? 'features');
  const features = readFeatures(featurePaths);
  const { columns, problems } = loadSummaries(options.summariesDir, featurePaths);
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(path.join(options.outDir, 'assets'), { recursive: true });
  writeFileSync(path.join(options.outDir, 'assets', 'site.css'), `${BASE_CSS}${SITE_CSS}`);
  writeFileSync(path.join(options.outDir, 'assets', 'search.js'), SEARCH_SCRIPT);
  writeFileSync(
    path.join(options.outDir, 'assets', 'search-index.js'),
    `window.IPIC_SEARCH_INDEX = ${JSON.stringify(searchIndex(index, features), null, 1)};\n`,
  );
  const extras = contributedPages(options.pagesDir ?? path.join(path.dirname(options.summariesDir), 'site-pages'));
  const pages: SitePage[] = [
    indexPage(index, features, columns, problems),
    ...AREAS.map((area) => areaHtml(area, index, features, columns)),
    // Only when some target's latest run has something to show: a baseline or waivers.
    ...(columns.some((c) => c.summary.baseline || c.summary.waivers) ? [changesPage(columns)] : []),
    ...extras.map((extra) => ({ ...extra, title: `${extra.title}: IPIC security` })),
  ];
  const nav = navigation(
    extras,
    pages.some((p) => p.file === CHANGES_PAGE),
  );
  for (const p of pages) writeFileSync(path.join(options.outDir, p.file), layout(p, nav));
  return { pages: pages.map((p) => p.file), targets: columns.map((c) => c.kind), problems };
}

function loadSummaries(dir: string, featurePaths: readonly string[]): { columns: TargetColumn[]; problems: Problem[] } {
  const columns: TargetColumn[] = [];
  const problems: Problem[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return { columns, problems };
  }
  // The same digests the run records, so the site can tell a summary made from other feature files.
  const current = new Map(featurePaths.map((p) => [p, sha256(readFileSync(p))]));
  for (const file of files) {
    const full = path.join(dir, file);
    const bytes = readFileSync(full);
    const check = verifySealed(bytes);
    if (check.status !== 'ok') {
      problems.push({ file, reason: `not shown: ${check.status} (${check.reason})` });
      continue;
    }
    const parsed = summarySchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) {
      problems.push({
        file,
        reason: `not shown: not a version 1 summary (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
      });
      continue;
    }
    const summary = parsed.data;
    const stale =
      summary.inputs.features.some((f) => current.has(f.path) && current.get(f.path) !== f.sha256) ||
      featurePaths.some((p) => !summary.inputs.features.some((f) => f.path === p));
    columns.push({ kind: summary.target.kind, summary, stale, history: readHistory(dir, summary.target.kind) });
  }
  columns.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { columns, problems };
}

/** One page of the site: its file, its title, and the content layout() puts inside the site's frame. */
interface SitePage {
  file: string;
  title: string;
  html: string;
}

/** Pages other commands contributed (the access matrix), titled by their first <h2>. */
function contributedPages(dir: string): SitePage[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (f) => /^[a-z0-9-]+\.html$/.test(f) && f !== 'index.html' && !f.startsWith('area-'),
    );
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const html = readFileSync(path.join(dir, file), 'utf8');
    const heading = /<h2[^>]*>([^<]*)<\/h2>/.exec(html)?.[1]?.trim();
    const title = heading ? unescapeHtml(heading) : file.replace(/\.html$/, '');
    return { file, title, html };
  });
}

function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => named[name] ?? '');
}

/** The navigation every page shows: the overview, each area, then the contributed pages. */
function navigation(extras: readonly SitePage[], changes: boolean): { file: string; label: string }[] {
  return [
    { file: 'index.html', label: 'Overview' },
    ...AREAS.map((a) => ({ file: areaPage(a), label: AREA_TITLES[a] })),
    ...(changes ? [{ file: CHANGES_PAGE, label: 'Changes and waivers' }] : []),
    ...extras.map((p) => ({ file: p.file, label: p.title.replace(/:.*$/, '') })),
  ];
}

function layout(sitePage: SitePage, links: readonly { file: string; label: string }[]): string {
  const { file, title, html: content } = sitePage;
  const nav = links
    .map((l) => `<a href="${l.file}"${l.file === file ? ' aria-current="page"' : ''}>${esc(l.label)}</a>`)
    .join('\n');
  const body = [
    '<header class="top"><strong>IPIC security: living documentation</strong>',
    '<div class="search"><label for="search" class="hidden">Search rules and scenarios</label>',
    '<input id="search" type="search" placeholder="Search rules and scenarios (e.g. R14, VERIFY, phrase)" autocomplete="off">',
    '<span id="search-status" role="status"></span>',
    '<ul id="search-results" hidden></ul></div></header>',
    `<nav class="areas" aria-label="Areas">${nav}</nav>`,
    `<main>${content}</main>`,
  ].join('\n');
  return page(title, body, {
    head: '<link rel="stylesheet" href="assets/site.css">',
    scripts: ['assets/search-index.js', 'assets/search.js'],
  });
}

function indexPage(index: RuleIndex, features: DocFeature[], columns: TargetColumn[], problems: Problem[]): SitePage {
  const out: string[] = ['<h1>IPIC security between z/OS Connect and CICS</h1>'];
  out.push(
    "<p>Each rule below restates, in this project's own words, what IBM's documentation says about securing an IPIC connection from z/OS Connect to CICS (rule catalog R1 to R57), together with the scenarios that check it and how each target fared in its latest run.</p>",
  );
  out.push('<h2>Targets</h2>');
  if (columns.length === 0) out.push('<p>No target has been run yet: run <code>npm run conformance</code>.</p>');
  else {
    out.push(
      '<table class="targets" id="targets"><tr><th>Target kind</th><th>Identity</th><th>Verdict</th><th>Finished</th><th>Harness</th><th>Summary SHA-256</th></tr>',
    );
    for (const c of columns) {
      const s = c.summary;
      out.push(
        `<tr data-target="${esc(c.kind)}"><td>${esc(c.kind)}</td><td>${esc(s.target.identity)}</td><td>${badge(s.outcome.verdict)}${c.stale ? ' <span class="warning">feature files changed since this run</span>' : ''}</td><td>${esc(s.time.finishedAt)}</td><td>${esc(s.harness.version)} <span class="mono">${esc((s.harness.commit ?? 'unknown').slice(0, 12))}</span></td><td class="mono">${s.integrity.fileSha256.slice(0, 16)}…</td></tr>`,
      );
    }
    out.push('</table>');
  }
  for (const p of problems) out.push(`<p class="warning">Summary ${esc(p.file)} ${esc(p.reason)}</p>`);
  if (columns.length > 0) out.push(...overviewPictures(index, columns));
  out.push('<h2>Areas</h2>', '<table class="targets" id="areas"><tr><th>Area</th><th>Rules</th><th>Scenarios</th>');
  for (const c of columns) out.push(`<th>${esc(c.kind)}</th>`);
  out.push('</tr>');
  for (const area of AREAS) {
    const rules = index.rules.filter((r) => r.area === area);
    const scenarios = new Set(
      features.flatMap((f) =>
        f.scenarios
          .filter((s) => s.ruleIds.some((id) => rules.some((r) => r.id === id)))
          .map((s) => `${f.path}:${s.line}`),
      ),
    );
    out.push(
      `<tr><td><a href="${areaPage(area)}">${esc(AREA_TITLES[area])}</a></td><td>${rules.length}</td><td>${scenarios.size}</td>`,
    );
    for (const c of columns) {
      const counts = new Map<string, number>();
      for (const r of rules) {
        const status = c.summary.rules.find((x) => x.id === r.id)?.status ?? 'not run';
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      out.push(
        `<td>${[...counts.entries()]
          .sort()
          .map(([k, v]) => `${v} ${badge(k)}`)
          .join(' ')}</td>`,
      );
    }
    out.push('</tr>');
  }
  out.push('</table>');
  out.push(
    `<p class="meta">Built from ${features.length} feature files and the rule index (${index.rules.length} rules).</p>`,
  );
  return { file: 'index.html', title: 'IPIC security: living documentation', html: out.join('\n') };
}

/** The rules-by-targets matrix (worst first) and each kind's trend over its recorded runs, as pictures. */
function overviewPictures(index: RuleIndex, columns: TargetColumn[]): string[] {
  const area = new Map(index.rules.map((r) => [r.id, r.area]));
  const map = worstFirst({
    rows: index.rules.map((r) => ({ id: r.id, label: r.id, href: `${areaPage(area.get(r.id)!)}#${r.id}` })),
    columns: columns.map((c) => ({ id: c.kind, label: c.kind })),
    status: (rule, kind) => {
      const found = columns.find((c) => c.kind === kind)?.summary.rules.find((r) => r.id === rule);
      return found ? exchangeStatus(found) : 'not run';
    },
  });
  const out = ['<h2>Rules by target</h2>'];
  out.push(
    `<figure>${heatmapSvg(map, { id: 'targets-heatmap', title: 'Rules by target kind, worst first' })}</figure>`,
  );
  const trends = columns.filter((c) => c.history.runs.length > 0);
  if (trends.length > 0) {
    out.push('<h2>Trend over the recorded runs</h2>');
    for (const c of trends)
      out.push(
        `<figure class="trend-figure"><figcaption>${esc(c.kind)}: ${c.history.runs.length} recorded runs</figcaption>${trendSvg(c.history)}</figure>`,
      );
  }
  return out;
}

function areaHtml(area: Area, index: RuleIndex, features: DocFeature[], columns: TargetColumn[]): SitePage {
  const rules = index.rules.filter((r) => r.area === area);
  const out = [`<h1>${esc(AREA_TITLES[area])}</h1>`];
  for (const c of columns.filter((c) => c.stale))
    out.push(
      `<p class="warning">The latest ${esc(c.kind)} run used other versions of the feature files; its statuses may not match the scenarios shown.</p>`,
    );
  for (const rule of rules) out.push(ruleSection(rule, index, features, columns));
  return { file: areaPage(area), title: `${AREA_TITLES[area]}: IPIC security`, html: out.join('\n') };
}

function ruleSection(rule: Rule, index: RuleIndex, features: DocFeature[], columns: TargetColumn[]): string {
  const out = [`<section class="rule" id="${esc(rule.id)}" data-rule="${esc(rule.id)}">`];
  out.push(`<h3>${esc(rule.id)}<span class="mark">${esc(rule.tags.join(' '))}</span></h3>`);
  out.push(`<p class="statement">${esc(rule.statement)}</p>`);
  if (columns.length > 0) {
    out.push('<table class="targets"><tr><th>Target</th><th>Status</th><th>Notes</th><th>History</th></tr>');
    for (const c of columns) {
      const r = c.summary.rules.find((x) => x.id === rule.id);
      const status = r?.status ?? 'not run';
      const note = !r
        ? 'the rule was not in this run'
        : status === 'not applicable'
          ? `Not applicable: ${r.notApplicableReasons.join('; ')}`
          : status === 'not covered'
            ? r.notCoveredBecause === 'not selected'
              ? 'left out by the run\u2019s tag selection'
              : r.notCoveredBecause === 'untestable'
                ? `untestable on every target: ${r.untestable ?? ''}`
                : 'no scenario checks this rule yet'
            : status === 'waived'
              ? `the target broke it; accepted by ${[...new Set(r.scenarios.flatMap((sc) => (sc.waiver ? [`${sc.waiver.id} until ${sc.waiver.expires}: ${sc.waiver.justification}`] : [])))].join('; ')}`
              : '';
      out.push(
        `<tr data-target="${esc(c.kind)}"><td>${esc(c.kind)}</td><td>${badge(r?.notCoveredBecause === 'untestable' ? 'untestable' : status)}${r?.change ? ` ${changeBadge(r)}` : ''}</td><td>${esc(note)}</td><td>${c.history.runs.length > 0 ? ruleHistorySvg(c.history, rule.id) : ''}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  const sources = rule.sources.map((key) => {
    const s = index.sources[key];
    return s?.url ? link(s.url, key) : `<span title="${esc(s?.document ?? '')}">${esc(key)}</span>`;
  });
  out.push(
    `<p class="meta">IBM page: ${link(rule.ibmPage)}<br>Sources: ${sources.join(', ')}${rule.uncertain?.length ? `<br>Open questions in the catalog: ${esc(rule.uncertain.join(', '))}` : ''}</p>`,
  );
  const tagged = features.flatMap((f) =>
    f.scenarios.filter((s) => s.ruleIds.includes(rule.id)).map((s) => ({ feature: f, scenario: s })),
  );
  const blocks = features.flatMap((f) =>
    f.ruleBlocks.filter((b) => b.tags.includes(`@${rule.id}`)).map((b) => ({ feature: f, block: b })),
  );
  for (const { feature, block } of blocks) {
    out.push(
      `<details class="feature-rule-block"><summary>In ${esc(feature.path)}: ${esc(block.name)}</summary><div class="feature-rule">${esc(block.description)}</div></details>`,
    );
  }
  out.push(`<h4>Scenarios (${tagged.length})</h4>`);
  if (tagged.length === 0 && rule.untestable)
    out.push(`<p>No target can observe this rule, so no scenario checks it: ${esc(rule.untestable)}</p>`);
  else if (tagged.length === 0) out.push('<p>No scenario checks this rule yet.</p>');
  else {
    out.push(
      `<table class="scenarios"><tr><th>Scenario</th><th>Where</th>${columns.map((c) => `<th>${esc(c.kind)}</th>`).join('')}</tr>`,
    );
    for (const { feature, scenario } of tagged) out.push(scenarioRow(feature, scenario, columns));
    out.push('</table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function scenarioRow(feature: DocFeature, scenario: DocScenario, columns: TargetColumn[]): string {
  const same = (s: { feature: string; line: number; name: string }) =>
    s.feature === feature.path && s.line === scenario.line && s.name === scenario.name;
  const outcomes = columns.map((c) => {
    const found = c.summary.rules.flatMap((r) => r.scenarios).find(same) ?? c.summary.scenariosWithoutRule.find(same);
    const status = found?.outcome ?? 'not run';
    const waiver = found?.waiver;
    const detail = waiver
      ? `WAIVED by ${waiver.id} (approved by ${waiver.approvedBy}, expires ${waiver.expires}): ${waiver.justification}`
      : (found?.reason ?? found?.message);
    return `<td data-target="${esc(c.kind)}">${badge(status, detail)}${detail ? `<div class="detail">${esc(detail)}</div>` : ''}</td>`;
  });
  return [
    `<tr class="scenario" data-feature="${esc(feature.path)}" data-line="${scenario.line}">`,
    `<td>${esc(scenario.name)}<details><summary>Steps</summary><ol class="steps">${scenario.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol></details></td>`,
    `<td class="mono">${esc(feature.path)}:${scenario.line}</td>`,
    ...outcomes,
    '</tr>',
  ].join('');
}

interface SearchEntry {
  id: string;
  kind: string;
  title: string;
  text: string;
  url: string;
}

function searchIndex(index: RuleIndex, features: DocFeature[]): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const rule of index.rules) {
    const url = `${areaPage(rule.area)}#${rule.id}`;
    entries.push({
      id: rule.id,
      kind: 'rule',
      title: rule.statement,
      text: `${AREA_TITLES[rule.area]} ${rule.sources.join(' ')} ${rule.tags.join(' ')}`,
      url,
    });
    for (const f of features) {
      for (const s of f.scenarios.filter((sc) => sc.ruleIds[0] === rule.id)) {
        entries.push({
          id: rule.id,
          kind: `scenario, ${f.path}:${s.line}`,
          title: s.name,
          text: s.steps.join(' '),
          url,
        });
      }
    }
  }
  return entries;
}
