/** Where a run leaves its artifacts, and writing the summary in its three forms. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seal } from './integrity';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import type { Summary, UnsealedSummary } from './summary-schema';

export interface ReportPaths {
  reportsDir: string;
  allureResults: string;
  allureReport: string;
  /** Allure history per target kind, carried from run to run. */
  allureHistory(kind: string): string;
  summaryJson: string;
  summaryMarkdown: string;
  summaryHtml: string;
  /** The latest sealed summary of each target kind, for the documentation site. */
  summaries: string;
  kindSummary(kind: string): string;
  junit: string;
  site: string;
  /** Pages other commands add to the site (the access matrix); outside site/, which is rebuilt. */
  sitePages: string;
}

/** IPIC_REPORTS_DIR moves everything (tests use temporary directories); the default is reports/.
 * IPIC_ALLURE_RESULTS, when set, moves only the Allure results (a run's staging area passes its own). */
export function reportPaths(
  reportsDir = process.env.IPIC_REPORTS_DIR?.trim() || 'reports',
  // The same variable cucumber.js reads, so plain cucumber-js runs and this runner agree.
  allureResults = process.env.IPIC_ALLURE_RESULTS?.trim() || undefined,
): ReportPaths {
  const at = (...parts: string[]) => path.join(reportsDir, ...parts);
  return {
    reportsDir,
    allureResults: allureResults ?? at('allure-results'),
    allureReport: at('allure-report'),
    allureHistory: (kind) => at('allure-history', fileSafe(kind)),
    summaryJson: at('conformance.json'),
    summaryMarkdown: at('conformance.md'),
    summaryHtml: at('conformance.html'),
    summaries: at('summaries'),
    kindSummary: (kind) => at('summaries', `${fileSafe(kind)}.json`),
    junit: at('junit.xml'),
    site: at('site'),
    sitePages: at('site-pages'),
  };
}

export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'unnamed';
}

/** Seals the summary and writes conformance.json, .md and .html; returns the sealed summary and its text. */
export function writeSummary(paths: ReportPaths, unsealed: UnsealedSummary): { summary: Summary; text: string } {
  const { text, summary } = seal(unsealed);
  mkdirSync(paths.reportsDir, { recursive: true });
  writeFileSync(paths.summaryJson, text);
  writeFileSync(paths.summaryMarkdown, renderMarkdown(summary));
  writeFileSync(paths.summaryHtml, renderHtml(summary));
  return { summary, text };
}

export function keepKindSummary(paths: ReportPaths, kind: string, text: string): void {
  mkdirSync(paths.summaries, { recursive: true });
  writeFileSync(paths.kindSummary(kind), text);
}
