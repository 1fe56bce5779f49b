/**
 * Writes what one sandbox site has in the inventory format a QA engineer would write for a real LPAR:
 * derived from the model definitions the site runs on (so the inventory is true by construction), with
 * real ports, certificate files and secret files. The live target reads only this.
 */
import { inventoryIpconn, inventoryTransaction } from '../inventory/model-to-inventory';
import type { Certificate, Site } from '../model';
import { mapCertificate, permits, racfMappingKind } from '../model/racf';
import type { CertificateRequirement, Situation } from '../../support/target-port';
import { aliasesOf } from '../inventory/match';
import { certificateFor, jwtSubjectOf, userIdOf } from '../targets/model/build-site';
import type { Variant } from './variants';

export interface SiteFiles {
  /** Writes a secret (0600) and returns its path relative to the inventory. */
  secret(name: string, value: string): string;
  /** Issues a certificate for the model certificate and returns its files, relative to the inventory. */
  certificate(name: string, cert: Certificate): { certificate: string; key: string };
  cicsTrustStore: string;
  /** A trust store without the signer of the CICS server certificate (R55). */
  lackingTrustStore: string;
  httpsTrustStore: string;
  jwtSigningKey: string;
}

export interface SiteRuntime {
  variant: Variant;
  port: number;
  open: boolean;
  baseUrl: string;
  ldap: { dn: string; realm: string; username: string; password: string }[];
}

export const SANDBOX_SYSPLEX = 'SANDPLEX';
export const JWT_ALGORITHM = 'ES256';

export function siteInventory(rt: SiteRuntime, files: SiteFiles, issuer: string): Record<string, unknown> {
  const { variant } = rt;
  const { site, situation } = variant;
  const region = site.region;
  const service = site.tcpipServices[0];
  if (!service) throw new Error(`variant ${variant.name} has no TCPIPSERVICE`);
  const dir = variant.name;
  const certificates: Record<string, unknown>[] = [];
  const ipicCertificateIds = new Map<string, string>();
  site.zosConnect.ssl.forEach((ssl, i) => {
    if (!ssl.clientCertificate) return;
    const id = `ipic-${ssl.id}`;
    const requirement = requirementFor(situation, i + 1);
    const owner = requirement.mappedTo === null ? null : userIdOf(requirement.mappedTo);
    certificates.push({
      id,
      ...files.certificate(`${dir}/${id}`, ssl.clientCertificate),
      state: requirement.state,
      mappedTo: owner,
      racfStatus: requirement.racfStatus ?? 'TRUST',
      ...(owner === null ? {} : { racfMapping: racfMappingKind(site.racf, ssl.clientCertificate) }),
      registeredAsTrusted: requirement.selfSignedTrustedByRacf ?? false,
      use: ['ipic'],
    });
    ipicCertificateIds.set(ssl.id, id);
  });
  for (const owner of httpCertificateOwners(variant)) {
    const id = `http-${owner ?? 'unmapped'}`;
    // The same certificate the model target presents for such a caller (RACF maps the owner's, not STRANGER's).
    const model = certificateFor(owner ?? 'STRANGER', { state: 'valid', mappedTo: owner }, 'http');
    certificates.push({
      id,
      ...files.certificate(`${dir}/${id}`, model),
      state: 'valid',
      mappedTo: owner,
      // As the site's RACF holds it (build-site.ts: httpCertificateTrusted), read as from-definitions.ts does.
      racfStatus: mapCertificate(site.racf, model)?.trusted === false ? 'NOTRUST' : 'TRUST',
      use: ['http'],
    });
  }
  return {
    name: variant.name,
    description: `sandbox site ${variant.index}: the situation of recorded scenario ${variant.index}`,
    ...(variant.situation.scenario ? { preferredFor: [variant.situation.scenario] } : {}),
    racf: {
      mixedCasePasswords: site.racf.mixedCasePasswords,
      passwordPhraseMinLength: site.racf.phraseMinLength,
      applClassActive: site.racf.applClassActive,
      revokeAfter: site.racf.revokeAfter,
      users: users(site, situation, files, dir),
    },
    ldap: rt.ldap.map((l) => ({
      dn: l.dn,
      realm: l.realm,
      username: l.username,
      password: { file: files.secret(`${dir}/ldap-${l.username}`, l.password) },
    })),
    certificates,
    cics: {
      regions: [
        {
          applid: region.applid,
          sysplex: SANDBOX_SYSPLEX,
          sec: region.sec,
          xtran: region.xtran,
          secprfx: region.secprfx,
          defaultUser: region.dfltuser,
          regionUser: region.regionUserid,
          tcpipServices: [
            {
              name: service.name,
              host: '127.0.0.1',
              port: rt.port,
              ssl: service.ssl,
              atTls: service.atTls,
              status: rt.open ? 'OPEN' : 'CLOSED',
              autoinstall: service.autoinstall,
            },
          ],
          ipconns: site.ipconns.map(inventoryIpconn),
          transactions: site.transactions.map(inventoryTransaction),
        },
      ],
    },
    zosConnect: {
      servers: [
        {
          name: `ZC${variant.index}`,
          baseUrl: rt.baseUrl,
          trustStore: files.httpsTrustStore,
          sysplex: site.zosConnect.sameSysplex ? SANDBOX_SYSPLEX : 'OTHERPLX',
          requireAuth: site.zosConnect.requireAuth,
          ...(situation.zosConnect.serverUser ? { startedTaskUser: userIdOf(situation.zosConnect.serverUser) } : {}),
          jwt: {
            issuer,
            algorithm: JWT_ALGORITHM,
            signingKey: files.jwtSigningKey,
            mapIdentityToRegistryUser: site.zosConnect.jwt.mapIdentityToRegistryUser,
          },
          connections: site.zosConnect.connections.map((c) => {
            const ssl = c.sslCertsRef ? site.zosConnect.ssl.find((s) => s.id === c.sslCertsRef) : undefined;
            const authData = situation.zosConnect.authData;
            return {
              id: c.id,
              region: region.applid,
              tcpipService: service.name,
              applid: c.applid,
              networkid: c.networkid,
              tls: ssl
                ? {
                    clientCertificate: ipicCertificateIds.get(ssl.id) ?? null,
                    trustStore: ssl.trustsServerCertificate ? files.cicsTrustStore : files.lackingTrustStore,
                    trustsServerCertificate: ssl.trustsServerCertificate,
                  }
                : 'none',
              ...(authData
                ? {
                    authData: {
                      user: authData.user === null ? null : userIdOf(authData.user),
                      secret: authData.secret,
                      useridInLowerCase: authData.useridInLowerCase ?? false,
                    },
                  }
                : {}),
              ...(c.transid ? { transid: c.transid } : {}),
              transidUsage: c.transidUsage,
              whoami: { path: `/whoami/${c.id}`, method: 'GET', program: site.zosConnect.program },
            };
          }),
        },
      ],
    },
  };
}

