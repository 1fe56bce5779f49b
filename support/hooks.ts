/**
 * Run-level and scenario-level hooks: load the target once, label every result for Allure (epic, feature,
 * story, rule, severity, link to the IBM page), and dispose each scenario's arrangement.
 */
import 'allure-cucumberjs';
import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import type { GherkinDocument, Pickle } from '@cucumber/messages';
import * as allure from 'allure-js-commons';
import { isOptionName, OPTION_VALUES } from '../src/model/options';
import { AREAS, IBM_PAGE, SEVERITIES } from './documentation';
import { loadTarget } from './load-target';
import { target, useTarget, type ConformanceWorld } from './world';

setDefaultTimeout(Number(process.env.IPIC_STEP_TIMEOUT_MS ?? 30_000));

BeforeAll(async function () {
  useTarget(await loadTarget());
});

AfterAll(async function () {
  await target().close?.();
});

Before(async function (this: ConformanceWorld, { pickle, gherkinDocument }) {
  const tags = pickle.tags.map((t) => t.name);
  this.situation.scenario = `${pickle.uri}: ${pickle.name}`;
  const area = tags.find((t) => t.startsWith('@area:'))?.slice('@area:'.length);
  const severity = tags.find((t) => t.startsWith('@severity:'))?.slice('@severity:'.length);
  // One labels message and one links message per scenario: each allure call travels as a cucumber
  // attachment through every formatter, and six of them per scenario were a measurable part of a run.
  // allure-cucumberjs labels the feature itself; the epic and story place it in the documentation.
  await allure.labels(
    { name: allure.LabelName.EPIC, value: AREAS[area ?? ''] ?? 'IPIC security' },
    { name: allure.LabelName.STORY, value: ruleOf(gherkinDocument, pickle) ?? 'unknown' },
    ...tags.filter((t) => /^@R\d+$/.test(t)).map((rule) => ({ name: 'rule', value: rule.slice(1) })),
    { name: allure.LabelName.SEVERITY, value: SEVERITIES.find((s) => s === severity) ?? 'normal' },
  );
  await allure.links({ url: IBM_PAGE.url, name: IBM_PAGE.title });
  for (const assumption of tags.filter((t) => t.startsWith('@assumes:'))) {
    const [name, value] = assumption.slice('@assumes:'.length).split('=');
    // A misspelt assumption would quietly make scenarios not applicable: refuse it as a harness error.
    if (!name || !isOptionName(name) || !value || !OPTION_VALUES[name].includes(value)) {
      throw new Error(`${pickle.uri}: tag ${assumption} names no documented reading (see README, Model options)`);
    }
    this.situation.assumptions[name] = value;
  }
});

After(async function (this: ConformanceWorld) {
  await this.arrangement?.dispose();
});

function ruleOf(doc: GherkinDocument, pickle: Pickle): string | undefined {
  for (const child of doc.feature?.children ?? []) {
    const rule = child.rule;
    if (rule?.children.some((c) => c.scenario && pickle.astNodeIds.includes(c.scenario.id))) return rule.name;
  }
  return undefined;
}
