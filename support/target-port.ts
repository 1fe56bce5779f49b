/**
 * The target port: the only interface through which steps reach the system under test.
 *
 * A scenario first describes a Situation (what the CICS region, RACF and z/OS Connect must look like),
 * then asks the target to arrange it. A target either arranges it (the model builds it; a live target
 * finds a matching endpoint in its inventory) or declines with a reason, and the scenario is then
 * reported as not applicable. An arranged situation can be asked to acquire the IPIC connection and to
 * send requests; both answer with black-box Observations only. Anything a target knows about *why*
 * goes into Evidence, which the harness attaches to the report.
 *
 * This file is public API: a user plugs in a target with IPIC_TARGET=./path/to/module.ts, whose default
 * export (or export `createTarget`) is a TargetFactory. Keep it small and stable.
 *
 * What a target returns crosses into the harness, so its types are zod schemas (src/targets/port-schemas.ts),
 * and the TypeScript types here are derived from them: they cannot drift apart. src/targets/checked-target.ts
 * checks every value a loaded target returns against those schemas at run time, because a plugged-in
 * module may be plain JavaScript, or lie. This file only imports their types, so loading the port does
 * not load zod.
 */
import type { z } from 'zod';
import type {
  connectionObservationSchema,
  connectionStageSchema,
  evidenceSchema,
  notApplicableSchema,
  refusingLayerSchema,
  requestObservationSchema,
  targetDescriptionSchema,
} from '../src/targets/port-schemas';

/** A user in a scenario is an alias ("ALICE"); a target binds each alias to one of its real user IDs. */
export type Alias = string;

/** The region's own special users, named by role rather than by alias. */
export const DEFAULT_USER: Alias = '<default user>';
export const REGION_USER: Alias = '<region user>';

export type Userauth = 'LOCAL' | 'IDENTIFY' | 'VERIFY' | 'DEFAULTUSER';
export type Linkauth = 'SECUSER' | 'CERTUSER';
export type SslMode = 'NO' | 'YES' | 'CLIENTAUTH';
export type Idprop = 'NOTALLOWED' | 'OPTIONAL' | 'REQUIRED';

/** What a certificate must be, in the words of a security administrator. */
export type CertificateState =
  | 'valid'
  | 'expired'
  | 'not yet valid'
  | 'self-signed'
  | 'issued by an untrusted CA'
  | 'without client-auth key usage'
  /** Valid, and with no extended key usage extension at all, so fit for any use (R12). */
  | 'with no extended key usage';

export interface CertificateRequirement {
  state: CertificateState;
  /** The alias RACF maps this certificate to; null = deliberately unmapped. */
  mappedTo: Alias | null;
  /** RACF status of the mapping (RACDCERT TRUST/NOTRUST). */
  racfStatus?: 'TRUST' | 'NOTRUST';
  /**
   * How RACF maps it (R18): the certificate itself registered to the user (RACDCERT ADD ... ID(user)), or a
   * name filter (RACDCERT MAP SDNFILTER). Unset: either will do.
   */
  racfMapping?: 'registered' | 'name filter';
  /** For self-signed certificates: registered in RACF with TRUST, so CICS trusts it (R12). */
  selfSignedTrustedByRacf?: boolean;
  /** Another RACF certificate mapping, to another user, that comes close to this certificate (R18). */
  rivalMapping?: { to: Alias; kind: RivalMapping };
}

/**
 * A RACF mapping near a certificate's own (R18): a one-to-one registration of a certificate with the same
 * subject from another CA; a name filter (RACDCERT MAP SDNFILTER) for the subject's whole organization,
 * broader than the certificate's own filter; or a filter for the same subject that an IDNFILTER restricts
 * to another CA.
 */
export type RivalMapping =
  | 'same subject registered from another CA'
  | 'name filter for its organization'
  | 'name filter for its subject from another CA';

/**
 * A phrase that breaks one of RACF's content rules (R36), or meets one exactly at its limit and all the
 * others. support/phrase-content.ts decides whether a phrase has a content.
 */
export type PhraseContent =
  | 'only one letter'
  | 'exactly two letters'
  | 'only one non-letter'
  | 'exactly two non-letters'
  | 'the user ID'
  | 'three identical characters in a row';

