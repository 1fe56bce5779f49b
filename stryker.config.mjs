// Mutation testing of the reference model (src/model) with the feature suite as the test runner:
// `npm run mutation`. How to read the result, and why each surviving mutant cannot matter to an observer,
// is in docs/mutation.md.
//
// This file is also a Stryker plugin module (see `strykerPlugins` below): it contributes one ignorer,
// `model-explanations`, which skips mutants in the parts of the model that only explain a decision and
// never take one. The model's trace (rule ID, note, the CICS or RACF message a real system would issue)
// and the `reason` texts are evidence for the report: Then-steps may not assert on them, `Trace.add`
// returns nothing, and no decision reads a reason's text. Precisely, the ignorer skips:
//   1. the arguments of `trace.add(...)`;
//   2. the condition of an `if` whose branches do nothing but call `trace.add(...)`;
//   3. an argument bound to a parameter named rule, note, reason or message (the model's refusal helpers);
//   4. the value of an object property named rule, note, reason or message;
//   5. a string written as the value of `refused:` or `configurationError:` (the key is the decision, the
//      text its explanation), and the message of `new Error(...)` (decideRequest denies on any error).
// Everything else, every decision, is mutated and counted. docs/mutation.md lists what survives.
import fs from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { CheckStatus } from '@stryker-mutator/api/check';
import { PluginKind, declareFactoryPlugin, declareValuePlugin } from '@stryker-mutator/api/plugin';
import ts from 'typescript';

const EXPLANATION_NAMES = new Set(['rule', 'note', 'reason', 'message']);
const DISCRIMINANT_KEYS = new Set(['refused', 'configurationError']);

const isTraceAdd = (node) =>
  node?.type === 'CallExpression' &&
  node.callee.type === 'MemberExpression' &&
  node.callee.object.type === 'Identifier' &&
  node.callee.object.name === 'trace' &&
  node.callee.property.type === 'Identifier' &&
  node.callee.property.name === 'add';

/** A statement that is nothing but `trace.add(...)` (alone or as the only statement of a block). */
const onlyTraces = (node) =>
  !node ||
  (node.type === 'ExpressionStatement' && isTraceAdd(node.expression)) ||
  (node.type === 'BlockStatement' && node.body.every(onlyTraces));

const isText = (node) => node.type === 'StringLiteral' || node.type === 'TemplateLiteral';

const keyName = (property) =>
  property.key.type === 'Identifier'
    ? property.key.name
    : property.key.type === 'StringLiteral'
      ? property.key.value
      : undefined;

/** The name of the parameter an argument binds to, when the callee is a function declared in the model. */
function parameterName(callPath, index) {
  const callee = callPath.node.callee;
  if (callee.type !== 'Identifier') return undefined;
  const binding = callPath.scope.getBinding(callee.name);
  const declaration = binding?.path.node;
  const fn = declaration?.type === 'VariableDeclarator' ? declaration.init : declaration;
  const param = fn?.params?.[index];
  if (!param) return undefined;
  const named = param.type === 'AssignmentPattern' ? param.left : param;
  return named.type === 'Identifier' ? named.name : undefined;
}

function explanation(path) {
  const parent = path.parentPath;
  if (!parent) return undefined;
  if (path.listKey === 'arguments' && isTraceAdd(parent.node)) return 'an argument of trace.add(...)';
  if (
    path.key === 'test' &&
    parent.node.type === 'IfStatement' &&
    onlyTraces(parent.node.consequent) &&
    onlyTraces(parent.node.alternate)
  )
    return 'the condition of an if that only chooses what to trace';
  if (path.listKey === 'arguments' && parent.node.type === 'CallExpression') {
    const name = parameterName(parent, path.key);
    if (name && EXPLANATION_NAMES.has(name)) return `the ${name} argument of ${parent.node.callee.name}(...)`;
  }
  if (path.listKey === 'arguments' && parent.node.type === 'NewExpression' && isText(path.node))
    return 'an error message';
  if (path.key === 'value' && parent.node.type === 'ObjectProperty') {
    const key = keyName(parent.node);
    if (EXPLANATION_NAMES.has(key)) return `the ${key} of a decision`;
    if (DISCRIMINANT_KEYS.has(key) && isText(path.node)) return `the text of ${key}`;
  }
  return undefined;
}

