/**
 * z/OS Connect's server.xml as Liberty assembles it (configDropins, includes, merging: liberty-merge.ts;
 * variables: liberty-variables.ts; each file: liberty-xml.ts), interpreted: the
 * zosconnect_cicsIpicConnection elements and what they reference (zosconnect_authData, ssl, keyStore),
 * plus requireAuth and the JWT issuer. Passwords are decoded when Liberty's {xor} encoding hides them
 * (the model needs the value to decide VERIFY) and are never written into a message.
 */
import type { AuthData, ZosConnectConnection } from '../model';
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { mergeElements, readConfiguration, type MergedElement } from './liberty-merge';
import { deriveLayout, LibertyVariables, type LibertyLayout } from './liberty-variables';
import { locationOf as elementLocation } from './liberty-xml';
import type { Properties } from './properties';

export { locationOf } from './liberty-xml';

export interface SslElement {
  id: string;
  keyStoreRef?: string;
  trustStoreRef?: string;
  clientKeyAlias?: string;
}

export interface KeyStoreElement {
  id: string;
  location: string;
}

export interface ServerXmlDefinitions {
  connections: ZosConnectConnection[];
  authData: AuthData[];
  ssl: SslElement[];
  keyStores: KeyStoreElement[];
  requireAuth: boolean;
  jwt: { issuer: string; mapIdentityToRegistryUser: boolean };
  /** authData ids whose password is {aes} or {hash} encoded: present, but not readable. */
  opaquePasswords: Set<string>;
  /** Each connection's host attribute, by connection id (the model has no use for it; an inventory does). */
  hosts: Record<string, string>;
  secrets: Set<string>;
  sources: {
    zosConnection: Record<string, DefinitionSource>;
    authData: Record<string, DefinitionSource>;
    ssl: Record<string, DefinitionSource>;
    keyStore: Record<string, DefinitionSource>;
  };
}

const RELEVANT = [
  'zosconnect_cicsIpicConnection',
  'zosconnect_authData',
  'ssl',
  'keyStore',
  'zosconnect_zosConnectManager',
  'openidConnectClient',
];
const SECRET_ATTRIBUTES = ['password'];

/** What Liberty knows besides the XML: the server's environment (server.env) and where the server sits. */
export interface LibertyContext {
  environment?: ReadonlyMap<string, string>;
  layout?: LibertyLayout;
}

export function parseServerXml(
  file: string,
  bootstrap: Properties | undefined,
  diagnostics: Diagnostics,
  context: LibertyContext = {},
): ServerXmlDefinitions {
  const layout = context.layout ?? deriveLayout(file, {});
  const variables = new LibertyVariables(layout, context.environment ?? new Map(), bootstrap?.values ?? new Map());
  const elements = mergeElements(readConfiguration(file, variables, diagnostics), diagnostics);
  const out: ServerXmlDefinitions = {
    connections: [],
    authData: [],
    ssl: [],
    keyStores: [],
    requireAuth: true,
    jwt: { issuer: '', mapIdentityToRegistryUser: false },
    opaquePasswords: new Set(),
    hosts: {},
    secrets: new Set(),
    sources: { zosConnection: {}, authData: {}, ssl: {}, keyStore: {} },
  };
  for (const element of elements)
    interpret(element, new Resolver(element, variables, diagnostics, out.secrets), diagnostics, out);
  return out;
}

function sourceOf(element: MergedElement): DefinitionSource {
  return {
    at: elementLocation(element.first),
    attributes: Object.fromEntries(Object.entries(element.from).map(([a, from]) => [a, elementLocation(from, a)])),
  };
}

/** Resolves an element's attributes, recording every password it meets as a secret. */
class Resolver {
  constructor(
    private readonly element: MergedElement,
    private readonly variables: LibertyVariables,
    private readonly diagnostics: Diagnostics,
    private readonly secrets: Set<string>,
  ) {}

