/**
 * Writes one run's artifacts into its staging directory, from the masked messages: the Allure results
 * (with environment, executor and the kind's history), JUnit XML, the sealed summary in its three forms,
 * the target kind's record for the site, and the site. Which of them are moved into place is the
 * caller's decision (a subset run does not replace the kind's full-run record unless asked).
 */
import type { Envelope } from '@cucumber/messages';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { keepHistory, restoreHistory, writeAllureResults, writeExecutor } from '../report/allure-results';
import { keepKindSummary, writeSummary, type ReportPaths } from '../report/artifacts';
import { renderJunit } from '../report/junit';
import type { RuleIndex } from '../report/rules';
import type { ScenarioResult } from '../report/scenarios';
import { describeSelection, describeValue } from '../report/summary';
import type { Summary, UnsealedSummary } from '../report/summary-schema';
import { buildSite } from '../site/build';
import { recordRun } from '../site/run-history';
import { generateAllureReport, howToGet } from './allure-html';
import type { RunDescription } from './describe-run';

/** Whether the HTML report was built; when not, the warning to print (why, and how to get it). */
export interface AllureHtmlOutcome {
  built: boolean;
  note?: string;
}

export async function writeAllure(
  paths: ReportPaths,
  envelopes: readonly Envelope[],
  support: unknown,
  results: readonly ScenarioResult[],
  facts: RunDescription,
  verdict: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const kind = facts.target.kind;
  rmSync(paths.allureResults, { recursive: true, force: true });
  mkdirSync(paths.allureResults, { recursive: true });
  const environment: Record<string, string> = {
    'target kind': kind,
    'target identity': facts.target.identity,
    'target module (IPIC_TARGET)': facts.target.module,
    ...Object.fromEntries(Object.entries(facts.target.description).map(([k, v]) => [`target ${k}`, describeValue(v)])),
    inventory: facts.target.inventory
      ? `${facts.target.inventory.path} sha256 ${facts.target.inventory.sha256}`
      : 'none',
    selection: `${facts.inputs.scope ?? 'full'} run: ${describeSelection(facts.inputs.selection)}`,
    'required rules': facts.inputs.required?.map((r) => r.expression).join(' ; ') || 'none',
    'run verdict': verdict,
    harness: `${facts.harness.name} ${facts.harness.version}`,
    'git commit': facts.harness.commit ?? 'unknown',
    node: facts.harness.node,
    'rule index sha256': facts.harness.ruleIndex.sha256,
    'IBM page': 'z/OS Connect: Configuring security for an IPIC connection',
  };
  const subset = facts.inputs.scope === 'subset' ? ' (subset)' : '';
  const info = {
    resultsDir: paths.allureResults,
    environment,
    executor: {
      reportName: `IPIC security conformance: ${kind}${subset}`,
      buildName: `conformance on ${kind}${subset}`,
    },
  };
  await writeAllureResults([...envelopes], support, info, [...results]);
  writeExecutor(paths.allureResults, paths.allureHistory(kind), info.executor, env);
  restoreHistory(paths.allureHistory(kind), paths.allureResults);
}

/**
 * The static HTML report, built in the staging area; `final` names where the results and report will be
 * once the set is published, for the how-to-get-it note. No usable Java is a warning, never the verdict.
 */
export async function writeAllureHtml(
  paths: ReportPaths,
  final: ReportPaths,
  kind: string,
  env: NodeJS.ProcessEnv,
  stop: AbortSignal,
): Promise<AllureHtmlOutcome> {
  const html = await generateAllureReport(paths.allureResults, paths.allureReport, env, stop);
  if (!html.built)
    return {
      built: false,
      note: `the Allure HTML report was not built: ${html.reason}. To get it: ${howToGet(final.allureResults, final.allureReport)}`,
    };
  keepHistory(paths.allureReport, paths.allureHistory(kind));
  return { built: true };
}

export function writeJunit(
  paths: ReportPaths,
  results: readonly ScenarioResult[],
  envelopes: readonly Envelope[],
  summary: Summary,
): void {
  const subset = summary.inputs.scope === 'subset' ? ` (subset: ${describeSelection(summary.inputs.selection)})` : '';
  const name = `IPIC security conformance: ${summary.target.kind}${subset}`;
  writeFileSync(paths.junit, renderJunit(results, envelopes, name, summary.outcome.incomplete ?? []));
}

/**
 * Seals and writes the summary; with `record`, also the kind's record and the site built from the records.
 * The site's extra pages (the access matrix) are never staged: they are read from `sitePages` where they are.
 */
export function writeSummaryAndSite(
  paths: ReportPaths,
  unsealed: UnsealedSummary,
  index: RuleIndex,
  site: { record: boolean; sitePages: string },
): Summary {
  const { summary, text } = writeSummary(paths, unsealed);
  if (site.record) {
    keepKindSummary(paths, summary.target.kind, text);
    recordRun(paths.summaries, summary);
    buildSite({ outDir: paths.site, summariesDir: paths.summaries, pagesDir: site.sitePages, index });
  }
  return summary;
}
