/** Small HTML helpers shared by the conformance page and the documentation site. No external assets. */

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s) links are written as links; anything else is shown as text. */
export function link(url: string, text = url): string {
  return /^https?:\/\//.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
}

const STATUS_CLASS: Record<string, string> = {
  conformant: 'ok',
  nonconformant: 'bad',
  'not applicable': 'na',
  'not covered': 'none',
  'harness error': 'err',
  incomplete: 'na',
  'not run': 'none',
  waived: 'waived',
};

export function badge(status: string, title?: string): string {
  return `<span class="status ${STATUS_CLASS[status] ?? 'none'}" data-status="${esc(status)}"${title ? ` title="${esc(title)}"` : ''}>${esc(status)}</span>`;
}

export const BASE_CSS = `
:root { color-scheme: light; --ok:#1a7f37; --bad:#cf222e; --na:#7d4e00; --err:#8250df; --none:#57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header.top { background: #24292f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
header.top a { color: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
nav.areas a { margin-right: .9rem; white-space: nowrap; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.run th { white-space: nowrap; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .88em; }
.status { display: inline-block; border-radius: 1em; padding: 0 .6em; font-size: .82em; font-weight: 600; color: #fff; white-space: nowrap; }
.status.ok { background: var(--ok); } .status.bad { background: var(--bad); } .status.na { background: var(--na); }
.status.err { background: var(--err); } .status.none { background: var(--none); }
.status.waived { background: #9a6700; }
.change { display: inline-block; border: 1px solid currentColor; border-radius: 1em; padding: 0 .5em; font-size: .78em; font-weight: 600; white-space: nowrap; }
.change[data-change="regressed"], .change[data-change="new"] { color: var(--bad); } .change[data-change="fixed"] { color: var(--ok); }
.change[data-change="still failing"] { color: #9a6700; } .change[data-change="unchanged"] { color: var(--none); }
.rule { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
.rule .meta { color: #57606a; font-size: .9em; }
.scenario { margin: .3rem 0 .3rem 1rem; }
.scenario .detail { color: #57606a; font-size: .9em; margin-left: 1rem; white-space: pre-wrap; }
.steps { margin: .2rem 0 .2rem 1.5rem; color: #57606a; font-size: .9em; }
.hidden { display: none !important; }
`;

export function page(
  title: string,
  body: string,
  options: { css?: string; head?: string; scripts?: string[] } = {},
): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    options.head ?? `<style>${BASE_CSS}${options.css ?? ''}</style>`,
    '</head>',
    '<body>',
    body,
    ...(options.scripts ?? []).map((src) => `<script src="${esc(src)}"></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