  /** The attribute's value with ${...} resolved; undefined when absent or unresolvable (then a problem). */
  get(attribute: string): string | undefined {
    const raw = this.element.attributes[attribute];
    if (raw === undefined) return undefined;
    const secret = SECRET_ATTRIBUTES.includes(attribute);
    if (secret && !/^\$\{[^}]+\}$/.test(raw)) this.secrets.add(raw);
    const resolved = this.variables.resolve(raw);
    if ('missing' in resolved) {
      this.diagnostics.problem(this.at(attribute), `${this.element.tag} ${attribute}`, `a value: ${resolved.why}`);
      return undefined;
    }
    if (secret) this.secrets.add(resolved.value);
    return resolved.value;
  }

  at(attribute?: string): SourceLocation {
    const from = attribute ? this.element.from[attribute] : undefined;
    return from ? elementLocation(from, attribute) : elementLocation(this.element.first);
  }
}

function interpret(element: MergedElement, r: Resolver, diagnostics: Diagnostics, out: ServerXmlDefinitions): void {
  const id = element.id;
  switch (element.tag) {
    case 'zosconnect_cicsIpicConnection':
      return connection(element, r, diagnostics, out);
    case 'zosconnect_authData': {
      if (!id) return diagnostics.problem(r.at(), 'zosconnect_authData', 'an id attribute');
      const user = r.get('user');
      const encoded = r.get('password');
      const password = encoded === undefined ? undefined : decodePassword(encoded, out.secrets);
      if (password === null) {
        out.opaquePasswords.add(id);
        diagnostics.warn(
          r.at('password'),
          `zosconnect_authData ${id}: the password is {aes} or {hash} encoded, so the audit cannot tell whether RACF accepts it`,
        );
      }
      replace(
        out.authData,
        {
          id,
          ...(user !== undefined ? { user } : {}),
          ...(typeof password === 'string' ? { password } : password === null ? { password: OPAQUE } : {}),
        },
        out.sources.authData,
        element,
      );
      return;
    }
    case 'ssl': {
      if (!id) return diagnostics.problem(r.at(), 'ssl', 'an id attribute');
      const ssl: SslElement = { id };
      for (const key of ['keyStoreRef', 'trustStoreRef', 'clientKeyAlias'] as const) {
        const value = r.get(key);
        if (value !== undefined) ssl[key] = value;
      }
      replace(out.ssl, ssl, out.sources.ssl, element);
      return;
    }
    case 'keyStore': {
      if (!id) return diagnostics.problem(r.at(), 'keyStore', 'an id attribute');
      const encoded = r.get('password');
      if (encoded !== undefined) decodePassword(encoded, out.secrets);
      replace(out.keyStores, { id, location: r.get('location') ?? '' }, out.sources.keyStore, element);
      return;
    }
    case 'zosconnect_zosConnectManager': {
      const requireAuth = r.get('requireAuth');
      if (requireAuth !== undefined) out.requireAuth = booleanOf(requireAuth, r, 'requireAuth', diagnostics, true);
      return;
    }
    case 'openidConnectClient':
      out.jwt = {
        issuer: r.get('issuerIdentifier') ?? '',
        mapIdentityToRegistryUser: booleanOf(
          r.get('mapIdentityToRegistryUser') ?? 'false',
          r,
          'mapIdentityToRegistryUser',
          diagnostics,
          false,
        ),
      };
      return;
    default:
      if (!RELEVANT.includes(element.tag)) diagnostics.skip(r.at(), `<${element.tag}>`);
  }
}

/** Stands for a password the audit cannot read ({aes}, {hash}): never equal to a RACF password. */
export const OPAQUE = '\u0000opaque';

