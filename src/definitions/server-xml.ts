/**
 * z/OS Connect's server.xml (and the files it includes), read with fast-xml-parser: the
 * zosconnect_cicsIpicConnection elements and what they reference (zosconnect_authData, ssl, keyStore),
 * plus requireAuth and the JWT issuer. ${...} variables are resolved from bootstrap.properties and
 * <variable> elements. Passwords are decoded when Liberty's {xor} encoding hides them (the model needs
 * the value to decide VERIFY) and are never written into a message.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { AuthData, ZosConnectConnection } from '../model';
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import { displayPath, type Diagnostics } from './diagnostics';
import type { Properties } from './properties';

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
  secrets: Set<string>;
  sources: {
    zosConnection: Record<string, DefinitionSource>;
    authData: Record<string, DefinitionSource>;
    ssl: Record<string, DefinitionSource>;
    keyStore: Record<string, DefinitionSource>;
  };
}

interface XmlElement {
  tag: string;
  attributes: Record<string, string>;
  file: string;
  source: string;
  start: number;
  end: number;
}

const RELEVANT = [
  'zosconnect_cicsIpicConnection',
  'zosconnect_authData',
  'ssl',
  'keyStore',
  'zosconnect_zosConnectManager',
  'openidConnectClient',
  'variable',
  'include',
];
/** Liberty's own location variables: left as written, they only ever appear in keystore paths. */
const PREDEFINED = [
  'server.config.dir',
  'server.output.dir',
  'wlp.user.dir',
  'wlp.install.dir',
  'shared.config.dir',
  'shared.resource.dir',
  'shared.app.dir',
];
const SECRET_ATTRIBUTES = ['password'];

export function parseServerXml(
  file: string,
  bootstrap: Properties | undefined,
  diagnostics: Diagnostics,
): ServerXmlDefinitions {
  const elements: XmlElement[] = [];
  readServerFile(file, file, diagnostics, elements, new Set());
  const variables = collectVariables(elements, bootstrap, diagnostics);
  const out: ServerXmlDefinitions = {
    connections: [],
    authData: [],
    ssl: [],
    keyStores: [],
    requireAuth: true,
    jwt: { issuer: '', mapIdentityToRegistryUser: false },
    opaquePasswords: new Set(),
    secrets: new Set(),
    sources: { zosConnection: {}, authData: {}, ssl: {}, keyStore: {} },
  };
  for (const element of elements)
    interpret(element, new Resolver(element, variables, diagnostics, out.secrets), diagnostics, out);
  return out;
}

function readServerFile(
  file: string,
  mainFile: string,
  diagnostics: Diagnostics,
  elements: XmlElement[],
  seen: Set<string>,
): void {
  const shown = displayPath(file);
  const content = diagnostics.readFile(file);
  if (content === undefined) {
    diagnostics.problem({ file: shown, line: 1, column: 1 }, 'file', 'a readable server.xml or included file');
    return;
  }
  seen.add(path.resolve(file));
  const validation = XMLValidator.validate(content);
  if (validation !== true) {
    // Attribute and character errors can quote a fragment of an attribute value (a password), so
    // only tag errors keep the parser's own wording.
    const { code, msg, line, col } = validation.err;
    const expected =
      code === 'InvalidTag' || code === 'InvalidXml'
        ? `well-formed XML (${msg})`
        : `well-formed XML (${code === 'InvalidAttr' ? 'a malformed attribute' : 'an unexpected character'} here)`;
    const at = code === 'InvalidAttr' ? malformedAttributeAt(content, line, col) : { line, column: col };
    diagnostics.problem({ file: shown, ...at }, 'server.xml', expected);
    return;
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    captureMetaData: true,
    parseAttributeValue: false,
    trimValues: true,
  });
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const document = parser.parse(content) as Record<string, unknown>[];
  const root = document.find((node) => Object.keys(node).some((k) => k !== ':@' && !k.startsWith('?')));
  const rootTag = root ? Object.keys(root).find((k) => k !== ':@') : undefined;
  if (!root || (rootTag !== 'server' && rootTag !== 'client')) {
    diagnostics.problem({ file: shown, line: 1, column: 1 }, 'root element', '<server>');
    return;
  }
  for (const child of (root[rootTag] as Record<string, unknown>[]) ?? []) {
    const tag = Object.keys(child).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
    if (!tag) continue;
    const position = (child as Record<string, { startIndex?: number; endIndex?: number }>)[meta];
    const element: XmlElement = {
      tag,
      attributes: (child[':@'] as Record<string, string>) ?? {},
      file: shown,
      source: content,
      start: position?.startIndex ?? 0,
      end: position?.endIndex ?? content.length,
    };
    elements.push(element);
    if (tag === 'include') includeFile(element, file, mainFile, diagnostics, elements, seen);
  }
}

