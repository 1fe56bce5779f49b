// A drop-in for 'allure-cucumberjs/reporter' in cucumber.js profiles: the same Allure reporter, fed cucumber
// messages with every secret masked (see support/redaction.ts), so a plain `cucumber-js` run cannot write a
// password or token into Allure results either. Use it as
//   format: ['./src/report/masked-allure-formatter.js:reports/.allure-formatter.log']
// Plain JavaScript because cucumber imports formatters itself; it loads after the profile's requireModule
// (ts-node), so it can require the TypeScript masking code.
const { EventEmitter } = require('node:events');
const reporterModule = require('allure-cucumberjs/reporter');
const { maskEnvelope } = require('./mask-envelopes.ts');
const { knownSecrets } = require('./known-secrets.ts');
const { createMasker } = require('../../support/redaction.ts');

const AllureCucumberReporter = reporterModule.default ?? reporterModule;

class MaskedAllureReporter extends AllureCucumberReporter {
  constructor(options) {
    const { secrets, userids, owned } = knownSecrets(process.env);
    const masker = createMasker(secrets, userids, owned);
    const masked = new EventEmitter();
    options.eventBroadcaster.on('envelope', (envelope) => masked.emit('envelope', maskEnvelope(envelope, masker)));
    super({ ...options, eventBroadcaster: masked });
  }
}

module.exports = MaskedAllureReporter;