/** What one RACF user must look like. Unstated fields are "don't care". */
export interface UserRequirement {
  revoked?: boolean;
  passwordExpired?: boolean;
  /** Exists in RACF at all. */
  defined?: boolean;
  hasPassword?: boolean;
  /** Length of the user's password phrase, when the scenario needs one. */
  phraseLength?: number;
  /** What that phrase is made of, against RACF's rules for setting a phrase (R36); unset: not stated. */
  phraseContent?: PhraseContent;
  /** Transactions this user may (true) or must not (false) attach. */
  transactions?: Record<string, boolean>;
  /** Programs this user may (true) or must not (false) run under resource security. */
  programs?: Record<string, boolean>;
  /** READ on the APPL profile of the CICS APPLID (R40). */
  applAccess?: boolean;
  /** Whether RACMAP maps this user's JWT subject to the user (default true). */
  jwtSubjectMapped?: boolean;
  /** Whether RACF holds this user's HTTP client certificate with TRUST (default true); false: NOTRUST (R18). */
  httpCertificateTrusted?: boolean;
  /** A distributed identity mapped to this user by RACMAP (R42). */
  distributedIdentity?: { dnFilter: string; registry: string };
  /** Access to CCICSCMD profiles, by resource type (R51); unstated: UPDATE, so commands are allowed. */
  commands?: Record<string, CommandAccess>;
}

/** A user's access to a command-security profile (class CCICSCMD, profile = the resource type). */
export type CommandAccess = 'NONE' | 'READ' | 'UPDATE';

/** A system (SPI) command the API's program issues, e.g. INQUIRE PROGRAM (R51). */
export interface SystemCommand {
  verb: 'INQUIRE' | 'COLLECT' | 'SET' | 'PERFORM' | 'DISCARD';
  /** The resource type, which names the CCICSCMD profile (PROGRAM, FILE, ...). */
  resource: string;
}

/** The secret z/OS Connect's authData sends, described, never given: targets make the value. */
export type SecretRequirement =
  | { kind: 'password'; correct: boolean; variant?: 'lowercased' }
  | { kind: 'phrase'; correct: boolean; variant?: 'with a character appended' | 'in another case' }
  | { kind: 'none' };

export interface Situation {
  /**
   * Which scenario this is ("features/x.feature: name"). Informational, never a condition: a target that
   * keeps fixtures made for particular scenarios (the sandbox's sites) may prefer the one made for it.
   */
  scenario?: string;
  region: {
    sec?: boolean;
    xtran?: boolean;
    secprfx?: boolean;
    /**
     * Whether RACF's CICS resource profiles (TCICSTRN, MCICSPPT, CCICSCMD) are named with the region user
     * ID as prefix; unset: exactly when SECPRFX=YES, as a consistent site has them.
     */
    profilesPrefixed?: boolean;
    /** RACF SETROPTS PASSWORD(MIXEDCASE). */
    mixedCasePasswords?: boolean;
    /** KDFAES or ICHPWX11 in effect: phrases of 9-13 characters allowed (R36). */
    shortPhrasesAllowed?: boolean;
    applClassActive?: boolean;
  };
  tcpipService: {
    ssl?: SslMode;
    atTls?: boolean;
    open?: boolean;
    /** URM accepts partners with no matching IPCONN. */ autoinstall?: boolean;
  };
  ipconn: {
    /** false: no IPCONN matches z/OS Connect's APPLID/NETWORKID, so CICS would autoinstall. */
    defined?: boolean;
    inService?: boolean;
    linkauth?: Linkauth;
    /** Alias, REGION_USER, DEFAULT_USER, or null for blank. */
    securityName?: Alias | null;
    userauth?: Userauth;
    idprop?: Idprop;
  };
  mirror: {
    /** The transaction z/OS Connect asks for (CSMI when unset). */
    transid?: string;
    /** z/OS Connect's transidUsage: EIB_AND_MIRROR attaches the custom transid, EIB_ONLY only shows it in EIBTRNID. */
    transidUsage?: 'EIB_ONLY' | 'EIB_AND_MIRROR';
    /** Whether a custom transid is a true copy of CSMI (DFHMIRS, DFHCICSA). */
    copyOfCsmi?: boolean;
    /** When it is no copy: the attribute that differs from CSMI's (R48); unset: not stated. */
    differsFromCsmiIn?: 'PROGRAM' | 'PROFILE';
    ressec?: boolean;
    /** CMDSEC(YES) on the mirror transaction: the system commands its programs issue are checked (R51). */
    cmdsec?: boolean;
    /** The program the API's service runs. */
    program?: string;
    /** System commands that program issues (R51); unset: none. */
    commands?: SystemCommand[];
  };
  zosConnect: {
    sameSysplex?: boolean;
    /** Liberty requireAuth: false lets unauthenticated callers through. */
    requireAuth?: boolean;
    /** TLS towards CICS: none, or a client certificate of the described kind. */
    tls?: 'none' | 'server-auth only' | CertificateRequirement;
    /** Whether z/OS Connect's trust store holds the signer of the CICS server certificate (R55); default true. */
    trustsCicsCertificate?: boolean;
    /** z/OS Connect's own started-task user ID (R23: it plays no part in CICS's checks). */
    serverUser?: Alias;
    /** A second client certificate on a second connection element (R18). */
    secondConnectionCertificate?: CertificateRequirement;
    authData?: { user: Alias | null; secret: SecretRequirement; useridInLowerCase?: boolean };
    /** Another authData element of the server, which the connection's authDataRef does not name (R31). */
    otherAuthData?: { user: Alias };
    /**
     * Whether z/OS Connect maps a JWT's subject to a user of its registry (Liberty's mapIdentityToRegistryUser,
     * R56), or passes the subject on to CICS as a distributed identity. Unset: either will do.
     */
    jwtSubjectToRegistryUser?: boolean;
  };
  users: Record<Alias, UserRequirement>;
  /**
   * Documented-but-uncertain behaviour this scenario's expectation relies on (catalog §6), e.g.
   * { identifyWithPassword: 'reject' }. A target configured for the other reading declines.
   */
  assumptions: Record<string, string>;
}

