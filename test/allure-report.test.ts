/**
 * src/run/allure-html.ts, the Allure HTML generator:
 * - with no usable Java (none on PATH and no JAVA_HOME, a JAVA_HOME without one, a java that does not
 *   start) it resolves "not built" with the reason and how to get the report, and touches nothing;
 * - when Allure fails, or the run is interrupted (SIGTERM, SIGINT) while Allure runs, the previous report
 *   stays whole and no half-built folder is left beside it;
 * - with Java, the report is one index.html that loads nothing from the internet, with history/ beside it,
 *   and the trend carries over to the next run.
 * The failing and interrupted Allure are a stand-in `java` (a shell script) that the real allure start
 * script launches; it writes a half-built report first, as Allure does after --clean.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { generateAllureReport } from '../src/run/allure-html';
import { keepHistory, restoreHistory } from '../src/report/allure-results';

const REPO = path.join(__dirname, '..');
const root = mkdtempSync(path.join(tmpdir(), 'ipic-allure-report-'));
after(() => rmSync(root, { recursive: true, force: true }));

let cases = 0;
/** A reports folder with Allure results and a previous report (index.html and history) in it. */
function workspace(): { results: string; report: string; reports: string } {
  const reports = path.join(root, `case-${++cases}`);
  const results = path.join(reports, 'allure-results');
  const report = path.join(reports, 'allure-report');
  mkdirSync(results, { recursive: true });
  writeResult(results, 'a', 'Inside the sysplex, IDENTIFY works without TLS', 'passed');
  writeResult(results, 'b', 'Outside the sysplex, without TLS, IDENTIFY is refused', 'skipped');
  mkdirSync(path.join(report, 'history'), { recursive: true });
  writeFileSync(path.join(report, 'index.html'), '<html>the previous report</html>');
  writeFileSync(path.join(report, 'history', 'history-trend.json'), '[{"buildOrder":7}]');
  return { results, report, reports };
}

function writeResult(results: string, id: string, name: string, status: string): void {
  const result = { uuid: `uuid-${id}`, historyId: `history-${id}`, name, fullName: name, status, start: 1, stop: 2 };
  writeFileSync(path.join(results, `uuid-${id}-result.json`), JSON.stringify(result));
}

/** Every file under a folder with its content, to show a report did not change. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = readFileSync(file, 'utf8');
    }
  return files;
}

/** What is beside the report: only the report itself (and its results), no half-built or set-aside copy. */
const besideReport = (reports: string) => readdirSync(reports).sort();

/** A JAVA_HOME whose bin/java runs `body` for anything but `-version` (answered as `version`, Java 17). */
function fakeJavaHome(body: string, version = '17.0.0'): string {
  const home = mkdtempSync(path.join(root, 'java-home-'));
  mkdirSync(path.join(home, 'bin'));
  const java = path.join(home, 'bin', 'java');
  writeFileSync(
    java,
    [
      '#!/bin/sh',
      `if [ "$1" = "-version" ]; then echo 'openjdk version "${version}"' >&2; exit 0; fi`,
      'out=""; prev=""',
      'for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done',
      'rm -rf "$out"/* && echo "half-built" > "$out/index.html"',
      body,
      '',
    ].join('\n'),
  );
  chmodSync(java, 0o755);
  return home;
}

