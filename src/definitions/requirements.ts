/**
 * Configuration requirements: what the documentation says a site's definitions must look like, checked
 * on the definitions alone, before anyone touches a running system. Each requirement selects the
 * definitions it is about (its scope) and reports every one that breaks it, with the file and line of
 * each statement involved. Where the reference model already decides the question (a TLS handshake,
 * a certificate mapping), the check asks the model rather than restating the rule.
 */
import { acquireConnection, type Ipconn } from '../model';
import { mapCertificate } from '../model/racf';
import {
  formatLocation,
  type DefinitionSource,
  type SiteDefinitions,
  type SourceLocation,
} from '../../support/definitions-port';
import { connectionPaths, isCopyOfCsmi, type ConnectionPath } from './connection-paths';

export interface Examined {
  /** What was looked at, e.g. "IPCONN ZCACCT reached by cicsAccounts". */
  subject: string;
  at: SourceLocation[];
}

export interface Finding extends Examined {
  problem: string;
}

export interface RequirementResult {
  examined: Examined[];
  findings: Finding[];
  /** Why nothing is in scope, when nothing is. */
  emptyScope?: string;
}

export interface Requirement {
  id: string;
  rules: string[];
  /** The When-step phrase: what the auditor lists. */
  scope: string;
  /** The Then-step phrase: what each of them must do. */
  condition: string;
  check(definitions: SiteDefinitions): RequirementResult;
}

type Kind = keyof SiteDefinitions['sources'];

class Locator {
  constructor(private readonly defs: SiteDefinitions) {}

  /** The statement, or one of its attributes when written, of a named definition. */
  of(kind: Kind, name: string | undefined, attribute?: string): SourceLocation[] {
    if (name === undefined) return [];
    const source = (this.defs.sources[kind] as Record<string, DefinitionSource | undefined>)[name];
    if (!source) return [];
    return [(attribute && source.attributes[attribute]) || source.at];
  }
}

function result(examined: Examined[], findings: Finding[], emptyScope: string): RequirementResult {
  return examined.length === 0 ? { examined, findings, emptyScope } : { examined, findings };
}

function clientAuthenticated(path: ConnectionPath): boolean {
  return path.service?.ssl === 'CLIENTAUTH' && !path.service.atTls;
}

const identifyTrust: Requirement = {
  id: 'R14',
  rules: ['R14', 'R45'],
  scope: 'the IPCONNs with USERAUTH(IDENTIFY) that z/OS Connect reaches from outside the sysplex',
  condition: 'sits behind a TCPIPSERVICE with SSL(CLIENTAUTH)',
  check(defs) {
    const find = new Locator(defs);
    if (defs.site.zosConnect.sameSysplex)
      return result(
        [],
        [],
        "z/OS Connect runs in the CICS region's sysplex (site.yaml), so no IDENTIFY connection comes from outside it",
      );
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const path of connectionPaths(defs.site).filter((p) => p.ipconn?.userauth === 'IDENTIFY')) {
      const ipconn = path.ipconn as Ipconn;
      const at = [
        ...find.of('ipconn', ipconn.name, 'USERAUTH'),
        ...find.of('tcpipService', path.service?.name, 'SSL'),
        ...find.of('zosConnection', path.conn.id),
        ...find.of('manifest', 'sameSysplex'),
      ];
      const subject = `IPCONN ${ipconn.name} (USERAUTH(IDENTIFY)) reached by z/OS Connect connection ${path.conn.id}`;
      examined.push({ subject, at });
      if (!clientAuthenticated(path)) {
        const how = path.service?.atTls
          ? 'AT-TLS, which hides the client certificate from CICS (R15)'
          : `SSL(${path.service?.ssl})`;
        findings.push({
          subject,
          at,
          problem: `sits behind TCPIPSERVICE ${path.service?.name} with ${how}, and z/OS Connect runs outside the sysplex: CICS will not acquire the connection (DFHIS2040)`,
        });
      }
    }
    return result(examined, findings, 'no IPCONN with USERAUTH(IDENTIFY) is reached by a z/OS Connect connection');
  },
};

