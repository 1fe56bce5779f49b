/**
 * CICS resource definitions from DFHCSDUP input: TCPIPSERVICE, IPCONN and TRANSACTION, the three
 * resource types IPIC security depends on. The commands are applied in order as DFHCSDUP applies them
 * (DEFINE, USERDEFINE, ALTER, DELETE, COPY, and ADD/REMOVE/APPEND for lists: csd-store.ts), then each
 * definition CICS would end with is read with CICS's defaults (rule catalog §0, R2, R3, R5). Other
 * resource types and reporting commands are counted as skipped. The input is a file of DFHCSDUP
 * records or a JCL member running DFHCSDUP with in-stream SYSIN (jcl.ts).
 */
import type { Idprop, Ipconn, Linkauth, SslMode, TcpipService, Transaction, Userauth } from '../model';
import type { DefinitionSource, SourceLocation } from '../../support/definitions-port';
import { NAME } from './csd-attributes';
import { readCommand, type Attributes } from './csd-commands';
import { csdStatements } from './csd-records';
import { CsdStore, type GroupList, type StoredDefinition } from './csd-store';
import type { Diagnostics } from './diagnostics';
import { inStreamData } from './jcl';
import { looksLikeJcl, recordsOf } from './records';

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
  /** The SIT's GRPLIST, when known: which of two definitions of one resource CICS installs last. */
  grplist?: GroupList;
  /** Values of z/OS symbols in a JCL member's in-stream data (site.yaml symbols:). */
  symbols?: Readonly<Record<string, string>>;
}

/** The records of a CSD input file: DFHCSDUP records, or the in-stream SYSIN of a JCL member's DFHCSDUP steps. */
export function csdRecords(content: string, file: string, diagnostics: Diagnostics, context: CsdContext = {}) {
  return looksLikeJcl(content)
    ? inStreamData(content, file, diagnostics, {
        programs: ['DFHCSDUP'],
        ddnames: ['SYSIN'],
        ...(context.symbols ? { symbols: context.symbols } : {}),
        describe: 'DFHCSDUP commands',
      })
    : recordsOf(content);
}

/** One CSD input file. */
export function parseCsd(
  content: string,
  file: string,
  diagnostics: Diagnostics,
  context: CsdContext = {},
): CsdDefinitions {
  return readCsd([{ content, file }], diagnostics, context);
}

/**
 * Several CSD input files, read as one DFHCSDUP history in the order given: an ALTER in a later file
 * changes a definition made in an earlier one.
 */
export function readCsd(
  files: readonly { content: string; file: string }[],
  diagnostics: Diagnostics,
  context: CsdContext = {},
): CsdDefinitions {
  const store = new CsdStore(diagnostics);
  for (const { content, file } of files)
    for (const statement of csdStatements(csdRecords(content, file, diagnostics, context), file, diagnostics)) {
      const command = readCommand(statement, diagnostics);
      if (command) store.apply(command);
    }
  const result: CsdDefinitions = {
    tcpipServices: [],
    ipconns: [],
    transactions: [],
    serverCertificateLabel: {},
    otherListeners: [],
    sources: { tcpipService: {}, ipconn: {}, transaction: {} },
  };
  for (const definition of store.installed(context.grplist)) read(definition, diagnostics, context, result);
  return result;
}

function read(definition: StoredDefinition, diagnostics: Diagnostics, context: CsdContext, out: CsdDefinitions): void {
  const { type, name, attributes } = definition;
  const source: DefinitionSource = {
    at: definition.at,
    attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.at])),
  };
  const reader = new AttributeReader(type, name, attributes, diagnostics);
  if (type === 'TCPIPSERVICE') defineTcpipService(reader, name, source, diagnostics, out);
  else if (type === 'IPCONN') defineIpconn(reader, name, source, diagnostics, context, out);
  else defineTransaction(reader, name, source, out);
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
  out.sources.tcpipService[name] = source;
  out.tcpipServices.push({
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
  out.sources.ipconn[name] = source;
  out.ipconns.push({
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

function defineTransaction(r: AttributeReader, name: string, source: DefinitionSource, out: CsdDefinitions): void {
  out.sources.transaction[name] = source;
  out.transactions.push({
    transid: name,
    program: r.name8('PROGRAM') ?? '',
    // TRANSACTION's PROFILE defaults to DFHCICST, so a copy of CSMI must name DFHCICSA itself (R48).
    profile: r.name8('PROFILE') ?? 'DFHCICST',
    ressec: r.choice('RESSEC', ['YES', 'NO'], 'NO') === 'YES',
  });
}
