/**
 * The definitions of one site, as CICS, RACF and z/OS Connect hold them. Plain data: the reference
 * model reads it and never changes it. Names follow the CICS and RACF keywords (rule catalog §0).
 */
export type Userauth = 'LOCAL' | 'IDENTIFY' | 'VERIFY' | 'DEFAULTUSER';
export type Linkauth = 'SECUSER' | 'CERTUSER';
export type SslMode = 'NO' | 'YES' | 'CLIENTAUTH';
export type Idprop = 'NOTALLOWED' | 'OPTIONAL' | 'REQUIRED';

export interface Region {
  applid: string;
  /** SIT SEC. */
  sec: boolean;
  /** SIT DFLTUSER. */
  dfltuser: string;
  regionUserid: string;
  /** SIT XTRAN=YES|NO. */
  xtran: boolean;
  /** SIT SECPRFX=YES: profiles are prefixed by the region user ID. */
  secprfx: boolean;
  /** Issuer DNs of the CA certificates connected to the region's key ring (SIT KEYRING). */
  keyringCas: string[];
}

export interface TcpipService {
  name: string;
  port: number;
  open: boolean;
  ssl: SslMode;
  /** AT-TLS in basic mode in front of the port: CICS cannot see the TLS session (R15). */
  atTls: boolean;
  /** Whether the autoinstall user program (URM) accepts partners with no matching IPCONN. */
  autoinstall: boolean;
}

export interface Ipconn {
  name: string;
  applid: string;
  networkid: string;
  tcpipservice: string;
  inService: boolean;
  linkauth: Linkauth;
  /** null: blank. */
  securityname: string | null;
  userauth: Userauth;
  idprop: Idprop;
}

export interface Transaction {
  transid: string;
  program: string;
  profile: string;
  ressec: boolean;
  /** CMDSEC(YES): system commands issued under the transaction are checked (R51); unset: NO. */
  cmdsec?: boolean;
}

/** A system (SPI) command: INQUIRE and COLLECT need READ on its CCICSCMD profile, the others UPDATE (R51). */
export interface SystemCommand {
  verb: 'INQUIRE' | 'COLLECT' | 'SET' | 'PERFORM' | 'DISCARD';
  resource: string;
}

export interface Certificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** Extended key usages; empty means unrestricted. */
  extendedKeyUsage: string[];
}

export interface RacfUser {
  id: string;
  revoked: boolean;
  passwordExpired: boolean;
  password?: string;
  phrase?: string;
  invalidAttempts: number;
}

/** RACDCERT ADD ... ID(user): one certificate registered to one user. */
export interface RegisteredCertificate {
  subject: string;
  issuer: string;
  userid: string;
  trust: boolean;
  /** RACDCERT CERTAUTH ADD: trusted as a signer, mapped to no user. */
  certauth?: boolean;
}

/** RACDCERT MAP with SDNFILTER and/or IDNFILTER. */
export interface CertificateFilter {
  sdnFilter?: string;
  idnFilter?: string;
  userid: string;
  trust: boolean;
}

/** RACMAP MAP USERDIDFILTER(NAME(dn)) REGISTRY(NAME(realm)); '*' matches anything. */
export interface DistributedIdentityFilter {
  dnFilter: string;
  registry: string;
  userid: string;
}

export type RacfClass = 'TCICSTRN' | 'MCICSPPT' | 'APPL' | 'CCICSCMD';

export interface Permit {
  class: RacfClass;
  profile: string;
  userid: string;
  access: 'READ' | 'UPDATE';
}

export interface Racf {
  users: RacfUser[];
  registeredCertificates: RegisteredCertificate[];
  certificateFilters: CertificateFilter[];
  distributedIdentityFilters: DistributedIdentityFilter[];
  /** SETROPTS CLASSACT(IDIDMAP) RACLIST(IDIDMAP) in effect and refreshed. */
  ididmapActive: boolean;
  permits: Permit[];
  mixedCasePasswords: boolean;
  /** 9 with KDFAES or an ICHPWX11 exit that allows it, else 14 (R36). */
  phraseMinLength: 9 | 14;
  applClassActive: boolean;
  /** SETROPTS PASSWORD(REVOKE(n)). */
  revokeAfter: number;
}

export interface ZosConnectConnection {
  id: string;
  port: number;
  authDataRef?: string;
  sslCertsRef?: string;
  applid: string;
  networkid: string;
  transid?: string;
  transidUsage: 'EIB_ONLY' | 'EIB_AND_MIRROR';
}

export interface AuthData {
  id: string;
  user?: string;
  password?: string;
}

/** A Liberty <ssl> repertoire: TLS towards CICS, with or without a client certificate. */
export interface SslRepertoire {
  id: string;
  clientCertificate?: Certificate;
  /** Whether the trust store holds the signer of the CICS server certificate (R55). */
  trustsServerCertificate: boolean;
}

export interface ZosConnect {
  /** Whether the server runs on z/OS in the CICS region's sysplex, reached over a trusted route. */
  sameSysplex: boolean;
  requireAuth: boolean;
  connections: ZosConnectConnection[];
  authData: AuthData[];
  ssl: SslRepertoire[];
  jwt: { issuer: string; mapIdentityToRegistryUser: boolean };
  /** The API's service: which program it links to in CICS. */
  program: string;
  /** The system commands that program issues (R51); unset: none. */
  programCommands?: SystemCommand[];
}

export interface Site {
  /** The instant certificate validity is judged at: part of the input, so results are reproducible. */
  clock: string;
  region: Region;
  tcpipServices: TcpipService[];
  ipconns: Ipconn[];
  transactions: Transaction[];
  racf: Racf;
  zosConnect: ZosConnect;
}
