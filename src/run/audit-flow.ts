/**
 * The audit workflow's stages of a run, kept out of index.ts: waivers applied to the scenario results
 * before anything is written, the summary completed (waivers, provenance, the baseline comparison and its
 * gate), the signed attestation over every file the run publishes, and the console lines about all three.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Masker } from '../../support/redaction';
import type { ReportPaths } from '../report/artifacts';
import { ATTESTATION_FILE, buildStatement, signEnvelope, subjectsOf } from '../report/attestation';
import { compareWithBaseline } from '../report/baseline';
import { provenanceOf } from '../report/provenance';
import type { ScenarioResult } from '../report/scenarios';
import type { Summary, UnsealedSummary } from '../report/summary-schema';
import { applyWaivers } from '../report/waivers';
import type { AuditInputs } from './audit-inputs';
import type { RunDescription } from './describe-run';

/** The results with waived nonconformances marked, and the waivers' outcomes (undefined: no waivers file). */
export function judgeWaivers(
  results: ScenarioResult[],
  audit: AuditInputs,
  facts: RunDescription,
): { results: ScenarioResult[]; outcomes?: Summary['waivers'] } {
  if (!audit.waivers) return { results };
  return applyWaivers(results, audit.waivers.list, facts.target, audit.now);
}

/** The inputs as the summary records them: with the waivers file when there is one. */
export function inputsWithWaivers(facts: RunDescription, audit: AuditInputs): Summary['inputs'] {
  return audit.waivers ? { ...facts.inputs, waivers: audit.waivers.file } : facts.inputs;
}

/** Adds waivers, provenance and the baseline comparison (which may relax the exit code under --fail-on). */
export function completeSummary(
  unsealed: UnsealedSummary,
  results: ScenarioResult[],
  audit: AuditInputs,
  waivers: Summary['waivers'],
  env: NodeJS.ProcessEnv,
  masker: Masker,
): { summary: UnsealedSummary; results: ScenarioResult[] } {
  const provenance = provenanceOf(
    {
      target: unsealed.target,
      harness: unsealed.harness,
      inputs: unsealed.inputs,
      ...(audit.waivers ? { waivers: audit.waivers.file } : {}),
      ...(audit.baseline ? { baseline: audit.baseline.file } : {}),
    },
    env,
    masker.text,
  );
  const summary: UnsealedSummary = {
    ...unsealed,
    ...(waivers ? { waivers } : {}),
    provenance,
    time: audit.waivers ? { ...unsealed.time, waiversJudgedAt: audit.now.toISOString() } : unsealed.time,
  };
  if (!audit.baseline) return { summary, results };
  return compareWithBaseline(summary, results, audit.baseline, audit.failOn);
}

/**
 * Signs a statement over every file the run is about to publish (the staged copies, named as they will be
 * named relative to the reports directory) and writes the envelope into the staging area.
 */
export function writeAttestation(
  staged: ReportPaths,
  final: ReportPaths,
  entries: readonly ((p: ReportPaths) => string)[],
  summary: Summary,
  audit: AuditInputs,
  env: NodeJS.ProcessEnv,
): { subjects: number; keyid: string } | undefined {
  if (!audit.signer) return undefined;
  const subjects = subjectsOf(
    entries.map((entry) => ({
      name: path.relative(final.reportsDir, entry(final)).split(path.sep).join('/'),
      file: entry(staged),
    })),
  );
  const url =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : env.CI_JOB_URL || env.BUILD_URL || undefined;
  const envelope = signEnvelope(buildStatement(summary, subjects, url), audit.signer);
  mkdirSync(staged.reportsDir, { recursive: true });
  writeFileSync(attestationPath(staged), `${JSON.stringify(envelope, null, 2)}\n`);
  return { subjects: subjects.length, keyid: audit.signer.keyid };
}

export const attestationPath = (p: ReportPaths): string => path.join(p.reportsDir, ATTESTATION_FILE);

/** What the console says about waivers, the baseline and the attestation. */
export function auditLines(
  summary: Summary,
  attestation: { subjects: number; keyid: string } | undefined,
  final: ReportPaths,
): string[] {
  const lines: string[] = [];
  for (const w of summary.waivers ?? []) {
    const what = w.rule ?? w.scenario ?? '';
    if (w.status === 'applied')
      lines.push(
        `waived: ${w.id} (${what}, approved by ${w.approvedBy}, expires ${w.expires}) accepts ${w.matched.join(', ')}`,
      );
    else if (w.status === 'expired')
      lines.push(
        `waiver expired: ${w.id} (${what}) stopped applying at ${w.expiredFrom}; ${w.matched.length ? `judged normally: ${w.matched.join(', ')}` : 'it matched nothing in this run either'}`,
      );
    else lines.push(`waiver unused: ${w.id} (${what}) matched no nonconformance in this run`);
  }
  const b = summary.baseline;
  if (b) {
    const c = b.changes.rules;
    lines.push(
      `since the baseline ${b.path} (${b.finishedAt}): rules ${c.regressed} regressed, ${c.new} new, ${c.fixed} fixed, ${c['still failing']} still failing, ${c.unchanged} unchanged`,
    );
    for (const r of summary.rules.filter((r) => r.change === 'regressed' || r.change === 'fixed'))
      lines.push(`${r.change}: ${r.id} (was ${r.was}, now ${r.status})`);
    if (b.failOn === 'regressions')
      lines.push('gate: --fail-on regressions: only regressed or new nonconformance fails the run');
  }
  if (attestation)
    lines.push(
      `attestation: ${attestationPath(final)} (in-toto test-result, DSSE, key id ${attestation.keyid.slice(0, 16)}…, ${attestation.subjects} subjects)`,
    );
  return lines;
}
