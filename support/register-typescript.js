// The cucumber profiles' requireModule: TypeScript through ts-node, transpile-only (swc, tsconfig.json;
// `npm run typecheck` checks the types once), with stack traces mapped to the TypeScript source by Node's
// own source-map support instead of the @cspotcode/source-map-support that ts-node installs.
//
// Why: cucumber takes every step definition's location from a stack trace, and that package clones every
// call site of every trace to map it (its cloneCallSite). Over this project's ~100 step definitions and
// hooks that cost about 30 ms of each run (issue 5, bench/run.ts). Node (>= 12.12) reads the inline source
// map that ts-node appends to each compiled file, so messages, failures and step locations still name
// the .ts file and line: test/typescript-register.test.ts checks it.
'use strict';
require('ts-node/register/transpile-only');

// Back to V8's default, under which Node applies source maps itself.
Error.prepareStackTrace = undefined;
process.setSourceMapsEnabled(true);