/** A JWT as z/OS Connect receives it: 'another issuer' is signed with the trusted key but names another iss. */
export type JwtValidity = 'valid' | 'expired' | 'untrusted signature' | 'another issuer';

/** How the caller authenticates to z/OS Connect over HTTPS. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'basic'; user: Alias; password: 'correct' | 'wrong' }
  | { kind: 'certificate'; mappedTo: Alias | null }
  | { kind: 'jwt'; subject: Alias; validity: JwtValidity }
  | { kind: 'ldap'; dn: string; realm: string };

/** What a target returns, as the zod schemas of src/targets/port-schemas.ts define it. */
export type ConnectionStage = z.infer<typeof connectionStageSchema>;
export type ConnectionObservation = z.infer<typeof connectionObservationSchema>;
export type RefusingLayer = z.infer<typeof refusingLayerSchema>;
export type RequestObservation = z.infer<typeof requestObservationSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type NotApplicable = z.infer<typeof notApplicableSchema>;
export type TargetDescription = z.infer<typeof targetDescriptionSchema>;

export interface RequestSpec {
  caller: Caller;
  /** Which connection element carries it (1 or 2, see secondConnectionCertificate). */
  connection?: 1 | 2;
}

/**
 * Thrown by acquire() or send() when the scenario turns out not to apply only once it runs: a request
 * would spend a bad-password attempt beyond the run's budget, or needs a second connection the site does
 * not have. The scenario is then reported as not applicable with the reason, like a declined arrange(),
 * and never as a pass, a nonconformance or a harness error.
 */
export class NotApplicableError extends Error {
  constructor(readonly reason: string) {
    super(`not applicable on this target: ${reason}`);
    this.name = 'NotApplicableError';
  }
}

export interface Arrangement {
  /** The real user ID each alias (and DEFAULT_USER, REGION_USER) stands for on this target. */
  userIdOf(alias: Alias): string;
  acquire(connection?: 1 | 2): Promise<ConnectionObservation>;
  send(request: RequestSpec): Promise<RequestObservation>;
  /** Evidence gathered since the last call. */
  takeEvidence(): Evidence[];
  dispose(): Promise<void>;
}

export interface Target {
  describe(): TargetDescription;
  arrange(situation: Situation): Promise<Arrangement | NotApplicable>;
  close?(): Promise<void>;
}

/** What IPIC_TARGET modules export, as default or as `createTarget`. */
export type TargetFactory = (env: NodeJS.ProcessEnv) => Target | Promise<Target>;

export function isNotApplicable(value: Arrangement | NotApplicable): value is NotApplicable {
  return 'notApplicable' in value;
}

export function emptySituation(): Situation {
  return { region: {}, tcpipService: {}, ipconn: {}, mirror: {}, zosConnect: {}, users: {}, assumptions: {} };
}
