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

// Allure categories: a failed Then-step (an assertion about the target) is nonconformance; anything else
// that breaks is the harness's own error and must not be read as a finding about the target.
const allureCategories = [
  { name: 'Nonconformance', matchedStatuses: ['failed'], messageRegex: '.*AssertionError.*|.*expected.*' },
  { name: 'Harness error', matchedStatuses: ['broken', 'failed'] },
  { name: 'Not applicable on this target', matchedStatuses: ['skipped'] },
];

module.exports = { environmentInfo, allureCategories };
