/**
 * The record of past runs the site draws its trends from: for each target kind, the rule statuses of each
 * recorded run (a full run, or a subset run with --record-subset), oldest first, with the seal of the
 * summary each entry was taken from. Kept beside the kind's latest summary as summaries/history/<kind>.json,
 * carried from run to run like the summaries, and capped so that it stays small.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileSafe } from '../report/artifacts';
import type { Summary } from '../report/summary-schema';
import { exchangeStatus } from '../report/waiver-view';
import { STATUS_FILL } from './heatmap-svg';
import { esc } from './html';

export const HISTORY_LIMIT = 50;

export interface RecordedRun {
  finishedAt: string;
  verdict: string;
  scope: string;
  summaryFileSha256: string;
  /** Rule ID -> status in that run. */
  statuses: Record<string, string>;
}

export interface RunHistory {
  schema: 'ipic-run-history';
  kind: string;
  runs: RecordedRun[];
}

export function historyFile(summariesDir: string, kind: string): string {
  return path.join(summariesDir, 'history', `${fileSafe(kind)}.json`);
}

export function readHistory(summariesDir: string, kind: string): RunHistory {
  const file = historyFile(summariesDir, kind);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as RunHistory;
    if (parsed.schema === 'ipic-run-history' && Array.isArray(parsed.runs)) return parsed;
  } catch {
    // No history yet, or an unreadable one: the trend starts again from this run.
  }
  return { schema: 'ipic-run-history', kind, runs: [] };
}

/** Every kind with a recorded history. */
export function historyKinds(summariesDir: string): string[] {
  const dir = path.join(summariesDir, 'history');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readHistory(summariesDir, f.replace(/\.json$/, '')).kind)
    .sort();
}

/** Adds the run to its kind's history (once per sealed summary), dropping the oldest past the limit. */
export function recordRun(summariesDir: string, summary: Summary): void {
  const history = readHistory(summariesDir, summary.target.kind);
  const entry: RecordedRun = {
    finishedAt: summary.time.finishedAt,
    verdict: summary.outcome.verdict,
    scope: summary.inputs.scope ?? 'full',
    summaryFileSha256: summary.integrity.fileSha256,
    statuses: Object.fromEntries(summary.rules.map((r) => [r.id, exchangeStatus(r)])),
  };
  const runs = [...history.runs.filter((r) => r.summaryFileSha256 !== entry.summaryFileSha256), entry].slice(
    -HISTORY_LIMIT,
  );
  mkdirSync(path.dirname(historyFile(summariesDir, summary.target.kind)), { recursive: true });
  writeFileSync(
    historyFile(summariesDir, summary.target.kind),
    `${JSON.stringify({ schema: 'ipic-run-history', kind: summary.target.kind, runs }, null, 1)}\n`,
  );
}

const TREND_ORDER = ['nonconformant', 'harness error', 'waived', 'not applicable', 'not covered', 'conformant'];

/** The trend of rule verdicts over a kind's recorded runs: one stacked bar per run, oldest on the left. */
export function trendSvg(history: RunHistory): string {
  const bar = 14;
  const gap = 4;
  const height = 120;
  const width = Math.max(200, 40 + history.runs.length * (bar + gap));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" data-kind="${esc(history.kind)}" role="img" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}" font-family="sans-serif" font-size="10">`,
    `<title>${esc(`Rule verdicts over the last ${history.runs.length} recorded ${history.kind} runs`)}</title>`,
  ];
  history.runs.forEach((run, i) => {
    const total = Object.keys(run.statuses).length || 1;
    const x = 30 + i * (bar + gap);
    let y = height;
    const counts = TREND_ORDER.map((s) => [s, Object.values(run.statuses).filter((v) => v === s).length] as const);
    const label = `${run.finishedAt} (${run.scope}): ${run.verdict}; ${counts
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}`;
    out.push(
      `<g class="run" data-finished="${esc(run.finishedAt)}" data-verdict="${esc(run.verdict)}"><title>${esc(label)}</title>`,
    );
    for (const [status, n] of [...counts].reverse()) {
      if (n === 0) continue;
      const h = (n / total) * height;
      y -= h;
      out.push(
        `<rect class="segment" data-status="${esc(status)}" data-count="${n}" x="${x}" y="${y.toFixed(2)}" width="${bar}" height="${h.toFixed(2)}" fill="${STATUS_FILL[status]}"></rect>`,
      );
    }
    out.push('</g>');
  });
  out.push(`<text x="2" y="10">rules</text><text x="30" y="${height + 14}">oldest → newest</text></svg>`);
  return out.join('\n');
}

/** One rule's status over a kind's recorded runs: a strip of squares, oldest first. */
export function ruleHistorySvg(history: RunHistory, ruleId: string): string {
  const cell = 10;
  const width = Math.max(20, history.runs.length * (cell + 2));
  const cells = history.runs.map((run, i) => {
    const status = run.statuses[ruleId] ?? 'not run';
    return `<rect class="history-cell" data-status="${esc(status)}" x="${i * (cell + 2)}" y="0" width="${cell}" height="${cell}" fill="${STATUS_FILL[status] ?? STATUS_FILL['not run']}" stroke="#9e9e9e" stroke-width="0.5"><title>${esc(`${ruleId} on ${history.kind}, ${run.finishedAt}: ${status}`)}</title></rect>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="rule-history" data-kind="${esc(history.kind)}" data-rule="${esc(ruleId)}" role="img" width="${width}" height="${cell}" viewBox="0 0 ${width} ${cell}"><title>${esc(`${ruleId} over the recorded ${history.kind} runs`)}</title>${cells.join('')}</svg>`;
}
