// The Allure formatter of the cucumber.js profiles: the harness's Allure reporter (harness-allure-reporter.ts:
// allure-cucumberjs's, with the documentation labels, and hooks shown only when they fail), fed cucumber
// messages with every secret masked (see support/redaction.ts), so a plain `cucumber-js` run against a live
// target cannot write a password or token into Allure results any more than `npm run conformance` can. Use it
// as
//   format: ['./src/report/masked-allure-formatter.js:reports/.allure-formatter.log']
// with allure-cucumberjs's formatOptions (resultsDir, environmentInfo, categories, ...; not `writer`).
//
// Why a thread: masking every message, allure-cucumberjs's bookkeeping and writing about 900 result and
// attachment files cost about 0.25 s of a 1 s model run on the main thread, where cucumber runs the
// scenarios (issue 14, `npm run bench`). Here the main thread only hands the messages over, in batches, to
// allure-reporter-thread.js, which does all of it (loading allure-cucumberjs there too) while the scenarios
// run; `finished()` resolves when every result is on disk, and rejects naming the first failure.
//
// What the reporter needs of the support code library crosses as data: the test-case hooks' IDs, names and
// places. BeforeAll/AfterAll hooks are wrapped here, as allure-cucumberjs would wrap them, so that a failing
// one still becomes an Allure global error (masked in the thread like everything else).
//
// Plain JavaScript because cucumber imports formatters itself; it loads after the profile's requireModule
// (support/register-typescript.js), so it can require the TypeScript code that finds the run's secrets.
'use strict';
const path = require('node:path');
const { setImmediate } = require('node:timers');
const { Worker } = require('node:worker_threads');
const { Formatter } = require('@cucumber/cucumber');
const { knownSecrets } = require('./known-secrets.ts');

const THREAD = path.join(__dirname, 'allure-reporter-thread.js');

/** What allure-cucumberjs reads of a hook definition. */
const hookData = (definitions) => definitions.map(({ id, name, uri, line }) => ({ id, name, uri, line }));

class MaskedAllureFormatter extends Formatter {
  constructor(options) {
    super(options);
    const library = options.supportCodeLibrary;
    const { writer, ...reporterOptions } = options.parsedArgvOptions;
    if (writer)
      throw new Error(
        'masked-allure-formatter: formatOptions.writer is not supported (results are written by its own thread)',
      );
    this.batch = [];
    this.failure = undefined;
    this.thread = new Worker(THREAD, {
      workerData: {
        options: reporterOptions,
        cwd: options.cwd,
        beforeHooks: hookData(library.beforeTestCaseHookDefinitions),
        afterHooks: hookData(library.afterTestCaseHookDefinitions),
        secrets: knownSecrets(process.env),
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.thread.on('message', (message) => (message.failure ? reject(new Error(message.failure)) : resolve()));
      this.thread.on('error', (error) => reject(new Error(`the Allure reporter thread failed: ${error.message}`)));
      this.thread.on('exit', (code) => reject(new Error(`the Allure reporter thread stopped early (exit ${code})`)));
    });
    this.done.catch(() => undefined); // Awaited in finished(); this only keeps an early failure from being unhandled.
    wrapTestRunHooks(library.beforeTestRunHookDefinitions, 'BeforeAll hook', (error) => this.globalError(error));
    wrapTestRunHooks(library.afterTestRunHookDefinitions, 'AfterAll hook', (error) => this.globalError(error));
    options.eventBroadcaster.on('envelope', (envelope) => this.post(envelope));
  }

  post(item) {
    if (this.batch.length === 0) setImmediate(() => this.send());
    this.batch.push(item);
  }

  send() {
    if (this.batch.length === 0) return;
    this.thread.postMessage(this.batch);
    this.batch = [];
  }

  globalError({ name, error }) {
    const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
    this.post({ globalError: { name, message, stack } });
  }

  async finished() {
    this.send();
    this.thread.postMessage('end');
    await this.done;
    await super.finished();
  }
}

/** Each BeforeAll/AfterAll hook, reporting its failure (then failing as before) without changing its arity. */
function wrapTestRunHooks(hooks, name, report) {
  for (const hook of hooks) {
    const original = hook.code;
    const failed = (error) => report({ name, error });
    hook.code =
      original.length > 0
        ? function (callback) {
            return original.call(this, (error, result) => {
              if (error) failed(error);
              callback(error, result);
            });
          }
        : function () {
            let result;
            try {
              result = original.call(this);
            } catch (error) {
              failed(error);
              throw error;
            }
            if (!result || typeof result.then !== 'function') return result;
            return result.then(undefined, (error) => {
              failed(error);
              throw error;
            });
          };
  }
}

module.exports = MaskedAllureFormatter;
