/**
 * A live inventory drafted from a site's definitions (the directory the audit reads): the regions,
 * TCPIPSERVICEs, IPCONNs, mirror transactions, RACF users with their states and access, the IPIC client
 * certificates and the z/OS Connect connections, all as the definitions say them. What the definitions
 * cannot say (host names the CSD leaves to TCP/IP, the z/OS Connect URL, exported certificate files, the
 * sysplex name, the whoami API paths) is written as a FILL-IN value and listed, so the user sees every
 * field to complete. Secrets are never copied: each is an {env:} reference to a variable to set.
 */
import { inventoryIpconn, inventoryTransaction } from './model-to-inventory';
import type { LoadedSite } from '../definitions/load-site';
import type { Certificate, Site } from '../model';
import { mapCertificate, permits, racfMappingKind } from '../model/racf';
import { WHOAMI_FIELDS } from '../kit/whoami-contract';
import { inventorySchema } from './schema';

/** A field the definitions could not fill, and what the user must put there. */
export interface ToFill {
  at: (string | number)[];
  why: string;
}

export interface DraftInventory {
  inventory: Record<string, unknown>;
  toFill: ToFill[];
}

/** Marks a value the definitions could not give; the same word in every placeholder, so a search finds them all. */
export const FILL_IN = 'FILL-IN';

const SYSPLEX_PLACEHOLDER = `${FILL_IN}-SYSPLEX`;

export function inventoryFromDefinitions(loaded: LoadedSite): DraftInventory {
  const { site } = loaded;
  const toFill: ToFill[] = [];
  const siteAt = ['sites', 0];
  const fill = <T>(at: (string | number)[], value: T, why: string): T => {
    toFill.push({ at: [...siteAt, ...at], why });
    return value;
  };
  const regionAt = ['cics', 'regions', 0];
  const serverAt = ['zosConnect', 'servers', 0];
  const certificates = ipicCertificates(site, fill);
  const envPrefix = envName(site.region.applid);

  const inventory = {
    version: 1,
    description: `${site.region.applid}: drafted by npm run inventory -- init from ${loaded.origin}`,
    responses: {
      cicsRefusal: { status: [500], errorMessage: '^BAQR\\d{4}[A-Z]' },
      // IBM documents no message for these two, and the definitions cannot say what this z/OS Connect
      // answers: null until the user fills them in (scenarios that must recognise them are not applicable).
      connectionFailure: null,
      configurationError: null,
      whoami: { ...WHOAMI_FIELDS },
    },
    sites: [
      {
        name: site.region.applid,
        racf: {
          mixedCasePasswords: site.racf.mixedCasePasswords,
          passwordPhraseMinLength: site.racf.phraseMinLength,
          applClassActive: site.racf.applClassActive,
          revokeAfter: site.racf.revokeAfter,
          users: nonEmpty(users(site, usersWithUnreadSecret(loaded), envPrefix), (empty) =>
            fill(
              ['racf', 'users'],
              empty,
              'the RACF users the scenarios may use (ID, password or phrase reference, revoked, access): the RACF definitions define none',
            ),
          ),
        },
        certificates: certificates.entries,
        cics: {
          regions: [
            {
              applid: site.region.applid,
              sysplex: fill([...regionAt, 'sysplex'], SYSPLEX_PLACEHOLDER, 'the sysplex the region runs in'),
              sec: site.region.sec,
              xtran: site.region.xtran,
              secprfx: site.region.secprfx,
              defaultUser: site.region.dfltuser,
              regionUser: site.region.regionUserid,
              tcpipServices: site.tcpipServices.map((t, i) => {
                const host = hostOf(loaded, t.port);
                return {
                  name: t.name,
                  host:
                    host ??
                    fill(
                      [...regionAt, 'tcpipServices', i, 'host'],
                      `${FILL_IN}-cics-host`,
                      `the host name of ${t.name}: no zosconnect_cicsIpicConnection on port ${t.port} names one`,
                    ),
                  port: t.port,
                  ssl: t.ssl,
                  atTls: t.atTls,
                  status: t.open ? 'OPEN' : 'CLOSED',
                  autoinstall: t.autoinstall,
                };
              }),
              ipconns: site.ipconns.map(inventoryIpconn),
              transactions: site.transactions.map(inventoryTransaction),
            },
          ],
        },
        zosConnect: {
          servers: [
            {
              name: 'zosconnect',
              baseUrl: fill(
                [...serverAt, 'baseUrl'],
                `https://${FILL_IN}-zosconnect-host:9443`,
                'the HTTPS URL of z/OS Connect',
              ),
              trustStore: fill(
                [...serverAt, 'trustStore'],
                `${FILL_IN}/zosconnect-https-ca.pem`,
                "a PEM bundle of the CA that signed z/OS Connect's HTTPS certificate",
              ),
              sysplex: site.zosConnect.sameSysplex ? SYSPLEX_PLACEHOLDER : null,
              requireAuth: site.zosConnect.requireAuth,
              connections: site.zosConnect.connections.map((c, n) =>
                connection(site, loaded, c.id, certificates.idOf, (at, value, why) =>
                  fill([...serverAt, 'connections', n, ...at], value, why),
                ),
              ),
            },
          ],
        },
      },
    ],
  };
  if (site.zosConnect.sameSysplex)
    toFill.push({ at: [...siteAt, ...serverAt, 'sysplex'], why: "the region's sysplex (site.yaml says sameSysplex)" });
  toFill.unshift(
    {
      at: ['responses', 'connectionFailure'],
      why: 'how this z/OS Connect answers when its IPIC connection cannot be used: {status: [..], errorMessage: pattern}; null leaves the scenarios that must recognise it not applicable',
    },
    {
      at: ['responses', 'configurationError'],
      why: 'how this z/OS Connect answers when a connection is configured wrongly (e.g. incomplete authData): {status: [..], errorMessage: pattern}; null leaves those scenarios not applicable',
    },
  );
  return { inventory, toFill };
}