function requirementFor(situation: Situation, n: number): CertificateRequirement {
  const tls =
    n === 2 ? (situation.zosConnect.secondConnectionCertificate ?? situation.zosConnect.tls) : situation.zosConnect.tls;
  if (!tls || typeof tls !== 'object')
    throw new Error(`connection ${n} presents a certificate the situation does not describe`);
  return tls;
}

/** Users of the site: every alias the situation names, with what RACF holds for each. */
function users(site: Site, situation: Situation, files: SiteFiles, dir: string): Record<string, unknown>[] {
  const prefix = site.region.secprfx ? `${site.region.regionUserid}.` : '';
  const transids = new Set(['CSMI', ...site.transactions.map((t) => t.transid)]);
  const programs = new Set([site.zosConnect.program]);
  for (const req of Object.values(situation.users)) {
    for (const t of Object.keys(req.transactions ?? {})) transids.add(t);
    for (const p of Object.keys(req.programs ?? {})) programs.add(p);
  }
  const seen = new Set<string>();
  return aliasesOf(situation).flatMap((alias): Record<string, unknown>[] => {
    const id = userIdOf(alias);
    if (seen.has(id)) return [];
    seen.add(id);
    const user = site.racf.users.find((u) => u.id === id);
    const filters = site.racf.distributedIdentityFilters.filter(
      (f) => f.userid === id && f.dnFilter !== jwtSubjectOf(alias),
    );
    const distributedIdentities = filters.map((f) => ({ dnFilter: f.dnFilter, registry: f.registry }));
    if (!user) return [{ id, defined: false, distributedIdentities }];
    const jwtSubject = jwtSubjectOf(alias);
    return [
      {
        id,
        revoked: user.revoked,
        passwordExpired: user.passwordExpired,
        password: user.password === undefined ? 'none' : { file: files.secret(`${dir}/${id}.password`, user.password) },
        phrase: user.phrase === undefined ? 'none' : { file: files.secret(`${dir}/${id}.phrase`, user.phrase) },
        transactions: Object.fromEntries(
          [...transids].map((t) => [t, permits(site.racf, 'TCICSTRN', prefix + t, id, 'READ')]),
        ),
        programs: Object.fromEntries(
          [...programs].map((p) => [p, permits(site.racf, 'MCICSPPT', prefix + p, id, 'READ')]),
        ),
        applAccess: permits(site.racf, 'APPL', site.region.applid, id, 'READ'),
        jwt: {
          subject: jwtSubject,
          mapped: site.racf.distributedIdentityFilters.some((f) => f.userid === id && f.dnFilter === jwtSubject),
        },
        distributedIdentities,
        // Sandbox accounts are made afresh for every run, so scenarios may revoke them (R38).
        badPasswordBudget: 10,
        revocable: true,
      },
    ];
  });
}

/** The HTTP client certificates the site's callers present: owners' user IDs, null for an unmapped one. */
function httpCertificateOwners(variant: Variant): (string | null)[] {
  const owners = new Set<string | null>();
  for (const r of variant.requests)
    if (r.caller.kind === 'certificate') owners.add(r.caller.mappedTo === null ? null : userIdOf(r.caller.mappedTo));
  return [...owners];
}
