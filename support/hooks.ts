/**
 * Run-level and scenario-level hooks: load the target once, take each scenario's assumed readings from its
 * tags, and dispose each scenario's arrangement. The Allure labels (epic, story, rule, severity, the link
 * to the IBM page) are the report's business: src/report/documentation-labels.ts adds them in the
 * reporter, so the support code sends Allure nothing and does not load allure-js-commons.
 */
import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { isOptionName, OPTION_VALUES } from '../src/model/options';
import { loadTarget } from './load-target';
import { readSettings } from './settings';
import { target, useTarget, type ConformanceWorld } from './world';

// Validated: a timeout that is not a number would mean no timeout, and a target that never answers would
// then leave a run that never ends (readSettings throws, naming every bad variable).
setDefaultTimeout(readSettings().stepTimeoutMs);

BeforeAll(async function () {
  useTarget(await loadTarget());
});

AfterAll(async function () {
  await target().close?.();
});

Before(function (this: ConformanceWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  this.situation.scenario = `${pickle.uri}: ${pickle.name}`;
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
