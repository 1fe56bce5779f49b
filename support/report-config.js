// Report configuration shared by cucumber.js and the runner: plain JavaScript so cucumber can load it
// before ts-node is registered.
const pkg = require('../package.json');

function environmentInfo(env = process.env) {
  return {
    target: env.IPIC_TARGET || 'model',
    'model options': env.IPIC_MODEL_OPTIONS || 'defaults',
    'harness version': pkg.version,
    node: process.version,
    'IBM page': 'z/OS Connect: Configuring security for an IPIC connection',
  };
}

// Allure categories, disjoint by status so no result sits in two of them. allure-cucumberjs marks a step
// "failed" only for an assertion error (a Then-step that saw the target break a rule): that is
// nonconformance. "broken" (any other error) and "unknown" (undefined or ambiguous steps) are the
// harness's own errors and never findings about the target. "skipped" is a scenario the target could not
// arrange (not applicable, with the reason attached).
const allureCategories = [
  {
    name: 'Nonconformance: the target broke a documented rule',
    description: 'A Then-step observed behaviour the rule forbids. This is a finding about the target.',
    matchedStatuses: ['failed'],
  },
  {
    name: 'Harness error: not a finding about the target',
    description:
      'The harness could not check the rule (undefined step, bad input, unreachable target, bug). Fix the harness or its configuration and run again.',
    matchedStatuses: ['broken', 'unknown'],
  },
  {
    name: 'Not applicable on this target',
    description: 'The target cannot arrange the situation; the reason is attached to the scenario.',
    matchedStatuses: ['skipped'],
  },
];

// The runner's own categories (src/report/allure-results.ts) add waived nonconformance: a failure a current
// waiver accepts is written "skipped" with a message starting WAIVED, so the two skipped categories are told
// apart by their message (the runner gives every not-applicable result its "Not applicable" message).
const runnerAllureCategories = [
  allureCategories[0],
  allureCategories[1],
  {
    name: 'Waived nonconformance: accepted until the waiver expires',
    description:
      'A Then-step observed the rule broken, and a current waiver accepts it; the justification, approver and expiry are in the message.',
    matchedStatuses: ['skipped'],
    messageRegex: 'WAIVED[\\s\\S]*',
  },
  { ...allureCategories[2], messageRegex: 'Not applicable[\\s\\S]*' },
];

module.exports = { environmentInfo, allureCategories, runnerAllureCategories };
