/**
 * The site inventory: what a test site has, in the words of its CICS, RACF and z/OS Connect definitions,
 * and where the harness finds the credentials it may use. docs/live.md explains every field; this
 * file is its executable form. Secrets are never written inline: only {env: NAME} or {file: path}.
 */
import { z } from 'zod';
import { OPTION_VALUES, isOptionName } from '../model/options';
import { WHOAMI_FIELDS } from '../kit/whoami-contract';

/** CICS writes YES/NO; YAML writes true/false. Both are accepted. */
const flag = z
  .union([z.boolean(), z.enum(['YES', 'NO'])], { error: 'true or false (YES or NO)' })
  .transform((v) => v === true || v === 'YES');

const userid = z
  .string()
  .regex(/^[A-Z0-9@#$]{1,8}$/, 'a RACF user ID: 1 to 8 characters from A-Z 0-9 @ # $ (upper case)');
const transid = z.string().regex(/^[A-Z0-9@#$]{1,4}$/, 'a transaction ID of 1 to 4 characters (upper case)');
const name8 = z.string().regex(/^[A-Z0-9@#$]{1,8}$/, 'a CICS name of 1 to 8 characters (upper case)');
const path = z
  .string()
  .min(1, 'a file path')
  .refine((p) => !p.includes('-----BEGIN') && !p.includes('\n'), {
    message: 'a file path; PEM content must not be written inline',
  });

/** Where a secret comes from. A bare string is an inline secret, which is refused without echoing it. */
export const secretSource = z.union(
  [z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }), z.strictObject({ file: path })],
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? 'a reference {env: VARIABLE} or {file: path}; inline secrets are not allowed'
        : 'a reference {env: VARIABLE} or {file: path}',
  },
);
export type SecretSource = z.infer<typeof secretSource>;

/** A secret the user does not have (RACF NOPASSWORD / no phrase), or where the harness can read it. */
const secretOrNone = z.union([z.literal('none'), secretSource], {
  error: (issue) =>
    typeof issue.input === 'string'
      ? "'none', or a reference {env: VARIABLE} or {file: path}; inline secrets are not allowed"
      : "'none', or a reference {env: VARIABLE} or {file: path}",
});

const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'a valid regular expression' },
);

/** How one kind of z/OS Connect response looks: status codes, and optionally a pattern the errorMessage matches. */
const responsePattern = z.strictObject({
  status: z.array(z.number().int().min(100).max(599)).min(1),
  errorMessage: regex.optional(),
});
export type ResponsePattern = z.infer<typeof responsePattern>;

const user = z.strictObject({
  id: userid,
  /** false: a user ID RACF does not define (a RACMAP filter or authData may still name it). */
  defined: flag.default(true),
  revoked: flag.default(false),
  passwordExpired: flag.default(false),
  /** Omitted: unknown to the harness (it cannot log on as this user with a password). */
  password: secretOrNone.optional(),
  phrase: secretOrNone.optional(),
  /** READ on TCICSTRN profiles, as RACF answers for the regions of this site: true permitted, false denied. */
  transactions: z.record(transid, flag).default({}),
  /** READ on MCICSPPT profiles. */
  programs: z.record(name8, flag).default({}),
  /** READ on the APPL profile of the site's CICS APPLIDs. */
  applAccess: flag.optional(),
  /** The JWT subject that stands for this user, and whether RACMAP maps it to this user. */
  jwt: z.strictObject({ subject: z.string().min(1), mapped: flag.default(true) }).optional(),
  /** RACMAP USERDIDFILTER/REGISTRY filters that map to this user. */
  distributedIdentities: z
    .array(z.strictObject({ dnFilter: z.string().min(1), registry: z.string().min(1) }))
    .default([]),
  /** Bad-password attempts the harness may spend on this account in one run (default: limits). */
  badPasswordBudget: z.number().int().min(0).optional(),
  /** The account may be revoked by a run (it is reset before the next). Allows a budget of revokeAfter or more. */
  revocable: flag.default(false),
});

const certificateState = z.enum([
  'valid',
  'expired',
  'not yet valid',
  'self-signed',
  'issued by an untrusted CA',
  'without client-auth key usage',
  'with no extended key usage',
]);

const certificate = z.strictObject({
  id: z.string().min(1),
  certificate: path,
  /** The private key file. A secret: only read, never copied into a report. */
  key: path.optional(),
  state: certificateState,
  /** The user RACF maps this certificate to (RACDCERT ADD ... ID() or MAP); null: mapped to no user. */
  mappedTo: userid.nullable(),
  racfStatus: z.enum(['TRUST', 'NOTRUST']).default('TRUST'),
  /** How RACF maps it (R18): registered to the user (RACDCERT ADD ... ID()), or a name filter (RACDCERT MAP). */
  racfMapping: z.enum(['registered', 'name filter']).optional(),
  /** A self-signed certificate added to RACF with TRUST, so CICS trusts it (R12). */
  registeredAsTrusted: flag.default(false),
  /** Where the harness may present it: as z/OS Connect towards CICS (ipic), as an HTTP caller (http). */
  use: z
    .array(z.enum(['ipic', 'http']))
    .min(1)
    .default(['ipic', 'http']),
});

const tcpipService = z.strictObject({
  name: name8,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  ssl: z.enum(['NO', 'YES', 'CLIENTAUTH']),
  /** AT-TLS in basic mode in front of the port (R15). */
  atTls: flag.default(false),
  status: z.enum(['OPEN', 'CLOSED']).default('OPEN'),
  /** Whether the autoinstall user program (URM) installs an IPCONN for partners with no matching one. */
  autoinstall: flag,
});

const ipconn = z.strictObject({
  name: name8,
  applid: name8,
  networkid: name8,
  tcpipService: name8,
  inService: flag.default(true),
  linkauth: z.enum(['SECUSER', 'CERTUSER']).default('SECUSER'),
  /** null or omitted: blank. */
  securityName: userid.nullable().default(null),
  userauth: z.enum(['LOCAL', 'IDENTIFY', 'VERIFY', 'DEFAULTUSER']).default('LOCAL'),
  idprop: z.enum(['NOTALLOWED', 'OPTIONAL', 'REQUIRED']).default('NOTALLOWED'),
});

const transaction = z.strictObject({ transid, program: name8, profile: name8, ressec: flag.default(false) });

const region = z.strictObject({
  applid: name8,
  /** The sysplex the region runs in; compared with each z/OS Connect server's. */
  sysplex: z.string().min(1),
  sec: flag.default(true),
  xtran: flag.default(true),
  secprfx: flag.default(false),
  defaultUser: userid,
  regionUser: userid,
  tcpipServices: z.array(tcpipService).min(1),
  ipconns: z.array(ipconn).default([]),
  transactions: z.array(transaction).default([]),
});

const authDataSecret = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('password'), correct: flag, variant: z.enum(['lowercased']).optional() }),
    z.strictObject({
      kind: z.literal('phrase'),
      correct: flag,
      variant: z.enum(['with a character appended', 'in another case']).optional(),
    }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: "a secret description with kind 'password', 'phrase' or 'none'" },
);

