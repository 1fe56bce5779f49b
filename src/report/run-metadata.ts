/**
 * Facts about the run that an auditor needs to reproduce it: the harness version and git commit, the Node
 * version, and SHA-256 digests of the feature files, the rule index and the target's inventory. The git
 * commit is read from .git directly (no git process, no change to the repository).
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { HarnessInputError } from '../../support/errors';
import { sha256 } from './integrity';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/** Forward-slash path relative to the working directory (stable across machines for files in the repo). */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel).split(path.sep).join('/');
}

export function fileDigest(file: string, source: string, field: string): { path: string; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new HarnessInputError(
      source,
      field,
      `a readable file (${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  return { path: displayPath(file), sha256: sha256(bytes) };
}

export function harnessPackage(root = REPO_ROOT): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
  return { name: pkg.name ?? 'unknown', version: pkg.version ?? '0.0.0' };
}

/** The checked-out commit, or null when there is no readable .git (an exported tree, a tarball). */
export function gitCommit(root = REPO_ROOT): string | null {
  try {
    let gitDir = path.join(root, '.git');
    if (statSync(gitDir).isFile()) {
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, 'utf8'))?.[1];
      if (!pointer) return null;
      gitDir = path.resolve(root, pointer.trim());
    }
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref) return null;
    const commonDir = commonGitDir(gitDir);
    for (const dir of [gitDir, commonDir]) {
      try {
        return readFileSync(path.join(dir, ref), 'utf8').trim();
      } catch {
        // Not a loose ref here: look in packed-refs below.
      }
    }
    const packed = readFileSync(path.join(commonDir, 'packed-refs'), 'utf8');
    return (
      packed
        .split('\n')
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(' ')[0] ?? null
    );
  } catch {
    return null;
  }
}

function commonGitDir(gitDir: string): string {
  try {
    return path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}
