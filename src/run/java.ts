/**
 * Finds the Java that allure-commandline's start script would use, and checks that it starts, so a machine
 * without a usable Java is told so up front instead of failing halfway through `allure generate`.
 * The lookup copies the script's (dist/bin/allure): JAVA_HOME when it is set, otherwise `java` on PATH.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** `version`: what `java -version` printed, which names the Java and its build. */
export type JavaLookup = { usable: true; java: string; version: string } | { usable: false; reason: string };

export async function usableJava(env: NodeJS.ProcessEnv): Promise<JavaLookup> {
  const found = javaCommand(env);
  if (!found.usable) return found;
  const probe = await versionOf(found.java, env);
  if (probe.ok) return { usable: true, java: found.java, version: probe.version };
  return { usable: false, reason: `${found.java} -version failed: ${probe.why}` };
}

function javaCommand(env: NodeJS.ProcessEnv): { usable: true; java: string } | { usable: false; reason: string } {
  const home = env.JAVA_HOME;
  if (home) {
    // IBM's JDK on AIX keeps its launcher under jre/sh; the start script looks there first too.
    const java = [path.join(home, 'jre', 'sh', 'java'), path.join(home, 'bin', 'java')].find(isExecutable);
    if (java) return { usable: true, java };
    return {
      usable: false,
      reason: `JAVA_HOME is ${home}, but ${path.join(home, 'bin', 'java')} is not an executable`,
    };
  }
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'java'))
    .find(isExecutable);
  if (onPath) return { usable: true, java: onPath };
  return { usable: false, reason: 'no Java: JAVA_HOME is not set and there is no `java` on PATH' };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function versionOf(
  java: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    const child = spawn(java, ['-version'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (error) => resolve({ ok: false, why: error.message }));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ ok: true, version: stderr.trim() });
      const last = stderr.trim().split('\n').pop()?.trim();
      resolve({ ok: false, why: last || (signal ? `killed by ${signal}` : `exit code ${code}`) });
    });
  });
}

/** The feature release of a `java -version` text: 8 for "1.8.0_292", 17 for "17.0.15"; undefined if none. */
export function javaMajor(version: string): number | undefined {
  const quoted = /version "(\d+)(?:\.(\d+))?/.exec(version);
  if (!quoted) return undefined;
  const first = Number(quoted[1]);
  return first === 1 && quoted[2] !== undefined ? Number(quoted[2]) : first;
}
