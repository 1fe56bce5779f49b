/**
 * Acquiring the IPIC connection from z/OS Connect (R16): TCP, then TLS, then the capability exchange.
 * The first stage that fails wins. On success the decision names the IPCONN and its link user.
 */
import type { ModelOptions } from './options';
import { findUser, mapCertificate } from './racf';
import { startupFailure } from './startup';
import type { Certificate, Ipconn, Site, SslMode, TcpipService, ZosConnectConnection } from './site';
import { Trace, type TraceEntry } from './trace';

export type ConnectionStage = 'tcp' | 'tls' | 'capability exchange';

export type ConnectionDecision =
  | { acquired: true; ipconn: Ipconn; linkUser: string | null; trace: TraceEntry[] }
  | { acquired: false; stage: ConnectionStage; reason: string; trace: TraceEntry[] };

export function zosConnectConnection(site: Site, id: string): ZosConnectConnection {
  const conn = site.zosConnect.connections.find((c) => c.id === id);
  if (!conn) throw new Error(`no zosconnect_cicsIpicConnection with id ${id}`);
  return conn;
}

export function acquireConnection(site: Site, options: ModelOptions, connectionId: string): ConnectionDecision {
  const trace = new Trace();
  const refuse = (stage: ConnectionStage, rule: string, reason: string, message?: string): ConnectionDecision => {
    trace.add(rule, reason, message);
    return { acquired: false, stage, reason, trace: trace.entries };
  };
  const conn = zosConnectConnection(site, connectionId);

  const notStarted = startupFailure(site);
  if (notStarted) return refuse('tcp', 'R9', notStarted, 'DFHXS1104');
  const service = site.tcpipServices.find((s) => s.port === conn.port && s.open);
  if (!service) return refuse('tcp', 'R16', `no open TCPIPSERVICE listens on port ${conn.port}`);
  trace.add('R16', `TCP connection accepted by TCPIPSERVICE ${service.name}`);

  const tls = handshake(site, options, conn, service, trace);
  if ('refused' in tls) return refuse('tls', tls.rule, tls.refused, tls.message);

  const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;
  // A blank APPLID (zosConnectApplid unset, U14) matches no defined IPCONN: CICS passes the connect
  // request to the autoinstall program, which names it from a suggested APPLID (DFHISAIC, isaic_applid).
  if (conn.applid === '' && options.zosConnectApplidUnset === 'undecided')
    throw new Error(
      `zosconnect_cicsIpicConnection ${conn.id} sets no zosConnectApplid, and IPIC_MODEL_OPTIONS says zosConnectApplidUnset=undecided: which IPCONN CICS uses is not decided (U14)`,
    );
  const ipconn =
    conn.applid === ''
      ? undefined
      : site.ipconns.find(
          (i) => i.applid === conn.applid && i.networkid === conn.networkid && i.tcpipservice === service.name,
        );
  const effective = ipconn ?? autoinstalled(conn, service);
  if (!effective) {
    return refuse(
      'capability exchange',
      'R7',
      'no IPCONN matches APPLID/NETWORKID and autoinstall is refused',
      'DFHIS1011 AUTOINSTALL_FAILED',
    );
  }
  if (!ipconn)
    trace.add('R7', `IPCONN autoinstalled for ${conn.networkid}.${conn.applid} with default security`, 'DFHIS3000');
  if (!effective.inService) {
    return refuse(
      'capability exchange',
      'R7',
      `IPCONN ${effective.name} is out of service`,
      'DFHIS1011 INVALID_PARTNER_STATE',
    );
  }
  const trustCheck = site.region.sec || options.identifyTrustUnderSecNo === 'enforced';
  if (effective.userauth === 'IDENTIFY' && trustCheck && !clientAuthenticated && !site.zosConnect.sameSysplex) {
    return refuse(
      'capability exchange',
      'R14',
      'USERAUTH(IDENTIFY) needs TLS client authentication or a partner in the same sysplex',
      'DFHIS2040 SECURITY_VIOLATION',
    );
  }
  if (effective.linkauth === 'CERTUSER' && tls.certificateUser === undefined) {
    return refuse(
      'capability exchange',
      'R4',
      'LINKAUTH(CERTUSER) but no mapped client certificate was received',
      'DFHIS2040 SECURITY_VIOLATION',
    );
  }
  const linkUser = deriveLinkUser(site, effective, tls.certificateUser, trace);
  trace.add('R16', `IPCONN ${effective.name} acquired, USERAUTH(${effective.userauth})`);
  return { acquired: true, ipconn: effective, linkUser, trace: trace.entries };
}

type Handshake = { certificateUser?: string } | { refused: string; rule: string; message?: string };

