// The thread behind src/report/masked-allure-formatter.js: masks every cucumber message it is sent
// (mask-envelopes.ts, with the run's known secrets from the main thread), feeds them to the harness's
// Allure reporter and writes the results itself, synchronously (this thread has nothing else to do, and no
// fsync: the results are rebuilt on every run, see allure-writer.js). It answers 'end' with
// {failure: message} or {failure: null} once every file is written.
'use strict';
require('../../support/register-typescript.js');
const { EventEmitter } = require('node:events');
const { parentPort, workerData } = require('node:worker_threads');
const reporterModule = require('allure-cucumberjs/reporter');
const { maskEnvelope } = require('./mask-envelopes.ts');
const { createMasker } = require('../../support/redaction.ts');
const { allureWriter } = require('./allure-writer');
const { harnessAllureReporter } = require('./harness-allure-reporter.ts');

const { options, cwd, beforeHooks, afterHooks, secrets } = workerData;
const masker = createMasker(secrets.secrets, secrets.userids, secrets.owned);
const AllureCucumberReporter = harnessAllureReporter(reporterModule.default ?? reporterModule);
const envelopes = new EventEmitter();
const writer = allureWriter(options.resultsDir, { inline: true });
const reporter = new AllureCucumberReporter({
  eventBroadcaster: envelopes,
  parsedArgvOptions: { ...options, writer },
  supportCodeLibrary: {
    beforeTestCaseHookDefinitions: beforeHooks,
    afterTestCaseHookDefinitions: afterHooks,
    // Wrapped on the main thread (masked-allure-formatter.js), which sends their failures as globalError.
    beforeTestRunHookDefinitions: [],
    afterTestRunHookDefinitions: [],
    World: undefined,
  },
  cwd,
  log: () => undefined,
  cleanup: async () => undefined,
});

function globalError({ name, message, stack }) {
  const error = new Error(masker.text(message ?? ''));
  error.stack = stack === undefined ? undefined : masker.text(stack);
  reporter.emitTestRunHookGlobalError(name, error);
}

let failure = null;
parentPort.on('message', (batch) => {
  if (batch === 'end') {
    reporter
      .finished()
      .then(() => writer.flush())
      .catch((error) => (failure ??= error.message))
      .then(() => {
        parentPort.postMessage({ failure });
        parentPort.close();
      });
    return;
  }
  for (const item of batch) {
    try {
      if (item.globalError) globalError(item.globalError);
      else envelopes.emit('envelope', maskEnvelope(item, masker));
    } catch (error) {
      failure ??= `the Allure reporter failed on a cucumber message: ${error.message}`;
    }
  }
});
