/**
 * CICS resource definitions from DFHCSDUP DEFINE statements: TCPIPSERVICE, IPCONN and TRANSACTION, the
 * three resource types IPIC security depends on. Other resource types and other DFHCSDUP commands are
 * reported as warnings and skipped. Keywords may be abbreviated as CEDA allows; defaults are CICS's own
 * (rule catalog §0, R2, R3, R5).
 */
import type { Idprop, Ipconn, Linkauth, SslMode, TcpipService, Transaction, Userauth } from '../model';
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import { csdStatements, type CsdStatement } from './csd-records';
import type { Diagnostics } from './diagnostics';
import { candidatesFor, keywordTable, resolveKeyword, type KeywordTable } from './keywords';
import { parseOperands, type Operand } from './operands';

const RESOURCE_TYPES = keywordTable([
  'ATOMSERVICE',
  'BUNDLE',
  'CONNECTION',
  'CORBASERVER',
  'DB2CONN',
  'DB2ENTRY',
  'DB2TRAN',
  'DJAR',
  'DOCTEMPLATE',
  'ENQMODEL',
  'FILE',
  'IPCONN',
  'JOURNALMODEL',
  'JVMSERVER',
  'LIBRARY',
  'LSRPOOL',
  'MAPSET',
  'MQCONN',
  'MQMONITOR',
  'PARTITIONSET',
  'PARTNER',
  'PIPELINE',
  'PROCESSTYPE',
  'PROFILE',
  'PROGRAM',
  'REQUESTMODEL',
  'SESSIONS',
  'TCPIPSERVICE',
  'TDQUEUE',
  'TERMINAL',
  'TRANCLASS',
  'TRANSACTION',
  'TSMODEL',
  'TYPETERM',
  'URIMAP',
  'WEBSERVICE',
]);

const COMMON = ['GROUP', 'DESCRIPTION'];

/** Every attribute of each resource type read here (CICS TS 5.6/6.x), so abbreviations are unique. */
const ATTRIBUTES: Record<'IPCONN' | 'TCPIPSERVICE' | 'TRANSACTION', KeywordTable> = {
  IPCONN: keywordTable([
    ...COMMON,
    'APPLID',
    'ATTLSAWARE',
    'AUTOCONNECT',
    'CERTIFICATE',
    'CIPHERS',
    'HA',
    'HOST',
    'IDPROP',
    'INSERVICE',
    'LINKAUTH',
    'MAXQTIME',
    'MIRRORLIFE',
    'NETWORKID',
    'PORT',
    'QUEUELIMIT',
    'RECEIVECOUNT',
    'SECURITYNAME',
    'SENDCOUNT',
    'SSL',
    'TCPIPSERVICE',
    'USERAUTH',
    'XLNACTION',
  ]),
  TCPIPSERVICE: keywordTable([
    ...COMMON,
    'ATTACHSEC',
    'AUTHENTICATE',
    'BACKLOG',
    'CERTIFICATE',
    'CIPHERS',
    'DNSGROUP',
    'GRPCRITICAL',
    'HOST',
    'IPADDRESS',
    'MAXDATALEN',
    'MAXPERSIST',
    'PORTNUMBER',
    'PRIVACY',
    'PROTOCOL',
    'REALM',
    'SOCKETCLOSE',
    'SPECIFTCPS',
    'SSL',
    'STATUS',
    'TRANSACTION',
    'TSQPREFIX',
    'URM',
  ]),
  TRANSACTION: keywordTable([
    ...COMMON,
    'ACTION',
    'ALIAS',
    'APPLICATION',
    'BREXIT',
    'CMDSEC',
    'CONFDATA',
    'DTIMOUT',
    'DUMP',
    'DYNAMIC',
    'INDOUBT',
    'ISOLATE',
    'LOCALQ',
    'OPERATION',
    'OTSTIMEOUT',
    'PARTITIONSET',
    'PLATFORM',
    'PRIMEDSIZE',
    'PRIORITY',
    'PROFILE',
    'PROGRAM',
    'REMOTENAME',
    'REMOTESYSTEM',
    'RESSEC',
    'RESTART',
    'ROUTABLE',
    'RUNAWAY',
    'SHUTDOWN',
    'SPURGE',
    'STATUS',
    'STORAGECLEAR',
    'TASKDATAKEY',
    'TASKDATALOC',
    'TASKREQ',
    'TCLASS',
    'TPNAME',
    'TPURGE',
    'TRACE',
    'TRANCLASS',
    'TRPROF',
    'TWASIZE',
    'WAIT',
    'WAITTIME',
    'XTPNAME',
    'XTRANID',
  ]),
};

