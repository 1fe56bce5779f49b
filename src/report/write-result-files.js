// Writes a batch of Allure result files in order and returns the first write that failed, as a message
// (or undefined): what allure-writer.js does itself for a small run and its thread does for a large one.
'use strict';
const { writeFileSync } = require('node:fs');

/** @param {[string, string][]} files @returns {string | undefined} */
function writeResultFiles(files) {
  let failure;
  for (const [file, content] of files) {
    try {
      writeFileSync(file, content);
    } catch (error) {
      failure ??= `cannot write Allure result ${file}: ${error.message}`;
    }
  }
  return failure;
}

module.exports = { writeResultFiles };