/**
 * The validator reports an attribute problem where the tag's attributes start; walking the well-formed
 * name="value" pairs from there finds the exact place the syntax breaks.
 */
function malformedAttributeAt(content: string, line: number, column: number): { line: number; column: number } {
  const lines = content.split('\n');
  let index = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const pair = /\s*[A-Za-z_:][\w:.-]*\s*=\s*("[^"<]*"|'[^'<]*')/y;
  for (;;) {
    pair.lastIndex = index;
    if (!pair.exec(content)) break;
    index = pair.lastIndex;
  }
  while (/\s/.test(content[index] ?? '')) index++;
  if (/^\/?>/.test(content.slice(index))) return { line, column };
  const before = content.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

function includeFile(
  element: XmlElement,
  file: string,
  mainFile: string,
  diagnostics: Diagnostics,
  elements: XmlElement[],
  seen: Set<string>,
): void {
  const location = element.attributes.location;
  if (!location) {
    diagnostics.problem(locationOf(element), 'include', 'a location attribute');
    return;
  }
  const configDir = path.resolve(path.dirname(mainFile));
  const resolved = location.replace(/\$\{server\.config\.dir\}\/?/g, configDir + path.sep);
  const target = path.isAbsolute(resolved) ? resolved : path.join(path.dirname(file), resolved);
  if (seen.has(path.resolve(target))) return;
  if (!existsSync(target)) {
    if (element.attributes.optional === 'true')
      diagnostics.fileNotFound(locationOf(element), location, `optional include ${location} not found: skipped`);
    else
      diagnostics.problem(
        locationOf(element),
        `include location="${location}"`,
        'a file that exists (or optional="true")',
      );
    return;
  }
  readServerFile(target, mainFile, diagnostics, elements, seen);
}

export function locationOf(element: XmlElement, attribute?: string): SourceLocation {
  let index = element.start;
  if (attribute) {
    const match = new RegExp(`\\s${attribute}\\s*=`).exec(element.source.slice(element.start, element.end));
    if (match) index = element.start + match.index + 1;
  }
  const before = element.source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { file: element.file, line, column };
}

function sourceOf(element: XmlElement): DefinitionSource {
  return {
    at: locationOf(element),
    attributes: Object.fromEntries(Object.keys(element.attributes).map((a) => [a, locationOf(element, a)])),
  };
}

function collectVariables(
  elements: XmlElement[],
  bootstrap: Properties | undefined,
  diagnostics: Diagnostics,
): Map<string, string> {
  const variables = new Map<string, string>();
  for (const element of elements.filter((e) => e.tag === 'variable')) {
    const { name, value, defaultValue } = element.attributes;
    if (!name || (value === undefined && defaultValue === undefined)) {
      diagnostics.problem(locationOf(element), 'variable', 'name and value (or defaultValue) attributes');
      continue;
    }
    variables.set(name, (value ?? defaultValue) as string);
  }
  // bootstrap.properties wins over server.xml <variable> elements, as Liberty reads it first.
  for (const [name, value] of bootstrap?.values ?? []) variables.set(name, value);
  return variables;
}

/** Resolves an element's attributes, recording every password it meets as a secret. */
class Resolver {
  constructor(
    private readonly element: XmlElement,
    private readonly variables: Map<string, string>,
    private readonly diagnostics: Diagnostics,
    private readonly secrets: Set<string>,
  ) {}

  /** The attribute's value with ${...} resolved; undefined when absent or unresolvable (then a problem). */
  get(attribute: string): string | undefined {
    const raw = this.element.attributes[attribute];
    if (raw === undefined) return undefined;
    const secret = SECRET_ATTRIBUTES.includes(attribute);
    if (secret && !/^\$\{[^}]+\}$/.test(raw)) this.secrets.add(raw);
    let value = raw;
    for (let depth = 0; depth < 10 && /\$\{[^}]+\}/.test(value); depth++) {
      let missing: string | undefined;
      value = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        if (PREDEFINED.includes(name)) return whole;
        const found = this.variables.get(name);
        if (found === undefined) missing = name;
        return found ?? whole;
      });
      if (missing) {
        this.diagnostics.problem(
          locationOf(this.element, attribute),
          `${this.element.tag} ${attribute}`,
          `a value: \${${missing}} is defined neither in bootstrap.properties nor by a <variable> element`,
        );
        return undefined;
      }
      if (PREDEFINED.some((p) => value === `\${${p}}`)) break;
    }
    if (secret) this.secrets.add(value);
    return value;
  }

  at(attribute?: string): SourceLocation {
    return locationOf(this.element, attribute);
  }
}

