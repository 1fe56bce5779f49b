/**
 * Cucumber's configuration and test plan, made before anything runs: the profile from cucumber.js with the
 * run's selection applied, and the scenarios that selection picks. A selection that picks nothing stops
 * the run as a harness error: a gate must never read "nothing ran" as "everything conformed".
 */
import { loadConfiguration, loadSources, type IRunConfiguration } from '@cucumber/cucumber/api';
import { HarnessInputError } from '../../support/errors';
import { HarnessInputErrors } from '../../support/settings';
import { describeSelection } from '../report/summary';
import type { RunOptions } from './command-line';

export interface Plan {
  runConfiguration: IRunConfiguration;
  /** How many scenarios (pickles) the selection picked. */
  scenarios: number;
}

export async function makePlan(options: RunOptions, env: NodeJS.ProcessEnv): Promise<Plan> {
  const { runConfiguration } = await loadConfiguration({ provided: options.provided }, { env });
  // Only the console formatter runs live (through the masking stream); every file is written from the
  // masked messages afterwards.
  runConfiguration.formats = { ...runConfiguration.formats, stdout: 'progress', files: {}, publish: false };
  // Given feature paths replace the profile's features/** (cucumber would otherwise run both).
  if (options.paths.length > 0) runConfiguration.sources.paths = [...options.paths];
  // --parallel N: cucumber's own worker processes (the live target shares its bad-password ledger).
  if (options.parallel > 1) runConfiguration.runtime.parallel = options.parallel;
  const { plan, errors } = await loadSources(runConfiguration.sources, { env });
  if (errors.length > 0) {
    throw new HarnessInputErrors(
      errors.map((e) => new HarnessInputError(`${e.uri}:${e.location.line}`, '(Gherkin syntax)', e.message)),
    );
  }
  if (plan.length === 0) {
    throw new HarnessInputError(
      'command line',
      describeSelection(options.selection),
      'a selection of at least one scenario (the selection matched 0 scenarios)',
    );
  }
  return { runConfiguration, scenarios: plan.length };
}