// A mutant that does not type-check can never ship: `npm test` starts with `tsc --noEmit`. This checker
// asks the TypeScript language service whether the model still compiles with the mutant in place, and
// Stryker then reports a compile error instead of running the features. It stands in for
// @stryker-mutator/typescript-checker, which is not installed (with it, use `checkers: ['typescript']`).
function modelTypeChecker() {
  const root = process.cwd();
  const modelDir = path.join(root, 'src', 'model');
  const files = fs
    .readdirSync(modelDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(modelDir, f));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, ' '));
      },
    },
  );
  const mutated = new Map();
  let version = 0;
  const service = ts.createLanguageService({
    getScriptFileNames: () => files,
    getScriptVersion: (f) => (mutated.has(f) ? `m${version}` : '0'),
    getScriptSnapshot: (f) => {
      const text = mutated.get(f) ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const firstError = () => {
    for (const f of files) {
      const [d] = [...service.getSyntacticDiagnostics(f), ...service.getSemanticDiagnostics(f)];
      if (d) return `${path.relative(root, f)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    }
    return undefined;
  };
  return {
    async init() {
      const error = firstError();
      if (error) throw new Error(`the unmutated model does not type-check: ${error}`);
    },
    async check(mutants) {
      const results = {};
      for (const mutant of mutants) {
        const file = path.resolve(root, mutant.fileName);
        const source = ts.sys.readFile(file);
        const lines = source.split('\n');
        const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.column;
        const { start, end } = mutant.location;
        mutated.set(file, source.slice(0, offset(start)) + mutant.replacement + source.slice(offset(end)));
        version++;
        const error = firstError();
        mutated.delete(file);
        results[mutant.id] = error
          ? { status: CheckStatus.CompileError, reason: error }
          : { status: CheckStatus.Passed };
      }
      return results;
    },
  };
}
modelTypeChecker.inject = [];

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'model-explanations', {
    shouldIgnore(path) {
      const what = explanation(path);
      return what ? `${what}: an explanation, never a decision (docs/mutation.md)` : undefined;
    },
  }),
  declareFactoryPlugin(PluginKind.Checker, 'model-types', modelTypeChecker),
];

// Mutation runs must not write Allure results into the real reports/ directory: cucumber.js reads
// IPIC_ALLURE_RESULTS, and every cucumber run here happens in Stryker's sandbox copy of the project.
process.env.IPIC_ALLURE_RESULTS ??= '.stryker-tmp/allure-results';

// The run names every model option at its documented default (README, "Model options"), read from
// DEFAULT_OPTIONS in src/model/options.ts, so that the option parser is exercised too: a mutant that
// breaks IPIC_MODEL_OPTIONS for a default reading stops every scenario.
function defaultModelOptions() {
  const source = fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'src', 'model', 'options.ts'),
    'utf8',
  );
  const block = /DEFAULT_OPTIONS[^=]*=\s*Object\.freeze\(\{([^}]*)\}\)/.exec(source)?.[1];
  if (!block) throw new Error('stryker.config.mjs: no DEFAULT_OPTIONS = Object.freeze({...}) in src/model/options.ts');
  return [...block.matchAll(/(\w+):\s*'([^']*)'/g)].map(([, name, value]) => `${name}=${value}`).join(',');
}
process.env.IPIC_MODEL_OPTIONS ??= defaultModelOptions();
// Each scenario runs under the readings it assumes (IPIC_MODEL_READINGS=per-scenario, docs/mutation.md), so
// the scenarios written for the other reading of an uncertain rule exercise the model's other branches
// instead of being declined as not applicable.
process.env.IPIC_MODEL_READINGS ??= 'per-scenario';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  plugins: ['@stryker-mutator/cucumber-runner', './stryker.config.mjs'],
  ignorers: ['model-explanations'],
  checkers: ['model-types'],
  testRunner: 'cucumber',
  cucumber: { features: ['features/**/*.feature'], profile: 'mutation' },
  mutate: ['src/model/**/*.ts', '!src/model/index.ts'],
  // Per-scenario coverage: each mutant runs only the scenarios that reach it, in one warm process.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Only what the feature suite needs runs in the sandbox; reports and caches stay out of it.
  ignorePatterns: ['reports', '.cache', 'bench', '.ci'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 95, low: 90, break: 90 },
};