const connection = z.strictObject({
  id: z.string().min(1),
  region: name8,
  tcpipService: name8,
  /** zosConnectApplid / zosConnectNetworkid. */
  applid: name8,
  networkid: name8,
  tls: z.union(
    [
      z.literal('none'),
      z.strictObject({
        /** The client certificate z/OS Connect presents (a copy the harness can present too); null: none. */
        clientCertificate: z.string().min(1).nullable(),
        /** The CA certificates in z/OS Connect's trust store for this connection (PEM bundle). */
        trustStore: path.optional(),
        trustsServerCertificate: flag.default(true),
      }),
    ],
    { error: "'none' or {clientCertificate, trustStore, trustsServerCertificate}" },
  ),
  /** What the connection's authData holds, described: the harness never needs the authData password. */
  authData: z
    .strictObject({ user: userid.nullable(), secret: authDataSecret, useridInLowerCase: flag.default(false) })
    .optional(),
  transid: transid.optional(),
  transidUsage: z.enum(['EIB_ONLY', 'EIB_AND_MIRROR']).default('EIB_ONLY'),
  whoami: z.strictObject({
    path: z.string().startsWith('/', 'a path starting with /'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** The CICS program the API's service links to. */
    program: name8,
  }),
});

const jwtIssuer = z.strictObject({
  issuer: z.string().min(1),
  audience: z.string().min(1).optional(),
  algorithm: z.enum(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256']).default('RS256'),
  /** The private key (PKCS#8 PEM) whose signatures this server trusts. A secret. */
  signingKey: path,
  keyId: z.string().optional(),
  lifetimeSeconds: z.number().int().min(10).default(300),
  /** Liberty's mapIdentityToRegistryUser (R56): the subject mapped to a registry user, or passed on to CICS. */
  mapIdentityToRegistryUser: flag.optional(),
});

const server = z.strictObject({
  name: z.string().min(1),
  baseUrl: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
  /** CA certificates for the HTTPS server certificate (PEM bundle). */
  trustStore: path.optional(),
  verifyServerCertificate: flag.default(true),
  /** The sysplex the server runs in; null when it runs off z/OS or outside every region's sysplex. */
  sysplex: z.string().min(1).nullable(),
  requireAuth: flag.default(true),
  startedTaskUser: userid.optional(),
  jwt: jwtIssuer.optional(),
  connections: z.array(connection).min(1),
});

const ldapUser = z.strictObject({
  dn: z.string().min(1),
  realm: z.string().min(1),
  username: z.string().min(1),
  password: secretSource,
});

const site = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /**
   * Scenarios ("features/x.feature: name") this site was set up for. Among sites that fit a scenario
   * equally well, the matcher takes the one set up for it; a site never fits because of this list.
   */
  preferredFor: z.array(z.string()).default([]),
  racf: z.strictObject({
    mixedCasePasswords: flag.default(false),
    /** 9 with KDFAES or an ICHPWX11 exit that allows it, else 14 (R36). */
    passwordPhraseMinLength: z.union([z.literal(9), z.literal(14)], { error: '9 or 14' }).default(14),
    applClassActive: flag.default(false),
    /** SETROPTS PASSWORD(REVOKE(n)). */
    revokeAfter: z.number().int().min(1),
    users: z.array(user).min(1),
  }),
  ldap: z.array(ldapUser).default([]),
  certificates: z.array(certificate).default([]),
  cics: z.strictObject({ regions: z.array(region).min(1) }),
  zosConnect: z.strictObject({ servers: z.array(server).min(1) }),
});

