/**
 * Catalog U3: whether CICS refuses to install an IPCONN whose security cannot work behind its
 * TCPIPSERVICE. IBM documents the failure only when the connection is acquired (R4, R14); the other
 * reading is that CEDA or the install rejects the definition, so such a region can never exist.
 */
import type { ModelOptions } from './options';
import type { Site } from './site';

export function installProblems(site: Site, options: ModelOptions): string[] {
  if (options.installChecks === 'connect-time') return [];
  const problems: string[] = [];
  for (const ipconn of site.ipconns) {
    const service = site.tcpipServices.find((s) => s.name === ipconn.tcpipservice);
    const clientAuth = service?.ssl === 'CLIENTAUTH' && !service.atTls;
    if (ipconn.linkauth === 'CERTUSER' && !clientAuth) {
      problems.push(`IPCONN ${ipconn.name}: LINKAUTH(CERTUSER) behind a TCPIPSERVICE without SSL(CLIENTAUTH)`);
    }
    if (ipconn.userauth === 'IDENTIFY' && service?.ssl === 'NO' && !service.atTls && !site.zosConnect.sameSysplex) {
      problems.push(`IPCONN ${ipconn.name}: USERAUTH(IDENTIFY) behind a TCPIPSERVICE with SSL(NO)`);
    }
  }
  return problems;
}
