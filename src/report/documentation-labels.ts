/**
 * The Allure labels and link that file each result under the documentation it restates: the epic (the
 * section of IBM's page, from the feature's @area tag), the story (the Rule the scenario sits under), a
 * `rule` label per rule-ID tag, the severity, and a link to the IBM page.
 *
 * The Allure reporter adds them itself when a scenario starts, from the Gherkin it already holds
 * (harness-allure-reporter.ts). The support code used to send them through allure-js-commons, but each
 * such call travels as a cucumber attachment through every formatter and the masker: two per scenario
 * were a measurable share of a run (issue 5). Pure.
 */
import type { GherkinDocument, Pickle } from '@cucumber/messages';
import { AREAS, IBM_PAGE, SEVERITIES } from '../../support/documentation';
import { ruleIdsOf } from '../site/gherkin';

export interface AllureLabel {
  name: string;
  value: string;
}
export interface AllureLink {
  url: string;
  name: string;
}

export function documentationLabels(
  doc: GherkinDocument | undefined,
  pickle: Pickle,
): { labels: AllureLabel[]; links: AllureLink[] } {
  const tags = pickle.tags.map((t) => t.name);
  const area = tags.find((t) => t.startsWith('@area:'))?.slice('@area:'.length);
  const severity = tags.find((t) => t.startsWith('@severity:'))?.slice('@severity:'.length);
  return {
    labels: [
      { name: 'epic', value: AREAS[area ?? ''] ?? 'IPIC security' },
      { name: 'story', value: (doc && ruleOf(doc, pickle)) ?? 'unknown' },
      ...ruleIdsOf(tags).map((rule) => ({ name: 'rule', value: rule })),
      { name: 'severity', value: SEVERITIES.find((s) => s === severity) ?? 'normal' },
    ],
    links: [{ url: IBM_PAGE.url, name: IBM_PAGE.title }],
  };
}

function ruleOf(doc: GherkinDocument, pickle: Pickle): string | undefined {
  for (const child of doc.feature?.children ?? []) {
    const rule = child.rule;
    if (rule?.children.some((c) => c.scenario && pickle.astNodeIds.includes(c.scenario.id))) return rule.name;
  }
  return undefined;
}
