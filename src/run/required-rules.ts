/**
 * Which rules a run must verify (--require, --require-file). A requirement is a cucumber tag expression
 * over each rule's tags: the tags of the Rule blocks and features its scenarios sit in (@R14, @area:user,
 * @severity:critical), whether or not the run selected them. A rule without any scenario carries only its
 * own @R<n>, so `--require @R57` makes the run incomplete with its reason ("untestable" or "no scenario") rather than silent.
 *
 * The lesson of terraform-compliance's @noskip and InSpec's exit 101: a skip must never read as a pass.
 */
import parseTagExpression from '@cucumber/tag-expressions';
import type { RuleIndex } from '../report/rules';
import type { DocFeature } from '../site/gherkin';
import type { Requirement } from './command-line';

/** Scenario tags that describe one scenario's reading or setup, not the rule it checks. */
const SCENARIO_ONLY = /^@assumes:/;

export function ruleTags(index: RuleIndex, features: readonly DocFeature[]): Map<string, Set<string>> {
  const tags = new Map(index.rules.map((r) => [r.id, new Set([`@${r.id}`])]));
  for (const feature of features) {
    for (const scenario of feature.scenarios) {
      for (const id of scenario.ruleIds) {
        const own = tags.get(id) ?? new Set([`@${id}`]);
        for (const tag of scenario.tags) if (!SCENARIO_ONLY.test(tag)) own.add(tag);
        tags.set(id, own);
      }
    }
  }
  return tags;
}

/** The IDs of the rules any requirement matches, sorted by number. */
export function requiredRuleIds(requirements: readonly Requirement[], tags: Map<string, Set<string>>): string[] {
  const expressions = requirements.map((r) => parseTagExpression(r.expression));
  return [...tags.entries()]
    .filter(([, own]) => expressions.some((e) => e.evaluate([...own])))
    .map(([id]) => id)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}
