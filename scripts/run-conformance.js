#!/usr/bin/env node
// npm run conformance: every feature against the target named by IPIC_TARGET (default: the model).
// Leaves fresh Allure results in reports/allure-results and an HTML report in reports/allure-report.
// Exit codes: 0 every applicable scenario conforms, 1 nonconformance, 2 the harness could not do its job.
require('ts-node').register({ transpileOnly: true });
const { main } = require('./conformance/main.ts');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`harness error: ${error.message}`);
    process.exit(2);
  },
);
