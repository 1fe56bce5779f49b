/**
 * The run as NIST OSCAL assessment results (reports/oscal-assessment-results.json), for governance tools:
 * this harness's rules are the reviewed controls (each with its IBM page), every scenario is an observation
 * made by TEST with its evidence summary, and every rule gets one finding. OSCAL knows two states for a
 * finding, satisfied and not-satisfied; only a conformant rule is satisfied. A rule that was not
 * applicable, not covered, waived or not checked because of a harness error was not shown to hold, so it
 * is not-satisfied with reason "other", and its exact status is said in a property and in the remarks.
 *
 * Built from the sealed summary alone, with identifiers derived from its content digest: the same summary
 * gives the same document. Validated against NIST's published schema (src/report/exchange-schemas.ts).
 */
import { HARNESS_NS, oneLine, stableUuid } from './exchange-ids';
import type { RuleResult, ScenarioEntry, Summary } from './summary-schema';
import { exchangeStatus, ruleWaiver, scenarioWaiver, type ExchangeStatus } from './waiver-view';

/** The OSCAL release whose assessment-results schema the document follows (see schemas/README.md). */
export const OSCAL_VERSION = '1.0.6';
export const OSCAL_FILE = 'oscal-assessment-results.json';

type Json = Record<string, unknown>;

const prop = (name: string, value: string, remarks?: string): Json => ({
  name,
  ns: HARNESS_NS,
  value: oneLine(value) || 'none',
  ...(remarks ? { remarks } : {}),
});

export function oscalAssessmentResults(summary: Summary): Json {
  const id = (...parts: string[]) => stableUuid(summary.integrity.contentSha256, ...parts);
  const tool = id('tool');
  const subset = summary.inputs.scope === 'subset' ? ' (subset run)' : '';
  const observations = new Map<string, Json>();
  for (const scenario of allScenarios(summary)) {
    const key = scenarioKey(scenario);
    if (!observations.has(key)) observations.set(key, observation(summary, scenario, id(key), tool));
  }
  const findings = summary.rules.map((rule) => finding(rule, id, tool));
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `IPIC security conformance of ${summary.target.identity}${subset}`,
        'last-modified': summary.time.finishedAt,
        version: `${summary.harness.version}+${summary.integrity.contentSha256.slice(0, 12)}`,
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('harness', `${summary.harness.name} ${summary.harness.version}`),
          prop('harness-commit', summary.harness.commit ?? 'unknown'),
          prop('summary-file-sha256', summary.integrity.fileSha256),
          prop('summary-content-sha256', summary.integrity.contentSha256),
        ],
        roles: [{ id: 'assessor', title: 'Assessor' }],
        parties: [{ uuid: tool, type: 'organization', name: summary.harness.name }],
        'responsible-parties': [{ 'role-id': 'assessor', 'party-uuids': [tool] }],
      },
      'import-ap': {
        href: summary.harness.ruleIndex.path,
        remarks: `No OSCAL assessment plan: what was assessed is the harness's rule index (${summary.harness.ruleIndex.path}, SHA-256 ${summary.harness.ruleIndex.sha256}) and its feature files.`,
      },
      results: [
        {
          uuid: id('result'),
          title: `Conformance run on the ${summary.target.kind} target${subset}`,
          description: `Verdict ${summary.outcome.verdict} (exit code ${summary.outcome.exitCode}) for ${summary.target.identity}: the harness's scenarios were run against the target and each rule was judged from the scenarios tagged with it.`,
          start: summary.time.startedAt,
          end: summary.time.finishedAt,
          props: [
            prop('verdict', summary.outcome.verdict),
            prop('exit-code', String(summary.outcome.exitCode)),
            prop('target-kind', summary.target.kind),
            prop('target-identity', summary.target.identity),
            prop('scope', summary.inputs.scope ?? 'full'),
            ...summary.outcome.harnessErrors.map((e) => prop('harness-error', e)),
          ],
          'reviewed-controls': {
            description: `The rules of the harness's rule index, each restating what IBM's documentation says about securing an IPIC connection between z/OS Connect and CICS.`,
            'control-selections': [{ 'include-controls': summary.rules.map((r) => ({ 'control-id': r.id })) }],
            links: summary.rules.map((r) => ({ href: r.ibmPage, rel: 'reference', text: `${r.id}: ${r.statement}` })),
          },
          ...(observations.size > 0 ? { observations: [...observations.values()] } : {}),
          findings,
        },
      ],
      'back-matter': { resources: evidenceResources(summary, id) },
    },
  };
}