type Fill = <T>(at: (string | number)[], value: T, why: string) => T;

/** The list, or, when it is empty, what `whenEmpty` makes of it (a value marked to fill in). */
function nonEmpty<T>(list: T[], whenEmpty: (empty: T[]) => T[]): T[] {
  return list.length > 0 ? list : whenEmpty(list);
}

function connection(
  site: Site,
  loaded: LoadedSite,
  id: string,
  certificateIdOf: (sslId: string) => string | undefined,
  fill: Fill,
) {
  const c = site.zosConnect.connections.find((x) => x.id === id) as Site['zosConnect']['connections'][number];
  const service = site.tcpipServices.find((t) => t.port === c.port);
  const ssl = c.sslCertsRef ? site.zosConnect.ssl.find((s) => s.id === c.sslCertsRef) : undefined;
  const authData = c.authDataRef ? site.zosConnect.authData.find((a) => a.id === c.authDataRef) : undefined;
  return {
    id: c.id,
    region: site.region.applid,
    tcpipService:
      service?.name ?? fill(['tcpipService'], `${FILL_IN}`, `the TCPIPSERVICE on port ${c.port}: the CSD has none`),
    applid:
      c.applid ||
      fill(
        ['applid'],
        FILL_IN,
        "z/OS Connect's APPLID on this connection (zosConnectApplid), which the region's IPCONN names: server.xml does not set it",
      ),
    networkid:
      c.networkid ||
      fill(
        ['networkid'],
        FILL_IN,
        "z/OS Connect's NETWORKID on this connection (zosConnectNetworkid), which the region's IPCONN names: server.xml does not set it",
      ),
    tls: ssl
      ? {
          clientCertificate: ssl.clientCertificate ? (certificateIdOf(ssl.id) ?? null) : null,
          trustStore: fill(
            ['tls', 'trustStore'],
            `${FILL_IN}/cics-ca.pem`,
            "a PEM bundle of the CA that signed CICS's server certificate",
          ),
          trustsServerCertificate: ssl.trustsServerCertificate,
        }
      : 'none',
    ...(authData
      ? {
          authData: {
            user: authData.user ?? null,
            secret: authDataSecret(loaded, authData, fill),
          },
        }
      : {}),
    ...(c.transid ? { transid: c.transid } : {}),
    transidUsage: c.transidUsage,
    whoami: {
      path: fill(
        ['whoami', 'path'],
        `/${FILL_IN}/whoami/${c.id}`,
        `the path of the whoami API whose z/OS Asset uses connectionRef ${c.id}`,
      ),
      method: 'GET',
      program:
        site.zosConnect.program ||
        fill(['whoami', 'program'], FILL_IN, 'the CICS program the whoami API runs: the definitions do not name it'),
    },
  };
}

/** What an authData holds, described against RACF: undefined `correct` when the definitions cannot tell. */
export type AuthDataSecret = { kind: 'none' } | { kind: 'password' | 'phrase'; correct: boolean | undefined };

export function describeAuthDataSecret(
  loaded: LoadedSite,
  authData: { id: string; user?: string; password?: string },
): AuthDataSecret {
  const { site } = loaded;
  if (authData.password === undefined) return { kind: 'none' };
  const user = site.racf.users.find((u) => u.id === authData.user);
  const opaque = loaded.opaqueAuthData.includes(authData.id) || (user && loaded.opaqueRacfUsers.includes(user.id));
  if (opaque || !user) return { kind: 'password', correct: undefined };
  if (authData.password === user.phrase) return { kind: 'phrase', correct: true };
  return { kind: 'password', correct: authData.password === user.password };
}

/** What the authData holds, described: right or wrong against RACF, never the value. */
function authDataSecret(
  loaded: LoadedSite,
  authData: { id: string; user?: string; password?: string },
  fill: Fill,
): Record<string, unknown> {
  const described = describeAuthDataSecret(loaded, authData);
  if (described.kind === 'none' || described.correct !== undefined) return described;
  return {
    kind: described.kind,
    correct: fill(
      ['authData', 'secret', 'correct'],
      true,
      `whether authData ${authData.id} holds ${authData.user ?? 'its user'}'s RACF password: the definitions cannot tell`,
    ),
  };
}

