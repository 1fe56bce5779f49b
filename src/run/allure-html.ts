/**
 * Builds the Allure HTML report with allure-commandline 2 as one self-contained file that opens from disk
 * (file://) and loads nothing from the internet:
 * - `--single-file`: the default multi-file report reads its data with fetch(), which browsers refuse for
 *   file:// pages, so it only shows "500 Failed to fetch" unless it is served over HTTP;
 * - ALLURE_NO_ANALYTICS=true: otherwise index.html loads Google's analytics script and the generator posts
 *   to Google Analytics. Allure 2.46 drops the page's script only for a value Java's Boolean.parseBoolean
 *   reads as true: "1" silences the generator but leaves the script in the page.
 * It builds into a folder beside the report and renames that into place only once Allure succeeded, so a
 * failure, or a run stopped by SIGINT or SIGTERM meanwhile, leaves the previous report whole.
 * Without a usable Java it builds nothing and says why and how to get the report later (built: false):
 * the HTML is one view of the Allure results, so the caller warns and keeps the verdict and the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { unpackEmbeddedHistory } from '../report/allure-results';
import { classArchive, type ClassArchive } from './allure-class-archive';
import { usableJava } from './java';
import { isRunning } from './process-running';

export type AllureHtml = { built: true } | { built: false; reason: string; howToGet: string };

/** Environment Allure runs with: the page and the generator stay offline. */
export const ALLURE_OFFLINE = { ALLURE_NO_ANALYTICS: 'true' } as const;

/**
 * JVM options for a generator that runs for a few seconds: the quick compiler only (the optimising one
 * does not pay for itself in so short a run) and the JDK's shared class archive when there is one. On the
 * 2-core CI machine this took a report's CPU time from about 2.8 s to 1.7 s (issue 14). Given only when
 * the caller set no JVM options of their own (JAVA_OPTS, ALLURE_OPTS), which the start script reads.
 */
export const ALLURE_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -Xshare:auto';

/** The caller's own JVM options (JAVA_OPTS, ALLURE_OPTS), which the start script reads, or none. */
const ownJvmOptions = (env: NodeJS.ProcessEnv) => Boolean(env.JAVA_OPTS || env.ALLURE_OPTS);

function allureEnv(env: NodeJS.ProcessEnv, archive?: ClassArchive): NodeJS.ProcessEnv {
  const options = [ALLURE_JVM_OPTIONS, archive?.options].filter(Boolean).join(' ');
  return { ...env, ...(ownJvmOptions(env) ? {} : { ALLURE_OPTS: options }), ...ALLURE_OFFLINE };
}

const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `stop`, when given, is the caller's way to end Allure (the run's own interrupt handling aborts it, then
 * discards its staging area); without it, the generator handles SIGINT, SIGTERM and SIGHUP itself.
 */
