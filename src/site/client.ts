/**
 * The site's only script: client-side search over the rules and scenarios. Plain browser JavaScript,
 * kept as text here and written to assets/search.js. The index comes from assets/search-index.js (a
 * <script>, not fetch(), so the site works from file:// too).
 */
export const SEARCH_SCRIPT = `(function () {
  'use strict';
  var index = window.IPIC_SEARCH_INDEX || [];
  function norm(s) { return String(s).toLowerCase(); }
  function matches(entry, terms) {
    var hay = norm(entry.id + ' ' + entry.title + ' ' + entry.text);
    for (var i = 0; i < terms.length; i++) if (hay.indexOf(terms[i]) < 0) return false;
    return true;
  }
  function render(box, list, status) {
    var query = norm(box.value).trim();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query) { list.hidden = true; status.textContent = ''; return; }
    var terms = query.split(/\\s+/);
    var found = index.filter(function (e) { return matches(e, terms); });
    status.textContent = found.length + (found.length === 1 ? ' match' : ' matches');
    found.slice(0, 50).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = e.url;
      a.textContent = e.id + ': ' + e.title;
      li.appendChild(a);
      if (e.kind) {
        var k = document.createElement('span');
        k.className = 'kind';
        k.textContent = ' (' + e.kind + ')';
        li.appendChild(k);
      }
      list.appendChild(li);
    });
    list.hidden = false;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('search');
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!box || !list || !status) return;
    box.addEventListener('input', function () { render(box, list, status); });
    box.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        var first = list.querySelector('a');
        if (first) window.location.href = first.getAttribute('href');
      }
    });
    render(box, list, status);
  });
})();
`;

export const SITE_CSS = `
.search { position: relative; margin-left: auto; }
.search input { width: 22rem; max-width: 60vw; padding: .3rem .5rem; border-radius: 4px; border: 1px solid #d0d7de; }
.search ul { position: absolute; right: 0; z-index: 10; background: #fff; color: #1f2328; list-style: none; margin: .2rem 0 0; padding: .3rem .6rem;
  border: 1px solid #d0d7de; border-radius: 6px; width: 34rem; max-width: 90vw; max-height: 60vh; overflow: auto; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.search ul a { color: #0969da; }
.search .kind { color: #57606a; font-size: .85em; }
#search-status { font-size: .85em; margin-left: .5rem; }
nav.areas { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: .4rem 1.2rem; }
nav.areas a[aria-current="page"] { font-weight: 700; text-decoration: none; color: #1f2328; }
table.targets td, table.targets th { font-size: .92em; }
.rule h3 .mark { font-size: .75em; color: #57606a; font-weight: 400; margin-left: .4rem; }
.outcomes { margin-left: .4rem; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .4rem .7rem; border-radius: 6px; }
.scenarios { width: 100%; }
.scenarios td.mono { white-space: nowrap; font-size: .8em; }
.scenarios .detail { color: #57606a; font-size: .85em; white-space: pre-wrap; max-width: 28rem; }
.feature-rule { color: #57606a; font-size: .9em; white-space: pre-wrap; border-left: 3px solid #d0d7de; padding-left: .6rem; }
`;