/** A CICS name: 1 to `max` characters from A-Z 0-9 $ @ #, folded to upper case as CEDA does. */
const NAME = (max: number) => new RegExp(`^[A-Z0-9$@#]{1,${max}}$`);

export interface CsdDefinitions {
  tcpipServices: TcpipService[];
  ipconns: Ipconn[];
  transactions: Transaction[];
  /** TCPIPSERVICE name -> label of the CICS server certificate (CERTIFICATE attribute), if named. */
  serverCertificateLabel: Record<string, string>;
  /** TCPIPSERVICEs of other protocols: not read, but a z/OS Connect connection to one of them is a fault (R53). */
  otherListeners: { name: string; port: number; protocol: string }[];
  sources: {
    tcpipService: Record<string, DefinitionSource>;
    ipconn: Record<string, DefinitionSource>;
    transaction: Record<string, DefinitionSource>;
  };
}

export interface CsdContext {
  /** The region's own network ID: an IPCONN without NETWORKID means this one. */
  localNetworkid?: string;
}

export function parseCsd(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  context: CsdContext = {},
): CsdDefinitions {
  const result: CsdDefinitions = {
    tcpipServices: [],
    ipconns: [],
    transactions: [],
    serverCertificateLabel: {},
    otherListeners: [],
    sources: { tcpipService: {}, ipconn: {}, transaction: {} },
  };
  for (const statement of csdStatements(content, file, diagnostics)) {
    const at = statement.text.at[0] ?? statement.text.end;
    if (statement.command !== 'DEFINE') {
      diagnostics.skip(at, `DFHCSDUP ${statement.command}`, 'only DEFINE statements are read');
      continue;
    }
    readDefine(statement, at, diagnostics, context, result);
  }
  return result;
}

function readDefine(
  statement: CsdStatement,
  at: SourceLocation,
  diagnostics: Diagnostics,
  context: CsdContext,
  out: CsdDefinitions,
): void {
  const before = diagnostics.problems.length;
  const operands = parseOperands(statement.text, statement.operandsFrom, 'csd', diagnostics, 'DEFINE');
  if (diagnostics.problems.length > before) return;
  const [resource, ...rest] = operands;
  if (!resource || resource.kind !== 'keyword') {
    diagnostics.problem(resource?.at ?? at, 'DEFINE', 'a resource type and name, e.g. IPCONN(name)');
    return;
  }
  const type = resolveKeyword(resource.name, RESOURCE_TYPES);
  if (!type) {
    diagnostics.problem(
      resource.at,
      resource.name.toUpperCase(),
      `a resource type (${[...RESOURCE_TYPES.minimums.keys()].join(', ')})`,
    );
    return;
  }
  if (type !== 'IPCONN' && type !== 'TCPIPSERVICE' && type !== 'TRANSACTION') {
    diagnostics.skip(at, `DEFINE ${type}`);
    return;
  }
  const name = resource.raw.toUpperCase();
  if (!NAME(type === 'TRANSACTION' ? 4 : 8).test(name)) {
    diagnostics.problem(
      resource.rawAt,
      `${type} name`,
      `1 to ${type === 'TRANSACTION' ? 4 : 8} characters from A-Z 0-9 $ @ #`,
    );
    return;
  }
  const attributes = readAttributes(type, rest, diagnostics);
  if (!attributes) return;
  const source: DefinitionSource = {
    at,
    attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.at])),
  };
  const reader = new AttributeReader(type, name, attributes, diagnostics);
  if (!attributes.GROUP) diagnostics.problem(at, `${type}(${name})`, 'GROUP(name): DFHCSDUP DEFINE needs a group');
  if (type === 'TCPIPSERVICE') defineTcpipService(reader, name, source, diagnostics, out);
  else if (type === 'IPCONN') defineIpconn(reader, name, source, diagnostics, context, out);
  else defineTransaction(reader, name, source, diagnostics, out);
}

type Attributes = Record<string, { value: string; at: SourceLocation; valueAt: SourceLocation }>;

