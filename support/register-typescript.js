// TypeScript for every process of the project (cucumber's requireModule, `node -r` in package.json, the
// conformance entry point): each .ts file is transpiled by @swc/core, with no type-checking (`npm run
// typecheck` checks the types once), and the output kept on disk so that an unchanged file is not
// transpiled again by the next run. Stack traces name the .ts file and line through Node's own source maps.
//
// Why not ts-node: ts-node loads TypeScript's compiler (9 MB of JavaScript) in every process only to read
// tsconfig.json, even when swc transpiles and every output comes from a cache. That was 0.2 to 0.4 s of each
// run (issue 14, bench/run.ts). Here a run whose files are all kept loads neither TypeScript nor swc.
//
// A stale output cannot be served: the cache key is a SHA-256 of the file's path and text and of everything
// else the output depends on (tsconfig.json's compiler options as swc options, the @swc/core version, this
// file's text). The cache is node_modules/.cache/ipic-typescript, which `npm ci` empties; an unwritable
// cache only costs the time it would have saved. test/typescript-cache.test.ts and
// test/typescript-register.test.ts check both promises.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CACHE = process.env.IPIC_TYPESCRIPT_CACHE || path.join(ROOT, 'node_modules', '.cache', 'ipic-typescript');

const sha256 = (...parts) => createHash('sha256').update(parts.join('\0')).digest('hex');

/** swc's options for tsconfig.json's compilerOptions, as ts-node's swc transpiler made them. */
function swcOptions() {
  const tsconfig = path.join(ROOT, 'tsconfig.json');
  const { compilerOptions = {} } = JSON.parse(readFileSync(tsconfig, 'utf8'));
  const target = String(compilerOptions.target ?? 'ES2022').toLowerCase();
  const moduleKind = String(compilerOptions.module ?? 'commonjs').toLowerCase();
  if (moduleKind !== 'commonjs')
    throw new Error(`${tsconfig}: compilerOptions.module is ${moduleKind}; this loader supports only commonjs`);
  return {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs', noInterop: compilerOptions.esModuleInterop !== true, strictMode: true },
    jsc: {
      parser: { syntax: 'typescript', tsx: false, decorators: false, dynamicImport: true },
      target,
      keepClassNames: true,
      // TypeScript's default from ES2022 on.
      transform: {
        useDefineForClassFields: compilerOptions.useDefineForClassFields ?? ['es2022', 'esnext'].includes(target),
      },
    },
  };
}

const OPTIONS = swcOptions();
const SALT = sha256(
  `@swc/core ${require('@swc/core/package.json').version}`,
  JSON.stringify(OPTIONS),
  readFileSync(__filename, 'utf8'),
);

// Loaded only when a file is not in the cache: it is a native module of its own.
let swc;

/** The JavaScript for one TypeScript file: kept, or transpiled now and kept. */
function transpile(fileName, source) {
  const kept = path.join(CACHE, `${sha256(SALT, fileName, source)}.js`);
  try {
    return readFileSync(kept, 'utf8');
  } catch {
    // Not kept yet (or unreadable): transpile it.
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...OPTIONS, filename: fileName });
  keep(kept, code);
  return code;
}

/** Written under a temporary name and renamed, so a concurrent run reads a whole file or none. */
function keep(file, code) {
  try {
    mkdirSync(CACHE, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
  } catch {
    // Only a cost: the next run transpiles this file again.
  }
}

const MAP_COMMENT = '//# sourceMappingURL=';

/**
 * The JavaScript of a module that is not ours, without its source-map comment. With source maps on, Node
 * reads and parses the map file of every module that names one when it loads it (135 files of cucumber
 * alone): about 70 ms of CPU in every process (issue 14), for stack frames inside libraries that nobody
 * reads (the harness drops them from its output). Frames in our TypeScript are mapped as before.
 */
function withoutMapComment(content) {
  const at = content.lastIndexOf(MAP_COMMENT);
  if (at < 0 || content.slice(at).trimEnd().includes('\n')) return content;
  return content.slice(0, at);
}

if (!Module._extensions['.ts']) {
  // Node 22 and later keep V8's compiled code of every module on disk and reuse it while the file is
  // unchanged (keyed by its text): about 60 ms less CPU a one-rule run on Node 22 (A/B of 9). Node 20 has
  // no such cache; there this does nothing. `npm ci` empties the folder with node_modules.
  if (typeof Module.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE)
    Module.enableCompileCache(path.join(ROOT, 'node_modules', '.cache', 'ipic-node-compile'));
  Module._extensions['.ts'] = function loadTypeScript(module, fileName) {
    module._compile(transpile(fileName, readFileSync(fileName, 'utf8')), fileName);
  };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithoutLibraryMaps(content, fileName) {
    return compile.call(this, fileName.endsWith('.ts') ? content : withoutMapComment(content), fileName);
  };
  process.setSourceMapsEnabled(true);
}

module.exports = { transpile, withoutMapComment };
