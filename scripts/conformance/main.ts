/**
 * The conformance run: validate the target before anything runs, run cucumber through its API, classify
 * the outcome (nonconformance vs. harness error), and build the Allure HTML report.
 */
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { rmSync, mkdirSync } from 'node:fs';
import { EXIT_CONFORMANT, EXIT_HARNESS_ERROR, EXIT_NONCONFORMANT, HarnessInputError } from '../../support/errors';
import { loadTarget } from '../../support/load-target';
import { generateAllureReport } from './allure';
import { classify, type RunTally } from './classify';

export const RESULTS_DIR = 'reports/allure-results';
export const REPORT_DIR = 'reports/allure-report';

export async function main(argv: string[]): Promise<number> {
  try {
    await loadTarget(process.env);
  } catch (error) {
    if (error instanceof HarnessInputError) {
      console.error(`harness error: ${error.message}`);
      return EXIT_HARNESS_ERROR;
    }
    throw error;
  }
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const { runConfiguration } = await loadConfiguration({ provided: cucumberArgs(argv) });
  const envelopes: Envelope[] = [];
  const { success } = await runCucumber(runConfiguration, undefined, (e) => envelopes.push(e));
  const tally: RunTally = classify(envelopes);
  await generateAllureReport(RESULTS_DIR, REPORT_DIR);
  console.log(
    `conformance: ${tally.passed} conformant, ${tally.nonconformant} nonconformant, ${tally.notApplicable} not applicable, ${tally.harnessErrors} harness errors`,
  );
  console.log(`Allure report: ${REPORT_DIR}/index.html`);
  if (tally.harnessErrors > 0) return EXIT_HARNESS_ERROR;
  if (tally.nonconformant > 0 || !success) return EXIT_NONCONFORMANT;
  return EXIT_CONFORMANT;
}

/** `npm run conformance -- --tags @bind` passes cucumber options through. */
function cucumberArgs(argv: string[]): Record<string, unknown> {
  const provided: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tags') provided.tags = argv[++i];
    else if (argv[i] === '--name') provided.name = [argv[++i]];
    else if (argv[i]?.endsWith('.feature') || argv[i]?.includes('.feature:'))
      ((provided.paths ??= []) as string[]).push(argv[i] as string);
    else
      throw new HarnessInputError('command line', argv[i] ?? '', 'one of --tags EXPR, --name TEXT, or feature paths');
  }
  return provided;
}
