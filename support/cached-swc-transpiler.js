// The project's ts-node transpiler (tsconfig.json "ts-node"."transpiler"; ts-node's documented transpiler
// interface, https://typestrong.org/ts-node/docs/transpilers): ts-node's own swc transpiler, with each
// file's output kept on disk so that an unchanged file is not transpiled again by the next run.
//
// Why: a conformance run loads about 40 TypeScript files, and transpiling them cost 25 to 45 ms of every
// run (issue 5, bench/run.ts). The key is a SHA-256 of the file's path and text and of everything else the
// output depends on: the compiler options, the module kind, the ts-node and @swc/core versions and this
// file. A changed input can therefore never be served a stale output. Outputs with diagnostics are not
// kept. The cache is node_modules/.cache/ipic-typescript, which `npm ci` empties; an unwritable cache only
// costs the time it would have saved.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const swc = require('ts-node/transpilers/swc');

const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'ipic-typescript');
const INPUTS = [
  `ts-node ${require('ts-node/package.json').version}`,
  `@swc/core ${require('@swc/core/package.json').version}`,
  readFileSync(__filename, 'utf8'),
];

const sha256 = (...parts) => createHash('sha256').update(parts.join('\0')).digest('hex');

function create(options) {
  // swc itself (a native module) is loaded only when a file is not in the cache.
  let inner;
  const salt = sha256(...INPUTS, JSON.stringify(options.service.config.options), String(options.nodeModuleEmitKind));
  return {
    transpile(input, transpileOptions) {
      const file = path.join(CACHE, `${sha256(salt, transpileOptions.fileName, input)}.json`);
      const kept = read(file);
      if (kept) return { outputText: kept.outputText, sourceMapText: kept.sourceMapText, diagnostics: [] };
      inner ??= swc.create(options);
      const output = inner.transpile(input, transpileOptions);
      if (!output.diagnostics || output.diagnostics.length === 0)
        keep(file, { outputText: output.outputText, sourceMapText: output.sourceMapText });
      return output;
    },
  };
}

function read(file) {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    return typeof kept.outputText === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** Written under a temporary name and renamed, so a concurrent run reads a whole file or none. */
function keep(file, output) {
  try {
    mkdirSync(CACHE, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(output));
    renameSync(temporary, file);
  } catch {
    // Only a cost: the next run transpiles this file again.
  }
}

module.exports = { create };