function allScenarios(summary: Summary): ScenarioEntry[] {
  return [...summary.rules.flatMap((r) => r.scenarios), ...summary.scenariosWithoutRule];
}

function scenarioKey(s: ScenarioEntry): string {
  return `${s.feature}:${s.line}:${s.name}`;
}

function observation(summary: Summary, s: ScenarioEntry, uuid: string, tool: string): Json {
  const waiver = scenarioWaiver(s);
  const detail = s.reason ?? (s.step ? `${s.step}: ${s.message ?? ''}` : undefined);
  const feature = summary.inputs.features.find((f) => f.path === s.feature);
  return {
    uuid,
    title: s.name,
    description: `Scenario ${s.feature}:${s.line} (rules ${s.rules.join(', ') || 'none'}): ${s.outcome}${detail ? `. ${detail}` : ''}${waiver ? `. Waived: ${waiver.justification}` : ''}`,
    props: [
      prop('outcome', s.outcome),
      prop('feature', s.feature),
      prop('line', String(s.line)),
      ...s.rules.map((r) => prop('rule', r)),
    ],
    methods: ['TEST'],
    types: s.outcome === 'nonconformant' ? ['finding'] : ['control-objective'],
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': tool }] }],
    'relevant-evidence': [
      {
        href: 'conformance.json',
        description: `The sealed conformance summary (file SHA-256 ${summary.integrity.fileSha256}); the scenario's steps and attachments are in the Allure results of the same run.`,
        props: feature ? [prop('feature-sha256', feature.sha256)] : undefined,
      },
    ],
    collected: summary.time.finishedAt,
  };
}

const REMARKS: Record<ExchangeStatus, string> = {
  conformant: 'Every applicable scenario of the rule conformed.',
  nonconformant: 'At least one scenario saw the target break the rule.',
  'not applicable': 'The target could not arrange any scenario of the rule, so it was not verified.',
  'not covered': 'No scenario of this run checks the rule, so it was not verified.',
  'harness error': 'The harness could not check the rule (not a finding about the target).',
  waived: 'The rule was broken, and the break is waived.',
};

function finding(rule: RuleResult, id: (...parts: string[]) => string, tool: string): Json {
  const status = exchangeStatus(rule);
  const waiver = ruleWaiver(rule);
  const why =
    status === 'not applicable'
      ? ` Reasons: ${rule.notApplicableReasons.join('; ')}`
      : status === 'not covered'
        ? ` Because: ${rule.untestable ? `untestable: ${rule.untestable}` : (rule.notCoveredBecause ?? 'no scenario')}`
        : waiver
          ? ` Justification: ${waiver.justification}${waiver.approvedBy ? `; approved by ${waiver.approvedBy}` : ''}${waiver.expires ? `; expires ${waiver.expires}` : ''}`
          : '';
  const related = rule.scenarios.map((s) => ({ 'observation-uuid': id(scenarioKey(s)) }));
  return {
    uuid: id('finding', rule.id),
    title: `${rule.id}: ${status}`,
    description: rule.statement,
    props: [prop('status', status), prop('area', rule.area), ...rule.sources.map((s) => prop('source', s))],
    links: [{ href: rule.ibmPage, rel: 'reference', text: 'IBM documentation' }],
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': tool }] }],
    target: {
      type: 'objective-id',
      'target-id': rule.id,
      title: rule.statement,
      status: {
        state: status === 'conformant' ? 'satisfied' : 'not-satisfied',
        reason: status === 'conformant' ? 'pass' : status === 'nonconformant' ? 'fail' : 'other',
        remarks: `${status}: ${REMARKS[status]}${why}`,
      },
    },
    ...(related.length > 0 ? { 'related-observations': related } : {}),
  };
}

function evidenceResources(summary: Summary, id: (...parts: string[]) => string): Json[] {
  const file = (title: string, href: string, sha: string): Json => ({
    uuid: id('resource', href),
    title,
    rlinks: [{ href, hashes: [{ algorithm: 'SHA-256', value: sha }] }],
  });
  return [
    file('Sealed conformance summary', 'conformance.json', summary.integrity.fileSha256),
    file('Rule index', summary.harness.ruleIndex.path, summary.harness.ruleIndex.sha256),
    ...summary.inputs.features.map((f) => file(`Feature file ${f.path}`, f.path, f.sha256)),
    ...(summary.target.inventory
      ? [file('Target inventory', summary.target.inventory.path, summary.target.inventory.sha256)]
      : []),
    ...(summary.target.files ?? []).map((f) => file(`Definitions file ${f.path}`, f.path, f.sha256)),
  ];
}
