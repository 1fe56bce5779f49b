/** reports/conformance.md: the sealed summary as an auditor reads it, rule by rule, grouped by area. */
import { auditSections, changeNote, waiverNote } from './render-audit';
import { AREAS, AREA_TITLES, type Area } from './rules';
import { describeCoverage, describeScope, describeSelection, describeValue } from './summary';
import type { RuleResult, ScenarioEntry, Summary } from './summary-schema';

const LABEL: Record<string, string> = {
  conformant: 'CONFORMANT',
  nonconformant: 'NONCONFORMANT',
  'not applicable': 'NOT APPLICABLE',
  'not covered': 'NOT COVERED',
  'harness error': 'HARNESS ERROR',
  incomplete: 'INCOMPLETE',
  waived: 'WAIVED',
};

/** Text for a Markdown table cell or list item: no line breaks, no table pipes, no raw HTML. */
function md(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function renderMarkdown(s: Summary): string {
  const out: string[] = [];
  out.push(`# IPIC security conformance: ${LABEL[s.outcome.verdict] ?? s.outcome.verdict}`, '');
  out.push(
    `Exit code ${s.outcome.exitCode}. Summary schema ${s.schema} ${s.schemaVersion}; check this run's conformance.json with \`npm run verify-report -- conformance.json\`.`,
    '',
  );
  out.push('| Run | |', '|---|---|');
  const row = (k: string, v: string) => out.push(`| ${k} | ${md(v)} |`);
  row('Target', `${s.target.kind}: ${s.target.identity}`);
  row('Target module (IPIC_TARGET)', s.target.module);
  for (const [k, v] of Object.entries(s.target.description)) row(`Target ${k}`, describeValue(v));
  row('Inventory', s.target.inventory ? `${s.target.inventory.path} (SHA-256 ${s.target.inventory.sha256})` : 'none');
  row(
    'Harness',
    `${s.harness.name} ${s.harness.version}, commit ${s.harness.commit ?? 'unknown'}, Node ${s.harness.node}`,
  );
  row('Rule index', `${s.harness.ruleIndex.path} (SHA-256 ${s.harness.ruleIndex.sha256})`);
  row('Selection', describeSelection(s.inputs.selection));
  row('Scope', describeScope(s));
  row('Coverage', describeCoverage(s));
  row('Started', s.time.startedAt);
  row('Finished', `${s.time.finishedAt} (${s.time.durationMs} ms)`);
  row('Summary SHA-256 (file)', s.integrity.fileSha256);
  row('Summary SHA-256 (content, without times)', s.integrity.contentSha256);
  out.push('');
  out.push('## Totals', '');
  out.push(`Rules: ${counts(s.totals.rules)}.`, '');
  out.push(`Scenarios: ${counts(s.totals.scenarios)}.`, '');
  if (s.outcome.incomplete?.length) {
    out.push('## Incomplete', '', 'The run verified less than it must; this is not a pass.', '');
    for (const i of s.outcome.incomplete) out.push(`- ${i.rule ? `${i.rule} ` : ''}${md(i.reason)}`);
    out.push('');
  }
  if (s.outcome.harnessErrors.length > 0) {
    out.push('## Harness errors', '', 'The harness could not do its job; these are not findings about the target.', '');
    for (const e of s.outcome.harnessErrors) out.push(`- ${md(e)}`);
    out.push('');
  }
  for (const section of auditSections(s)) {
    out.push(`## ${section.title}`, '', md(section.intro), '');
    if (section.rows.length === 0) continue;
    out.push(`| ${section.header.join(' | ')} |`, `|${section.header.map(() => '---').join('|')}|`);
    for (const row of section.rows) out.push(`| ${row.map(md).join(' | ')} |`);
    out.push('');
  }
  for (const area of AREAS) {
    const rules = s.rules.filter((r) => r.area === area);
    if (rules.length === 0) continue;
    out.push(`## ${AREA_TITLES[area as Area]}`, '');
    for (const rule of rules) out.push(...ruleSection(rule));
  }
  if (s.scenariosWithoutRule.length > 0) {
    out.push('## Scenarios without a rule tag', '');
    for (const sc of s.scenariosWithoutRule) out.push(scenarioLine(sc));
    out.push('');
  }
  out.push('## Feature files', '', '| File | SHA-256 |', '|---|---|');
  for (const f of s.inputs.features) out.push(`| ${md(f.path)} | ${f.sha256} |`);
  out.push('');
  return out.join('\n');
}

function ruleSection(rule: RuleResult): string[] {
  const label = rule.notCoveredBecause === 'untestable' ? 'UNTESTABLE' : LABEL[rule.status];
  const change = changeNote(rule);
  const out = [`### ${rule.id}: ${label}${change ? `, ${change}` : ''}`, '', md(rule.statement), ''];
  out.push(
    `IBM page: <${rule.ibmPage}>. Sources: ${rule.sources.join(', ')}. Catalog marks: ${rule.tags.join(', ')}.`,
    '',
  );
  if (rule.status === 'not applicable')
    out.push(`Not applicable on this target: ${rule.notApplicableReasons.map(md).join('; ')}.`, '');
  if (rule.notCoveredBecause === 'no scenario') out.push('No scenario checks this rule yet.', '');
  if (rule.notCoveredBecause === 'not selected')
    out.push("This run's selection left out every scenario of this rule.", '');
  if (rule.notCoveredBecause === 'untestable')
    out.push(`No target can observe this rule, so no scenario checks it: ${md(rule.untestable ?? '')}`, '');
  for (const sc of rule.scenarios) out.push(scenarioLine(sc));
  if (rule.scenarios.length > 0) out.push('');
  return out;
}

function scenarioLine(sc: ScenarioEntry): string {
  let line = `- ${LABEL[sc.outcome]}: ${md(sc.name)} (${md(sc.feature)}:${sc.line})`;
  if (sc.reason) line += `. Reason: ${md(sc.reason)}`;
  if (sc.step) line += `. Step: ${md(sc.step)}`;
  if (sc.message) line += `. Said: ${md(sc.message)}`;
  const waiver = waiverNote(sc);
  if (waiver) line += `. ${md(waiver)}`;
  const change = changeNote(sc);
  if (change) line += `. ${change}`;
  return line;
}

function counts(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
