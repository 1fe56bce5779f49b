/**
 * The audit's findings as SARIF 2.1.0 (reports/findings.sarif), for code scanning: one result per
 * nonconformant rule at each definitions location its findings name (artifact URI relative to the
 * definitions root, line and column), the other locations of the same finding as related locations, and
 * the rules described from docs/rules.yaml with their IBM pages as help URIs. A waived finding is kept, as a
 * suppression with its justification, so a code-scanning tool shows it as dismissed rather than gone.
 *
 * The locations come from the findings as the audit states them in the summary, `[file:line:column, ...]`
 * after each finding (src/definitions/requirements.ts, describeFinding). A nonconformant rule whose
 * scenarios name no definition (a behaviour the model showed on the whole site) gets one result on the
 * site's manifest, site.yaml, with no region, and says so.
 */
import * as path from 'node:path';
import { HARNESS_NS, stableUuid } from './exchange-ids';
import { sha256 } from './integrity';
import type { RuleResult, ScenarioEntry, Summary } from './summary-schema';
import { ruleWaiver, scenarioWaiver, type WaiverView } from './waiver-view';

export const SARIF_FILE = 'findings.sarif';
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The uriBaseId every artifact location is relative to: the definitions directory (IPIC_DEFINITIONS). */
export const DEFINITIONS_ROOT = 'DEFINITIONS_ROOT';
const MANIFEST = 'site.yaml';

type Json = Record<string, unknown>;

export interface DefinitionLocation {
  /** Relative to the definitions root, with forward slashes. */
  uri: string;
  line: number;
  column: number;
}

export interface StatedFinding {
  text: string;
  locations: DefinitionLocation[];
}

/** Whether the run read site definitions, so that SARIF has something to point at. */
export function hasDefinitions(summary: Summary): boolean {
  return definitionsRoot(summary) !== undefined && (summary.target.files?.length ?? 0) > 0;
}

/** The definitions directory the audit read, as the target described it. */
export function definitionsRoot(summary: Summary): string | undefined {
  const d = summary.target.description as Record<string, unknown>;
  const options = (d.options ?? {}) as Record<string, unknown>;
  const root = d.definitions ?? options.definitions;
  return typeof root === 'string' && root !== '' ? root : undefined;
}

const LOCATION = /^(.+):(\d+):(\d+)$/;
const FINDING = /^(.*\S)\s*\[([^\]]+)\]\s*$/;

/** The findings a scenario's message states, each with the definition locations it names. */
export function statedFindings(message: string, root: string): StatedFinding[] {
  const found: StatedFinding[] = [];
  for (const line of message.split('\n')) {
    const match = FINDING.exec(line.trim());
    if (!match) continue;
    const locations = match[2]!
      .split(/,\s*/)
      .map((l) => LOCATION.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ uri: relativeUri(m[1]!, root), line: Number(m[2]), column: Number(m[3]) }));
    // The audit starts each finding with the rules it is about (R14/R45: ...); SARIF says the rule itself.
    if (locations.length > 0) found.push({ text: match[1]!.replace(/^R\d+(?:\/R\d+)*:\s*/, ''), locations });
  }
  return found;
}

function relativeUri(file: string, root: string): string {
  const relative = path.posix.relative(toPosix(root), toPosix(file));
  return relative.startsWith('..') || path.posix.isAbsolute(relative) ? toPosix(file) : relative;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function sarifFindings(summary: Summary): Json {
  const root = definitionsRoot(summary) ?? '.';
  const rules = summary.rules;
  const results = rules.flatMap((rule, ruleIndex) => resultsOf(rule, ruleIndex, root));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: summary.harness.name,
            version: summary.harness.version,
            semanticVersion: summary.harness.version,
            rules: rules.map(describeRule),
          },
        },
        automationDetails: { id: `ipic-conformance/${summary.target.kind}/` },
        originalUriBaseIds: {
          [DEFINITIONS_ROOT]: {
            description: { text: `The definitions directory the audit read (IPIC_DEFINITIONS=${root}).` },
          },
        },
        invocations: [
          {
            executionSuccessful: summary.outcome.exitCode !== 2,
            exitCode: summary.outcome.exitCode,
            startTimeUtc: summary.time.startedAt,
            endTimeUtc: summary.time.finishedAt,
            toolExecutionNotifications: summary.outcome.harnessErrors.map((e) => ({
              level: 'error',
              message: { text: e },
            })),
          },
        ],
        artifacts: (summary.target.files ?? []).map((f) => ({
          location: { uri: relativeUri(f.path, root), uriBaseId: DEFINITIONS_ROOT },
          hashes: { 'sha-256': f.sha256 },
        })),
        results,
        properties: {
          [`${HARNESS_NS}:verdict`]: summary.outcome.verdict,
          [`${HARNESS_NS}:summaryFileSha256`]: summary.integrity.fileSha256,
          [`${HARNESS_NS}:summaryContentSha256`]: summary.integrity.contentSha256,
        },
      },
    ],
  };
}