function readAttributes(
  type: keyof typeof ATTRIBUTES,
  operands: Operand[],
  diagnostics: Diagnostics,
): Attributes | undefined {
  const attributes: Attributes = {};
  let ok = true;
  for (const operand of operands) {
    const name = resolveKeyword(operand.kind === 'keyword' ? operand.name : operand.text, ATTRIBUTES[type]);
    if (operand.kind !== 'keyword') {
      diagnostics.problem(
        operand.at,
        operand.text.toUpperCase(),
        name ? `${name}(value)` : `an ${type} attribute written as KEYWORD(value)`,
      );
      ok = false;
    } else if (!name) {
      const candidates = candidatesFor(operand.name, ATTRIBUTES[type]);
      const expected =
        candidates.length > 1
          ? `one ${type} attribute, but ${operand.name.toUpperCase()} abbreviates ${candidates.join(', ')}`
          : `an ${type} attribute (or an abbreviation of one)`;
      diagnostics.problem(operand.at, operand.name.toUpperCase(), expected);
      ok = false;
    } else if (attributes[name]) {
      diagnostics.problem(operand.at, name, 'one value only: this attribute is already given in this DEFINE');
      ok = false;
    } else {
      attributes[name] = { value: operand.raw, at: operand.at, valueAt: operand.rawAt };
    }
  }
  return ok ? attributes : undefined;
}

/** Reads and checks attribute values; a bad value is a problem at the value's own column. */
class AttributeReader {
  constructor(
    private readonly type: string,
    private readonly name: string,
    private readonly attributes: Attributes,
    private readonly diagnostics: Diagnostics,
  ) {}

  has(attribute: string): boolean {
    return this.attributes[attribute] !== undefined;
  }

  at(attribute: string): SourceLocation | undefined {
    return this.attributes[attribute]?.at;
  }

  choice<T extends string>(attribute: string, allowed: readonly T[], fallback: T): T {
    const given = this.attributes[attribute];
    if (!given) return fallback;
    const value = given.value.toUpperCase() as T;
    if (allowed.includes(value)) return value;
    this.diagnostics.problem(given.valueAt, `${attribute}(${given.value})`, `one of ${allowed.join(', ')}`);
    return fallback;
  }

  name8(attribute: string, max = 8): string | undefined {
    const given = this.attributes[attribute];
    if (!given) return undefined;
    const value = given.value.toUpperCase();
    if (value === '') return undefined;
    if (NAME(max).test(value)) return value;
    this.diagnostics.problem(
      given.valueAt,
      `${attribute}(${given.value})`,
      `1 to ${max} characters from A-Z 0-9 $ @ #`,
    );
    return undefined;
  }

  text(attribute: string): string | undefined {
    return this.attributes[attribute]?.value;
  }

  port(attribute: string): number | undefined {
    const given = this.attributes[attribute];
    if (!given) return undefined;
    const port = /^\d{1,5}$/.test(given.value) ? Number(given.value) : NaN;
    if (port >= 1 && port <= 65535) return port;
    this.diagnostics.problem(given.valueAt, `${attribute}(${given.value})`, 'a port number from 1 to 65535');
    return undefined;
  }

  problem(attribute: string, expected: string): void {
    const given = this.attributes[attribute];
    this.diagnostics.problem(
      given?.at ?? { file: '', line: 0, column: 0 },
      `${this.type}(${this.name}) ${attribute}`,
      expected,
    );
  }
}

