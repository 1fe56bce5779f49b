// Stands in for regexp-match-indices 1.0.2, which @cucumber/cucumber-expressions uses to find where each
// capture group of a step matched. That package's feature test runs a RegExp without the `d` flag, sees
// no `indices`, and so always takes its JavaScript fallback: it re-parses every step definition's regexp
// with regexp-tree and runs a rewritten copy on every match. On this suite (96 step definitions, 1,519
// steps) that cost about 0.2 s a run. Every Node this project supports (>= 20) has native match indices,
// so this module runs a `d`-flagged twin of the regexp, which returns the same groups and indices by
// the language's own definition (ECMAScript 2022, RegExp match indices). package.json "overrides" puts
// it in place; test/regexp-match-indices.test.ts holds it to the original's results.
'use strict';

/** The `d`-flagged twin of each regexp, made once. */
const twins = new WeakMap();

function twinOf(regexp) {
  let twin = twins.get(regexp);
  if (twin === undefined) {
    twin = regexp.hasIndices ? regexp : new RegExp(regexp.source, `${regexp.flags}d`);
    twins.set(regexp, twin);
  }
  return twin;
}

/** For each regexp that ignores lastIndex, the texts it is known not to match. */
const misses = new WeakMap();

/** RegExp.prototype.exec with `indices` on the result, honouring and updating `lastIndex` like exec. */
function exec(regexp, string) {
  // Matching a step against every definition mostly fails, and computing indices makes matching slower:
  // a regexp that ignores lastIndex (neither global nor sticky) is first tried without them. A suite
  // repeats its step texts (Background and Given steps), and cucumber tries each against every definition,
  // so a miss is remembered: the same regexp on the same text cannot match the next time either.
  if (!regexp.global && !regexp.sticky && !regexp.hasIndices) {
    let missed = misses.get(regexp);
    if (missed === undefined) misses.set(regexp, (missed = new Set()));
    if (missed.has(string)) return null;
    if (!regexp.test(string)) {
      missed.add(string);
      return null;
    }
  }
  const twin = twinOf(regexp);
  if (twin === regexp) return regexp.exec(string);
  twin.lastIndex = regexp.lastIndex;
  const match = twin.exec(string);
  regexp.lastIndex = twin.lastIndex;
  return match;
}

module.exports = exec;
