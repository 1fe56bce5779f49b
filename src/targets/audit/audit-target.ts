/**
 * IPIC_TARGET=audit: the reference model run on a site's real definitions (IPIC_DEFINITIONS=dir, see
 * docs/audit.md). For each scenario it looks for a z/OS Connect connection, and the CICS and RACF
 * definitions it reaches, that fit the scenario's Situation; the model then decides on the site as
 * defined. A scenario no connection fits is not applicable, with the reason for each connection. The
 * target also offers the definitions themselves (support/definitions-port.ts) for the
 * configuration-requirement scenarios.
 */
import { EvidenceLog } from '../evidence-log';
import { acquireConnection, decideRequest, installProblems, type ModelOptions, type Site } from '../../model';
import type { DefinitionsPort, SiteDefinitions } from '../../../support/definitions-port';
import { formatLocation } from '../../../support/definitions-port';
import { createMasker, type Masker } from '../../../support/redaction';
import type {
  Alias,
  Arrangement,
  Evidence,
  NotApplicable,
  RequestSpec,
  Situation,
  Target,
} from '../../../support/target-port';
import type { LoadedSite } from '../../definitions/load-site';
import { observeConnection, observeRequest, withRacfUpdates } from '../model/observe';
import { redactSite } from '../model/redact';
import { describeSkip, describeWarning } from '../../definitions/diagnostics';
import { bindAliases } from './aliases';
import { CallerUnavailable, httpCaller, UnboundAlias } from './callers';
import { connectionPaths, type ConnectionPath } from '../../definitions/connection-paths';
import { mergeForced, pathFit, regionFit, type FitContext, type Forced } from './situation-fit';

export type AuditTarget = Target & DefinitionsPort;

export function createAuditTarget(loaded: LoadedSite, options: ModelOptions): AuditTarget {
  const masker = createMasker(loaded.secrets);
  return {
    describe: () => ({
      kind: 'audit',
      identity: `site definitions in ${loaded.origin}`,
      options: { ...(options as unknown as Record<string, string>), definitions: loaded.origin },
      files: loaded.filesRead.map((f) => ({ path: f.file, sha256: f.sha256 })),
      notes: [...loaded.warnings.map(describeWarning), ...loaded.skipped.map(describeSkip)].map((n) => masker.text(n)),
    }),
    arrange: async (situation) => arrange(situation, loaded, options, masker),
    definitions: async (): Promise<SiteDefinitions> => ({
      origin: loaded.origin,
      site: redactSite(loaded.site),
      sources: loaded.sources,
      options,
    }),
  };
}

function arrange(s: Situation, loaded: LoadedSite, options: ModelOptions, masker: Masker): Arrangement | NotApplicable {
  for (const [name, expected] of Object.entries(s.assumptions)) {
    const actual = (options as unknown as Record<string, string>)[name];
    if (actual !== expected)
      return {
        notApplicable: `the scenario assumes ${name}=${expected}; this audit is configured with ${name}=${actual}`,
      };
  }
  const site = loaded.site;
  const regionReason = regionFit(s, site);
  if (regionReason) return { notApplicable: `${loaded.origin}: ${regionReason}` };
  const ctx: FitContext = {
    site,
    opaqueAuthData: new Set(loaded.opaqueAuthData),
    opaqueRacfUsers: new Set(loaded.opaqueRacfUsers),
  };
  const paths = connectionPaths(site);
  if (paths.length === 0) return { notApplicable: `${loaded.origin} defines no zosconnect_cicsIpicConnection` };
  const reasons: string[] = [];
  const where = (p: ConnectionPath) => `${p.conn.id} (${at(loaded, p.conn.id)})`;
  for (const first of paths) {
    const fit = pathFit(s, first, s.zosConnect.tls, ctx);
    if ('reason' in fit) {
      reasons.push(`${where(first)}: ${fit.reason}`);
      continue;
    }
    const second = s.zosConnect.secondConnectionCertificate;
    const partners = paths.filter((p) => p !== first);
    let lastReason = second ? 'no second connection fits' : undefined;
    for (const partner of second ? partners : [undefined]) {
      const chosen = partner ? [first, partner] : [first];
      const forced: Forced = new Map(fit.forced);
      if (partner) {
        const fit2 = pathFit(s, partner, second, ctx);
        if ('reason' in fit2) {
          lastReason = `with ${partner.conn.id} as the second connection: ${fit2.reason}`;
          continue;
        }
        const clash = mergeForced(forced, fit2.forced);
        if (clash) {
          lastReason = `with ${partner.conn.id} as the second connection: ${clash}`;
          continue;
        }
      }
      const callersCount = chosen.some(
        (p) =>
          (p.ipconn?.userauth === 'IDENTIFY' || p.ipconn?.userauth === 'VERIFY') &&
          (!p.conn.authDataRef || options.authDataPrecedence === 'fallback'),
      );
      const bound = bindAliases(s, forced, chosen, site, callersCount);
      if ('reason' in bound) {
        lastReason = bound.reason;
        continue;
      }
      // Catalog U3: under installChecks=install-time CICS would not have installed a broken IPCONN at all.
      const chosenIpconns = chosen.flatMap((p) => (p.ipconn ? [p.ipconn] : []));
      const uninstallable = installProblems({ ...site, ipconns: chosenIpconns }, options);
      if (uninstallable.length > 0) {
        lastReason = `with installChecks=install-time CICS would not install it: ${uninstallable.join('; ')}`;
        continue;
      }
      if (!partner) {
        // Without a second certificate in the scenario, a second connection is any other that fits alike.
        const alike = partners.find((p) => {
          const f = pathFit(s, p, s.zosConnect.tls, ctx);
          return !('reason' in f) && [...f.forced].every(([alias, v]) => bound.bindings.get(alias) === v.userid);
        });
        if (alike) chosen.push(alike);
      }
      const trusted = (alias: Alias) => s.users[alias]?.httpCertificateTrusted !== false;
      return new AuditArrangement(site, options, chosen, bound.bindings, loaded, masker, trusted);
    }
    reasons.push(`${where(first)}: ${lastReason ?? 'does not fit'}`);
  }
  return { notApplicable: `no z/OS Connect connection in ${loaded.origin} fits this scenario: ${reasons.join('; ')}` };
}

