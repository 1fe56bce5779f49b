/**
 * The site's "Change since the last audit" page: for each target kind whose latest summary was compared
 * with a baseline (--baseline), the rules and scenarios that regressed, are new, were fixed or still fail,
 * and the waivers in force. Built from the sealed summaries only.
 */
import { changeBadge } from '../report/render-html';
import type { Summary } from '../report/summary-schema';
import { areaPage } from './build';
import { badge, esc } from './html';

export const CHANGES_PAGE = 'changes.html';

export function changesPage(columns: readonly { kind: string; summary: Summary }[]): {
  file: string;
  title: string;
  html: string;
} {
  const out = ['<h1>Change since the last audit</h1>'];
  const compared = columns.filter((c) => c.summary.baseline || c.summary.waivers);
  if (compared.length === 0)
    out.push(
      '<p>No target\u2019s latest run was compared with a baseline or had waivers: run with <code>--baseline</code> or <code>--waivers</code>.</p>',
    );
  for (const { kind, summary: s } of compared) {
    out.push(
      `<section class="target-changes" data-target="${esc(kind)}"><h2>${esc(kind)}: ${badge(s.outcome.verdict)}</h2>`,
    );
    const b = s.baseline;
    if (b) {
      const c = b.changes.rules;
      out.push(
        `<p>Compared with ${esc(b.path)} (finished ${esc(b.finishedAt)}, fileSha256 <span class="mono">${esc(b.sealFileSha256.slice(0, 16))}…</span>): ${c.regressed} regressed, ${c.new} new, ${c.fixed} fixed, ${c['still failing']} still failing, ${c.unchanged} unchanged rules.${b.failOn === 'regressions' ? ' The gate failed the run only on regressed or new nonconformance.' : ''}</p>`,
      );
      const changed = s.rules.filter((r) => r.change && r.change !== 'unchanged');
      if (changed.length > 0) {
        out.push('<table class="changes"><tr><th>Rule</th><th>Change</th><th>Baseline</th><th>Now</th></tr>');
        for (const r of changed)
          out.push(
            `<tr data-rule="${esc(r.id)}"><td><a href="${areaPage(r.area as Parameters<typeof areaPage>[0])}#${esc(r.id)}">${esc(r.id)}</a></td><td>${changeBadge(r)}</td><td>${badge(r.was ?? 'not run')}</td><td>${badge(r.status)}</td></tr>`,
          );
        out.push('</table>');
      }
    }
    if (s.waivers?.length) {
      out.push(
        '<h3>Waivers</h3><table class="waivers"><tr><th>Waiver</th><th>Covers</th><th>Status</th><th>Justification</th><th>Approved by</th><th>Expires</th></tr>',
      );
      for (const w of s.waivers)
        out.push(
          `<tr data-waiver="${esc(w.id)}"><td>${esc(w.id)}</td><td>${esc(w.rule ?? w.scenario ?? '')}</td><td>${esc(w.status)}</td><td>${esc(w.justification)}</td><td>${esc(w.approvedBy)}</td><td>${esc(w.expires)}</td></tr>`,
        );
      out.push('</table>');
    }
    out.push('</section>');
  }
  return { file: CHANGES_PAGE, title: 'Change since the last audit: IPIC security', html: out.join('\n') };
}
