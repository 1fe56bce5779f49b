/**
 * Steps for configuration requirements (features/site-configuration.feature): the auditor lists the
 * definitions a requirement is about and checks each of them. They need a target that shows its
 * definitions (support/definitions-port.ts); on any other target the scenario is not applicable.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { definitionsPortOf, formatLocation, type SiteDefinitions } from '../support/definitions-port';
import { target, type ConformanceWorld } from '../support/world';

// The requirements (and the definition checks behind them) load only when a target shows definitions:
// on any other target these steps stop at "the site's definitions", and every run would pay for them.
type Requirements = typeof import('../src/definitions/requirements');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requirements = (): Requirements => require('../src/definitions/requirements') as Requirements;

interface Review {
  definitions?: SiteDefinitions;
  scope?: string;
}

const reviews = new WeakMap<ConformanceWorld, Review>();

function review(world: ConformanceWorld): Review {
  let found = reviews.get(world);
  if (!found) reviews.set(world, (found = {}));
  return found;
}

function notApplicable(world: ConformanceWorld, reason: string): 'skipped' {
  world.notApplicable = reason;
  world.attach(`Not applicable on this target: ${reason}`, { mediaType: 'text/plain', fileName: 'not-applicable.txt' });
  return 'skipped';
}

Given("the site's definitions", async function (this: ConformanceWorld) {
  const port = definitionsPortOf(target());
  if (!port)
    return notApplicable(
      this,
      `${target().describe().kind} target shows no site definitions; configuration requirements are checked with IPIC_TARGET=audit`,
    );
  review(this).definitions = await port.definitions();
  return undefined;
});

When('the auditor lists {}', function (this: ConformanceWorld, scope: string) {
  if (!review(this).definitions) return 'skipped';
  if (!requirements().REQUIREMENTS.some((r) => r.scope === scope))
    throw new Error(`no configuration requirement is about "${scope}"`);
  review(this).scope = scope;
  return undefined;
});

Then('each of them {}', function (this: ConformanceWorld, condition: string) {
  const { definitions, scope } = review(this);
  if (!definitions || scope === undefined) return 'skipped';
  const { requirementFor, describeFinding } = requirements();
  const requirement = requirementFor(scope, condition);
  if (!requirement) throw new Error(`no configuration requirement says that ${scope} "${condition}"`);
  const result = requirement.check(definitions);
  const examined = result.examined.map((e) => ({ subject: e.subject, at: e.at.map(formatLocation) }));
  this.attach(JSON.stringify({ definitions: definitions.origin, requirement: requirement.rules, examined }, null, 2), {
    mediaType: 'application/json',
    fileName: 'definitions-examined.json',
  });
  if (result.emptyScope) return notApplicable(this, `${definitions.origin}: ${result.emptyScope}`);
  const findings = result.findings.map((f) => describeFinding(requirement, f));
  expect(
    findings.length,
    `${findings.length} of ${result.examined.length} break the requirement:\n${findings.join('\n')}\n`,
  ).to.equal(0);
  return undefined;
});