/**
 * Users whose password exists but no input shows it: read from an IRRDBU00 unload, or the user an authData
 * names (its password is in the authData, often {aes} encoded, and RACF's definitions need not set it).
 */
function usersWithUnreadSecret(loaded: LoadedSite): string[] {
  const authDataUsers = loaded.site.zosConnect.authData.flatMap((a) =>
    a.user && a.password !== undefined ? [a.user] : [],
  );
  return [...new Set([...loaded.opaqueRacfUsers, ...authDataUsers])];
}

function users(site: Site, opaque: string[], envPrefix: string): Record<string, unknown>[] {
  const prefix = site.region.secprfx ? `${site.region.regionUserid}.` : '';
  const transids = [...new Set(['CSMI', ...site.transactions.map((t) => t.transid)])].sort();
  const program = site.zosConnect.program;
  return site.racf.users.map((u) => {
    const unknown = opaque.includes(u.id);
    const reference = (kind: 'PASSWORD' | 'PHRASE') => ({ env: `${envPrefix}_${envName(u.id)}_${kind}` });
    return {
      id: u.id,
      revoked: u.revoked,
      passwordExpired: u.passwordExpired,
      password: u.password !== undefined || unknown ? reference('PASSWORD') : 'none',
      ...(u.phrase !== undefined ? { phrase: reference('PHRASE') } : {}),
      transactions: Object.fromEntries(
        transids.map((t) => [t, permits(site.racf, 'TCICSTRN', prefix + t, u.id, 'READ')]),
      ),
      ...(program ? { programs: { [program]: permits(site.racf, 'MCICSPPT', prefix + program, u.id, 'READ') } } : {}),
      applAccess: permits(site.racf, 'APPL', site.region.applid, u.id, 'READ'),
    };
  });
}

/** The inventory id of the client certificate an <ssl> repertoire sends. */
export function ipicCertificateId(sslId: string): string {
  return `ipic-${sslId}`;
}

/** One inventory certificate per <ssl> that sends a client certificate: the files are the user's to export. */
function ipicCertificates(site: Site, fill: Fill) {
  const ids = new Map<string, string>();
  const entries: Record<string, unknown>[] = [];
  for (const ssl of site.zosConnect.ssl) {
    const cert = ssl.clientCertificate;
    if (!cert) continue;
    const id = ipicCertificateId(ssl.id);
    ids.set(ssl.id, id);
    const mapping = mapCertificate(site.racf, cert);
    const at = ['certificates', entries.length];
    entries.push({
      id,
      certificate: fill(
        [...at, 'certificate'],
        `${FILL_IN}/${id}.cert.pem`,
        `the PEM export of ${cert.subject} from z/OS Connect's key store`,
      ),
      key: fill([...at, 'key'], `${FILL_IN}/${id}.key.pem`, `the PEM private key of ${cert.subject}`),
      state: stateAt(cert, site.clock),
      mappedTo: mapping?.userid ?? null,
      racfStatus: mapping && !mapping.trusted ? 'NOTRUST' : 'TRUST',
      ...(mapping ? { racfMapping: racfMappingKind(site.racf, cert) } : {}),
      use: ['ipic'],
    });
  }
  return { entries, idOf: (sslId: string) => ids.get(sslId) };
}

function stateAt(cert: Certificate, clock: string): string {
  const t = Date.parse(clock);
  if (t > Date.parse(cert.notAfter)) return 'expired';
  if (t < Date.parse(cert.notBefore)) return 'not yet valid';
  if (cert.subject === cert.issuer) return 'self-signed';
  if (cert.extendedKeyUsage.length > 0 && !cert.extendedKeyUsage.includes('clientAuth'))
    return 'without client-auth key usage';
  return 'valid';
}

function hostOf(loaded: LoadedSite, port: number): string | undefined {
  const connection = loaded.site.zosConnect.connections.find((c) => c.port === port && loaded.zosConnectHosts[c.id]);
  return connection ? loaded.zosConnectHosts[connection.id] : undefined;
}

/** An environment variable name part: upper case letters, digits and underscores. */
function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * The draft, checked against the inventory schema as it stands, placeholders and all (`inventory init` and
 * the rehearsal both draft through here): definitions the draft cannot describe are refused before any
 * file is written or any sandbox started, naming every field that does not fit.
 */
export function checkedDraft(loaded: LoadedSite): DraftInventory {
  const draft = inventoryFromDefinitions(loaded);
  const parsed = inventorySchema.safeParse(draft.inventory);
  // A value marked to fill in does not fit the schema until the user fills it in (an APPLID server.xml
  // does not give, say): the draft says so at that value. Anything else that does not fit is init's fault.
  const marked = new Set(draft.toFill.map((f) => f.at.join('.')));
  const issues = parsed.success ? [] : parsed.error.issues.filter((i) => !marked.has(i.path.join('.')));
  if (issues.length > 0)
    throw new Error(
      `the inventory drafted from ${loaded.origin} does not match the schema: ${issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return draft;
}
