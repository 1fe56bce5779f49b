/**
 * A scenario arranged on a live site: the connection element(s) and users the inventory offered. acquire()
 * probes the CICS port's TCP and TLS stages directly and observes the capability exchange through a request
 * via z/OS Connect; send() calls the whoami API as the scenario's caller. Only black-box observations come
 * back; how they were made goes into evidence (never a secret or an Authorization header).
 */
import { EvidenceLog } from '../evidence-log';
import type {
  Alias,
  Arrangement,
  ConnectionObservation,
  Evidence,
  RequestObservation,
  RequestSpec,
  Situation,
} from '../../../support/target-port';
import type { LoadedInventory } from '../../inventory/load';
import type { Match } from '../../inventory/match';
import type { ResolvedConnection } from '../../inventory/match-connection';
import type { InventoryServer } from '../../inventory/schema';
import { bindProbe, verdictOf, type BindProbeResult } from './bind-probe';
import { classifyResponse, errorMessageOf, messageIdsIn, type Classified } from './classify-response';
import { credentialsFor, type HttpCredentials } from './credentials';
import { callHttps, type HttpsResult } from './https-call';
import type { JwtMinter } from './jwt';
import type { RunLedger } from './ledger';
import { NotApplicableHere } from './not-applicable';
import { checkHttpsReached, checkTcpStage } from './unreachable';

export interface LiveContext {
  loaded: LoadedInventory;
  ledger: RunLedger;
  minterFor(server: InventoryServer): JwtMinter | undefined;
}

export class LiveArrangement implements Arrangement {
  private readonly evidence = new EvidenceLog();

  constructor(
    private readonly ctx: LiveContext,
    private readonly match: Match,
    private readonly situation: Situation,
  ) {
    const describe = (rc: ResolvedConnection) => ({
      zosConnect: rc.server.name,
      connection: rc.connection.id,
      region: rc.region.applid,
      tcpipService: `${rc.tcpipService.name} ${rc.tcpipService.host}:${rc.tcpipService.port}`,
      ipconn: rc.ipconn?.name ?? '(none: CICS would autoinstall one)',
    });
    this.evidence.record('inventory match', {
      site: match.site.name,
      first: describe(match.first),
      second: match.second ? describe(match.second) : undefined,
      users: Object.fromEntries(match.bindings),
      assumptions: situation.assumptions,
      unstatedFieldsThatDifferFromDefaults: match.deviations,
      ...(match.requestsNotApplicable ? { requestsNotApplicable: match.requestsNotApplicable } : {}),
    });
  }

  userIdOf(alias: Alias): string {
    const id = this.match.bindings.get(alias);
    if (id === undefined)
      throw new Error(`no user was chosen for ${alias}: no Given-step of the scenario describes that user`);
    return id;
  }

  async acquire(connection: 1 | 2 = 1): Promise<ConnectionObservation> {
    const rc = this.connection(connection);
    const probe = await this.probe(rc);
    if (probe.stage !== 'passed') return { acquired: false, stage: probe.stage, detail: probe.detail };
    const check = await this.capabilityExchangeCheck(rc);
    return check;
  }

  async send(request: RequestSpec): Promise<RequestObservation> {
    if (this.match.requestsNotApplicable) throw new NotApplicableHere(this.match.requestsNotApplicable);
    const rc = this.connection(request.connection ?? 1);
    const credentials = await credentialsFor(request.caller, this.credentialContext(rc));
    this.spendBudget(rc, credentials);
    const result = await this.call(rc, credentials);
    const classified = classifyResponse(result, this.ctx.loaded.inventory.responses);
    this.recordRequest(rc, credentials, result, classified);
    return this.observationOf(rc, classified);
  }

  takeEvidence(): Evidence[] {
    return this.evidence.take();
  }

  async dispose(): Promise<void> {}

  private connection(n: 1 | 2): ResolvedConnection {
    if (n === 1) return this.match.first;
    if (!this.match.second)
      throw new NotApplicableHere(`no second connection element of ${this.match.first.server.name} fits this scenario`);
    return this.match.second;
  }