const certuserNeedsClientAuth: Requirement = {
  id: 'R4',
  rules: ['R4', 'R15'],
  scope: 'the IPCONNs with LINKAUTH(CERTUSER)',
  condition: 'names a TCPIPSERVICE with SSL(CLIENTAUTH)',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const ipconn of defs.site.ipconns.filter((i) => i.linkauth === 'CERTUSER')) {
      const service = defs.site.tcpipServices.find((s) => s.name === ipconn.tcpipservice);
      const at = [...find.of('ipconn', ipconn.name, 'LINKAUTH'), ...find.of('tcpipService', service?.name, 'SSL')];
      const subject = `IPCONN ${ipconn.name} (LINKAUTH(CERTUSER))`;
      examined.push({ subject, at });
      if (!service)
        findings.push({
          subject,
          at,
          problem: `names ${ipconn.tcpipservice ? `TCPIPSERVICE ${ipconn.tcpipservice}, which is not an IPIC service in the definitions` : 'no TCPIPSERVICE'}: no certificate can reach it`,
        });
      else if (service.ssl !== 'CLIENTAUTH' || service.atTls)
        findings.push({
          subject,
          at,
          problem: `sits behind TCPIPSERVICE ${service.name} with ${service.atTls ? 'AT-TLS (R15)' : `SSL(${service.ssl})`}: no client certificate is received, so no link user can be derived`,
        });
    }
    return result(examined, findings, 'no IPCONN has LINKAUTH(CERTUSER)');
  },
};

const verifyNeedsAuthData: Requirement = {
  id: 'R31',
  rules: ['R31', 'R54'],
  scope: 'the connections z/OS Connect makes to an IPCONN with USERAUTH(VERIFY)',
  condition: 'has an authDataRef to a zosconnect_authData with both user and password',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const path of connectionPaths(defs.site).filter((p) => p.ipconn?.userauth === 'VERIFY')) {
      const ipconn = path.ipconn as Ipconn;
      const at = [
        ...find.of('zosConnection', path.conn.id, 'authDataRef'),
        ...find.of('authData', path.conn.authDataRef),
        ...find.of('ipconn', ipconn.name, 'USERAUTH'),
      ];
      const subject = `z/OS Connect connection ${path.conn.id} to IPCONN ${ipconn.name} (USERAUTH(VERIFY))`;
      examined.push({ subject, at });
      const authData = path.authData;
      if (!path.conn.authDataRef)
        findings.push({
          subject,
          at,
          problem: 'has no authDataRef: no password is sent, so CICS rejects every request (R28)',
        });
      else if (!authData)
        findings.push({
          subject,
          at,
          problem: `has authDataRef ${path.conn.authDataRef}, which names no zosconnect_authData`,
        });
      else if (!authData.user || !authData.password)
        findings.push({
          subject,
          at,
          problem: `uses authData ${authData.id}, which lacks ${!authData.user ? 'a user' : 'a password'}: z/OS Connect sends no request`,
        });
    }
    return result(examined, findings, 'no z/OS Connect connection reaches an IPCONN with USERAUTH(VERIFY)');
  },
};

/** The link user CICS derives for an IPCONN (R2, R17, R18), before any R20 fallback. */
function linkUsers(
  defs: SiteDefinitions,
  ipconn: Ipconn,
  paths: ConnectionPath[],
): { user: string; how: string; at: SourceLocation[] }[] {
  const find = new Locator(defs);
  if (ipconn.linkauth === 'SECUSER') {
    if (ipconn.securityname)
      return [
        {
          user: ipconn.securityname,
          how: `SECURITYNAME(${ipconn.securityname})`,
          at: find.of('ipconn', ipconn.name, 'SECURITYNAME'),
        },
      ];
    return [
      {
        user: defs.site.region.dfltuser,
        how: `a blank SECURITYNAME, which means DFLTUSER=${defs.site.region.dfltuser}`,
        at: [...find.of('ipconn', ipconn.name), ...find.of('sit', 'DFLTUSER')],
      },
    ];
  }
  return paths
    .filter((p) => p.ipconn === ipconn && p.repertoire?.clientCertificate)
    .flatMap((p) => {
      const cert = p.repertoire?.clientCertificate;
      const mapping = cert ? mapCertificate(defs.site.racf, cert) : undefined;
      return mapping
        ? [
            {
              user: mapping.userid,
              how: `the client certificate of connection ${p.conn.id}`,
              at: [
                ...find.of('ipconn', ipconn.name, 'LINKAUTH'),
                ...find.of('zosConnection', p.conn.id),
                ...find.of('certificate', cert?.subject),
              ],
            },
          ]
        : [];
    });
}

