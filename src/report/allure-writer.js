// The Allure results writer the harness uses instead of allure-js-commons' FileSystemWriter. That one
// fsyncs and renames every file it writes, which cost 1.5 s of a 5 s model run (about 1,800 files: one
// result, containers and several evidence attachments per scenario). Results are rebuilt from scratch on
// every run and read only after it, by `allure generate`, so durability per file buys nothing here; the
// summary an auditor files (conformance.json) is written by the runner itself.
// Plain JavaScript: cucumber.js loads it before ts-node is registered.
const { mkdirSync, writeFileSync, copyFileSync } = require('node:fs');
const path = require('node:path');
const { stringifyEnvInfo } = require('allure-js-commons/sdk/reporter');

class PlainFileSystemWriter {
  constructor(config) {
    this.resultsDir = config.resultsDir;
    mkdirSync(this.resultsDir, { recursive: true });
  }

  writeAttachment(name, content) {
    writeFileSync(this.path(name), content);
  }

  writeAttachmentFromPath(name, from) {
    copyFileSync(from, this.path(name));
  }

  writeEnvironmentInfo(info) {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info), 'utf-8');
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

  json(name, data) {
    writeFileSync(this.path(name), JSON.stringify(data), 'utf-8');
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
