/** reports/conformance.html: the same content as conformance.md, as one self-contained page. */
import { badge, esc, link, page } from '../site/html';
import { auditSections, changeNote, waiverNote } from './render-audit';
import { AREAS, AREA_TITLES, type Area } from './rules';
import { describeCoverage, describeScope, describeSelection, describeValue } from './summary';
import type { RuleResult, ScenarioEntry, Summary } from './summary-schema';

export function renderHtml(s: Summary): string {
  const rows: [string, string][] = [
    ['Target', `${esc(s.target.kind)}: ${esc(s.target.identity)}`],
    ['Target module (IPIC_TARGET)', esc(s.target.module)],
    ...Object.entries(s.target.description).map(([k, v]): [string, string] => [
      `Target ${esc(k)}`,
      esc(describeValue(v)),
    ]),
    [
      'Inventory',
      s.target.inventory
        ? `${esc(s.target.inventory.path)} <span class="mono">${s.target.inventory.sha256}</span>`
        : 'none',
    ],
    [
      'Harness',
      `${esc(s.harness.name)} ${esc(s.harness.version)}, commit <span class="mono">${esc(s.harness.commit ?? 'unknown')}</span>, Node ${esc(s.harness.node)}`,
    ],
    ['Rule index', `${esc(s.harness.ruleIndex.path)} <span class="mono">${s.harness.ruleIndex.sha256}</span>`],
    ['Selection', esc(describeSelection(s.inputs.selection))],
    ['Scope', esc(describeScope(s))],
    ['Coverage', esc(describeCoverage(s))],
    ['Started', esc(s.time.startedAt)],
    ['Finished', `${esc(s.time.finishedAt)} (${s.time.durationMs} ms)`],
    ['Summary SHA-256 (file)', `<span class="mono">${s.integrity.fileSha256}</span>`],
    ['Summary SHA-256 (content, without times)', `<span class="mono">${s.integrity.contentSha256}</span>`],
  ];
  const body: string[] = [
    `<header class="top"><strong>IPIC security conformance</strong> ${badge(s.outcome.verdict)} <span>exit code ${s.outcome.exitCode}</span></header>`,
    '<main>',
    `<h1>Conformance of ${esc(s.target.kind)}: ${esc(s.outcome.verdict)}</h1>`,
    `<table class="run">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`,
    '<h2>Totals</h2>',
    `<p>Rules: ${totals(s.totals.rules)}</p>`,
    `<p>Scenarios: ${totals(s.totals.scenarios)}</p>`,
  ];
  if (s.outcome.incomplete?.length) {
    body.push('<h2>Incomplete</h2><p>The run verified less than it must; this is not a pass.</p><ul>');
    for (const i of s.outcome.incomplete) body.push(`<li>${esc(`${i.rule ? `${i.rule} ` : ''}${i.reason}`)}</li>`);
    body.push('</ul>');
  }
  if (s.outcome.harnessErrors.length > 0) {
    body.push(
      '<h2>Harness errors</h2><p>The harness could not do its job; these are not findings about the target.</p><ul>',
    );
    for (const e of s.outcome.harnessErrors) body.push(`<li>${esc(e)}</li>`);
    body.push('</ul>');
  }
  for (const section of auditSections(s)) {
    body.push(`<h2>${esc(section.title)}</h2>`, `<p>${esc(section.intro)}</p>`);
    if (section.rows.length === 0) continue;
    body.push(
      `<table class="audit"><tr>${section.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${section.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`,
    );
  }
  for (const area of AREAS) {
    const rules = s.rules.filter((r) => r.area === area);
    if (rules.length === 0) continue;
    body.push(`<h2 id="area-${area}">${esc(AREA_TITLES[area as Area])}</h2>`);
    for (const rule of rules) body.push(ruleBlock(rule));
  }
  if (s.scenariosWithoutRule.length > 0) {
    body.push('<h2>Scenarios without a rule tag</h2>');
    for (const sc of s.scenariosWithoutRule) body.push(scenarioBlock(sc));
  }
  body.push('<h2>Feature files</h2><table><tr><th>File</th><th>SHA-256</th></tr>');
  for (const f of s.inputs.features) body.push(`<tr><td>${esc(f.path)}</td><td class="mono">${f.sha256}</td></tr>`);
  body.push('</table>', '</main>');
  return page(`IPIC conformance: ${s.target.kind}: ${s.outcome.verdict}`, body.join('\n'));
}

function ruleBlock(rule: RuleResult): string {
  const parts = [
    `<section class="rule" id="${esc(rule.id)}">`,
    `<h3>${esc(rule.id)} ${badge(rule.notCoveredBecause === 'untestable' ? 'untestable' : rule.status)}${rule.change ? ` ${changeBadge(rule)}` : ''}</h3>`,
    `<p>${esc(rule.statement)}</p>`,
    `<p class="meta">IBM page: ${link(rule.ibmPage)}. Sources: ${esc(rule.sources.join(', '))}. Catalog marks: ${esc(rule.tags.join(', '))}.</p>`,
  ];
  if (rule.status === 'not applicable')
    parts.push(`<p>Not applicable on this target: ${esc(rule.notApplicableReasons.join('; '))}.</p>`);
  if (rule.notCoveredBecause === 'no scenario') parts.push('<p>No scenario checks this rule yet.</p>');
  if (rule.notCoveredBecause === 'not selected')
    parts.push("<p>This run's selection left out every scenario of this rule.</p>");
  if (rule.notCoveredBecause === 'untestable')
    parts.push(`<p>No target can observe this rule, so no scenario checks it: ${esc(rule.untestable ?? '')}</p>`);
  for (const sc of rule.scenarios) parts.push(scenarioBlock(sc));
  parts.push('</section>');
  return parts.join('\n');
}

function scenarioBlock(sc: ScenarioEntry): string {
  const details = [
    sc.reason && `Reason: ${sc.reason}`,
    sc.step && `Step: ${sc.step}`,
    sc.message && `Said: ${sc.message}`,
    waiverNote(sc),
  ].filter(Boolean) as string[];
  return `<div class="scenario">${badge(sc.outcome)}${sc.change ? ` ${changeBadge(sc)}` : ''} ${esc(sc.name)} <span class="meta mono">${esc(sc.feature)}:${sc.line}</span>${details.length ? `<div class="detail">${esc(details.join('\n'))}</div>` : ''}</div>`;
}

/** The change since the baseline as a badge, with the baseline's status in its title. */
export function changeBadge(x: { change?: string; was?: string }): string {
  return `<span class="change" data-change="${esc(x.change ?? '')}" title="${esc(changeNote(x as Parameters<typeof changeNote>[0]) ?? '')}">${esc(x.change ?? '')}</span>`;
}

function totals(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${v} ${badge(k)}`)
    .join(' ');
}