const linkUserNotRegionUser: Requirement = {
  id: 'R21',
  rules: ['R21', 'R22'],
  scope: 'the link users of the IPCONNs',
  condition: 'differs from the region user ID',
  check(defs) {
    const find = new Locator(defs);
    const paths = connectionPaths(defs.site);
    const region = defs.site.region.regionUserid;
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const ipconn of defs.site.ipconns) {
      for (const link of linkUsers(defs, ipconn, paths)) {
        const subject = `IPCONN ${ipconn.name}, link user ${link.user} from ${link.how}`;
        const at = [...link.at, ...find.of('manifest', 'regionUserid')];
        examined.push({ subject, at });
        if (link.user === region)
          findings.push({
            subject,
            at,
            problem: `is the region user ID ${region}: CICS then omits link security, so the link no longer caps what requests may do`,
          });
      }
    }
    return result(examined, findings, 'no IPCONN has a link user the definitions reveal');
  },
};

const uniquePartners: Requirement = {
  id: 'R7',
  rules: ['R7'],
  scope: 'the IPCONNs',
  condition: 'has an APPLID and NETWORKID that no other IPCONN has',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const ipconn of defs.site.ipconns) {
      const subject = `IPCONN ${ipconn.name} (${ipconn.networkid}.${ipconn.applid})`;
      const at = find.of('ipconn', ipconn.name);
      examined.push({ subject, at });
      const twins = defs.site.ipconns.filter(
        (o) => o !== ipconn && o.applid === ipconn.applid && o.networkid === ipconn.networkid,
      );
      if (twins.length > 0)
        findings.push({
          subject,
          at: [...at, ...twins.flatMap((t) => find.of('ipconn', t.name))],
          problem: `shares APPLID and NETWORKID with ${twins.map((t) => `IPCONN ${t.name}`).join(', ')}: CICS cannot install both`,
        });
    }
    return result(examined, findings, 'the definitions hold no IPCONN');
  },
};

const mirrorsAreCopies: Requirement = {
  id: 'R48',
  rules: ['R48'],
  scope: 'the transactions z/OS Connect connections ask for',
  condition: 'is defined as a copy of CSMI with PROGRAM(DFHMIRS) and PROFILE(DFHCICSA)',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const conn of defs.site.zosConnect.connections.filter((c) => c.transid && c.transid !== 'CSMI')) {
      const transid = conn.transid as string;
      const tx = defs.site.transactions.find((t) => t.transid === transid);
      const subject = `transaction ${transid}, named by z/OS Connect connection ${conn.id}`;
      const at = [...find.of('transaction', transid), ...find.of('zosConnection', conn.id, 'transid')];
      examined.push({ subject, at });
      if (!tx)
        findings.push({ subject, at, problem: 'is not defined in the CSD extract: CICS cannot attach it (DFHIS1025)' });
      else if (!isCopyOfCsmi(tx))
        findings.push({
          subject,
          at: [...find.of('transaction', transid, tx.program !== 'DFHMIRS' ? 'PROGRAM' : 'PROFILE'), ...at.slice(1)],
          problem: `has PROGRAM(${tx.program || '(none)'}) PROFILE(${tx.profile}): it is not a copy of CSMI, so the mirror cannot run it`,
        });
    }
    return result(examined, findings, 'no z/OS Connect connection names its own transid');
  },
};

const linkUserValid: Requirement = {
  id: 'R20',
  rules: ['R20', 'R17'],
  scope: 'the IPCONNs with LINKAUTH(SECUSER) and a SECURITYNAME',
  condition: 'names a RACF user that is defined and not revoked',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const ipconn of defs.site.ipconns.filter((i) => i.linkauth === 'SECUSER' && i.securityname)) {
      const name = ipconn.securityname as string;
      const user = defs.site.racf.users.find((u) => u.id === name);
      const subject = `IPCONN ${ipconn.name}, SECURITYNAME(${name})`;
      const at = [...find.of('ipconn', ipconn.name, 'SECURITYNAME'), ...find.of('racfUser', name)];
      examined.push({ subject, at });
      if (!user || user.revoked)
        findings.push({
          subject,
          at,
          problem: `names a user that is ${user ? 'revoked' : 'not defined in the RACF commands'}: the link silently runs with the default user's authority instead`,
        });
    }
    return result(examined, findings, 'no IPCONN names a SECURITYNAME');
  },
};