/** The environment with `changes`; Java's class archives go to this test's folder, not the project's cache. */
function envWith(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const classCache = path.join(root, 'class-cache-default');
  const env: NodeJS.ProcessEnv = { ...process.env, IPIC_ALLURE_CLASS_CACHE: classCache, ...changes };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

describe('the Allure HTML report without a usable Java', () => {
  test('no java on PATH and no JAVA_HOME: resolves "not built", says why and how, leaves the report', async () => {
    const { results, report, reports } = workspace();
    const before = snapshot(report);
    const noJava = mkdtempSync(path.join(root, 'path-without-java-'));
    const html = await generateAllureReport(results, report, envWith({ PATH: noJava, JAVA_HOME: undefined }));
    assert.ok(!html.built);
    assert.match(html.reason, /JAVA_HOME is not set and there is no `java` on PATH/);
    assert.match(html.howToGet, /Java/);
    assert.ok(html.howToGet.includes(`npx allure generate --single-file --clean ${results} -o ${report}`));
    assert.deepEqual(snapshot(report), before);
    assert.deepEqual(besideReport(reports), ['allure-report', 'allure-results']);
  });

  test('JAVA_HOME without a java in it: "not built", naming JAVA_HOME', async () => {
    const { results, report } = workspace();
    const empty = mkdtempSync(path.join(root, 'empty-java-home-'));
    const html = await generateAllureReport(results, report, envWith({ JAVA_HOME: empty }));
    assert.ok(!html.built);
    assert.equal(html.reason, `JAVA_HOME is ${empty}, but ${path.join(empty, 'bin', 'java')} is not an executable`);
  });

  test('a java that does not start: "not built", with what java said', async () => {
    const { results, report } = workspace();
    const broken = mkdtempSync(path.join(root, 'broken-java-'));
    writeFileSync(
      path.join(broken, 'java'),
      '#!/bin/sh\necho "Error: Could not create the Java Virtual Machine." >&2\nexit 1\n',
    );
    chmodSync(path.join(broken, 'java'), 0o755);
    const html = await generateAllureReport(results, report, envWith({ PATH: broken, JAVA_HOME: undefined }));
    assert.ok(!html.built);
    assert.equal(
      html.reason,
      `${path.join(broken, 'java')} -version failed: Error: Could not create the Java Virtual Machine.`,
    );
  });
});

describe('the previous Allure report survives', () => {
  test('allure generate failing: rejects with the cause, the previous report is whole, nothing left beside it', async () => {
    const { results, report, reports } = workspace();
    const before = snapshot(report);
    const javaHome = fakeJavaHome(
      'echo \'Exception in thread "main" io.qameta.allure.ReportGenerationException: could not generate report web\' >&2\n' +
        "echo '\tat io.qameta.allure.core.ReportWebGenerator.generate(ReportWebGenerator.java:133)' >&2\n" +
        "echo 'Caused by: java.io.IOException: No space left on device' >&2\n" +
        'exit 1',
    );
    await assert.rejects(generateAllureReport(results, report, envWith({ JAVA_HOME: javaHome })), {
      message: 'allure generate exited with 1: java.io.IOException: No space left on device',
    });
    assert.deepEqual(snapshot(report), before);
    assert.deepEqual(besideReport(reports), ['allure-report', 'allure-results']);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`the run interrupted by ${signal} while Allure runs: the previous report is whole, Allure is stopped`, async (t) => {
      const { results, report, reports } = workspace();
      const before = snapshot(report);
      const started = path.join(root, `allure-started-${cases}`);
      // The stand-in Allure says it is running (its process id and output folder), then waits to be stopped.
      const javaHome = fakeJavaHome(
        `echo "$$ $out" > "${started}.tmp" && mv "${started}.tmp" "${started}"\nexec sleep 120`,
      );
      const run = spawn(
        process.execPath,
        [
          '-r',
          './support/register-typescript.js',
          '-e',
          "require('./src/run/allure-html.ts').generateAllureReport(process.argv[1], process.argv[2])",
          results,
          report,
        ],
        { cwd: REPO, env: envWith({ JAVA_HOME: javaHome }), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      run.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
      run.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        run.on('close', (code, sig) => resolve({ code, signal: sig })),
      );
      let finished = false;
      void ended.then(() => (finished = true));
      let allurePid = 0;
      t.after(() => {
        // Whatever the outcome, nothing this test started outlives it.
        run.kill('SIGKILL');
        if (allurePid) killIfRunning(allurePid);
      });
      while (!existsSync(started) && !finished) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(existsSync(started), `the stand-in Allure never started: ${output}`);
      const [pid, out] = readFileSync(started, 'utf8').trim().split(' ');
      allurePid = Number(pid);
      assert.equal(readFileSync(path.join(out!, 'index.html'), 'utf8'), 'half-built\n', 'Allure is halfway');

      run.kill(signal);
      assert.deepEqual(await ended, { code: null, signal }, output);
      assert.deepEqual(snapshot(report), before);
      assert.deepEqual(besideReport(reports), ['allure-report', 'allure-results']);
      assert.throws(() => process.kill(allurePid, 0), { code: 'ESRCH' }, 'Allure was stopped with the run');
    });
  }
});

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe("the generator's JVM options", () => {
  /**
   * The arguments the start script gave java, from a stand-in java that writes them down and a report,
   * and, like Java, the class archive it is asked to write as it exits (`failOnArchive`: fails instead
   * when started on one, as a JDK 17 does on a damaged archive).
   */
  async function javaArguments(
    env: Record<string, string | undefined>,
    { version = '17.0.0', failOnArchive = false } = {},
  ): Promise<string[]> {
    const { results, report } = workspace();
    const written = path.join(root, `java-arguments-${cases}`);
    const fake = { JAVA_HOME: javaHomes(version), FAKE_JAVA_ARGUMENTS: written };
    const fails = failOnArchive ? { FAKE_JAVA_FAILS_ON_ARCHIVE: '1' } : {};
    assert.deepEqual(await generateAllureReport(results, report, envWith({ ...fake, ...fails, ...env })), {
      built: true,
    });
    return readFileSync(written, 'utf8').trim().split('\n');
  }

  /** One stand-in JAVA_HOME per version: the class archive is Java's own, known by its path too. */
  const homes = new Map<string, string>();
  function javaHomes(version: string): string {
    if (!homes.has(version))
      homes.set(
        version,
        fakeJavaHome(
          [
            `printf '%s\\n' "$@" >> "$FAKE_JAVA_ARGUMENTS"`,
            'for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}";; esac; done',
            'if [ -n "$FAKE_JAVA_SLEEPS" ]; then echo started > "$FAKE_JAVA_SLEEPS"; exec sleep 30; fi',
            'if [ -n "$FAKE_JAVA_FAILS_ON_ARCHIVE" ]; then',
            '  for a in "$@"; do case "$a" in -XX:SharedArchiveFile=*) exit 134;; esac; done',
            'fi',
          ].join('\n'),
          version,
        ),
      );
    return homes.get(version) as string;
  }

  test('tuned for a short run (the quick compiler only) when the caller sets none', async () => {
    const args = await javaArguments({ JAVA_OPTS: undefined, ALLURE_OPTS: undefined });
    assert.ok(args.includes('-XX:TieredStopAtLevel=1'), args.join(' '));
  });

  test('Java 13 or later: the first build writes a class archive as it exits, the next ones start on it', async () => {
    const cache = mkdtempSync(path.join(root, 'class-cache-'));
    const env = { JAVA_OPTS: undefined, ALLURE_OPTS: undefined, IPIC_ALLURE_CLASS_CACHE: cache };
    const first = await javaArguments(env);
    const writing = first.find((a) => a.startsWith('-XX:ArchiveClassesAtExit='));
    assert.ok(writing?.startsWith(`-XX:ArchiveClassesAtExit=${cache}${path.sep}allure-`), first.join(' '));
    const archives = readdirSync(cache);
    assert.deepEqual(archives.length, 1, 'one archive, renamed into place');
    assert.match(archives[0]!, /^allure-[0-9a-f]{16}\.jsa$/);
    const second = await javaArguments(env);
    assert.ok(second.includes(`-XX:SharedArchiveFile=${path.join(cache, archives[0]!)}`), second.join(' '));
    assert.ok(!second.some((a) => a.startsWith('-XX:ArchiveClassesAtExit=')), second.join(' '));
  });

  test('a build that fails on the archive is made again without it, and the archive is removed', async () => {
    const cache = mkdtempSync(path.join(root, 'class-cache-'));
    const env = { JAVA_OPTS: undefined, ALLURE_OPTS: undefined, IPIC_ALLURE_CLASS_CACHE: cache };
    await javaArguments(env);
    assert.equal(readdirSync(cache).length, 1);
    // Two starts: the one on the archive fails, the one without builds the report (javaArguments checks it).
    const args = await javaArguments(env, { failOnArchive: true });
    assert.equal(args.filter((a) => a.startsWith('-XX:SharedArchiveFile=')).length, 1, args.join(' '));
    assert.equal(args.filter((a) => a === '-XX:TieredStopAtLevel=1').length, 2, 'started twice');
    assert.deepEqual(readdirSync(cache), [], 'the archive that failed is gone; the next build writes it anew');
  });

  test('a build stopped from outside (the run interrupted) leaves the archive in place', async () => {
    const cache = mkdtempSync(path.join(root, 'class-cache-'));
    const env = { JAVA_OPTS: undefined, ALLURE_OPTS: undefined, IPIC_ALLURE_CLASS_CACHE: cache };
    await javaArguments(env);
    const archives = readdirSync(cache);
    assert.equal(archives.length, 1);
    const { results, report } = workspace();
    const started = path.join(root, `allure-started-${cases}`);
    // The same stand-in Java that wrote the archive, asked to hang once started: the archive is its own.
    const hangs = { JAVA_HOME: javaHomes('17.0.0'), FAKE_JAVA_ARGUMENTS: `${started}.args`, FAKE_JAVA_SLEEPS: started };
    const stop = new AbortController();
    const building = generateAllureReport(results, report, envWith({ ...hangs, ...env }), stop.signal);
    while (!existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    await assert.rejects(building, /killed by SIGKILL/);
    assert.ok(readFileSync(`${started}.args`, 'utf8').includes('-XX:SharedArchiveFile='), 'it started on the archive');
    assert.deepEqual(readdirSync(cache), archives);
  });

  test('no class archive with a Java before 13 (the options do not exist there)', async () => {
    const cache = mkdtempSync(path.join(root, 'class-cache-'));
    const env = { JAVA_OPTS: undefined, ALLURE_OPTS: undefined, IPIC_ALLURE_CLASS_CACHE: cache };
    const args = await javaArguments(env, { version: '1.8.0_292' });
    assert.ok(!args.some((a) => /^-XX:(ArchiveClassesAtExit|SharedArchiveFile)=/.test(a)), args.join(' '));
    assert.ok(args.includes('-XX:TieredStopAtLevel=1'), args.join(' '));
  });

  test("the caller's own (JAVA_OPTS or ALLURE_OPTS) instead, untouched", async () => {
    for (const name of ['JAVA_OPTS', 'ALLURE_OPTS']) {
      const args = await javaArguments({ JAVA_OPTS: undefined, ALLURE_OPTS: undefined, [name]: '-Xmx123m' });
      assert.ok(args.includes('-Xmx123m'), `${name}: ${args.join(' ')}`);
      assert.ok(!args.includes('-XX:TieredStopAtLevel=1'), `${name}: ${args.join(' ')}`);
    }
  });
});

describe('the Allure HTML report with Java', () => {
  test('one index.html that loads nothing from the internet, history beside it, the trend carries over', async (t) => {
    const { results, report, reports } = workspace();
    const history = path.join(reports, 'allure-history', 'model');
    const cache = mkdtempSync(path.join(root, 'class-cache-'));
    const env = envWith({ IPIC_ALLURE_CLASS_CACHE: cache });
    const first = await generateAllureReport(results, report, env);
    if (!first.built) return t.skip(`no usable Java on this machine: ${first.reason}`);
    assert.deepEqual(readdirSync(report).sort(), ['history', 'index.html']);
    const html = readFileSync(path.join(report, 'index.html'), 'utf8');
    assert.ok(!html.includes('googletagmanager'), 'no analytics script in the page');
    assert.deepEqual(
      [...html.matchAll(/\b(?:src|href)="(https?:[^"]*)"/g)].map((m) => m[1]),
      [],
      'the page loads nothing over the network',
    );
    assert.ok(html.includes("d('data/test-cases/"), 'the data is embedded in the page');
    const trendOf = () =>
      JSON.parse(readFileSync(path.join(report, 'history', 'history-trend.json'), 'utf8')) as unknown[];
    assert.equal(trendOf().length, 1, 'a fresh trend: the previous report is replaced, not merged');
    assert.deepEqual(besideReport(reports), ['allure-report', 'allure-results']);

    // The JVM wrote its class archive as it exited (src/run/allure-class-archive.ts); the next build starts on it.
    assert.match(readdirSync(cache).join(' '), /^allure-[0-9a-f]{16}\.jsa$/);
    keepHistory(report, history);
    restoreHistory(history, results);
    assert.deepEqual(await generateAllureReport(results, report, env), { built: true });
    assert.equal(trendOf().length, 2, 'the second run shows both runs in the trend');
  });
});