function at(loaded: LoadedSite, connectionId: string): string {
  const source = loaded.sources.zosConnection[connectionId];
  return source ? formatLocation(source.at) : 'server.xml';
}

class AuditArrangement implements Arrangement {
  private readonly evidence = new EvidenceLog((text) => this.masker.text(text));
  private site: Site;

  constructor(
    site: Site,
    private readonly options: ModelOptions,
    private readonly paths: ConnectionPath[],
    private readonly bindings: Map<Alias, string>,
    private readonly loaded: LoadedSite,
    private readonly masker: Masker,
    /** Whether the scenario wants an alias's HTTP client certificate held with TRUST (R18). */
    private readonly trustedCertificate: (alias: Alias) => boolean,
  ) {
    this.site = site;
    this.evidence.record('audit: definitions this scenario runs on', {
      definitions: loaded.origin,
      connections: paths.map((p) => ({
        zosConnect: { id: p.conn.id, at: at(loaded, p.conn.id) },
        tcpipService: p.service ? { name: p.service.name, at: this.where('tcpipService', p.service.name) } : null,
        ipconn: p.ipconn ? { name: p.ipconn.name, at: this.where('ipconn', p.ipconn.name) } : '(autoinstalled)',
        mirror: p.mirror,
      })),
      users: Object.fromEntries(bindings),
    });
    this.evidence.record('site definitions (secrets redacted)', redactSite(site));
  }

  userIdOf(alias: Alias): string {
    const id = this.bindings.get(alias);
    if (id === undefined) throw new UnboundAlias(alias);
    return id;
  }

  async acquire(connection: 1 | 2 = 1) {
    const decision = acquireConnection(this.site, this.options, this.path(connection).conn.id);
    this.evidence.record('model decision on the site: acquire IPIC connection', decision);
    return observeConnection(decision);
  }

  async send(request: RequestSpec) {
    const caller = httpCaller(request.caller, this.site, (alias) => this.userIdOf(alias), this.trustedCertificate);
    const decision = decideRequest(this.site, this.options, this.path(request.connection ?? 1).conn.id, caller);
    this.evidence.record('model decision on the site: request', decision);
    // Bad passwords count within a scenario, as on the model target; the loaded site is never changed.
    this.site = withRacfUpdates(this.site, decision.updates);
    return observeRequest(decision);
  }

  takeEvidence(): Evidence[] {
    return this.evidence.take();
  }

  async dispose(): Promise<void> {}

  private path(connection: 1 | 2): ConnectionPath {
    const path = this.paths[connection - 1];
    if (!path)
      throw new CallerUnavailable(
        `no second z/OS Connect connection in ${this.loaded.origin} fits the scenario like the first`,
      );
    return path;
  }

  private where(kind: 'tcpipService' | 'ipconn', name: string): string {
    const source = this.loaded.sources[kind][name];
    return source ? formatLocation(source.at) : '?';
  }
}
