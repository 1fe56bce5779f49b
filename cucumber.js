// Cucumber profiles. `default` runs every feature against the target named by IPIC_TARGET (the model
// when unset). The Allure formatter writes to its own file: two formatters on stdout print nothing.
const { environmentInfo, allureCategories } = require('./support/report-config');
const { allureWriter } = require('./src/report/allure-writer');

const resultsDir = process.env.IPIC_ALLURE_RESULTS || 'reports/allure-results';

module.exports = {
  default: {
    requireModule: ['ts-node/register/transpile-only'],
    require: ['support/**/*.ts', 'steps/**/*.ts'],
    paths: ['features/**/*.feature'],
    format: ['progress', `allure-cucumberjs/reporter:reports/.allure-formatter.log`],
    formatOptions: {
      resultsDir,
      // Writes results without an fsync per file (src/report/allure-writer.js says why).
      writer: allureWriter(resultsDir),
      environmentInfo: environmentInfo(),
      categories: allureCategories,
      snippetInterface: 'async-await',
    },
    strict: true,
  },
};
