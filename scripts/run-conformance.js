#!/usr/bin/env node
// npm run conformance: every feature against the target named by IPIC_TARGET (default: the model). The run
// itself is src/run (one module per stage); this is only its entry point.
// Exit codes: 0 conformant, 1 nonconformant, 2 harness error, 3 incomplete, 128+n stopped by signal n.
// TypeScript without loading TypeScript's compiler (support/register-typescript.js says why).
require('../support/register-typescript.js');
const { runFromCommandLine } = require('../src/run/entry-point.ts');

runFromCommandLine(() => require('../src/run/index.ts').main(process.argv.slice(2)));
