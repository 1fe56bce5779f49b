// The Allure formatter of the cucumber.js profiles: the harness's Allure reporter
// (harness-allure-reporter.ts: allure-cucumberjs's, with the documentation labels, and hooks shown only
// when they fail), fed cucumber messages with every secret masked (see support/redaction.ts), so a plain
// `cucumber-js` run against a live target cannot write a password or token into Allure results any more
// than `npm run conformance` can. Results are written by src/report/allure-writer.js (no fsync per file,
// writes off the main thread), and the formatter finishes only when they are all on disk. Use it as
//   format: ['./src/report/masked-allure-formatter.js:reports/.allure-formatter.log']
// with allure-cucumberjs's formatOptions (resultsDir, environmentInfo, categories, ...; not `writer`).
// Plain JavaScript because cucumber imports formatters itself; it loads after the profile's requireModule
// (ts-node), so it can require the TypeScript masking code.
const { EventEmitter } = require('node:events');
const reporterModule = require('allure-cucumberjs/reporter');
const { maskEnvelope } = require('./mask-envelopes.ts');
const { knownSecrets } = require('./known-secrets.ts');
const { createMasker } = require('../../support/redaction.ts');
const { allureWriter } = require('./allure-writer');
const { harnessAllureReporter } = require('./harness-allure-reporter.ts');

const AllureCucumberReporter = harnessAllureReporter(reporterModule.default ?? reporterModule);

class MaskedAllureReporter extends AllureCucumberReporter {
  constructor(options) {
    const { secrets, userids, owned } = knownSecrets(process.env);
    const masker = createMasker(secrets, userids, owned);
    const masked = new EventEmitter();
    options.eventBroadcaster.on('envelope', (envelope) => masked.emit('envelope', maskEnvelope(envelope, masker)));
    const writer = allureWriter(options.parsedArgvOptions.resultsDir);
    super({ ...options, eventBroadcaster: masked, parsedArgvOptions: { ...options.parsedArgvOptions, writer } });
    this.writer = writer;
  }

  async finished() {
    await super.finished();
    await this.writer.flush();
  }
}

module.exports = MaskedAllureReporter;