  /** TCP and TLS as z/OS Connect would do them on this connection (R16's first two stages). */
  private async probe(rc: ResolvedConnection): Promise<BindProbeResult> {
    const { loaded } = this.ctx;
    const { timeouts, tlsVersions } = loaded.inventory;
    const tls = rc.connection.tls;
    const trustStore =
      tls !== 'none' && tls.trustStore ? loaded.trustStores.get(loaded.resolvePath(tls.trustStore)) : undefined;
    const cert = rc.certificate;
    const result = await bindProbe(
      { host: rc.tcpipService.host, port: rc.tcpipService.port },
      {
        tls:
          tls === 'none'
            ? 'none'
            : {
                certificatePem: cert ? loaded.certificates.get(cert)?.certificatePem : undefined,
                privateKeyPem: cert ? loaded.secrets.get(cert) : undefined,
                trustedCasPem: trustStore,
              },
        versions: tlsVersions,
        timeouts: {
          connectMs: timeouts.connectMs,
          handshakeMs: timeouts.handshakeMs,
          settleMs: timeouts.settleMs,
          verdictWaitMs: timeouts.verdictWaitMs,
        },
      },
    );
    this.evidence.record('bind probe', {
      connection: rc.connection.id,
      endpoint: `${rc.tcpipService.host}:${rc.tcpipService.port}`,
      presented:
        tls === 'none'
          ? 'no TLS'
          : cert
            ? `certificate ${cert.id} (${loaded.certificates.get(cert)?.subject})`
            : 'TLS without a client certificate',
      serverCertificateCheckedAgainst: tls !== 'none' && tls.trustStore ? tls.trustStore : '(not checked)',
      stage: result.stage,
      detail: result.detail,
      attempts: result.attempts.map((a) => ({
        version: a.version,
        outcome: a.attempt.outcome,
        verdict: verdictOf(a.attempt),
        acceptedBecause: a.attempt.outcome === 'accepted' ? a.attempt.signal : undefined,
        reason: 'reason' in a.attempt ? a.attempt.reason : undefined,
        detail: a.attempt.detail,
        code: 'code' in a.attempt ? a.attempt.code : undefined,
        ms: a.ms,
      })),
    });
    // A host that cannot be reached, or an OPEN port nobody listens on, is no observation: harness error.
    checkTcpStage(result, rc.tcpipService, loaded);
    return result;
  }

  /**
   * The capability exchange (R7, R14, R4) cannot be probed without speaking IPIC, so it is observed through
   * z/OS Connect: a whoami request over the connection either comes back as a connection failure, or shows
   * (by running, or by CICS refusing it) that CICS accepted the connection.
   */
  private async capabilityExchangeCheck(rc: ResolvedConnection): Promise<ConnectionObservation> {
    const credentials = this.checkCredentials(rc);
    this.spendBudget(rc, credentials);
    const result = await this.call(rc, credentials);
    const classified = classifyResponse(result, this.ctx.loaded.inventory.responses);
    this.recordRequest(rc, credentials, result, classified, 'capability exchange check');
    if (classified.kind === 'connection failure')
      return {
        acquired: false,
        stage: 'capability exchange',
        detail: `z/OS Connect reported a connection failure (${classified.detail}) after the TLS handshake was accepted`,
      };
    if (classified.kind === 'unrecognised') throw new Error(`harness error: ${classified.reason}`);
    const observation = classified.observation;
    if (observation.outcome === 'refused' && observation.by !== 'CICS') {
      throw new NotApplicableHere(
        `the capability exchange cannot be observed: the check request was refused by ${observation.by} (${observation.detail})`,
      );
    }
    return { acquired: true };
  }

  /** Who makes the capability-exchange check: nobody if z/OS Connect lets anonymous callers in, else a usable user. */
  private checkCredentials(rc: ResolvedConnection): HttpCredentials {
    if (!rc.server.requireAuth)
      return { headers: {}, description: { kind: 'anonymous', purpose: 'capability exchange check' } };
    const { secrets } = this.ctx.loaded;
    const bound = new Set(this.match.bindings.values());
    const usable = this.match.site.racf.users.filter(
      (u) =>
        u.defined &&
        !u.revoked &&
        !u.passwordExpired &&
        u.password !== undefined &&
        u.password !== 'none' &&
        secrets.get(u) !== undefined,
    );
    const user = usable.find((u) => !bound.has(u.id)) ?? usable[0];
    if (!user)
      throw new NotApplicableHere(
        'the capability exchange cannot be observed: z/OS Connect requires authentication and no usable user with a password is declared',
      );
    const password = secrets.get(user) as string;
    return {
      headers: { authorization: `Basic ${Buffer.from(`${user.id}:${password}`, 'utf8').toString('base64')}` },
      description: { kind: 'basic', user: user.id, passwordKind: 'correct', purpose: 'capability exchange check' },
    };
  }