const tlsAgreement: Requirement = {
  id: 'R6',
  rules: ['R6', 'R15'],
  scope: 'the connections z/OS Connect makes to CICS',
  condition: 'uses TLS exactly when its TCPIPSERVICE does',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const path of connectionPaths(defs.site).filter((p) => p.service)) {
      const service = path.service as NonNullable<ConnectionPath['service']>;
      const subject = `z/OS Connect connection ${path.conn.id} to TCPIPSERVICE ${service.name}`;
      const at = [
        ...find.of('zosConnection', path.conn.id, 'sslCertsRef'),
        ...find.of('tcpipService', service.name, 'SSL'),
      ];
      examined.push({ subject, at });
      const cicsSpeaksTls = service.ssl !== 'NO' || service.atTls;
      if (cicsSpeaksTls && !path.conn.sslCertsRef)
        findings.push({
          subject,
          at,
          problem: `has no sslCertsRef, but the TCPIPSERVICE expects TLS (${service.atTls ? 'AT-TLS' : `SSL(${service.ssl})`})`,
        });
      else if (!cicsSpeaksTls && path.conn.sslCertsRef)
        findings.push({
          subject,
          at,
          problem: `starts TLS (sslCertsRef ${path.conn.sslCertsRef}), but the TCPIPSERVICE is SSL(NO)`,
        });
      else if (path.conn.sslCertsRef && !path.repertoire)
        findings.push({
          subject,
          at,
          problem: `has sslCertsRef ${path.conn.sslCertsRef}, which names no <ssl> element`,
        });
    }
    return result(examined, findings, 'no z/OS Connect connection reaches an IPIC TCPIPSERVICE');
  },
};

const portsListen: Requirement = {
  id: 'R53',
  rules: ['R53', 'R16'],
  scope: 'the connections z/OS Connect makes to CICS',
  condition: 'reaches an open IPIC TCPIPSERVICE on its port',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const conn of defs.site.zosConnect.connections) {
      const service = defs.site.tcpipServices.find((s) => s.port === conn.port);
      const subject = `z/OS Connect connection ${conn.id} to port ${conn.port}`;
      const at = [...find.of('zosConnection', conn.id, 'port'), ...find.of('tcpipService', service?.name, 'STATUS')];
      examined.push({ subject, at });
      if (!service)
        findings.push({ subject, at, problem: 'reaches no PROTOCOL(IPIC) TCPIPSERVICE in the CSD extract' });
      else if (!service.open)
        findings.push({ subject, at, problem: `reaches TCPIPSERVICE ${service.name}, which is STATUS(CLOSED)` });
    }
    return result(examined, findings, 'server.xml defines no zosconnect_cicsIpicConnection');
  },
};

const clientCertificateAccepted: Requirement = {
  id: 'R12',
  rules: ['R11', 'R12', 'R13'],
  scope: 'the connections z/OS Connect makes to a TCPIPSERVICE with SSL(CLIENTAUTH)',
  condition: 'presents a client certificate CICS accepts in the TLS handshake',
  check(defs) {
    const find = new Locator(defs);
    const examined: Examined[] = [];
    const findings: Finding[] = [];
    for (const path of connectionPaths(defs.site).filter((p) => p.service?.open && clientAuthenticated(p))) {
      const cert = path.repertoire?.clientCertificate;
      const subject = `z/OS Connect connection ${path.conn.id} to TCPIPSERVICE ${path.service?.name}`;
      const at = [
        ...find.of('zosConnection', path.conn.id, 'sslCertsRef'),
        ...find.of('ssl', path.conn.sslCertsRef),
        ...find.of('certificate', cert?.subject),
      ];
      examined.push({ subject, at });
      const decision = acquireConnection(defs.site, defs.options, path.conn.id);
      if (!decision.acquired && decision.stage === 'tls')
        findings.push({ subject, at, problem: `is refused in the TLS handshake: ${decision.reason}` });
    }
    return result(examined, findings, 'no z/OS Connect connection reaches a TCPIPSERVICE with SSL(CLIENTAUTH)');
  },
};

export const REQUIREMENTS: readonly Requirement[] = [
  identifyTrust,
  certuserNeedsClientAuth,
  verifyNeedsAuthData,
  linkUserNotRegionUser,
  uniquePartners,
  mirrorsAreCopies,
  linkUserValid,
  tlsAgreement,
  portsListen,
  clientCertificateAccepted,
];

export function requirementFor(scope: string, condition?: string): Requirement | undefined {
  return REQUIREMENTS.find((r) => r.scope === scope && (condition === undefined || r.condition === condition));
}

/** One line per finding: the rule, the definition, what is wrong, and where each statement is. */
export function describeFinding(requirement: Requirement, finding: Finding): string {
  return `${requirement.rules.join('/')}: ${finding.subject} ${finding.problem} [${finding.at.map(formatLocation).join(', ')}]`;
}
