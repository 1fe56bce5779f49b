/**
 * npm run real-world-originals -- DIR
 *
 * Writes the published files of the real-world corpus (test/fixtures/real-world/originals.ts) into
 * .cache/real-world, from git repositories under DIR: each repository as DIR/<owner>+<name>,
 * DIR/<owner>--<name> or DIR/<name>, a clone or a bare git directory (or one holding `repo/`). Each file
 * is taken at its pinned commit with `git show` and checked against its blob id. Nothing is fetched from
 * the network, and nothing written here is committed (.cache is ignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gitBlobId, ORIGINALS } from '../test/fixtures/real-world/originals';

const OUT = path.join(__dirname, '..', '.cache', 'real-world');

function gitDirOf(root: string, repository: string): string | undefined {
  const [owner, name] = repository.split('/') as [string, string];
  for (const base of [`${owner}+${name}`, `${owner}--${name}`, name]) {
    for (const dir of [path.join(root, base, 'repo'), path.join(root, base, '.git'), path.join(root, base)]) {
      if (existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'))) return dir;
    }
  }
  return undefined;
}

export function main(argv: string[]): number {
  const root = argv[0];
  if (argv.length !== 1 || !root) {
    process.stderr.write('usage: npm run real-world-originals -- DIR (a directory holding git repositories)\n');
    return 2;
  }
  const problems: string[] = [];
  for (const original of ORIGINALS) {
    const gitDir = gitDirOf(root, original.repository);
    if (!gitDir) {
      problems.push(`${original.repository}: no git repository under ${root}`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = execFileSync('git', ['--git-dir', gitDir, 'show', `${original.commit}:${original.path}`], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      problems.push(`${original.repository}: ${original.path} is not at ${original.commit} in ${gitDir}`);
      continue;
    }
    if (gitBlobId(bytes) !== original.blob) {
      problems.push(`${original.local}: blob ${gitBlobId(bytes)}, expected ${original.blob}`);
      continue;
    }
    const target = path.join(OUT, original.local);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  for (const problem of problems) process.stderr.write(`real-world-originals: ${problem}\n`);
  if (problems.length > 0) return 2;
  process.stdout.write(
    `${ORIGINALS.length} files in ${OUT}; the corpus test finds them there, or anywhere else with\n` +
      `IPIC_REAL_WORLD_DIR=${OUT}\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