function connection(element: MergedElement, r: Resolver, diagnostics: Diagnostics, out: ServerXmlDefinitions): void {
  const id = element.attributes.id;
  if (!id)
    return diagnostics.problem(
      r.at(),
      'zosconnect_cicsIpicConnection',
      'an id attribute (the connectionRef services use)',
    );
  const portText = r.get('port');
  const port = portText !== undefined && /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535))
    diagnostics.problem(
      r.at(portText === undefined ? undefined : 'port'),
      `zosconnect_cicsIpicConnection ${id} port`,
      'the port of the CICS TCPIPSERVICE (R53)',
    );
  const applid = r.get('zosConnectApplid')?.toUpperCase();
  const networkid = r.get('zosConnectNetworkid')?.toUpperCase();
  for (const [name, value] of [
    ['zosConnectApplid', applid],
    ['zosConnectNetworkid', networkid],
  ] as const) {
    if (value !== undefined && !/^[A-Z0-9@#$]{1,8}$/.test(value))
      diagnostics.problem(
        r.at(name),
        `zosconnect_cicsIpicConnection ${id} ${name}`,
        '1 to 8 characters from A-Z 0-9 @ # $',
      );
  }
  // Only host and port are required (z/OS Connect's "Configuring an IPIC connection"). Without the
  // pair, the connect flow carries no name a defined IPCONN can match: model option zosConnectApplidUnset.
  const unset = (['zosConnectApplid', 'zosConnectNetworkid'] as const).filter(
    (a) => element.attributes[a] === undefined,
  );
  if (unset.length > 0)
    diagnostics.warn(
      r.at(),
      `zosconnect_cicsIpicConnection ${id} sets no ${unset.join(' and no ')}: what z/OS Connect then sends is not in the documentation the audit rests on (U14); read as blank, so no defined IPCONN matches and CICS's IPCONN autoinstall program decides (model option zosConnectApplidUnset)`,
    );
  const transid = r.get('transid')?.toUpperCase();
  if (transid !== undefined && !/^[A-Z0-9@#$]{1,4}$/.test(transid))
    diagnostics.problem(
      r.at('transid'),
      `zosconnect_cicsIpicConnection ${id} transid`,
      'a transaction ID of 1 to 4 characters',
    );
  const usageText = r.get('transidUsage')?.toUpperCase();
  let transidUsage: ZosConnectConnection['transidUsage'] = 'EIB_ONLY';
  if (usageText === 'EIB_ONLY' || usageText === 'EIB_AND_MIRROR') transidUsage = usageText;
  else if (usageText !== undefined)
    diagnostics.problem(
      r.at('transidUsage'),
      `zosconnect_cicsIpicConnection ${id} transidUsage`,
      'EIB_ONLY or EIB_AND_MIRROR',
    );
  else if (transid !== undefined)
    diagnostics.warn(
      r.at('transid'),
      `zosconnect_cicsIpicConnection ${id}: transid without transidUsage; its default is not documented (U14), read as EIB_ONLY (CSMI is attached)`,
    );
  const authDataRef = r.get('authDataRef');
  const sslCertsRef = r.get('sslCertsRef');
  const host = r.get('host');
  if (host !== undefined) out.hosts[id] = host;
  replace(
    out.connections,
    {
      id,
      port: Number.isNaN(port) ? 0 : port,
      applid: applid ?? '',
      networkid: networkid ?? '',
      transidUsage,
      ...(authDataRef !== undefined ? { authDataRef } : {}),
      ...(sslCertsRef !== undefined ? { sslCertsRef } : {}),
      ...(transid !== undefined ? { transid } : {}),
    },
    out.sources.zosConnection,
    element,
  );
}

function booleanOf(
  value: string,
  r: Resolver,
  attribute: string,
  diagnostics: Diagnostics,
  fallback: boolean,
): boolean {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  diagnostics.problem(r.at(attribute), attribute, 'true or false');
  return fallback;
}

/**
 * Liberty's securityUtility encodings: {xor} is reversible (base64, each byte XOR '_'), so the value is
 * read; {aes} and {hash} are not: null. The encoded form is a secret too.
 */
export function decodePassword(value: string, secrets: Set<string>): string | null {
  secrets.add(value);
  const match = /^\{(xor|aes|hash)\}(.*)$/i.exec(value);
  if (!match) return value;
  if ((match[1] as string).toLowerCase() !== 'xor') return null;
  const decoded = Buffer.from(Buffer.from(match[2] as string, 'base64').map((b) => b ^ 0x5f)).toString('utf8');
  secrets.add(decoded);
  return decoded;
}

/** One definition per id: liberty-merge.ts has already merged the elements that share one. */
function replace<T extends { id: string }>(
  list: T[],
  item: T,
  sources: Record<string, DefinitionSource>,
  element: MergedElement,
): void {
  list.push(item);
  sources[item.id] = sourceOf(element);
}
