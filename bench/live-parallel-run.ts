/**
 * One live run against the sandbox whose z/OS Connect answers each request after a delay (a distant LPAR's
 * round trip), with the scenarios in this process or spread over N cucumber workers; bench/run.ts times it.
 * Prints the runner's verdict line and writes the summary into the given reports directory, so that the
 * verdicts of a serial and a parallel run can be compared scenario by scenario.
 *
 *   node -r ./support/register-typescript.js bench/live-parallel-run.ts LATENCY_MS WORKERS REPORTS_DIR
 */
import * as path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { main } from '../src/run';
import { runFromCommandLine } from '../src/run/entry-point';

const [latency = '50', workers = '1', reports = path.join('.cache', 'bench', 'live-parallel')] = process.argv.slice(2);

async function run(): Promise<number> {
  const sandbox = await startSandbox({
    dir: path.join(path.resolve(reports), 'sandbox'),
    latencyMs: Number(latency),
    removeOnStop: true,
  });
  process.env.IPIC_TARGET = 'live';
  process.env.IPIC_INVENTORY = sandbox.inventoryPath;
  process.env.IPIC_REPORTS_DIR = path.join(path.resolve(reports), 'reports');
  process.env.IPIC_SKIP_ALLURE_HTML = '1';
  try {
    return await main(Number(workers) > 1 ? ['--parallel', workers] : []);
  } finally {
    await sandbox.stop();
  }
}

runFromCommandLine(run);