function handshake(
  site: Site,
  options: ModelOptions,
  conn: ZosConnectConnection,
  service: TcpipService,
  trace: Trace,
): Handshake {
  const repertoire = conn.sslCertsRef ? site.zosConnect.ssl.find((s) => s.id === conn.sslCertsRef) : undefined;
  if (conn.sslCertsRef && !repertoire) throw new Error(`sslCertsRef ${conn.sslCertsRef} names no <ssl> element`);
  const serverSpeaksTls: SslMode | 'AT-TLS' = service.atTls ? 'AT-TLS' : service.ssl;
  if (serverSpeaksTls === 'NO') {
    return repertoire ? { refused: 'z/OS Connect starts TLS but the TCPIPSERVICE is SSL(NO)', rule: 'R6' } : {};
  }
  if (!repertoire)
    return { refused: `TCPIPSERVICE is ${serverSpeaksTls} but z/OS Connect does not use TLS`, rule: 'R6' };
  if (!repertoire.trustsServerCertificate)
    return { refused: 'z/OS Connect does not trust the CICS server certificate', rule: 'R55' };
  if (serverSpeaksTls !== 'CLIENTAUTH') {
    trace.add(
      service.atTls ? 'R15' : 'R10',
      `TLS without client authentication (${serverSpeaksTls}): no bind security`,
    );
    return {};
  }
  const cert = repertoire.clientCertificate;
  if (!cert)
    return {
      refused: 'SSL(CLIENTAUTH) but no client certificate was sent',
      rule: 'R11',
      message: 'GSK_ERR_NO_CERTIFICATE',
    };
  const problem = certificateProblem(site, options, cert);
  if (problem)
    return {
      refused: problem,
      rule: 'R12',
      message: problem.startsWith('outside') ? 'GSK_ERR_BAD_DATE' : 'GSK_ERR_BAD_PEER',
    };
  const mapping = mapCertificate(site.racf, cert);
  if (mapping && !mapping.trusted)
    return { refused: 'client certificate is NOTRUST in RACF', rule: 'R18', message: 'GSK_ERR_BAD_PEER' };
  if (!mapping && options.unmappedCertificateUnderSecuser === 'refuse') {
    return { refused: 'client certificate maps to no RACF user ID', rule: 'R13' };
  }
  trace.add(
    'R11',
    `client certificate ${cert.subject} accepted${mapping ? `, mapped to ${mapping.userid}` : ', unmapped'}`,
  );
  return { certificateUser: mapping?.userid };
}

/** R12: the validity window, the key usage, and a chain to a CA in the region's key ring. */
function certificateProblem(site: Site, options: ModelOptions, cert: Certificate): string | undefined {
  if (site.clock < cert.notBefore || site.clock > cert.notAfter) return 'outside its validity period';
  if (cert.extendedKeyUsage.length > 0 && !cert.extendedKeyUsage.includes('clientAuth'))
    return 'not for client authentication';
  if (cert.subject === cert.issuer) {
    const registered = site.racf.registeredCertificates.some((r) => r.subject === cert.subject && r.trust);
    const trusted =
      site.region.keyringCas.includes(cert.subject) ||
      (registered && options.selfSignedTrustedWhenRegistered === 'yes');
    return trusted ? undefined : 'self-signed and not trusted by CICS';
  }
  return site.region.keyringCas.includes(cert.issuer) ? undefined : 'issuer is not a CA in the CICS key ring';
}

/** R7: with no matching IPCONN, the URM may autoinstall one with the default security attributes. */
function autoinstalled(conn: ZosConnectConnection, service: TcpipService): Ipconn | undefined {
  if (!service.autoinstall) return undefined;
  return {
    name: conn.applid.slice(0, 8) || '(autoinstalled)',
    applid: conn.applid,
    networkid: conn.networkid,
    tcpipservice: service.name,
    inService: true,
    linkauth: 'SECUSER',
    securityname: null,
    userauth: 'LOCAL',
    idprop: 'NOTALLOWED',
  };
}

/** R17, R18, R20: SECURITYNAME or the certificate's user; an unusable link user falls back to DFLTUSER. */
function deriveLinkUser(site: Site, ipconn: Ipconn, certificateUser: string | undefined, trace: Trace): string | null {
  const named = ipconn.linkauth === 'CERTUSER' ? certificateUser : (ipconn.securityname ?? undefined);
  if (named === undefined) {
    trace.add('R2', 'SECURITYNAME blank: link user not specified, the default user applies');
    return null;
  }
  const user = findUser(site.racf, named);
  if (site.region.sec && (!user || user.revoked)) {
    trace.add(
      'R20',
      `link user ${named} is ${user ? 'revoked' : 'not defined'}: the link runs with the default user's authority`,
    );
    return site.region.dfltuser;
  }
  trace.add(ipconn.linkauth === 'CERTUSER' ? 'R18' : 'R17', `link user ${named}`);
  return named;
}