function interpret(element: XmlElement, r: Resolver, diagnostics: Diagnostics, out: ServerXmlDefinitions): void {
  const id = element.attributes.id;
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
        diagnostics,
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
      replace(out.ssl, ssl, out.sources.ssl, element, diagnostics);
      return;
    }
    case 'keyStore': {
      if (!id) return diagnostics.problem(r.at(), 'keyStore', 'an id attribute');
      const encoded = r.get('password');
      if (encoded !== undefined) decodePassword(encoded, out.secrets);
      replace(out.keyStores, { id, location: r.get('location') ?? '' }, out.sources.keyStore, element, diagnostics);
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
    case 'variable':
    case 'include':
      return;
    default:
      if (!RELEVANT.includes(element.tag)) diagnostics.skip(r.at(), `<${element.tag}>`);
  }
}

/** Stands for a password the audit cannot read ({aes}, {hash}): never equal to a RACF password. */
export const OPAQUE = '\u0000opaque';

function connection(element: XmlElement, r: Resolver, diagnostics: Diagnostics, out: ServerXmlDefinitions): void {
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
    if (value === undefined)
      diagnostics.problem(
        r.at(),
        `zosconnect_cicsIpicConnection ${id} ${name}`,
        'a value: CICS matches the IPCONN by APPLID and NETWORKID (R7); the default is not documented (U14)',
      );
    else if (!/^[A-Z0-9@#$]{1,8}$/.test(value))
      diagnostics.problem(
        r.at(name),
        `zosconnect_cicsIpicConnection ${id} ${name}`,
        '1 to 8 characters from A-Z 0-9 @ # $',
      );
  }
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
    diagnostics,
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

/** Liberty merges elements with the same id; a later one replaces the earlier here, with a warning. */
function replace<T extends { id: string }>(
  list: T[],
  item: T,
  sources: Record<string, DefinitionSource>,
  element: XmlElement,
  diagnostics: Diagnostics,
): void {
  const index = list.findIndex((x) => x.id === item.id);
  if (index >= 0) {
    diagnostics.warn(locationOf(element), `<${element.tag} id="${item.id}"> appears again: this later one is read`);
    list.splice(index, 1);
  }
  list.push(item);
  sources[item.id] = sourceOf(element);
}
