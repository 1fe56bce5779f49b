/**
 * The fleet page of the documentation site: which sites were merged (with their verdicts and seals), the
 * rules-by-sites matrix as a picture, worst first, and the count of each status. Written as a page fragment
 * into site-pages/, where the site build picks it up (src/site/build.ts, contributed pages).
 */
import { FLEET_STATUSES, type FleetSummary } from '../fleet/fleet-summary';
import { heatmapSvg, worstFirst } from './heatmap-svg';
import { areaPage } from './build';
import { badge, esc } from './html';
import type { RuleIndex } from '../report/rules';

export const FLEET_PAGE = 'fleet.html';

export function fleetPage(fleet: FleetSummary, fileSha256: string, index?: RuleIndex): string {
  const area = new Map(index?.rules.map((r) => [r.id, r.area]) ?? []);
  const map = worstFirst({
    rows: fleet.rules.map((r) => ({
      id: r.id,
      label: r.id,
      href: area.has(r.id) ? `${areaPage(area.get(r.id)!)}#${r.id}` : undefined,
    })),
    columns: fleet.sites.map((s) => ({ id: s.name, label: s.name })),
    status: (rule, site) => fleet.rules.find((r) => r.id === rule)?.statuses[site] ?? 'not run',
  });
  const out = ['<h2>Fleet: rules by site</h2>'];
  out.push(
    `<p>${fleet.sites.length} sites merged by <code>npm run merge-reports</code>; the fleet summary's SHA-256 is <span class="mono">${esc(fileSha256)}</span>. Worst rules and sites first.</p>`,
  );
  for (const m of fleet.mixed) out.push(`<p class="warning">Merged although ${esc(m)}.</p>`);
  out.push(
    '<table class="targets" id="fleet-sites"><tr><th>Site</th><th>Kind</th><th>Identity</th><th>Verdict</th><th>Finished</th><th>Summary SHA-256</th></tr>',
  );
  for (const s of fleet.sites)
    out.push(
      `<tr data-site="${esc(s.name)}"><td>${esc(s.name)}</td><td>${esc(s.kind)}</td><td>${esc(s.identity)}</td><td>${badge(s.verdict)}</td><td>${esc(s.finishedAt)}</td><td class="mono">${esc(s.summaryFileSha256.slice(0, 16))}…</td></tr>`,
    );
  out.push('</table>');
  out.push(`<figure>${heatmapSvg(map, { id: 'fleet-heatmap', title: 'Rules by site, worst first' })}</figure>`);
  out.push(
    `<table class="targets" id="fleet-totals"><tr><th>Status</th><th>Rule × site cells</th></tr>${FLEET_STATUSES.filter(
      (s) => fleet.totals.cells[s] > 0,
    )
      .map((s) => `<tr data-status="${esc(s)}"><td>${badge(s)}</td><td>${fleet.totals.cells[s]}</td></tr>`)
      .join('')}</table>`,
  );
  return out.join('\n');
}
