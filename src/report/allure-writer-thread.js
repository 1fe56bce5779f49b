// The thread behind src/report/allure-writer.js: writes each batch of Allure result files it is sent, in
// order, and answers every batch, with the first write in it that failed (if one did).
const { parentPort } = require('node:worker_threads');
const { writeResultFiles } = require('./write-result-files');

parentPort.on('message', (files) => parentPort.postMessage(writeResultFiles(files) ?? null));
