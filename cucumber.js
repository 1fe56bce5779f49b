// Cucumber profiles. `default` runs every feature against the target named by IPIC_TARGET (the model
// when unset). The Allure formatter writes to its own file: two formatters on stdout print nothing.
const { environmentInfo, allureCategories } = require('./support/report-config');

const resultsDir = process.env.IPIC_ALLURE_RESULTS || 'reports/allure-results';

const base = {
  // TypeScript through swc with a cache, no compiler loaded, Node's own source maps (the module says why).
  requireModule: [require.resolve('./support/register-typescript.js')],
  require: ['support/**/*.ts', 'steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  strict: true,
};

module.exports = {
  default: {
    ...base,
    // Allure results with secrets masked, as `npm run conformance` writes them (the formatter says why).
    format: ['progress', './src/report/masked-allure-formatter.js:reports/.allure-formatter.log'],
    formatOptions: {
      resultsDir,
      environmentInfo: environmentInfo(),
      categories: allureCategories,
      snippetInterface: 'async-await',
    },
  },
  // Mutation testing (stryker.config.mjs) reads only pass or fail: no Allure results.
  mutation: { ...base, format: ['progress'], formatOptions: { snippetInterface: 'async-await' } },
};
