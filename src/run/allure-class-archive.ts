/**
 * A class-data archive of allure-commandline's classes (AppCDS, Java 13 and later): a JVM started on it
 * maps the classes an earlier build loaded instead of reading and verifying them again. On the two-core CI
 * machine a report of the model run took 1.7 s instead of 2.6 s (issue 14). The first build writes the
 * archive as it exits, which costs it about 1.4 s more, once; the later builds use it. There is one archive
 * per Java (its path and `java -version` text) and allure-commandline, named by a digest of them, in
 * node_modules/.cache/ipic-allure (`npm ci` empties it; IPIC_ALLURE_CLASS_CACHE moves it).
 *
 * A JDK 17 started on a damaged archive crashes (SIGBUS), and one that cannot write its archive does not
 * start: a build that fails with these options is made once more without them, and the archive discarded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { javaMajor } from './java';
import { isRunning } from './process-running';

export interface ClassArchive {
  /** JVM options that use the archive, or write it as the JVM exits. */
  options: string;
  /** This build writes the archive (there was none). */
  writing: boolean;
  /** After a build that succeeded: an archive it wrote put in place for the next builds. */
  keep(): void;
  /** After a build that failed: the archive (or the one being written) removed. */
  discard(): void;
}

const DEFAULT_CACHE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'ipic-allure');
/** Warnings a dump prints (classes of old formats are left out of it): the build's output stays Allure's. */
const QUIET = '-Xlog:cds=off -Xlog:cds+dynamic=off';

/** `java`: the Java allure's start script runs, and what its `-version` printed. */
export function classArchive(
  env: NodeJS.ProcessEnv,
  java: { java: string; version: string },
): ClassArchive | undefined {
  const major = javaMajor(java.version);
  if (major === undefined || major < 13) return undefined;
  const dir = env.IPIC_ALLURE_CLASS_CACHE?.trim() || DEFAULT_CACHE;
  // allure's start script splits its options at white space: a path with a space in it cannot be given.
  if (/\s/.test(dir)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const allure = (require('allure-commandline/package.json') as { version: string }).version;
  const key = createHash('sha256').update(
    `${java.java}\0${java.version}\0${allure}\0${require.resolve('allure-commandline')}`,
  );
  const file = path.join(dir, `allure-${key.digest('hex').slice(0, 16)}.jsa`);
  if (existsSync(file))
    return {
      options: `-XX:SharedArchiveFile=${file} ${QUIET}`,
      writing: false,
      keep: () => undefined,
      discard: () => remove(file),
    };
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return undefined;
  }
  removeAbandoned(dir);
  const writing = `${file}.${process.pid}.writing`;
  return {
    options: `-XX:ArchiveClassesAtExit=${writing} ${QUIET}`,
    writing: true,
    keep() {
      try {
        // Renamed whole: a build running meanwhile sees no archive or all of it, never a part.
        if (existsSync(writing)) renameSync(writing, file);
      } catch {
        remove(writing);
      }
    },
    discard: () => remove(writing),
  };
}

function remove(file: string): void {
  rmSync(file, { force: true });
}

/** Archives a build was writing when it was killed (its process is gone): 20 MB or more each. */
function removeAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /\.(\d+)\.writing$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) remove(path.join(dir, name));
  }
}