  /** Never more bad-password attempts per account than the inventory allows: decline instead of sending. */
  private spendBudget(rc: ResolvedConnection, credentials: HttpCredentials): void {
    const site = this.match.site;
    const accounts: string[] = [];
    if (credentials.badPasswordFor) accounts.push(credentials.badPasswordFor);
    const authData = rc.connection.authData;
    const authDataCorrect =
      !authData ||
      authData.secret.kind === 'none' ||
      (authData.secret.correct && authData.secret.variant === undefined);
    if (authData?.user && !authDataCorrect) accounts.push(authData.user);
    const spent = this.ctx.ledger.spendAll(site, accounts);
    if (spent !== undefined)
      throw new NotApplicableHere(
        `the request would spend a bad-password attempt on ${spent}, beyond this run's budget of ${this.ctx.ledger.budgetOf(site, spent)}`,
      );
  }

  private async call(rc: ResolvedConnection, credentials: HttpCredentials): Promise<HttpsResult> {
    const { loaded } = this.ctx;
    const server = rc.server;
    const url = new URL(server.baseUrl.replace(/\/$/, '') + rc.connection.whoami.path);
    const result = await callHttps({
      url,
      method: rc.connection.whoami.method,
      headers: credentials.headers,
      trustedCasPem: server.trustStore ? loaded.trustStores.get(loaded.resolvePath(server.trustStore)) : undefined,
      verifyServerCertificate: server.verifyServerCertificate,
      clientCertificate: credentials.clientCertificate,
      timeoutMs: loaded.inventory.timeouts.requestMs,
    });
    // z/OS Connect not answering is never a refusal: name the endpoint and the inventory line instead.
    checkHttpsReached(result, url, server, loaded);
    return result;
  }

  /**
   * A connection failure, or a 5xx on a connection whose TCP or TLS stage fails, means the request was not
   * sent: the bind probe says at which stage. Past TLS, a connection failure is the capability exchange.
   */
  private async observationOf(rc: ResolvedConnection, classified: Classified): Promise<RequestObservation> {
    if (classified.kind === 'unrecognised') throw new Error(`harness error: ${classified.reason}`);
    const refusedByCics =
      classified.kind === 'observed' &&
      classified.observation.outcome === 'refused' &&
      classified.observation.by === 'CICS';
    if (classified.kind === 'observed' && !refusedByCics) return classified.observation;
    const probe = await this.probe(rc);
    if (probe.stage !== 'passed') return { outcome: 'not sent', stage: probe.stage, detail: probe.detail };
    if (classified.kind === 'connection failure')
      return { outcome: 'not sent', stage: 'capability exchange', detail: classified.detail };
    return classified.observation;
  }

  private credentialContext(rc: ResolvedConnection) {
    return {
      loaded: this.ctx.loaded,
      site: this.match.site,
      userIdOf: (alias: string) => this.userIdOf(alias),
      minter: this.ctx.minterFor(rc.server),
      httpCertificateStatus: (alias: string) =>
        this.situation.users[alias]?.httpCertificateTrusted === false ? ('NOTRUST' as const) : ('TRUST' as const),
    };
  }

  private recordRequest(
    rc: ResolvedConnection,
    credentials: HttpCredentials,
    result: HttpsResult,
    classified: Classified,
    purpose = 'request',
  ): void {
    const response =
      result.kind === 'response'
        ? {
            status: result.status,
            contentType: result.contentType,
            wwwAuthenticate: result.wwwAuthenticate,
            messageIds: messageIdsIn(result.body),
            errorMessage: errorMessageOf(result.body)?.slice(0, 300),
          }
        : { failure: result.kind, code: result.code };
    this.evidence.record(purpose, {
      connection: rc.connection.id,
      route: `${rc.connection.whoami.method} ${rc.server.baseUrl.replace(/\/$/, '')}${rc.connection.whoami.path}`,
      caller: credentials.description,
      response,
      ms: result.ms,
      classified: classified.kind === 'observed' ? classified.observation : classified,
    });
  }
}
