/**
 * The audit workflow in the readable summaries (conformance.md and .html): the waivers and what became of
 * them, the change since the baseline, and the provenance of the run. Plain data in, rows out; each
 * renderer escapes the text its own way.
 */
import type { RuleResult, ScenarioEntry, Summary } from './summary-schema';

export interface AuditSection {
  title: string;
  intro: string;
  header: string[];
  rows: string[][];
}

export function auditSections(s: Summary): AuditSection[] {
  const sections: AuditSection[] = [];
  if (s.waivers)
    sections.push({
      title: 'Waivers',
      intro: `Judged at ${s.time.waiversJudgedAt ?? s.time.startedAt}. A date-only expiry is valid through the end of that day (UTC); a timestamp is exact. A waived nonconformance does not fail the gate; an expired waiver waives nothing.`,
      header: ['Waiver', 'Covers', 'Target', 'Status', 'Justification', 'Approved by', 'Expires', 'Scenarios'],
      rows: s.waivers.map((w) => [
        w.id,
        w.rule ?? w.scenario ?? '',
        [w.target.kind, w.target.identity].filter(Boolean).join(' / '),
        w.status.toUpperCase(),
        w.justification,
        w.approvedBy,
        `${w.expires} (no longer applies from ${w.expiredFrom})`,
        w.matched.join(', ') || 'none',
      ]),
    });
  const b = s.baseline;
  if (b) {
    const c = b.changes;
    const counts = (x: Record<string, number>) =>
      Object.entries(x)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
    sections.push({
      title: 'Change since the baseline',
      intro: `Baseline ${b.path} (${b.targetKind}: ${b.targetIdentity}, finished ${b.finishedAt}, fileSha256 ${b.sealFileSha256}, seal verified). Rules: ${counts(c.rules)}. Scenarios: ${counts(c.scenarios)}. Gate: ${b.failOn === 'regressions' ? 'only regressed or new nonconformance fails the run' : 'every nonconformance fails the run'}.`,
      header: ['Rule', 'Change', 'Baseline', 'Now'],
      rows: s.rules
        .filter((r) => r.change && r.change !== 'unchanged')
        .map((r) => [r.id, r.change!.toUpperCase(), r.was ?? 'absent', r.status]),
    });
    if (b.gone.length > 0)
      sections.push({
        title: 'Scenarios of the baseline this run does not have',
        intro: 'Removed or renamed since the baseline.',
        header: ['Scenario'],
        rows: b.gone.map((g) => [g]),
      });
  }
  const p = s.provenance;
  if (p)
    sections.push({
      title: 'Provenance',
      intro: `Operator ${p.operator.name} (${p.operator.from}) on host ${p.host}; harness working tree ${p.workingTreeDirty === null ? 'unknown (no git)' : p.workingTreeDirty ? 'had uncommitted changes' : 'clean'}. Every input the run read:`,
      header: ['Role', 'Path', 'SHA-256'],
      rows: p.inputs.map((i) => [i.role, i.path, i.sha256]),
    });
  return sections;
}

/** "WAIVED by W-1 (approved by ..., expires ...): why" for a waived scenario. */
export function waiverNote(sc: ScenarioEntry): string | undefined {
  const w = sc.waiver;
  return w ? `WAIVED by ${w.id} (approved by ${w.approvedBy}, expires ${w.expires}): ${w.justification}` : undefined;
}

/** "REGRESSED (was conformant)" for a rule or scenario compared with a baseline. */
export function changeNote(x: Pick<RuleResult, 'change' | 'was'>): string | undefined {
  if (!x.change) return undefined;
  return `${x.change.toUpperCase()} (baseline: ${x.was ?? 'absent'})`;
}
