/**
 * The vocabulary of DFHCSDUP commands: resource types, the attributes of the three types IPIC security
 * depends on, and the names a CSD export adds. Minimum abbreviations follow the syntax diagrams of
 * DEFINE/ALTER/DELETE (https://ibm.com/support/knowledgecenter/en/SSGMCP_5.6.0/reference-system-management/resources/alter.html),
 * which show GROUP as Group: G(...) is GROUP even for a TCPIPSERVICE, whose GRPCRITICAL then needs GRP.
 */
import { keywordTable, type KeywordTable } from './keywords';

export const RESOURCE_TYPES = keywordTable([
  'ATOMSERVICE',
  'BUNDLE',
  'CONNECTION',
  'CORBASERVER',
  'DB2CONN',
  'DB2ENTRY',
  'DB2TRAN',
  'DJAR',
  'DOCTEMPLATE',
  'DUMPCODE',
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

export type AuditedType = 'IPCONN' | 'TCPIPSERVICE' | 'TRANSACTION';

export function isAudited(type: string): type is AuditedType {
  return type === 'IPCONN' || type === 'TCPIPSERVICE' || type === 'TRANSACTION';
}

/**
 * Written by an export of the CSD (DFHCSDUP EXTRACT through DFH0CBDC, CSD upgrades, CICS Explorer):
 * when and by whom a definition was made or last changed. They say nothing about what the definition
 * does, so they are accepted, in full only, and not read.
 */
export const EXPORT_METADATA = new Set(['DEFINETIME', 'CHANGETIME', 'CHANGEUSRID', 'CHANGEAGENT', 'CHANGEAGREL']);

const COMMON = ['GROUP', 'DESCRIPTION'];
const GROUP_IS_G = { GROUP: 1 };

/** Every attribute of each resource type read here (CICS TS 5.6/6.x), so abbreviations are unique. */
export const ATTRIBUTES: Record<AuditedType, KeywordTable> = {
  IPCONN: keywordTable(
    [
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
    ],
    {},
    GROUP_IS_G,
  ),
  TCPIPSERVICE: keywordTable(
    [
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
    ],
    {},
    GROUP_IS_G,
  ),
  TRANSACTION: keywordTable(
    [
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
    ],
    {},
    GROUP_IS_G,
  ),
};

/** A CICS name: 1 to `max` characters from A-Z 0-9 $ @ #, folded to upper case as CEDA does. */
export const NAME = (max: number) => new RegExp(`^[A-Z0-9$@#]{1,${max}}$`);

/**
 * Whether a name matches a generic name as CEDA and DFHCSDUP read one: * stands for any number of
 * characters (none included), + for exactly one.
 */
export function matchesGeneric(pattern: string, name: string): boolean {
  if (!/[*+]/.test(pattern)) return pattern === name;
  const regex = pattern.replace(/[*+]|[^*+]+/g, (part) =>
    part === '*' ? '.*' : part === '+' ? '.' : part.replace(/[.$^\\|?()[\]{}]/g, '\\$&'),
  );
  return new RegExp(`^${regex}$`).test(name);
}
