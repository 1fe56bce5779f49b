/**
 * Whether the model still type-checks with one variant applied. A variant that does not compile could
 * never ship (`npm test` starts with tsc), and under ts-node's transpile-only mode it would fail every
 * scenario for a reason that has nothing to do with a rule: it is a broken catalogue entry, a harness error.
 * One TypeScript language service over src/model serves every variant, so only the first check pays for
 * loading the standard library.
 */
import path from 'node:path';
import ts from 'typescript';

export interface ModelTypeChecker {
  /** The first diagnostic with `file` replaced by `text`, or undefined when the model compiles. */
  check(file: string, text: string): string | undefined;
}

export function modelTypeChecker(root: string): ModelTypeChecker {
  const modelDir = path.join(root, 'src', 'model');
  const files = ts.sys
    .readDirectory(modelDir, ['.ts'])
    .filter((f) => !f.endsWith('.d.ts'))
    .map((f) => path.resolve(f));
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const replaced = new Map<string, string>();
  let version = 0;
  const service = ts.createLanguageService({
    getScriptFileNames: () => files,
    getScriptVersion: (f) => (replaced.has(path.resolve(f)) ? `v${version}` : '0'),
    getScriptSnapshot: (f) => {
      const text = replaced.get(path.resolve(f)) ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const firstError = (): string | undefined => {
    for (const f of files) {
      const [d] = [...service.getSyntacticDiagnostics(f), ...service.getSemanticDiagnostics(f)];
      if (d) {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${path.relative(root, f)}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      }
    }
    return undefined;
  };
  const pristine = firstError();
  if (pristine) throw new Error(`the model does not type-check even without a variant: ${pristine}`);
  return {
    check(file, text) {
      const key = path.resolve(modelDir, file);
      replaced.set(key, text);
      version++;
      try {
        return firstError();
      } finally {
        replaced.delete(key);
        version++;
      }
    },
  };
}