function defineTcpipService(
  r: AttributeReader,
  name: string,
  source: DefinitionSource,
  diagnostics: Diagnostics,
  out: CsdDefinitions,
): void {
  const protocol = r.choice('PROTOCOL', ['HTTP', 'IPIC', 'ECI', 'USER'], 'HTTP');
  if (protocol !== 'IPIC') {
    diagnostics.skip(source.at, `DEFINE TCPIPSERVICE PROTOCOL(${protocol})`, 'not an IPIC listener');
    const port = r.port('PORTNUMBER');
    if (port !== undefined) out.otherListeners.push({ name, port, protocol });
    return;
  }
  // R5: for PROTOCOL(IPIC) the SSL choices are NO, YES and CLIENTAUTH, and AUTHENTICATE does not apply.
  const ssl = r.choice<SslMode>('SSL', ['NO', 'YES', 'CLIENTAUTH'], 'NO');
  if (r.has('AUTHENTICATE')) r.problem('AUTHENTICATE', 'no AUTHENTICATE: it does not apply to PROTOCOL(IPIC) (R5)');
  const port = r.port('PORTNUMBER');
  if (!r.has('PORTNUMBER'))
    diagnostics.problem(source.at, `TCPIPSERVICE(${name})`, 'PORTNUMBER(port): an IPIC service listens on a port');
  const status = r.choice('STATUS', ['OPEN', 'CLOSED'], 'OPEN');
  const urm = r.text('URM')?.toUpperCase() ?? 'DFHISAIP';
  const certificate = r.text('CERTIFICATE');
  if (certificate) out.serverCertificateLabel[name] = certificate;
  replaceNamed(out.tcpipServices, name, 'TCPIPSERVICE', source, out.sources.tcpipService, diagnostics, {
    name,
    port: port ?? 0,
    open: status === 'OPEN',
    ssl,
    // AT-TLS is configured in the TCP/IP policy agent, not the CSD: the site manifest says which ports.
    atTls: false,
    // URM(NO) refuses autoinstall; DFHISAIP, the default, accepts it (R7).
    autoinstall: urm !== 'NO',
  });
}

function defineIpconn(
  r: AttributeReader,
  name: string,
  source: DefinitionSource,
  diagnostics: Diagnostics,
  context: CsdContext,
  out: CsdDefinitions,
): void {
  const linkauth = r.choice<Linkauth>('LINKAUTH', ['SECUSER', 'CERTUSER'], 'SECUSER');
  const securityname = r.name8('SECURITYNAME') ?? null;
  if (linkauth === 'CERTUSER' && securityname !== null) {
    diagnostics.warn(
      r.at('SECURITYNAME') as SourceLocation,
      `IPCONN(${name}): SECURITYNAME is not used under LINKAUTH(CERTUSER)`,
    );
  }
  const networkid = r.name8('NETWORKID') ?? context.localNetworkid;
  if (!networkid) {
    diagnostics.problem(
      source.at,
      `IPCONN(${name}) NETWORKID`,
      "a NETWORKID, or the region's own (cics.networkid in site.yaml)",
    );
  }
  replaceNamed(out.ipconns, name, 'IPCONN', source, out.sources.ipconn, diagnostics, {
    name,
    applid: r.name8('APPLID') ?? name,
    networkid: networkid ?? '',
    tcpipservice: r.name8('TCPIPSERVICE') ?? '',
    inService: r.choice('INSERVICE', ['YES', 'NO'], 'YES') === 'YES',
    linkauth,
    securityname: linkauth === 'SECUSER' ? securityname : null,
    userauth: r.choice<Userauth>('USERAUTH', ['LOCAL', 'IDENTIFY', 'VERIFY', 'DEFAULTUSER'], 'LOCAL'),
    idprop: r.choice<Idprop>('IDPROP', ['NOTALLOWED', 'OPTIONAL', 'REQUIRED'], 'NOTALLOWED'),
  });
}

function defineTransaction(
  r: AttributeReader,
  name: string,
  source: DefinitionSource,
  diagnostics: Diagnostics,
  out: CsdDefinitions,
): void {
  replaceNamed(out.transactions, name, 'TRANSACTION', source, out.sources.transaction, diagnostics, {
    transid: name,
    program: r.name8('PROGRAM') ?? '',
    // TRANSACTION's PROFILE defaults to DFHCICST, so a copy of CSMI must name DFHCICSA itself (R48).
    profile: r.name8('PROFILE') ?? 'DFHCICST',
    ressec: r.choice('RESSEC', ['YES', 'NO'], 'NO') === 'YES',
  });
}

/** A name defined twice (in two groups): the later definition wins, as it would when both are installed. */
function replaceNamed<T extends { name?: string; transid?: string }>(
  list: T[],
  name: string,
  type: string,
  source: DefinitionSource,
  sources: Record<string, DefinitionSource>,
  diagnostics: Diagnostics,
  item: T,
): void {
  const index = list.findIndex((existing) => (existing.name ?? existing.transid) === name);
  if (index >= 0) {
    diagnostics.warn(source.at, `${type}(${name}) is defined again: this later definition is the one read`);
    list.splice(index, 1);
  }
  list.push(item);
  sources[name] = source;
}