const readings = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  for (const [name, reading] of Object.entries(value)) {
    if (!isOptionName(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `a reading name, one of ${Object.keys(OPTION_VALUES).join(', ')}`,
      });
    } else if (!OPTION_VALUES[name].includes(reading)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `one of ${OPTION_VALUES[name].join(', ')}` });
    }
  }
});

export const inventorySchema = z.strictObject({
  version: z.literal(1, { error: 'version: 1' }),
  description: z.string().optional(),
  limits: z
    .strictObject({ badPasswordAttemptsPerAccount: z.number().int().min(0).default(1) })
    .default({ badPasswordAttemptsPerAccount: 1 }),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().min(1).default(3000),
      handshakeMs: z.number().int().min(1).default(5000),
      settleMs: z.number().int().min(0).default(300),
      /** TLS 1.3: the wait for a session ticket or a refusal after the handshake (optional: older inventories load). */
      verdictWaitMs: z.number().int().min(1).default(2000),
      requestMs: z.number().int().min(1).default(15000),
    })
    .default({ connectMs: 3000, handshakeMs: 5000, settleMs: 300, verdictWaitMs: 2000, requestMs: 15000 }),
  tlsVersions: z
    .array(z.enum(['TLSv1.2', 'TLSv1.3']))
    .min(1)
    .default(['TLSv1.2', 'TLSv1.3']),
  /** How the site answers the uncertain points of the catalog (§6), as model option values; omitted: unknown. */
  readings: readings.default({}),
  responses: z
    .strictObject({
      cicsRefusal: responsePattern.default({ status: [500], errorMessage: '^BAQR\\d{4}[A-Z]' }),
      connectionFailure: responsePattern.nullable().default(null),
      configurationError: responsePattern.nullable().default(null),
      whoami: z
        .strictObject({
          userId: z.string().min(1).default(WHOAMI_FIELDS.userId),
          transid: z.string().min(1).default(WHOAMI_FIELDS.transid),
        })
        .default({ ...WHOAMI_FIELDS }),
    })
    .default({
      cicsRefusal: { status: [500], errorMessage: '^BAQR\\d{4}[A-Z]' },
      connectionFailure: null,
      configurationError: null,
      whoami: { ...WHOAMI_FIELDS },
    }),
  matching: z
    .strictObject({ unconstrained: z.enum(['prefer-defaults', 'require-defaults']).default('prefer-defaults') })
    .default({ unconstrained: 'prefer-defaults' }),
  sites: z.array(site).min(1),
});

export type Inventory = z.infer<typeof inventorySchema>;
export type InventorySite = Inventory['sites'][number];
export type InventoryUser = InventorySite['racf']['users'][number];
export type InventoryCertificate = InventorySite['certificates'][number];
export type InventoryRegion = InventorySite['cics']['regions'][number];
export type InventoryTcpipService = InventoryRegion['tcpipServices'][number];
export type InventoryIpconn = InventoryRegion['ipconns'][number];
export type InventoryServer = InventorySite['zosConnect']['servers'][number];
export type InventoryConnection = InventoryServer['connections'][number];
export type InventoryLdapUser = InventorySite['ldap'][number];
