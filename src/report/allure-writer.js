// The Allure results writer the harness uses instead of allure-js-commons' FileSystemWriter. That one
// fsyncs and renames every file it writes, which cost 1.5 s of a 5 s model run (about 1,700 files: one
// result, containers and several evidence attachments per scenario). Results are rebuilt from scratch on
// every run and read only after it, by `allure generate`, so durability per file buys nothing here; the
// summary an auditor files (conformance.json) is written by the runner itself.
//
// The files are written by a small worker thread (allure-writer-thread.js), in batches: the reporter
// calls the writer synchronously from cucumber's message handlers, and an open-write-close per file on
// the main thread held up the next scenario (about 0.15 s a model run; `npm run bench`). `flush()`
// resolves when everything handed over so far is on disk, or rejects with the first failure, naming the
// file; whoever ends the run awaits it. The thread keeps the process alive only while writes are pending.
// Plain JavaScript: cucumber.js loads it before ts-node is registered.
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { setImmediate } = require('node:timers');
const { Worker } = require('node:worker_threads');
const { stringifyEnvInfo } = require('allure-js-commons/sdk/reporter');
const { writeResultFiles } = require('./write-result-files');

const THREAD = path.join(__dirname, 'allure-writer-thread.js');
/** Files handed to the thread at once: few enough that it writes while the scenarios run (`npm run bench`). */
const BATCH_FILES = 16;
/**
 * A run that writes fewer files than this writes them itself at flush(): starting the thread takes longer
 * (40 to 70 ms) than writing them (a run of one rule: about 20 files).
 */
const THREAD_FROM_FILES = 64;

class PlainFileSystemWriter {
  constructor(config) {
    this.resultsDir = config.resultsDir;
    mkdirSync(this.resultsDir, { recursive: true });
    this.batch = [];
    this.inFlight = 0;
    this.waiting = [];
    this.failure = undefined;
    this.thread = undefined;
  }

  writeAttachment(name, content) {
    this.write(name, content);
  }

  writeAttachmentFromPath(name, from) {
    // A file the test run made (allure-js-commons' attachmentPath): copied now, while it surely exists.
    copyFileSync(from, this.path(name));
  }

  writeEnvironmentInfo(info) {
    this.write('environment.properties', stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories) {
    this.json('categories.json', categories);
  }

  writeGroup(result) {
    this.json(`${result.uuid}-container.json`, result);
  }

  writeResult(result) {
    this.json(`${result.uuid}-result.json`, result);
  }

  writeGlobals(name, info) {
    this.json(name, info);
  }

  /** Resolves when everything written so far is on disk; rejects with the first write that failed. */
  flush() {
    if (!this.thread) this.writeHere();
    this.send();
    if (this.inFlight === 0) return this.settled();
    return new Promise((resolve) => this.waiting.push(resolve)).then(() => this.settled());
  }

  json(name, data) {
    // Serialised now: the reporter may change the object after handing it over.
    this.write(name, JSON.stringify(data));
  }

  write(name, content) {
    if (this.batch.length === 0) setImmediate(() => (this.thread ? this.send() : undefined));
    this.batch.push([this.path(name), content]);
    // cucumber runs scenarios back to back on promises, so the setImmediate above fires only when the run
    // ends: without a size limit every file went over at flush(), and the run waited for all of them.
    if (this.batch.length >= (this.thread ? BATCH_FILES : THREAD_FROM_FILES)) this.send();
  }

  /** Writes the batch on this thread, keeping the first failure as the thread would. */
  writeHere() {
    // Written first: ??= would skip the writes once a failure is kept.
    const failure = writeResultFiles(this.batch.splice(0));
    this.failure ??= failure;
  }

  send() {
    if (this.batch.length === 0) return;
    const thread = this.started();
    if (this.inFlight++ === 0) thread.ref();
    thread.postMessage(this.batch);
    this.batch = [];
  }

  started() {
    if (!this.thread) {
      this.thread = new Worker(THREAD);
      this.thread.unref();
      this.thread.on('message', (failure) => this.answered(failure));
      this.thread.on('error', (error) => {
        this.thread = undefined;
        while (this.inFlight > 0) this.answered(`the Allure writer thread failed: ${error.message}`);
      });
    }
    return this.thread;
  }

  /** One batch is done. The thread keeps the process alive only while a batch is in flight. */
  answered(failure) {
    this.failure ??= failure ?? undefined;
    if (--this.inFlight > 0) return;
    this.thread?.unref();
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  settled() {
    return this.failure ? Promise.reject(new Error(this.failure)) : Promise.resolve();
  }

  path(name) {
    return path.join(this.resultsDir, name);
  }
}

/** formatOptions.writer for allure-cucumberjs: an instance (a module path would need `require`, which the
 * ES module build of allure-js-commons that cucumber imports does not have). */
function allureWriter(resultsDir) {
  return new PlainFileSystemWriter({ resultsDir });
}

module.exports = PlainFileSystemWriter;
module.exports.allureWriter = allureWriter;
