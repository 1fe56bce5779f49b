// The thread behind src/report/allure-writer.js: writes each batch of Allure result files it is sent, in
// order, and answers every batch, with the first write in it that failed (if one did).
const { writeFileSync } = require('node:fs');
const { parentPort } = require('node:worker_threads');

parentPort.on('message', (files) => {
  let failure;
  for (const [file, content] of files) {
    try {
      writeFileSync(file, content);
    } catch (error) {
      failure ??= `cannot write Allure result ${file}: ${error.message}`;
    }
  }
  parentPort.postMessage(failure ?? null);
});
