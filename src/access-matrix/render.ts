/**
 * The access matrix as CSV (one row per connection, user and transaction: for spreadsheets and diffs)
 * and as HTML (per connection, users down and transactions across: the table an auditor reads first).
 * The HTML fragment can be included in the documentation site; the page wraps it to stand alone.
 */
import type { MatrixRow } from './compute';
import { esc } from '../site/html';

const CSV_COLUMNS: [string, (r: MatrixRow) => string][] = [
  ['connection', (r) => r.connection],
  ['ipconn', (r) => r.ipconn],
  ['tcpipservice', (r) => r.tcpipService],
  ['port', (r) => String(r.port)],
  ['ssl', (r) => r.ssl],
  ['linkauth', (r) => r.linkauth],
  ['userauth', (r) => r.userauth],
  ['link_user', (r) => r.linkUser],
  ['user', (r) => r.user],
  ['transaction', (r) => r.transaction],
  ['attached_by_connection', (r) => (r.attachedByConnection ? 'yes' : 'no')],
  ['can_run', (r) => (r.canRun ? 'yes' : 'no')],
  ['task_user', (r) => r.taskUser],
  ['checked_user_ids', (r) => r.checked.join(' ')],
  ['reason', (r) => r.reason],
];

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function matrixCsv(rows: MatrixRow[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map(([, get]) => csvField(get(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

const html = esc;

export interface MatrixContext {
  /** What was read, e.g. "examples/site". */
  origin: string;
  /** The audit instant certificate validity was judged at. */
  auditDate: string;
  /** Where each connection element was written (file:line:column). */
  connectionAt: Record<string, string>;
}

/** A <section> with one table per connection; no script, no external resources. */
export function matrixFragment(rows: MatrixRow[], context: MatrixContext): string {
  const connections = [...new Set(rows.map((r) => r.connection))];
  const parts = [
    `<section class="access-matrix" aria-labelledby="access-matrix-title">`,
    `<h2 id="access-matrix-title">Access matrix: ${html(context.origin)}</h2>`,
    `<p>Who can run which mirror transaction through each IPIC connection, as the reference model decides on these definitions (audit date ${html(context.auditDate)}). A cell shows <strong>yes</strong> with the task's user ID, or <strong>no</strong> with the rule that stops it; below it, the user IDs CICS checks.</p>`,
  ];
  for (const connection of connections) {
    const own = rows.filter((r) => r.connection === connection);
    const first = own[0] as MatrixRow;
    const transactions = [...new Set(own.map((r) => r.transaction))];
    const users = [...new Set(own.map((r) => r.user))];
    parts.push(
      `<h3>${html(connection)}</h3>`,
      `<p class="connection">Defined at ${html(context.connectionAt[connection] ?? '?')}. Port ${first.port}, TCPIPSERVICE ${html(first.tcpipService)} with SSL ${html(first.ssl)}; IPCONN ${html(first.ipconn)}, LINKAUTH(${html(first.linkauth)}), USERAUTH(${html(first.userauth)}); ${first.linkUser === '-' ? 'no link user: the connection is not acquired' : `link user ${html(first.linkUser)}`}.</p>`,
      `<table>`,
      `<caption>${html(connection)}: users (as CICS receives them) by transaction</caption>`,
      `<thead><tr><th scope="col">User</th>${transactions.map((t) => `<th scope="col">${html(t)}${own.some((r) => r.transaction === t && r.attachedByConnection) ? ' <span class="attached">(attached)</span>' : ''}</th>`).join('')}</tr></thead>`,
      `<tbody>`,
    );
    for (const user of users) {
      const cells = transactions.map((t) => {
        const cell = own.find((r) => r.user === user && r.transaction === t);
        if (!cell) return '<td></td>';
        const verdict = cell.canRun
          ? `<strong class="yes">yes</strong> as ${html(cell.taskUser)}`
          : `<strong class="no">no</strong> ${html(cell.reason)}`;
        const checked = cell.checked.length > 0 ? `<br><small>checks ${html(cell.checked.join(', '))}</small>` : '';
        return `<td class="${cell.canRun ? 'yes' : 'no'}">${verdict}${checked}</td>`;
      });
      parts.push(`<tr><th scope="row">${html(user)}</th>${cells.join('')}</tr>`);
    }
    parts.push(`</tbody>`, `</table>`);
  }
  parts.push(`</section>`);
  return parts.join('\n') + '\n';
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;margin:0 0 2rem}th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}td.yes{background:#e6f4ea}td.no{background:#fdecea}
.attached{font-weight:normal;font-size:.85em}small{color:#444}`;

/** The matrix as a page of the documentation site: the fragment with its own styles (scoped to <main>). */
export function matrixSitePage(rows: MatrixRow[], context: MatrixContext): string {
  return `<style>${STYLE}</style>\n${matrixFragment(rows, context).trimEnd()}\n`;
}

export function matrixPage(rows: MatrixRow[], context: MatrixContext): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>Access matrix: ${html(context.origin)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    matrixFragment(rows, context).trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