export async function generateAllureReport(
  resultsDir: string,
  reportDir: string,
  env: NodeJS.ProcessEnv = process.env,
  stop?: AbortSignal,
): Promise<AllureHtml> {
  if (!existsSync(resultsDir)) throw new Error(`the Allure results folder ${resultsDir} does not exist`);
  const java = await usableJava(env);
  if (!java.usable) return { built: false, reason: java.reason, howToGet: howToGet(resultsDir, reportDir) };
  removeLeftovers(reportDir);
  mkdirSync(path.dirname(reportDir), { recursive: true });
  const building = mkdtempSync(`${reportDir}.building-${process.pid}-`);
  const args = ['generate', '--single-file', resultsDir, '--clean', '-o', building];
  const archive = ownJvmOptions(env) ? undefined : classArchive(env, java);
  try {
    try {
      await runAllure(args, allureEnv(env, archive), building, stop);
      archive?.keep();
    } catch (error) {
      if (!archive) throw error;
      if (stop?.aborted) {
        // Stopped from outside: a good archive stays, only a half-written one goes.
        if (archive.writing) archive.discard();
        throw error;
      }
      // A damaged archive crashes the JVM, an unwritable one keeps it from starting: once more without.
      archive.discard();
      await runAllure(args, allureEnv(env), building, stop);
    }
    if (!existsSync(path.join(building, 'index.html')))
      throw new Error(`allure generate reported success but wrote no ${path.join(building, 'index.html')}`);
    unpackEmbeddedHistory(building);
    putInPlace(building, reportDir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return { built: true };
}

/** What a reader without Java can do instead; both keep the report offline. */
export function howToGet(resultsDir: string, reportDir: string): string {
  return (
    `install a Java runtime (8 or later; CI uses 17) and build it from this run's results with ` +
    `\`ALLURE_NO_ANALYTICS=true npx allure generate --single-file --clean ${resultsDir} -o ${reportDir}\`, ` +
    `or open ${resultsDir} in another Allure viewer`
  );
}

/**
 * Runs allure-commandline's start script. While it runs, an interrupt stops Allure, removes the half-built
 * folder and is then raised again, so the run still ends the way the signal asks.
 */
function runAllure(args: string[], env: NodeJS.ProcessEnv, building: string, stop?: AbortSignal): Promise<void> {
  const allure = require.resolve('allure-commandline/dist/bin/allure');
  return new Promise((resolve, reject) => {
    const child = spawn(allure, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString('utf8')).slice(-16_384));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stopOnInterrupt = interruptHandler(child, building);
    const kill = () => child.kill('SIGKILL');
    if (stop) stop.addEventListener('abort', kill, { once: true });
    else for (const signal of INTERRUPTS) process.on(signal, stopOnInterrupt);
    const done = () => {
      stop?.removeEventListener('abort', kill);
      INTERRUPTS.forEach((signal) => process.off(signal, stopOnInterrupt));
    };
    child.on('error', (error) => {
      done();
      reject(new Error(`could not start allure generate (${allure}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      done();
      if (code === 0) resolve();
      else
        reject(
          new Error(`allure generate ${signal ? `was killed by ${signal}` : `exited with ${code}`}: ${cause(output)}`),
        );
    });
  });
}

function interruptHandler(child: ChildProcess, building: string): (signal: NodeJS.Signals) => void {
  return (signal) => {
    child.once('close', () => {
      rmSync(building, { recursive: true, force: true });
      // Listeners are gone by now (the close handler above runs first); with none left, the default action
      // ends the process as the signal meant, and Allure is already reaped.
      process.kill(process.pid, signal);
    });
    child.kill('SIGKILL');
  };
}

/** The line of Allure's output that says what went wrong, not its Java stack trace. */
function cause(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const causedBy = lines.filter((l) => l.startsWith('Caused by: ')).pop();
  return causedBy?.slice('Caused by: '.length) ?? lines.find((l) => !l.startsWith('at ')) ?? 'no output';
}

/** Swaps the new report in: two renames on one file system, so the report folder is never half written. */
function putInPlace(built: string, reportDir: string): void {
  const aside = existsSync(reportDir) ? `${reportDir}.replaced-${process.pid}-${randomBytes(4).toString('hex')}` : '';
  if (aside) renameSync(reportDir, aside);
  try {
    renameSync(built, reportDir);
  } catch (error) {
    if (aside) renameSync(aside, reportDir);
    throw error;
  }
  if (aside) rmSync(aside, { recursive: true, force: true });
}

/** Folders that a killed run (SIGKILL, power loss) left beside the report; the process id is in the name. */
function removeLeftovers(reportDir: string): void {
  const parent = path.dirname(reportDir);
  if (!existsSync(parent)) return;
  const pattern = new RegExp(`^${escapeRegExp(path.basename(reportDir))}\\.(?:building|replaced)-(\\d+)-`);
  for (const name of readdirSync(parent)) {
    const pid = pattern.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
