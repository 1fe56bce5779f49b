/**
 * How the exchange formats (OSCAL, SARIF, the fleet) see a waived rule or scenario. The WAIVED outcome is
 * added to the summary by separate work; until it lands no summary carries one, and these readers return
 * undefined. They read the few shapes that work may give it (a `waived` status or outcome, with the
 * justification under `waiver`), so that the integrator connects it here, in one place.
 */
import type { RuleResult, ScenarioEntry } from './summary-schema';

export interface WaiverView {
  justification: string;
  /** Who granted it and until when, when the summary says. */
  approvedBy?: string;
  expires?: string;
}

/** Every status a rule can have in the exchange formats: the summary's own, and waived. */
export type ExchangeStatus = RuleResult['status'] | 'waived';

type Loose = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function waiverIn(entry: Loose): WaiverView | undefined {
  const waiver = (entry.waiver && typeof entry.waiver === 'object' ? entry.waiver : {}) as Loose;
  const justification =
    text(waiver.justification) ?? text(waiver.reason) ?? text(entry.waivedBecause) ?? text(entry.justification);
  const waived = entry.status === 'waived' || entry.outcome === 'waived' || Object.keys(waiver).length > 0;
  if (!waived) return undefined;
  return {
    justification: justification ?? 'waived (the summary gives no justification)',
    approvedBy: text(waiver.approvedBy) ?? text(waiver.by),
    expires: text(waiver.expires),
  };
}

export function ruleWaiver(rule: RuleResult): WaiverView | undefined {
  return waiverIn(rule as unknown as Loose);
}

export function scenarioWaiver(scenario: ScenarioEntry): WaiverView | undefined {
  return waiverIn(scenario as unknown as Loose);
}

/** The rule's status, with waived in place of the status a waiver covers. */
export function exchangeStatus(rule: RuleResult): ExchangeStatus {
  return ruleWaiver(rule) ? 'waived' : rule.status;
}

/** A scenario whose nonconformance stands (it was not waived). */
export function standingNonconformance(scenario: ScenarioEntry): boolean {
  return scenario.outcome === 'nonconformant' && !scenarioWaiver(scenario);
}
