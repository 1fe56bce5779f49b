/**
 * A status matrix as a picture (SVG), for readers who look rather than read: one row per rule, one column
 * per target or site, one coloured cell per status, worst first. Every cell carries its status in
 * data-status and a <title> (a tooltip, and what a screen reader says), so the picture is also checkable.
 * Plain SVG inlined in the page: it needs no script and loads nothing.
 */
import { esc } from './html';

/** Statuses from worst to best; anything else ranks with 'not run'. */
export const STATUS_ORDER = [
  'nonconformant',
  'harness error',
  'waived',
  'not applicable',
  'not covered',
  'not run',
  'conformant',
] as const;

export const STATUS_FILL: Record<string, string> = {
  nonconformant: '#c62828',
  'harness error': '#6a1b9a',
  waived: '#f9a825',
  'not applicable': '#90a4ae',
  'not covered': '#e0e0e0',
  'not run': '#ffffff',
  conformant: '#2e7d32',
  untestable: '#e0e0e0',
};

export interface Axis {
  id: string;
  label: string;
  /** Where a row label links to (a rule's section on the site). */
  href?: string;
}

export interface Heatmap {
  rows: Axis[];
  columns: Axis[];
  status(row: string, column: string): string;
}

function rank(status: string): number {
  const i = (STATUS_ORDER as readonly string[]).indexOf(status);
  return i < 0 ? STATUS_ORDER.indexOf('not run') : i;
}

/** How bad a line of cells is: the count of each status, worst status first, compared in that order. */
function badness(statuses: string[]): number[] {
  return STATUS_ORDER.map((s) => statuses.filter((x) => rank(x) === rank(s)).length);
}

function compareBadness(a: number[], b: number[]): number {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/** Rows and columns reordered worst first (ties keep their order), for the picture. */
export function worstFirst(map: Heatmap): Heatmap {
  const rowScore = new Map(map.rows.map((r) => [r.id, badness(map.columns.map((c) => map.status(r.id, c.id)))]));
  const colScore = new Map(map.columns.map((c) => [c.id, badness(map.rows.map((r) => map.status(r.id, c.id)))]));
  const rows = map.rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareBadness(rowScore.get(a.r.id)!, rowScore.get(b.r.id)!) || a.i - b.i)
    .map((x) => x.r);
  const columns = map.columns
    .map((c, i) => ({ c, i }))
    .sort((a, b) => compareBadness(colScore.get(a.c.id)!, colScore.get(b.c.id)!) || a.i - b.i)
    .map((x) => x.c);
  return { rows, columns, status: map.status };
}

const CELL = 18;
const GAP = 2;

export function heatmapSvg(map: Heatmap, options: { id: string; title: string }): string {
  const labelWidth = 64;
  const headHeight = Math.max(60, 7 * Math.max(0, ...map.columns.map((c) => Math.min(c.label.length, 28))));
  const width = labelWidth + map.columns.length * (CELL + GAP) + 20;
  const legendY = headHeight + map.rows.length * (CELL + GAP) + 16;
  const present = STATUS_ORDER.filter((s) =>
    map.rows.some((r) => map.columns.some((c) => rank(map.status(r.id, c.id)) === rank(s))),
  );
  const height = legendY + present.length * 18 + 8;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" id="${esc(options.id)}" role="img" width="${Math.max(width, 260)}" height="${height}" viewBox="0 0 ${Math.max(width, 260)} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(options.title)}</title>`,
  ];
  map.columns.forEach((c, j) => {
    const x = labelWidth + j * (CELL + GAP) + CELL / 2;
    const label = c.label.length > 28 ? `${c.label.slice(0, 27)}…` : c.label;
    out.push(
      `<text class="column-label" x="${x}" y="${headHeight - 6}" transform="rotate(-60 ${x} ${headHeight - 6})">${esc(label)}<title>${esc(c.label)}</title></text>`,
    );
  });
  map.rows.forEach((r, i) => {
    const y = headHeight + i * (CELL + GAP);
    const text = `<text class="row-label" x="${labelWidth - 6}" y="${y + CELL - 5}" text-anchor="end">${esc(r.label)}</text>`;
    out.push(r.href ? `<a href="${esc(r.href)}">${text}</a>` : text);
    map.columns.forEach((c, j) => {
      const status = map.status(r.id, c.id);
      const fill = STATUS_FILL[status] ?? STATUS_FILL['not run']!;
      out.push(
        `<rect class="cell" data-row="${esc(r.id)}" data-column="${esc(c.id)}" data-status="${esc(status)}" x="${labelWidth + j * (CELL + GAP)}" y="${y}" width="${CELL}" height="${CELL}" fill="${fill}" stroke="#9e9e9e" stroke-width="0.5"><title>${esc(`${r.label} on ${c.label}: ${status}`)}</title></rect>`,
      );
    });
  });
  present.forEach((s, k) => {
    const y = legendY + k * 18;
    out.push(
      `<rect class="legend" x="4" y="${y}" width="12" height="12" fill="${STATUS_FILL[s]}" stroke="#9e9e9e" stroke-width="0.5"></rect><text x="22" y="${y + 10}">${esc(s)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
