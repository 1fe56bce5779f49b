/**
 * Named model options: one for each point the rule catalog marks uncertain (§6) or inferred [INF].
 * Each default is the reading the catalog recommends; the alternative is the other documented reading.
 * Scenarios whose expectation depends on one of these declare it as an assumption (tag @assumes:...),
 * and a target configured for the other reading reports them as not applicable.
 */
export interface ModelOptions {
  /** U2: authData credentials replace the caller's identity on every request, or only stand in when there is none. */
  authDataPrecedence: 'connection-level' | 'fallback';
  /** U4 / R13: behind SSL(CLIENTAUTH), an unmapped client certificate fails the handshake even under LINKAUTH(SECUSER). */
  unmappedCertificateUnderSecuser: 'refuse' | 'accept';
  /** U5 / R25: USERAUTH(LOCAL) ignores a flowed user ID (IPIC) or rejects it (LU6.2 ATTACHSEC(LOCAL)). */
  localWithFlowedUserid: 'ignore' | 'reject';
  /** U6 / R30: USERAUTH(IDENTIFY) with user ID plus password is rejected (DEV-QA) or verified (MRO/LU6.2). */
  identifyWithPassword: 'reject' | 'verify';
  /** U8 / R43: an unmapped distributed identity is a security error, or is treated as if absent. */
  unmappedDistributedIdentity: 'security-error' | 'as-if-absent';
  /** U11 / R8: under SEC=NO CICS still enforces the IDENTIFY trust condition (R14), or skips it. */
  identifyTrustUnderSecNo: 'enforced' | 'skipped';
  /** R12 [INF]: a self-signed client certificate registered in RACF with TRUST is trusted by CICS. */
  selfSignedTrustedWhenRegistered: 'yes' | 'no';
  /** U9 / R46: IPCONN IDPROP has no effect on requests from z/OS Connect, or is enforced as between CICS regions. */
  idprop: 'ignored' | 'enforced';
  /** R40 [INF]: a sign-on for IDENTIFY or VERIFY also checks READ on the APPL profile of the CICS APPLID. */
  applClassCheckedAtSignOn: 'yes' | 'no';
  /** U3: CICS rejects insecure IPCONNs when they are installed, or (documented) only fails them at connect time. */
  installChecks: 'connect-time' | 'install-time';
  /** U10 / R37 [INF]: CICS folds a flowed IPIC user ID to upper case, or takes it exactly as sent. */
  flowedUseridCase: 'fold' | 'exact';
  /** Live notes §7.7: what z/OS Connect flows for an unauthenticated caller when requireAuth=false. */
  unauthenticatedFlows: 'nothing' | 'WSGUEST';
  /**
   * U14 / R7: a zosconnect_cicsIpicConnection without zosConnectApplid. 'blank': z/OS Connect is read as
   * sending no APPLID, the case CICS documents for Java clients, so no defined IPCONN matches and the
   * TCPIPSERVICE's autoinstall program decides. 'undecided': the model does not guess, and says so.
   */
  zosConnectApplidUnset: 'blank' | 'undecided';
}

export const DEFAULT_OPTIONS: Readonly<ModelOptions> = Object.freeze({
  authDataPrecedence: 'connection-level',
  unmappedCertificateUnderSecuser: 'refuse',
  localWithFlowedUserid: 'ignore',
  identifyWithPassword: 'reject',
  unmappedDistributedIdentity: 'security-error',
  identifyTrustUnderSecNo: 'enforced',
  selfSignedTrustedWhenRegistered: 'yes',
  unauthenticatedFlows: 'nothing',
  idprop: 'ignored',
  applClassCheckedAtSignOn: 'yes',
  installChecks: 'connect-time',
  flowedUseridCase: 'fold',
  zosConnectApplidUnset: 'blank',
});

export const OPTION_VALUES: Readonly<Record<keyof ModelOptions, readonly string[]>> = Object.freeze({
  authDataPrecedence: ['connection-level', 'fallback'],
  unmappedCertificateUnderSecuser: ['refuse', 'accept'],
  localWithFlowedUserid: ['ignore', 'reject'],
  identifyWithPassword: ['reject', 'verify'],
  unmappedDistributedIdentity: ['security-error', 'as-if-absent'],
  identifyTrustUnderSecNo: ['enforced', 'skipped'],
  selfSignedTrustedWhenRegistered: ['yes', 'no'],
  unauthenticatedFlows: ['nothing', 'WSGUEST'],
  idprop: ['ignored', 'enforced'],
  applClassCheckedAtSignOn: ['yes', 'no'],
  installChecks: ['connect-time', 'install-time'],
  flowedUseridCase: ['fold', 'exact'],
  zosConnectApplidUnset: ['blank', 'undecided'],
});

export function isOptionName(name: string): name is keyof ModelOptions {
  return Object.prototype.hasOwnProperty.call(OPTION_VALUES, name);
}
