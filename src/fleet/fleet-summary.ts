/**
 * A fleet summary: many sites' sealed conformance summaries (one CI job per site, LPAR or shard) merged
 * into one table of rules by site. Only sealed summaries that verify are merged; sites judged by another
 * harness version or another rule index are refused unless the caller allows it, because the same rule ID
 * would not then mean the same check everywhere. The fleet summary is sealed the way a run's summary is.
 */
import { ruleNumber } from '../report/rules';
import type { Summary } from '../report/summary-schema';
import { exchangeStatus } from '../report/waiver-view';

export const FLEET_SCHEMA = 'ipic-fleet-summary';
export const FLEET_SCHEMA_VERSION = '1.0.0';

/** A rule's status on one site; 'not run' when that site's rule index has no such rule. */
export const FLEET_STATUSES = [
  'conformant',
  'nonconformant',
  'not applicable',
  'waived',
  'harness error',
  'not covered',
  'not run',
] as const;
export type FleetStatus = (typeof FLEET_STATUSES)[number];

export interface FleetSite {
  name: string;
  file: string;
  kind: string;
  identity: string;
  verdict: string;
  exitCode: number;
  scope: string;
  harness: { version: string; commit: string | null };
  ruleIndexSha256: string;
  /** The site summary's seal (named apart from the fleet's own integrity.fileSha256, which verify-report reads). */
  summaryFileSha256: string;
  summaryContentSha256: string;
  finishedAt: string;
}

export interface FleetRule {
  id: string;
  statement: string;
  ibmPage: string;
  /** Site name -> the rule's status there. */
  statuses: Record<string, FleetStatus>;
  counts: Record<FleetStatus, number>;
}

export interface FleetSummary {
  schema: typeof FLEET_SCHEMA;
  schemaVersion: string;
  /** What differed between the sites and was allowed (--allow-mixed); empty when all agree. */
  mixed: string[];
  sites: FleetSite[];
  totals: {
    sites: Record<string, number>;
    cells: Record<FleetStatus, number>;
  };
  rules: FleetRule[];
}

export interface SiteInput {
  name: string;
  file: string;
  summary: Summary;
  fileSha256: string;
  contentSha256: string;
}

/** What differs between the sites that makes their results incomparable, one line each. */
export function incomparabilities(inputs: readonly SiteInput[]): string[] {
  const problems: string[] = [];
  const distinct = (f: (s: Summary) => string) => [...new Set(inputs.map((i) => f(i.summary)))];
  const harnesses = distinct((s) => `${s.harness.version} (commit ${s.harness.commit ?? 'unknown'})`);
  if (harnesses.length > 1)
    problems.push(
      `harness versions differ: ${inputs.map((i) => `${i.name} ${i.summary.harness.version} (commit ${i.summary.harness.commit ?? 'unknown'})`).join(', ')}`,
    );
  if (distinct((s) => s.harness.ruleIndex.sha256).length > 1)
    problems.push(
      `rule indexes differ: ${inputs.map((i) => `${i.name} ${i.summary.harness.ruleIndex.sha256.slice(0, 12)}`).join(', ')}`,
    );
  return problems;
}

const zero = (): Record<FleetStatus, number> =>
  Object.fromEntries(FLEET_STATUSES.map((s) => [s, 0])) as Record<FleetStatus, number>;

export function mergeFleet(inputs: readonly SiteInput[], mixed: string[]): FleetSummary {
  const sites: FleetSite[] = inputs.map((i) => ({
    name: i.name,
    file: i.file,
    kind: i.summary.target.kind,
    identity: i.summary.target.identity,
    verdict: i.summary.outcome.verdict,
    exitCode: i.summary.outcome.exitCode,
    scope: i.summary.inputs.scope ?? 'full',
    harness: { version: i.summary.harness.version, commit: i.summary.harness.commit },
    ruleIndexSha256: i.summary.harness.ruleIndex.sha256,
    summaryFileSha256: i.fileSha256,
    summaryContentSha256: i.contentSha256,
    finishedAt: i.summary.time.finishedAt,
  }));
  const known = new Map<string, { statement: string; ibmPage: string }>();
  for (const i of inputs)
    for (const r of i.summary.rules)
      if (!known.has(r.id)) known.set(r.id, { statement: r.statement, ibmPage: r.ibmPage });
  const cells = zero();
  const rules: FleetRule[] = [...known.entries()]
    .sort(([a], [b]) => ruleNumber(a) - ruleNumber(b))
    .map(([id, about]) => {
      const statuses: Record<string, FleetStatus> = {};
      const counts = zero();
      for (const i of inputs) {
        const rule = i.summary.rules.find((r) => r.id === id);
        const status: FleetStatus = rule ? exchangeStatus(rule) : 'not run';
        statuses[i.name] = status;
        counts[status]++;
        cells[status]++;
      }
      return { id, statement: about.statement, ibmPage: about.ibmPage, statuses, counts };
    });
  const bySite: Record<string, number> = {};
  for (const s of sites) bySite[s.verdict] = (bySite[s.verdict] ?? 0) + 1;
  return {
    schema: FLEET_SCHEMA,
    schemaVersion: FLEET_SCHEMA_VERSION,
    mixed,
    sites,
    totals: { sites: bySite, cells },
    rules,
  };
}
