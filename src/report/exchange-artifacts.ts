/**
 * Writes the run's exchange documents beside the summary: OSCAL assessment results for every run, and
 * SARIF findings when the run read site definitions (the audit target). Both are derived from the sealed
 * summary, so they say exactly what it says.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ReportPaths } from './artifacts';
import { OSCAL_FILE, oscalAssessmentResults } from './oscal';
import { hasDefinitions, SARIF_FILE, sarifFindings } from './sarif';
import type { Summary } from './summary-schema';

export const oscalPath = (p: ReportPaths): string => path.join(p.reportsDir, OSCAL_FILE);
export const sarifPath = (p: ReportPaths): string => path.join(p.reportsDir, SARIF_FILE);

/** What a run publishes of these: both paths always, so a run without definitions removes an older SARIF. */
export const EXCHANGE_ENTRIES: readonly ((p: ReportPaths) => string)[] = [oscalPath, sarifPath];

export function writeExchangeDocuments(paths: ReportPaths, summary: Summary): void {
  writeFileSync(oscalPath(paths), `${JSON.stringify(oscalAssessmentResults(summary), null, 2)}\n`);
  if (hasDefinitions(summary)) writeFileSync(sarifPath(paths), `${JSON.stringify(sarifFindings(summary), null, 2)}\n`);
}