function describeRule(rule: RuleResult): Json {
  return {
    id: rule.id,
    name: `Rule${rule.id}`,
    shortDescription: { text: rule.statement },
    fullDescription: { text: `${rule.statement} (sources: ${rule.sources.join(', ')})` },
    helpUri: rule.ibmPage,
    help: { text: `${rule.statement} IBM documentation: ${rule.ibmPage}` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', `area:${rule.area}`, ...rule.tags] },
  };
}

/** A rule's results: one per location each of its nonconformant (or waived) scenarios' findings names. */
function resultsOf(rule: RuleResult, ruleIndex: number, root: string): Json[] {
  const ruleWaived = ruleWaiver(rule);
  const broken = rule.scenarios.filter((s) => s.outcome === 'nonconformant' || scenarioWaiver(s));
  if (broken.length === 0 && rule.status !== 'nonconformant' && !ruleWaived) return [];
  const results: Json[] = [];
  const seen = new Set<string>();
  for (const scenario of broken) {
    const waiver = scenarioWaiver(scenario) ?? ruleWaived;
    for (const finding of statedFindings(scenario.message ?? '', root)) {
      finding.locations.forEach((at, i) => {
        const key = `${at.uri}:${at.line}:${at.column}:${finding.text}`;
        if (seen.has(key)) return;
        seen.add(key);
        const others = finding.locations.filter((_, j) => j !== i);
        results.push(result(rule, ruleIndex, finding.text, scenario, at, others, waiver));
      });
    }
  }
  if (results.length === 0) {
    const scenario = broken[0];
    const text = `${rule.id} is broken on this site${scenario ? `: ${scenario.name} (${scenario.feature}:${scenario.line})` : ''}; no definition location was named, so the result points at the site's manifest.`;
    results.push(result(rule, ruleIndex, text, scenario, { uri: MANIFEST, line: 0, column: 0 }, [], ruleWaived));
  }
  return results;
}

function result(
  rule: RuleResult,
  ruleIndex: number,
  text: string,
  scenario: ScenarioEntry | undefined,
  at: DefinitionLocation,
  others: DefinitionLocation[],
  waiver: WaiverView | undefined,
): Json {
  const where = (l: DefinitionLocation): Json => ({
    artifactLocation: { uri: l.uri, uriBaseId: DEFINITIONS_ROOT },
    ...(l.line > 0 ? { region: { startLine: l.line, startColumn: Math.max(1, l.column) } } : {}),
  });
  return {
    ruleId: rule.id,
    ruleIndex,
    level: 'error',
    kind: 'fail',
    message: { text: `${rule.id}: ${text}` },
    locations: [{ physicalLocation: where(at) }],
    ...(others.length > 0
      ? {
          relatedLocations: others.map((l, id) => ({
            id,
            physicalLocation: where(l),
            message: { text: 'also part of this finding' },
          })),
        }
      : {}),
    partialFingerprints: { 'ipicFinding/v1': sha256(`${rule.id}\u0000${at.uri}\u0000${at.line}\u0000${text}`) },
    guid: stableUuid(rule.id, at.uri, String(at.line), String(at.column), text),
    ...(waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: waiver.justification,
              ...(waiver.approvedBy ? { properties: { approvedBy: waiver.approvedBy } } : {}),
            },
          ],
        }
      : {}),
    ...(scenario ? { properties: { scenario: `${scenario.feature}:${scenario.line}`, name: scenario.name } } : {}),
  };
}
