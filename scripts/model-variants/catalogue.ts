/**
 * Hand-written rule-breaking variants of the reference model (issue 15, docs/mutation.md "Hand-written
 * variants"). Each is one small change of the kind a real implementation of CICS, RACF or z/OS Connect
 * security gets wrong: a comparison off by one, a case rule reversed, a check made for one of two users, a
 * fallback taken once too often. Each names the catalog rule it breaks (docs/rules.yaml).
 *
 * A variant is data: an exact `find` text in one file of src/model and its `replace`. `find` must occur
 * exactly once (scripts/model-variants/apply.ts refuses anything else), so a variant can never quietly
 * stop applying when the model changes: the run fails and names it.
 */
export interface ModelVariant {
  /** Unique, and says what is wrong. */
  id: string;
  /** The catalog rule the variant breaks (R<n>). */
  rule: string;
  /** The change, in a reader's words. */
  description: string;
  /** A file under src/model. */
  file: string;
  find: string;
  replace: string;
}

export const VARIANTS: readonly ModelVariant[] = [
  // --- connection.ts: TCP, TLS and the capability exchange --------------------------------------------------
  {
    id: 'closed-service-accepts',
    rule: 'R53',
    description: 'a closed TCPIPSERVICE still accepts the TCP connection',
    file: 'connection.ts',
    find: 's.port === conn.port && s.open',
    replace: 's.port === conn.port',
  },
  {
    id: 'ipconn-matched-by-applid-only',
    rule: 'R7',
    description: 'the IPCONN is found by APPLID alone; NETWORKID is not compared',
    file: 'connection.ts',
    find: 'i.applid === conn.applid && i.networkid === conn.networkid &&',
    replace: 'i.applid === conn.applid &&',
  },
  {
    id: 'autoinstall-refusal-ignored',
    rule: 'R7',
    description: 'an unknown partner is autoinstalled although the URM refuses it',
    file: 'connection.ts',
    find: '  if (!service.autoinstall) return undefined;\n',
    replace: '',
  },
  {
    id: 'autoinstalled-ipconn-identifies',
    rule: 'R7',
    description: 'an autoinstalled IPCONN gets USERAUTH(IDENTIFY) instead of the default LOCAL',
    file: 'connection.ts',
    find: "    userauth: 'LOCAL',\n    idprop: 'NOTALLOWED',",
    replace: "    userauth: 'IDENTIFY',\n    idprop: 'NOTALLOWED',",
  },
  {
    id: 'inservice-checked-only-when-autoinstalled',
    rule: 'R7',
    description: 'INSERVICE(NO) refuses only autoinstalled IPCONNs, not a defined one',
    file: 'connection.ts',
    find: 'if (!effective.inService) {',
    replace: 'if (!effective.inService && !ipconn) {',
  },
  {
    id: 'at-tls-counts-as-client-auth',
    rule: 'R15',
    description: 'AT-TLS in front of the port counts as TLS client authentication',
    file: 'connection.ts',
    find: "const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;",
    replace: "const clientAuthenticated = service.ssl === 'CLIENTAUTH' || service.atTls;",
  },
  {
    id: 'server-only-tls-counts-as-trusted',
    rule: 'R14',
    description: 'any TLS, even without a client certificate, satisfies the IDENTIFY trust condition',
    file: 'connection.ts',
    find: "const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;",
    replace: "const clientAuthenticated = service.ssl !== 'NO' && !service.atTls;",
  },
  {
    id: 'sysplex-not-trusted',
    rule: 'R14',
    description: 'a partner in the same sysplex still needs TLS client authentication for IDENTIFY',
    file: 'connection.ts',
    find: '&& !clientAuthenticated && !site.zosConnect.sameSysplex',
    replace: '&& !clientAuthenticated',
  },
  {
    id: 'trust-condition-for-verify-too',
    rule: 'R14',
    description: 'the IDENTIFY trust condition is applied to every USERAUTH except LOCAL',
    file: 'connection.ts',
    find: "if (effective.userauth === 'IDENTIFY' && trustCheck",
    replace: "if (effective.userauth !== 'LOCAL' && trustCheck",
  },
  {
    id: 'trust-condition-dropped-under-sec-no',
    rule: 'R8',
    description: 'under SEC=NO the IDENTIFY trust condition is skipped whatever the reading (catalog U11)',
    file: 'connection.ts',
    find: "const trustCheck = site.region.sec || options.identifyTrustUnderSecNo === 'enforced';",
    replace: 'const trustCheck = site.region.sec;',
  },
  {
    id: 'certuser-checked-only-behind-clientauth',
    rule: 'R4',
    description: 'CERTUSER without a certificate fails only behind SSL(CLIENTAUTH); elsewhere it falls back',
    file: 'connection.ts',
    find: "if (effective.linkauth === 'CERTUSER' && tls.certificateUser === undefined) {",
    replace: "if (effective.linkauth === 'CERTUSER' && clientAuthenticated && tls.certificateUser === undefined) {",
  },
  {
    id: 'plain-tcp-to-tls-port',
    rule: 'R6',
    description: 'z/OS Connect without sslCertsRef gets through a TCPIPSERVICE that speaks TLS',
    file: 'connection.ts',
    find: "  if (!repertoire)\n    return { refused: `TCPIPSERVICE is ${serverSpeaksTls} but z/OS Connect does not use TLS`, rule: 'R6' };",
    replace: '  if (!repertoire) return {};',
  },
  {
    id: 'tls-to-plain-port',
    rule: 'R6',
    description: 'z/OS Connect starting TLS against an SSL(NO) TCPIPSERVICE still connects',
    file: 'connection.ts',
    find: "return repertoire ? { refused: 'z/OS Connect starts TLS but the TCPIPSERVICE is SSL(NO)', rule: 'R6' } : {};",
    replace: 'return {};',
  },
  {
    id: 'cics-certificate-trust-unchecked',
    rule: 'R55',
    description: "z/OS Connect does not check that it trusts the CICS server's certificate",
    file: 'connection.ts',
    find: "  if (!repertoire.trustsServerCertificate)\n    return { refused: 'z/OS Connect does not trust the CICS server certificate', rule: 'R55' };\n",
    replace: '',
  },
  {
    id: 'not-before-ignored',
    rule: 'R12',
    description: 'only the end of the validity period is checked, not its start',
    file: 'connection.ts',
    find: 'site.clock < cert.notBefore || ',
    replace: '',
  },
  {
    id: 'empty-key-usage-refused',
    rule: 'R12',
    description: 'a certificate without an extended key usage extension is taken as unfit for client use',
    file: 'connection.ts',
    find: "cert.extendedKeyUsage.length > 0 && !cert.extendedKeyUsage.includes('clientAuth')",
    replace: "!cert.extendedKeyUsage.includes('clientAuth')",
  },
  {
    id: 'any-auth-key-usage-accepted',
    rule: 'R12',
    description: 'any extended key usage ending in "Auth" (serverAuth too) is taken as fit for client use',
    file: 'connection.ts',
    find: "!cert.extendedKeyUsage.includes('clientAuth')",
    replace: "!cert.extendedKeyUsage.some((usage) => usage.endsWith('Auth'))",
  },
  {
    id: 'registered-self-signed-always-trusted',
    rule: 'R12',
    description: 'a self-signed certificate registered with TRUST is trusted under either reading (R12 [INF])',
    file: 'connection.ts',
    find: "(registered && options.selfSignedTrustedWhenRegistered === 'yes')",
    replace: 'registered',
  },
  {
    id: 'issuer-not-in-key-ring-accepted',
    rule: 'R12',
    description: "the chain to a CA in the region's key ring is not checked",
    file: 'connection.ts',
    find: "return site.region.keyringCas.includes(cert.issuer) ? undefined : 'issuer is not a CA in the CICS key ring';",
    replace: 'return undefined;',
  },
  {
    id: 'notrust-mapping-accepted',
    rule: 'R18',
    description: 'a certificate RACF holds with NOTRUST is accepted in the handshake',
    file: 'connection.ts',
    find: "  if (mapping && !mapping.trusted)\n    return { refused: 'client certificate is NOTRUST in RACF', rule: 'R18', message: 'GSK_ERR_BAD_PEER' };\n",
    replace: '',
  },
  {
    id: 'unmapped-certificate-reading-inverted',
    rule: 'R13',
    description: 'the reading of catalog U4 is inverted: an unmapped certificate passes exactly when it should not',
    file: 'connection.ts',
    find: "if (!mapping && options.unmappedCertificateUnderSecuser === 'refuse') {",
    replace: "if (!mapping && options.unmappedCertificateUnderSecuser !== 'refuse') {",
  },
  {
    id: 'certificate-user-wins-under-secuser',
    rule: 'R17',
    description: "under LINKAUTH(SECUSER) a mapped client certificate's user replaces SECURITYNAME as link user",
    file: 'connection.ts',
    find: "const named = ipconn.linkauth === 'CERTUSER' ? certificateUser : (ipconn.securityname ?? undefined);",
    replace: 'const named = certificateUser ?? ipconn.securityname ?? undefined;',
  },
  {
    id: 'blank-securityname-is-region-user',
    rule: 'R2',
    description: 'a blank SECURITYNAME gives the region user ID as link user instead of the default user',
    file: 'connection.ts',
    find: '    return null;\n',
    replace: '    return site.region.regionUserid;\n',
  },
  {
    id: 'revoked-link-user-kept',
    rule: 'R20',
    description: 'a revoked link user stays the link user; only an undefined one falls back',
    file: 'connection.ts',
    find: 'if (site.region.sec && (!user || user.revoked)) {',
    replace: 'if (site.region.sec && !user) {',
  },
  {
    id: 'undefined-link-user-kept',
    rule: 'R20',
    description: 'a link user RACF does not define stays the link user; only a revoked one falls back',
    file: 'connection.ts',
    find: 'if (site.region.sec && (!user || user.revoked)) {',
    replace: 'if (site.region.sec && user?.revoked === true) {',
  },
  {
    id: 'certificate-user-never-falls-back',
    rule: 'R20',
    description: 'the R20 fallback is made for SECURITYNAME only, not for a certificate mapped to a revoked user',
    file: 'connection.ts',
    find: 'if (site.region.sec && (!user || user.revoked)) {',
    replace: "if (site.region.sec && ipconn.linkauth === 'SECUSER' && (!user || user.revoked)) {",
  },

  // --- aor-checks.ts: the AOR checking tables ----------------------------------------------------------------
  {
    id: 'link-check-omitted-when-blank',
    rule: 'R21',
    description: 'a blank SECURITYNAME is treated like the region user ID: no link check at all',
    file: 'aor-checks.ts',
    find: 'return (ctx.linkUser ?? ctx.region.dfltuser) === ctx.region.regionUserid;',
    replace: 'return ctx.linkUser === null || ctx.linkUser === ctx.region.regionUserid;',
  },
  {
    id: 'identify-link-user-not-checked',
    rule: 'R22',
    description: 'under IDENTIFY or VERIFY only the flowed user is checked, never the link user',
    file: 'aor-checks.ts',
    find: 'return omit ? [ctx.transmitted] : unique([ctx.transmitted, link]);',
    replace: 'return [ctx.transmitted];',
  },
  {
    id: 'identify-flowed-user-not-checked',
    rule: 'R22',
    description: 'under IDENTIFY or VERIFY a distinct link user is checked instead of the flowed user',
    file: 'aor-checks.ts',
    find: 'return omit ? [ctx.transmitted] : unique([ctx.transmitted, link]);',
    replace: 'return omit ? [ctx.transmitted] : [link];',
  },
  {
    id: 'defaultuser-link-user-not-checked',
    rule: 'R27',
    description: 'under DEFAULTUSER only the default user is checked, not a distinct link user',
    file: 'aor-checks.ts',
    find: 'return omit ? [dflt] : unique([link, dflt]);',
    replace: 'return [dflt];',
  },
  {
    id: 'local-checks-default-user-too',
    rule: 'R25',
    description: 'under LOCAL the default user is checked beside a distinct link user',
    file: 'aor-checks.ts',
    find: 'return omit ? [dflt] : [link];',
    replace: 'return omit ? [dflt] : unique([link, dflt]);',
  },
  {
    id: 'local-runs-as-region-user',
    rule: 'R21',
    description: 'under LOCAL a link user equal to the region user ID runs the task itself',
    file: 'aor-checks.ts',
    find: 'return linkOmitted(ctx) ? ctx.region.dfltuser : (ctx.linkUser ?? ctx.region.dfltuser);',
    replace: 'return ctx.linkUser ?? ctx.region.dfltuser;',
  },
  {
    id: 'identify-runs-as-link-user',
    rule: 'R24',
    description: 'under IDENTIFY or VERIFY a distinct link user, not the flowed user, runs the task',
    file: 'aor-checks.ts',
    find: '      return ctx.transmitted;\n',
    replace: '      return ctx.linkUser ?? ctx.transmitted;\n',
  },
  {
    id: 'defaultuser-runs-as-link-user',
    rule: 'R27',
    description: 'under DEFAULTUSER a distinct link user runs the task',
    file: 'aor-checks.ts',
    find: "    case 'DEFAULTUSER':\n      return ctx.region.dfltuser;",
    replace: "    case 'DEFAULTUSER':\n      return ctx.linkUser ?? ctx.region.dfltuser;",
  },

  // --- request.ts: SEC, the mirror, attach and resource checks ------------------------------------------------
  {
    id: 'sec-no-shortcut-only-for-local',
    rule: 'R8',
    description: 'SEC=NO skips security only for USERAUTH(LOCAL); other IPCONNs are still checked',
    file: 'request.ts',
    find: 'if (!site.region.sec) {',
    replace: "if (!site.region.sec && connection.ipconn.userauth === 'LOCAL') {",
  },
  {
    id: 'eib-only-attaches-custom-transid',
    rule: 'R48',
    description: 'transidUsage EIB_ONLY attaches the custom transid instead of CSMI',
    file: 'request.ts',
    find: "return conn.transidUsage === 'EIB_AND_MIRROR' && conn.transid ? conn.transid : 'CSMI';",
    replace: "return conn.transid ?? 'CSMI';",
  },
  {
    id: 'eib-only-shows-csmi',
    rule: 'R48',
    description: 'transidUsage EIB_ONLY leaves EIBTRNID at CSMI',
    file: 'request.ts',
    find: "const eibtrnid = conn.transid ?? 'CSMI';",
    replace: "const eibtrnid = conn.transidUsage === 'EIB_AND_MIRROR' && conn.transid ? conn.transid : 'CSMI';",
  },
  {
    id: 'mirror-profile-not-compared',
    rule: 'R48',
    description: 'a custom mirror transaction is a copy of CSMI if its program is DFHMIRS, whatever its PROFILE',
    file: 'request.ts',
    find: "tx.program !== 'DFHMIRS' || tx.profile !== 'DFHCICSA'",
    replace: "tx.program !== 'DFHMIRS'",
  },
  {
    id: 'secprfx-ignored',
    rule: 'R49',
    description: 'SECPRFX=YES does not prefix the profile names with the region user ID',
    file: 'request.ts',
    find: "return site.region.secprfx ? `${site.region.regionUserid}.` : '';",
    replace: "return '';",
  },
  {
    id: 'xtran-no-still-checks',
    rule: 'R49',
    description: 'XTRAN=NO does not turn the attach check off',
    file: 'request.ts',
    find: 'if (site.region.xtran && !permits(',
    replace: 'if (!permits(',
  },
  {
    id: 'attach-checked-for-task-user-only',
    rule: 'R49',
    description: 'the attach check stops after the first checked user ID (the task user)',
    file: 'request.ts',
    find: "  for (const userid of checked) {\n    if (site.region.xtran && !permits(site.racf, 'TCICSTRN'",
    replace:
      "  for (const userid of checked.slice(0, 1)) {\n    if (site.region.xtran && !permits(site.racf, 'TCICSTRN'",
  },
  {
    id: 'ressec-ignored',
    rule: 'R50',
    description: 'RESSEC(NO) on the mirror does not turn the program check off',
    file: 'request.ts',
    find: '  if (!tx.ressec) return undefined;\n',
    replace: '',
  },
  {
    id: 'program-checked-for-task-user-only',
    rule: 'R50',
    description: 'the program check under RESSEC(YES) is made for the first checked user ID (the task user) only',
    file: 'request.ts',
    find: "  for (const userid of checked) {\n    if (!permits(site.racf, 'MCICSPPT'",
    replace: "  for (const userid of checked.slice(0, 1)) {\n    if (!permits(site.racf, 'MCICSPPT'",
  },
  {
    id: 'secprfx-not-applied-to-programs',
    rule: 'R50',
    description: 'SECPRFX=YES prefixes transaction profiles but not program profiles',
    file: 'request.ts',
    find: "permits(site.racf, 'MCICSPPT', prefix + site.zosConnect.program, userid, 'READ')",
    replace: "permits(site.racf, 'MCICSPPT', site.zosConnect.program, userid, 'READ')",
  },

  // --- user-security.ts: USERAUTH and sign-on ----------------------------------------------------------------
  {
    id: 'lu62-reject-for-defaultuser-too',
    rule: 'R25',
    description: 'under the LU6.2 reading of U5, DEFAULTUSER also refuses a flowed user ID, not only LOCAL',
    file: 'user-security.ts',
    find: "flowed.userid !== undefined && ipconn.userauth === 'LOCAL' && options.localWithFlowedUserid === 'reject'",
    replace: "flowed.userid !== undefined && options.localWithFlowedUserid === 'reject'",
  },
  {
    id: 'identify-ignores-password',
    rule: 'R30',
    description: 'IDENTIFY ignores a password that comes with the user ID and identifies the user',
    file: 'user-security.ts',
    find: "return refuse(trace, 'R30', 'USERAUTH(IDENTIFY) accepts a user ID alone; a password would need VERIFY');",
    replace: "return signOn(site, options, flowed.userid, 'R29', trace);",
  },
  {
    id: 'unknown-flowed-user-runs-as-default',
    rule: 'R29',
    description: 'a flowed user ID RACF does not define signs on as the default user',
    file: 'user-security.ts',
    find: '  const user = knownUser(site, options, userid);\n',
    replace:
      "  const asked = knownUser(site, options, userid);\n  const user = asked === 'not defined to RACF' ? knownUser(site, options, site.region.dfltuser) : asked;\n",
  },
  {
    id: 'revoked-user-signs-on',
    rule: 'R39',
    description: 'a revoked user is signed on like any other',
    file: 'user-security.ts',
    find: "return user.revoked ? 'revoked' : user;",
    replace: 'return user;',
  },
  {
    id: 'unmapped-identity-runs-as-default',
    rule: 'R43',
    description: 'a distributed identity no RACMAP filter maps runs as the default user',
    file: 'user-security.ts',
    find: "      return refuse(\n        trace,\n        'R43',\n        'distributed identity has no RACMAP filter',\n        'ICH408I DISTRIBUTED IDENTITY IS NOT DEFINED',\n      );",
    replace: "      return signOn(site, options, site.region.dfltuser, 'R43', trace);",
  },
  {
    id: 'verify-maps-distributed-identity',
    rule: 'R41',
    description: 'USERAUTH(VERIFY) maps a distributed identity as IDENTIFY does',
    file: 'user-security.ts',
    find: "    case 'VERIFY':\n      if (flowed.icrx) trace.add(",
    replace:
      "    case 'VERIFY':\n      if (flowed.icrx) return identify(site, options, flowed, trace);\n      if (flowed.icrx) trace.add(",
  },
  {
    id: 'idprop-required-accepts-user-id',
    rule: 'R46',
    description: 'where IDPROP is enforced, REQUIRED accepts a request that carries a user ID instead of an ICRX',
    file: 'user-security.ts',
    find: "if (ipconn.idprop === 'REQUIRED' && !flowed.icrx)",
    replace: "if (ipconn.idprop === 'REQUIRED' && !flowed.icrx && flowed.userid === undefined)",
  },
  {
    id: 'revoke-one-attempt-late',
    rule: 'R38',
    description: 'CICS revokes a user after one wrong password more than the RACF limit',
    file: 'user-security.ts',
    find: 'const revoked = invalidAttempts >= site.racf.revokeAfter;',
    replace: 'const revoked = invalidAttempts > site.racf.revokeAfter;',
  },
  {
    id: 'success-keeps-failure-count',
    rule: 'R38',
    description: 'a correct password does not reset the count of earlier failures',
    file: 'user-security.ts',
    find: 'const updates = user.invalidAttempts > 0 ? [{ userid: user.id, invalidAttempts: 0, revoked: false }] : [];',
    replace: 'const updates: RacfUpdate[] = [];',
  },
  {
    id: 'expiry-checked-for-phrases-only',
    rule: 'R39',
    description: 'an expired password is refused only when a phrase was sent',
    file: 'user-security.ts',
    find: 'if (user.passwordExpired) return refuse(',
    replace: 'if (user.passwordExpired && flowed.password.length > 8) return refuse(',
  },
  {
    id: 'appl-not-checked-under-identify',
    rule: 'R40',
    description: 'the APPL class is checked for VERIFY sign-ons only, not for IDENTIFY',
    file: 'user-security.ts',
    find: '  const appl = applRefusal(site, options, user.id, trace);\n  if (appl) return appl;\n  trace.add(rule,',
    replace: '  trace.add(rule,',
  },
  {
    id: 'appl-checked-when-class-inactive',
    rule: 'R40',
    description: 'READ on the APPLID is demanded although the APPL class is not active',
    file: 'user-security.ts',
    find: '    !site.racf.applClassActive ||\n',
    replace: '',
  },
  {
    id: 'flowed-user-id-not-folded',
    rule: 'R37',
    description: 'a flowed user ID is compared exactly as sent, not folded to upper case',
    file: 'user-security.ts',
    find: "options.flowedUseridCase === 'fold' ? foldUserid(userid) :",
    replace: "options.flowedUseridCase === 'fold' ? userid :",
  },

  // --- racf.ts: user IDs, secrets, phrases, mappings, permits -------------------------------------------------
  {
    id: 'user-id-up-to-7-characters',
    rule: 'R37',
    description: 'a user ID of 8 characters is taken as invalid (off by one at the RACF limit)',
    file: 'racf.ts',
    find: '/^[A-Z0-9@#$]{1,8}$/',
    replace: '/^[A-Z0-9@#$]{1,7}$/',
  },
  {
    id: 'password-up-to-7-characters',
    rule: 'R35',
    description: 'an 8-character secret is checked against the phrase, not the password',
    file: 'racf.ts',
    find: 'if (secret.length <= 8) {',
    replace: 'if (secret.length < 8) {',
  },
  {
    id: 'phrase-up-to-99-characters',
    rule: 'R35',
    description: 'a 100-character secret is malformed (off by one at the upper limit)',
    file: 'racf.ts',
    find: 'secret.length > 100) return',
    replace: 'secret.length >= 100) return',
  },
  {
    id: 'phrase-up-to-101-characters',
    rule: 'R35',
    description: 'a 101-character secret is checked as a phrase (off by one past the upper limit)',
    file: 'racf.ts',
    find: 'secret.length > 100) return',
    replace: 'secret.length > 101) return',
  },
  {
    id: 'phrase-minimum-always-9',
    rule: 'R36',
    description: 'phrases of 9 to 13 characters are accepted although RACF requires 14',
    file: 'racf.ts',
    find: 'phrase.length >= racf.phraseMinLength',
    replace: 'phrase.length >= 9',
  },
  {
    id: 'phrase-minimum-off-by-one',
    rule: 'R36',
    description: 'a phrase exactly as long as the RACF minimum is refused',
    file: 'racf.ts',
    find: 'phrase.length >= racf.phraseMinLength',
    replace: 'phrase.length > racf.phraseMinLength',
  },
  {
    id: 'phrase-one-letter-enough',
    rule: 'R36',
    description: 'a phrase with a single letter is accepted',
    file: 'racf.ts',
    find: '\n    letters >= 2 &&',
    replace: '\n    letters >= 1 &&',
  },
  {
    id: 'phrase-non-letters-off-by-one',
    rule: 'R36',
    description: 'a phrase with exactly two non-letters is refused',
    file: 'racf.ts',
    find: 'phrase.length - letters >= 2',
    replace: 'phrase.length - letters > 2',
  },
  {
    id: 'phrase-user-id-case-sensitive',
    rule: 'R36',
    description: 'the user ID inside a phrase is looked for in upper case only',
    file: 'racf.ts',
    find: '!phrase.toUpperCase().includes(user.id)',
    replace: '!phrase.includes(user.id)',
  },
  {
    id: 'phrase-four-identical-characters',
    rule: 'R36',
    description: 'three identical characters in a row are allowed; only four are refused',
    file: 'racf.ts',
    find: '!/(.)\\1\\1/.test(phrase)',
    replace: '!/(.)\\1\\1\\1/.test(phrase)',
  },
  {
    id: 'mixed-case-passwords-folded',
    rule: 'R37',
    description: 'passwords are folded to upper case even where RACF keeps mixed-case passwords',
    file: 'racf.ts',
    find: '(racf.mixedCasePasswords ? s : s.toUpperCase())',
    replace: 's.toUpperCase()',
  },
  {
    id: 'passwords-never-folded',
    rule: 'R37',
    description: 'passwords are compared exactly even where RACF does not keep mixed case',
    file: 'racf.ts',
    find: '(racf.mixedCasePasswords ? s : s.toUpperCase())',
    replace: 's',
  },
  {
    id: 'phrase-case-insensitive',
    rule: 'R37',
    description: 'a phrase is compared without regard to case',
    file: 'racf.ts',
    find: "return secret === user.phrase ? 'correct' : 'wrong';",
    replace: "return secret.toUpperCase() === user.phrase.toUpperCase() ? 'correct' : 'wrong';",
  },
  {
    id: 'phrase-compared-as-prefix',
    rule: 'R35',
    description: 'a secret that starts with the stored phrase is taken as the phrase',
    file: 'racf.ts',
    find: "return secret === user.phrase ? 'correct' : 'wrong';",
    replace: "return secret.startsWith(user.phrase) ? 'correct' : 'wrong';",
  },
  {
    id: 'dn-filter-without-name-boundary',
    rule: 'R42',
    description: 'a partial-DN filter matches any tail of the DN, not whole name parts (c=us covers dc=us)',
    file: 'racf.ts',
    find: "return d === f || d.endsWith(',' + f);",
    replace: 'return d.endsWith(f);',
  },
  {
    id: 'first-racmap-filter-wins',
    rule: 'R42',
    description: 'the first RACMAP filter that matches wins, not the most specific',
    file: 'racf.ts',
    find: '\n    .sort((a, b) => specificity(b.dnFilter, b.registry) - specificity(a.dnFilter, a.registry));',
    replace: ';',
  },
  {
    id: 'dn-limit-in-characters',
    rule: 'R42',
    description: 'the 246 limit of a DN is counted in characters, not UTF-8 bytes',
    file: 'racf.ts',
    find: 'utf8Length(dn) > 246',
    replace: 'dn.length > 246',
  },
  {
    id: 'dn-limit-off-by-one',
    rule: 'R42',
    description: 'a DN of exactly 246 bytes cannot be mapped',
    file: 'racf.ts',
    find: 'utf8Length(dn) > 246',
    replace: 'utf8Length(dn) >= 246',
  },
  {
    id: 'realm-limit-off-by-one',
    rule: 'R42',
    description: 'a realm of 253 bytes can still be mapped',
    file: 'racf.ts',
    find: 'utf8Length(realm) > 252',
    replace: 'utf8Length(realm) > 253',
  },
  {
    id: 'registration-ignores-issuer',
    rule: 'R18',
    description: 'a registered certificate is matched by subject alone, whatever CA issued it',
    file: 'racf.ts',
    find: '!r.certauth && r.subject === cert.subject && r.issuer === cert.issuer',
    replace: '!r.certauth && r.subject === cert.subject',
  },
  {
    id: 'idnfilter-ignored',
    rule: 'R18',
    description: "a certificate name filter's IDNFILTER is not compared with the certificate's issuer",
    file: 'racf.ts',
    find: '(f.idnFilter === undefined || dnFilterMatches(f.idnFilter, cert.issuer))',
    replace: 'true',
  },
  {
    id: 'first-certificate-filter-wins',
    rule: 'R18',
    description: 'the first certificate name filter that matches wins, not the most specific',
    file: 'racf.ts',
    find: '\n    .sort((a, b) => specificity(b.sdnFilter, b.idnFilter) - specificity(a.sdnFilter, a.idnFilter));',
    replace: ';',
  },
  {
    id: 'permit-any-class',
    rule: 'R52',
    description: 'a permit is found by profile name in any class: READ on transaction ZWHO grants program ZWHO',
    file: 'racf.ts',
    find: 'p.class === cls && ',
    replace: '',
  },

  // --- zos-connect.ts: the HTTP caller and what flows ---------------------------------------------------------
  {
    id: 'require-auth-ignored',
    rule: 'R56',
    description: 'a caller without credentials gets through although requireAuth is true',
    file: 'zos-connect.ts',
    find: "      if (site.zosConnect.requireAuth) return refuse(401, 'no credentials and requireAuth=true');\n",
    replace: '',
  },
  {
    id: 'revoked-caller-authenticates',
    rule: 'R56',
    description: "z/OS Connect's SAF registry authenticates a revoked user",
    file: 'zos-connect.ts',
    find: 'if (!user || user.revoked) return refuse(401, `SAF registry',
    replace: 'if (!user) return refuse(401, `SAF registry',
  },
  {
    id: 'saf-registry-revokes-one-late',
    rule: 'R38',
    description: "wrong passwords at z/OS Connect's SAF registry revoke one attempt after the RACF limit",
    file: 'zos-connect.ts',
    find: 'revoked: invalidAttempts >= site.racf.revokeAfter',
    replace: 'revoked: invalidAttempts > site.racf.revokeAfter',
  },
  {
    id: 'certificate-of-revoked-user-authenticates',
    rule: 'R56',
    description: 'an HTTP client certificate mapped to a revoked user authenticates the caller',
    file: 'zos-connect.ts',
    find: "if (!user || user.revoked) return refuse(401, 'HTTP client certificate",
    replace: "if (!user) return refuse(401, 'HTTP client certificate",
  },
  {
    id: 'jwt-issuer-prefix',
    rule: 'R56',
    description: "a JWT is accepted from any issuer whose name starts with the configured issuer's",
    file: 'zos-connect.ts',
    find: 'caller.issuer !== jwt.issuer',
    replace: '!caller.issuer.startsWith(jwt.issuer)',
  },
  {
    id: 'jwt-signature-unchecked',
    rule: 'R56',
    description: "a JWT's signature is not checked, only its issuer",
    file: 'zos-connect.ts',
    find: '!caller.signatureTrusted || ',
    replace: '',
  },
  {
    id: 'jwt-expiry-unchecked',
    rule: 'R56',
    description: 'an expired JWT is accepted',
    file: 'zos-connect.ts',
    find: "      if (caller.expiresAt <= site.clock) return refuse(401, 'JWT expired', []);\n",
    replace: '',
  },
  {
    id: 'authdata-only-a-fallback',
    rule: 'R31',
    description: 'authData flows only for callers without an identity, whatever the reading of U2',
    file: 'zos-connect.ts',
    find: "options.authDataPrecedence === 'connection-level' || 'none' in identity",
    replace: "'none' in identity",
  },
  {
    id: 'authdata-without-password-flows',
    rule: 'R54',
    description: 'an authData with a user but no password is sent to CICS anyway',
    file: 'zos-connect.ts',
    find: 'if (!authData?.user || !authData.password) {',
    replace: 'if (!authData?.user) {',
  },
  {
    id: 'first-authdata-used',
    rule: 'R31',
    description: 'the first authData element of the server flows, not the one authDataRef names',
    file: 'zos-connect.ts',
    find: 'site.zosConnect.authData.find((a) => a.id === conn.authDataRef)',
    replace: 'site.zosConnect.authData[0]',
  },
  // --- Written independently (2026-12-06): by an author who read only the rule catalog, the IBM page and the
  // model, not the features or this catalogue (docs/mutation.md, "Independently written variants"). A 24th,
  // the same change as defaultuser-runs-as-link-user, is left out.
  {
    id: 'local-link-equals-region-checks-region-user',
    rule: 'R21',
    description:
      'USERAUTH(LOCAL) follows the page bullet ("link user only") instead of the table: when the link user equals the AOR region user, the region user is checked instead of DFLTUSER. Exposed by LOCAL + SECURITYNAME = region user ID where only one of region user / DFLTUSER has READ on CSMI.',
    file: 'aor-checks.ts',
    find: '      return omit ? [dflt] : [link];',
    replace: '      return [link];',
  },
  {
    id: 'defaultuser-skips-distinct-link-user-check',
    rule: 'R22',
    description:
      'USERAUTH(DEFAULTUSER) checks only DFLTUSER and forgets the second check of a distinct link user. Exposed by DEFAULTUSER + SECURITYNAME = USERIDB (not the region user) without READ on CSMI while DFLTUSER has READ: must be refused, variant runs.',
    file: 'aor-checks.ts',
    find: '      return omit ? [dflt] : unique([link, dflt]);',
    replace: '      return [dflt];',
  },
  {
    id: 'identify-blank-securityname-skips-dfltuser-check',
    rule: 'R2',
    description:
      'Under IDENTIFY/VERIFY a blank SECURITYNAME ("not specified") is treated like the link-equals-region-user row, so DFLTUSER is not checked besides the transmitted user. Exposed by IDENTIFY or VERIFY with SECURITYNAME blank, flowed user with READ on CSMI, DFLTUSER without: must be refused, variant runs.',
    file: 'aor-checks.ts',
    find: '      return omit ? [ctx.transmitted] : unique([ctx.transmitted, link]);',
    replace: '      return omit || ctx.linkUser === null ? [ctx.transmitted] : unique([ctx.transmitted, link]);',
  },
  {
    id: 'revoked-link-user-kept-no-fallback',
    rule: 'R20',
    description:
      'The link-user fallback to the default user is taken only for an undefined link user, not for a revoked one. Exposed by SECURITYNAME naming a revoked RACF user (with READ on CSMI while DFLTUSER has none, or LOCAL task user): must run with DFLTUSER authority, variant keeps the revoked user as link user.',
    file: 'connection.ts',
    find: '  if (site.region.sec && (!user || user.revoked)) {',
    replace: '  if (site.region.sec && !user) {',
  },
  {
    id: 'identify-trust-accepts-server-only-tls',
    rule: 'R14',
    description:
      'The IDENTIFY trust condition counts any TLS (SSL(YES)) as a trusted link instead of requiring SSL(CLIENTAUTH). Exposed by USERAUTH(IDENTIFY) behind an SSL(YES) TCPIPSERVICE with z/OS Connect outside the sysplex: must fail with DFHIS2040 SECURITY_VIOLATION, variant acquires the IPCONN.',
    file: 'connection.ts',
    find: "  const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;",
    replace: "  const clientAuthenticated = service.ssl !== 'NO' && !service.atTls;",
  },
  {
    id: 'at-tls-counted-as-client-authentication',
    rule: 'R15',
    description:
      'AT-TLS (basic mode) is taken as client authentication for the IDENTIFY trust condition, although CICS cannot see the TLS session. Exposed by AT-TLS in front of an SSL(NO) TCPIPSERVICE, USERAUTH(IDENTIFY), partner outside the sysplex: must be DFHIS2040 not acquired, variant acquires.',
    file: 'connection.ts',
    find: "  const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;",
    replace: "  const clientAuthenticated = service.ssl === 'CLIENTAUTH' || service.atTls;",
  },
  {
    id: 'not-yet-valid-client-certificate-accepted',
    rule: 'R12',
    description:
      'The certificate validity check only looks at the expiry date, so a client certificate whose notBefore is still in the future passes. Exposed by SSL(CLIENTAUTH) with a not-yet-valid client certificate: must fail the handshake (GSK_ERR_BAD_DATE), variant connects.',
    file: 'connection.ts',
    find: "  if (site.clock < cert.notBefore || site.clock > cert.notAfter) return 'outside its validity period';",
    replace: "  if (site.clock > cert.notAfter) return 'outside its validity period';",
  },
  {
    id: 'notrust-registered-certificate-still-maps',
    rule: 'R18',
    description:
      'A certificate registered to a user (RACDCERT ADD ... ID(user)) is reported as trusted whatever its TRUST/NOTRUST status (the CERTAUTH flag is tested instead). Exposed by a client certificate registered with NOTRUST under SSL(CLIENTAUTH)/CERTUSER: must not map and no connection results, variant connects with that user as link user.',
    file: 'racf.ts',
    find: '  if (registered) return { userid: registered.userid, trusted: registered.trust };',
    replace: '  if (registered) return { userid: registered.userid, trusted: !registered.certauth };',
  },
  {
    id: 'ipconn-matched-on-applid-only',
    rule: 'R7',
    description:
      'The installed IPCONN is matched on APPLID alone, ignoring NETWORKID. Exposed by z/OS Connect sending an APPLID that a defined IPCONN has but a different NETWORKID: must not match that IPCONN (autoinstall with default security, or AUTOINSTALL_FAILED), variant uses the defined IPCONN and its security.',
    file: 'connection.ts',
    find: '          (i) => i.applid === conn.applid && i.networkid === conn.networkid && i.tcpipservice === service.name,',
    replace: '          (i) => i.applid === conn.applid && i.tcpipservice === service.name,',
  },
  {
    id: 'secuser-link-user-taken-from-client-certificate',
    rule: 'R17',
    description:
      'Whenever a mapped client certificate arrived, its user becomes the link user, even under LINKAUTH(SECUSER). Exposed by a SECUSER IPCONN (SECURITYNAME set, or blank = DFLTUSER) behind SSL(CLIENTAUTH) with a certificate mapped to another user: link user must be SECURITYNAME/DFLTUSER, variant uses the certificate user.',
    file: 'connection.ts',
    find: "  const named = ipconn.linkauth === 'CERTUSER' ? certificateUser : (ipconn.securityname ?? undefined);",
    replace: '  const named = certificateUser ?? ipconn.securityname ?? undefined;',
  },
  {
    id: 'certuser-requirement-checked-only-under-clientauth',
    rule: 'R4',
    description:
      'The "CERTUSER needs a mapped client certificate" check is only made when the TCPIPSERVICE is SSL(CLIENTAUTH), so CERTUSER behind SSL(YES), SSL(NO) or AT-TLS is acquired with the default user as link user. Exposed by LINKAUTH(CERTUSER) on an SSL(YES) or SSL(NO) TCPIPSERVICE: must not be acquired, variant acquires and runs.',
    file: 'connection.ts',
    find: "  if (effective.linkauth === 'CERTUSER' && tls.certificateUser === undefined) {",
    replace: "  if (effective.linkauth === 'CERTUSER' && clientAuthenticated && tls.certificateUser === undefined) {",
  },
  {
    id: 'sec-no-still-applies-user-security',
    rule: 'R8',
    description:
      'User security (USERAUTH) is applied before the SEC=NO short-cut, so under SEC=NO a VERIFY/IDENTIFY IPCONN still rejects missing, unknown or wrong credentials. Exposed by SEC=NO with USERAUTH(VERIFY) and no or a wrong password (or an undefined user): must run as the default user, variant refuses.',
    file: 'request.ts',
    find: "  if (!site.region.sec) {\n    trace.add('R8', 'SEC=NO: no link, user or resource checks; the task runs as the default user');\n    return ran(site.region.dfltuser, eibtrnid, [], trace, []);\n  }\n  const user = userSecurity(site, options, connection.ipconn, flow.flowed, trace);\n  if ('refused' in user) return refused('CICS', user.refused, user.updates);\n",
    replace:
      "  const user = userSecurity(site, options, connection.ipconn, flow.flowed, trace);\n  if ('refused' in user) return refused('CICS', user.refused, user.updates);\n  if (!site.region.sec) {\n    trace.add('R8', 'SEC=NO: no link, user or resource checks; the task runs as the default user');\n    return ran(site.region.dfltuser, eibtrnid, [], trace, []);\n  }\n",
  },
  {
    id: 'identify-ignores-flowed-password',
    rule: 'R30',
    description:
      'USERAUTH(IDENTIFY) receiving user ID plus password silently drops the password and identifies the user instead of rejecting the attach; exposed by an authDataRef connection (user+password) to an IDENTIFY IPCONN on a trusted link: the request runs as the authData user instead of being refused.',
    file: 'user-security.ts',
    find: "    if (options.identifyWithPassword === 'reject') {\n      return refuse(trace, 'R30', 'USERAUTH(IDENTIFY) accepts a user ID alone; a password would need VERIFY');\n    }\n",
    replace:
      "    if (options.identifyWithPassword === 'reject') {\n      trace.add('R30', 'USERAUTH(IDENTIFY) checks no password: the flowed password is ignored');\n      return signOn(site, options, flowed.userid, 'R29', trace);\n    }\n",
  },
  {
    id: 'distributed-identity-overrides-authdata',
    rule: 'R31',
    description:
      'With authDataRef on the connection, an LDAP/unmapped-JWT caller flows its ICRX instead of the connection-level authData user+password; exposed by an LDAP caller over an authDataRef connection to a VERIFY IPCONN (refused for lack of user ID instead of running as the authData user).',
    file: 'zos-connect.ts',
    find: "    if (options.authDataPrecedence === 'connection-level' || 'none' in identity) {",
    replace:
      "    if ((options.authDataPrecedence === 'connection-level' && !('distributed' in identity)) || 'none' in identity) {",
  },
  {
    id: 'eight-char-password-taken-as-phrase',
    rule: 'R35',
    description:
      'Password/phrase length boundary off by one: a secret of exactly 8 characters is checked as a password phrase rather than a password; exposed by VERIFY (or HTTP basic auth) with a correct 8-character password, which is refused.',
    file: 'racf.ts',
    find: '  if (secret.length <= 8) {',
    replace: '  if (secret.length < 8) {',
  },
  {
    id: 'phrase-folded-like-password',
    rule: 'R37',
    description:
      'Password phrases are upper-cased like passwords when RACF mixed-case passwords are off, so the phrase comparison becomes case-insensitive; exposed by VERIFY with a phrase that differs from the stored phrase only in letter case on a system without mixed-case passwords (accepted instead of refused).',
    file: 'racf.ts',
    find: "  return secret === user.phrase ? 'correct' : 'wrong';",
    replace:
      "  const foldPhrase = (s: string) => (racf.mixedCasePasswords ? s : s.toUpperCase());\n  return foldPhrase(secret) === foldPhrase(user.phrase) ? 'correct' : 'wrong';",
  },
  {
    id: 'revocation-one-attempt-late',
    rule: 'R38',
    description:
      'Revocation threshold off by one: the user is revoked only after more than SETROPTS REVOKE(n) bad attempts; exposed by n wrong VERIFY passwords followed by the correct one (runs instead of being refused as revoked), and by the RACF update showing revoked=false at the limit.',
    file: 'user-security.ts',
    find: '    const revoked = invalidAttempts >= site.racf.revokeAfter;',
    replace: '    const revoked = invalidAttempts > site.racf.revokeAfter;',
  },
  {
    id: 'identify-checks-existence-not-revocation',
    rule: 'R39',
    description:
      'IDENTIFY sign-on only confirms the user ID is defined to RACF and does not refuse a revoked user; exposed by IDENTIFY with an ICRX that RACMAP maps to a revoked user (or a JWT mapped to a revoked registry user): the request runs instead of being rejected.',
    file: 'user-security.ts',
    find: "  const user = knownUser(site, options, userid);\n  if (typeof user === 'string') return refuse(trace, user === 'revoked' ? 'R39' : rule, `user ${userid} is ${user}`);\n",
    replace:
      "  const known = knownUser(site, options, userid);\n  const user = known === 'revoked' ? findUser(site.racf, foldUserid(userid) ?? userid) : known;\n  if (user === undefined || typeof user === 'string')\n    return refuse(trace, rule, `user ${userid} is ${user ?? 'not defined to RACF'}`);\n",
  },
  {
    id: 'verify-accepts-icrx-without-password',
    rule: 'R41',
    description:
      'USERAUTH(VERIFY) processes an ICRX that arrives without a user ID as IDENTIFY would (RACMAP-mapped user, no password) instead of ignoring it and rejecting for missing credentials; exposed by an LDAP caller over a connection without authDataRef to a VERIFY IPCONN (runs as the mapped user instead of refused).',
    file: 'user-security.ts',
    find: "      if (flowed.icrx) trace.add('R41', 'ICRX ignored: only USERAUTH(IDENTIFY) processes distributed identities');\n      return verify(site, options, flowed, trace);",
    replace:
      '      if (flowed.icrx && flowed.userid === undefined) return identify(site, options, flowed, trace);\n      return verify(site, options, flowed, trace);',
  },
  {
    id: 'least-specific-racmap-filter-wins',
    rule: 'R42',
    description:
      'Distributed identity filter ordering reversed, so the least specific matching RACMAP filter (e.g. the NAME(*)/REGISTRY(*) default) wins over a full-DN filter; exposed by an LDAP/ICRX identity that matches both a one-to-one filter and the default filter (mapped to the default user instead of the specific one).',
    file: 'racf.ts',
    find: '    .sort((a, b) => specificity(b.dnFilter, b.registry) - specificity(a.dnFilter, a.registry));',
    replace: '    .sort((a, b) => specificity(a.dnFilter, a.registry) - specificity(b.dnFilter, b.registry));',
  },
  {
    id: 'attach-checked-for-first-user-only',
    rule: 'R49',
    description:
      'The transaction attach check (TCICSTRN READ on the mirror) is made only for the first user ID of the checked set, not for the secondary one; exposed by IDENTIFY/VERIFY with a link user that is not the region user, where the flowed user has READ on CSMI but the link user does not (runs instead of attach refused); likewise DEFAULTUSER where DFLTUSER lacks READ.',
    file: 'request.ts',
    find: '  for (const userid of checked) {\n    if (site.region.xtran && !permits(',
    replace: '  for (const userid of checked.slice(0, 1)) {\n    if (site.region.xtran && !permits(',
  },
  {
    id: 'perform-discard-need-only-read',
    rule: 'R51',
    description:
      'Command security asks UPDATE only for SET, so PERFORM and DISCARD pass with READ on the CCICSCMD profile; exposed by CMDSEC(YES) with a program issuing PERFORM or DISCARD where the checked users hold only READ (runs instead of NOTAUTH/AEY7).',
    file: 'request.ts',
    find: "    const access = command.verb === 'INQUIRE' || command.verb === 'COLLECT' ? 'READ' : 'UPDATE';",
    replace: "    const access = command.verb === 'SET' ? 'UPDATE' : 'READ';",
  },
  {
    id: 'authdata-without-user-accepted',
    rule: 'R54',
    description:
      'zosconnect_authData is only checked for a password, so an authData element without a user is not a configuration error and a request is sent with no user ID; exposed by authDataRef to an authData lacking user: on a LOCAL/DEFAULTUSER IPCONN the request runs, on VERIFY it is refused by CICS, instead of z/OS Connect refusing it as misconfigured.',
    file: 'zos-connect.ts',
    find: '    if (!authData?.user || !authData.password) {',
    replace: '    if (!authData?.password) {',
  },
  // --- Written independently, second round (2026-12-06): edge cases and rule interactions, and the z/OS
  // Connect side, by two more authors who saw neither the features nor this catalogue. A 24th, the same change
  // as sec-no-still-applies-user-security, is left out.
  {
    id: 'clientauth-missing-certificate-passes-handshake',
    rule: 'R11',
    description:
      'SSL(CLIENTAUTH) asks for a client certificate but lets the handshake complete without one (pass-through); exposed by a CLIENTAUTH TCPIPSERVICE and z/OS Connect with an <ssl> that has no client certificate: SECUSER IPCONN is acquired (and IDENTIFY counts as trusted) instead of the TLS stage refusing, CERTUSER is refused at capability exchange instead of TLS.',
    file: 'connection.ts',
    find: "  if (!cert)\n    return {\n      refused: 'SSL(CLIENTAUTH) but no client certificate was sent',\n      rule: 'R11',\n      message: 'GSK_ERR_NO_CERTIFICATE',\n    };\n",
    replace: '  if (!cert) return {};\n',
  },
  {
    id: 'identify-trusted-on-server-auth-tls',
    rule: 'R14',
    description:
      'Any CICS-terminated TLS (SSL(YES) as well as SSL(CLIENTAUTH)) is treated as a trusted link for USERAUTH(IDENTIFY); exposed by IDENTIFY behind SSL(YES) with z/OS Connect outside the sysplex: connection acquired and requests run instead of DFHIS2040 at capability exchange.',
    file: 'connection.ts',
    find: "  const clientAuthenticated = service.ssl === 'CLIENTAUTH' && !service.atTls;\n",
    replace: "  const clientAuthenticated = service.ssl !== 'NO' && !service.atTls;\n",
  },
  {
    id: 'certificate-user-becomes-secuser-link-user',
    rule: 'R17',
    description:
      'Whenever the handshake produced a mapped client certificate, its user becomes the link user even under LINKAUTH(SECUSER), overriding SECURITYNAME/DFLTUSER; exposed by a SECUSER IPCONN with USERAUTH(LOCAL) behind SSL(CLIENTAUTH): the task runs under the certificate user instead of SECURITYNAME (or DFLTUSER when blank), and the checked set changes accordingly.',
    file: 'connection.ts',
    find: "  const named = ipconn.linkauth === 'CERTUSER' ? certificateUser : (ipconn.securityname ?? undefined);\n",
    replace: '  const named = certificateUser ?? ipconn.securityname ?? undefined;\n',
  },
  {
    id: 'revoked-certificate-user-refuses-connection',
    rule: 'R20',
    description:
      "Under LINKAUTH(CERTUSER) a client certificate that maps to a revoked RACF user makes the connection fail at capability exchange instead of the link falling back to the default user's authority; exposed by CERTUSER with a certificate mapped to a revoked user: connection refused instead of acquired with requests running as/checked against DFLTUSER.",
    file: 'connection.ts',
    find: "  if (effective.linkauth === 'CERTUSER' && tls.certificateUser === undefined) {\n",
    replace:
      "  if (\n    effective.linkauth === 'CERTUSER' &&\n    (tls.certificateUser === undefined || findUser(site.racf, tls.certificateUser)?.revoked)\n  ) {\n",
  },
  {
    id: 'no-link-check-when-securityname-blank-identify-verify',
    rule: 'R22',
    description:
      'Under IDENTIFY/VERIFY a blank SECURITYNAME ("link not specified") is taken to mean no link check, so DFLTUSER is not added to the checked set; exposed by IDENTIFY or VERIFY with SECURITYNAME blank where the flowed user may attach CSMI (and run the program) but DFLTUSER may not: request runs instead of being refused by CICS.',
    file: 'aor-checks.ts',
    find: '      return omit ? [ctx.transmitted] : unique([ctx.transmitted, link]);\n',
    replace: '      return omit || ctx.linkUser === null ? [ctx.transmitted] : unique([ctx.transmitted, link]);\n',
  },
  {
    id: 'defaultuser-task-falls-through-to-local',
    rule: 'R27',
    description:
      'USERAUTH(DEFAULTUSER) shares the LOCAL branch when choosing the task user, so a distinct link user becomes the task user; exposed by DEFAULTUSER with SECURITYNAME set to a user other than the region user (or LINKAUTH(CERTUSER)): the task runs under the link user instead of DFLTUSER (checked set unchanged).',
    file: 'aor-checks.ts',
    find: "    case 'LOCAL':\n      return linkOmitted(ctx) ? ctx.region.dfltuser : (ctx.linkUser ?? ctx.region.dfltuser);\n    case 'DEFAULTUSER':\n      return ctx.region.dfltuser;\n",
    replace:
      "    case 'LOCAL':\n    case 'DEFAULTUSER':\n      return linkOmitted(ctx) ? ctx.region.dfltuser : (ctx.linkUser ?? ctx.region.dfltuser);\n",
  },
  {
    id: 'program-check-only-first-checked-user',
    rule: 'R50',
    description:
      'RESSEC program (MCICSPPT) checks are made only for the first user in the checked set (the task/transmitted user), not for the secondary link user; exposed by RESSEC(YES), IDENTIFY/VERIFY with a distinct link user (or DEFAULTUSER) where one checked user may attach CSMI but lacks READ on the program: request runs instead of NOTAUTH refusal by CICS.',
    file: 'request.ts',
    find: "  for (const userid of checked) {\n    if (!permits(site.racf, 'MCICSPPT',",
    replace: "  for (const userid of checked.slice(0, 1)) {\n    if (!permits(site.racf, 'MCICSPPT',",
  },
  {
    id: 'verify-accepts-distributed-identity',
    rule: 'R41',
    description:
      'USERAUTH(VERIFY) processes a flowed ICRX like IDENTIFY does (mapped user signed on, no password) instead of ignoring it; exposed by an LDAP/JWT-distributed caller with no authDataRef on a VERIFY IPCONN: request runs as the RACMAP-mapped user instead of being refused by CICS for a missing user ID/password.',
    file: 'user-security.ts',
    find: "      if (flowed.icrx) trace.add('R41', 'ICRX ignored: only USERAUTH(IDENTIFY) processes distributed identities');\n",
    replace: '      if (flowed.icrx) return identify(site, options, flowed, trace);\n',
  },
  {
    id: 'stored-phrase-not-validated-against-set-rules',
    rule: 'R36',
    description:
      'A password phrase is verified against whatever is stored without applying the RACF set-time rules (minimum 14 without KDFAES/ICHPWX11, no user ID inside, 2 letters + 2 non-letters, no triple repeats); exposed by VERIFY (or HTTP basic auth) with a correct 9-13 character phrase on a system whose phrase minimum is 14 (or a stored phrase containing the user ID): request runs instead of being refused.',
    file: 'racf.ts',
    find: "  if (user.phrase === undefined || !phraseWouldBeAccepted(racf, user, user.phrase)) return 'no such secret';\n",
    replace: "  if (user.phrase === undefined) return 'no such secret';\n",
  },
  {
    id: 'racmap-least-specific-filter-wins',
    rule: 'R42',
    description:
      'Distributed-identity filters are ranked in the wrong direction, so the least specific RACMAP filter (e.g. the NAME(*)/REGISTRY(*) default) wins over a full-DN or partial-DN match; exposed by an LDAP caller whose DN has a one-to-one filter while a default filter also exists: the task runs under the default-mapped user instead of the specifically mapped one.',
    file: 'racf.ts',
    find: '    .sort((a, b) => specificity(b.dnFilter, b.registry) - specificity(a.dnFilter, a.registry));\n',
    replace: '    .sort((a, b) => specificity(a.dnFilter, a.registry) - specificity(b.dnFilter, b.registry));\n',
  },
  {
    id: 'authdata-without-password-still-flows',
    rule: 'R54',
    description:
      'zosconnect_authData is accepted with a user but no password, and the user ID alone is flowed; exposed by an authDataRef whose authData lacks password: under IDENTIFY the request runs as the authData user, under VERIFY it is refused by CICS, instead of z/OS Connect refusing it as a configuration error with nothing sent.',
    file: 'zos-connect.ts',
    find: '    if (!authData?.user || !authData.password) {\n',
    replace: '    if (!authData?.user) {\n',
  },
  {
    id: 'jwt-trusted-signature-excuses-wrong-issuer',
    rule: 'R56',
    description:
      'A JWT is refused only when both its signature and its issuer are bad; exposed by a validly signed token from an untrusted issuer (or a right-issuer token with an untrusted signature), which runs instead of getting 401 from z/OS Connect.',
    file: 'zos-connect.ts',
    find: '      if (!caller.signatureTrusted || caller.issuer !== jwt.issuer)\n',
    replace: '      if (!caller.signatureTrusted && caller.issuer !== jwt.issuer)\n',
  },
  {
    id: 'jwt-expiry-checked-only-when-mapped-to-registry-user',
    rule: 'R56',
    description:
      'JWT exp is only checked on the mapIdentityToRegistryUser=true path; exposed by an expired JWT with mapIdentityToRegistryUser=false, whose subject flows to CICS as an ICRX (runs as the RACMAP user, or CICS refuses) instead of z/OS Connect refusing it.',
    file: 'zos-connect.ts',
    find: "      if (caller.expiresAt <= site.clock) return refuse(401, 'JWT expired', []);\n      if (!jwt.mapIdentityToRegistryUser) {\n        trace.add('R33', `JWT subject ${caller.subject} flows as a distributed identity`);\n        return { identity: { distributed: { dn: caller.subject, realm: caller.issuer } }, updates: [] };\n      }\n",
    replace:
      "      if (!jwt.mapIdentityToRegistryUser) {\n        trace.add('R33', `JWT subject ${caller.subject} flows as a distributed identity`);\n        return { identity: { distributed: { dn: caller.subject, realm: caller.issuer } }, updates: [] };\n      }\n      if (caller.expiresAt <= site.clock) return refuse(401, 'JWT expired', []);\n",
  },
  {
    id: 'jwt-unmapped-subject-passed-on-to-cics',
    rule: 'R56',
    description:
      'With mapIdentityToRegistryUser=true, a JWT subject with no RACMAP filter is passed to CICS as a distributed identity instead of z/OS Connect answering 403; exposed by an unmapped sub: CICS refuses it under IDENTIFY (wrong party), and under LOCAL/DEFAULTUSER the request even runs.',
    file: 'zos-connect.ts',
    find: '      if (!mapped) return refuse(403, `JWT subject ${caller.subject} has no RACMAP filter`);\n',
    replace:
      '      if (!mapped) return { identity: { distributed: { dn: caller.subject, realm: caller.issuer } }, updates: [] };\n',
  },
  {
    id: 'jwt-sub-claim-flows-instead-of-mapped-registry-user',
    rule: 'R33',
    description:
      'With mapIdentityToRegistryUser=true the RACMAP lookup is done but the raw sub claim is flowed as the SAF user; exposed by a JWT whose sub (e.g. an e-mail or a lower-case name) maps to FRED under USERAUTH(IDENTIFY): CICS refuses it or runs it under another user instead of running as FRED.',
    file: 'zos-connect.ts',
    find: '      return { identity: { saf: mapped }, updates: [] };\n',
    replace: '      return { identity: { saf: caller.subject }, updates: [] };\n',
  },
  {
    id: 'http-client-cert-notrust-mapping-authenticates',
    rule: 'R18',
    description:
      'On the HTTP side a certificate registered or filtered to a user with NOTRUST status still authenticates as that user; exposed by an HTTP client certificate whose RACF mapping is NOTRUST: the request goes to CICS (and runs under IDENTIFY as that user) instead of a 401 from z/OS Connect.',
    file: 'zos-connect.ts',
    find: '      const user = mapping?.trusted ? findUser(site.racf, mapping.userid) : undefined;\n',
    replace: '      const user = mapping ? findUser(site.racf, mapping.userid) : undefined;\n',
  },
  {
    id: 'authdata-without-password-flows-user-id-alone',
    rule: 'R54',
    description:
      'A zosconnect_authData with a user but no password is not treated as a configuration error: the user ID flows alone; exposed by authData missing its password: CICS refuses under VERIFY (wrong party, should be z/OS Connect configuration) and under IDENTIFY the request runs as the authData user.',
    file: 'zos-connect.ts',
    find: '    if (!authData?.user || !authData.password) {\n',
    replace: '    if (!authData?.user) {\n',
  },
  {
    id: 'authdata-fallback-overrides-distributed-identity',
    rule: 'R31',
    description:
      'Under authDataPrecedence=fallback, authData also replaces an LDAP or JWT distributed identity (only SAF identities are kept), not just a missing identity; exposed with option fallback, an authDataRef connection and an LDAP caller: the authData user/password flows (runs as the authData user under VERIFY, refused under IDENTIFY) instead of the ICRX.',
    file: 'zos-connect.ts',
    find: "    if (options.authDataPrecedence === 'connection-level' || 'none' in identity) {\n",
    replace: "    if (options.authDataPrecedence === 'connection-level' || !('saf' in identity)) {\n",
  },
  {
    id: 'verify-ipconn-maps-icrx-like-identify',
    rule: 'R41',
    description:
      'A USERAUTH(VERIFY) IPCONN processes a flowed ICRX through RACMAP as IDENTIFY would; exposed by an LDAP (or unmapped-registry JWT) caller on a VERIFY IPCONN without authData: the request runs as the RACMAP-mapped user instead of being refused by CICS for want of a user ID and password.',
    file: 'user-security.ts',
    find: "      if (flowed.icrx) trace.add('R41', 'ICRX ignored: only USERAUTH(IDENTIFY) processes distributed identities');\n",
    replace: '      if (flowed.icrx) return identify(site, options, flowed, trace);\n',
  },
  {
    id: 'exact-userid-case-option-still-folds',
    rule: 'R37',
    description:
      'With flowedUseridCase=exact, the user ID is compared case-insensitively and the folded ID is looked up, so exact behaves like fold; exposed with option exact by a lower-case authData user (e.g. fred) under VERIFY or IDENTIFY: runs as FRED instead of CICS refusing an unknown user ID.',
    file: 'user-security.ts',
    find: "    options.flowedUseridCase === 'fold' ? foldUserid(userid) : foldUserid(userid) === userid ? userid : undefined;\n",
    replace:
      "    options.flowedUseridCase === 'fold' ? foldUserid(userid) : foldUserid(userid) === userid.toUpperCase() ? foldUserid(userid) : undefined;\n",
  },
  {
    id: 'ididmap-dn-limit-counts-characters-not-bytes',
    rule: 'R42',
    description:
      'The 246-byte RACMAP DN limit is measured in UTF-16 characters instead of UTF-8 bytes; exposed by a distributed identity whose DN has non-ASCII characters and is at most 246 characters but over 246 bytes: it maps (runs as the mapped user, or passes z/OS Connect JWT mapping) instead of being unmapped.',
    file: 'racf.ts',
    find: '  if (!racf.ididmapActive || utf8Length(dn) > 246 || utf8Length(realm) > 252) return undefined;\n',
    replace: '  if (!racf.ididmapActive || dn.length > 246 || utf8Length(realm) > 252) return undefined;\n',
  },
  {
    id: 'hundred-character-phrase-treated-as-malformed',
    rule: 'R35',
    description:
      'A secret of exactly 100 characters is rejected as malformed instead of being checked as a password phrase; exposed by a correct 100-character phrase, in authData under VERIFY (CICS refuses instead of running) or as an HTTP basic-auth password (401 instead of success).',
    file: 'racf.ts',
    find: "  if (secret.length === 0 || secret.length > 100) return 'malformed';\n",
    replace: "  if (secret.length === 0 || secret.length >= 100) return 'malformed';\n",
  },
  {
    id: 'ipconn-match-ignores-networkid',
    rule: 'R7',
    description:
      'The partner is matched to a defined IPCONN by APPLID alone, ignoring zosConnectNetworkid; exposed by a connection whose APPLID matches a defined IPCONN but whose NETWORKID does not: it gets that IPCONN (e.g. IDENTIFY, runs as the caller) instead of an autoinstalled LOCAL IPCONN (runs as DFLTUSER) or AUTOINSTALL_FAILED at capability exchange.',
    file: 'connection.ts',
    find: '          (i) => i.applid === conn.applid && i.networkid === conn.networkid && i.tcpipservice === service.name,\n',
    replace: '          (i) => i.applid === conn.applid && i.tcpipservice === service.name,\n',
  },
  // --- Written independently, third round (2026-12-06): configuration and resource checks, and credentials,
  // account state and ICRX, by two more authors who saw neither the features nor this catalogue. Of their 24,
  // seven repeat an earlier change or id, and install-check-counts-attls-as-clientauth is left out: no
  // black-box observer can tell it (docs/mutation.md).
  {
    id: 'secprfx-not-applied-to-program-profile',
    rule: 'R50',
    description:
      'With SECPRFX=YES the RESSEC program check asks RACF about the unprefixed MCICSPPT profile (the attach check still uses the prefix). Exposed by SECPRFX=YES, mirror RESSEC(YES), checked user with READ on MCICSPPT <regionuser>.PROG but not on PROG: should run, variant refuses (or the reverse with only an unprefixed permit).',
    file: 'request.ts',
    find: "    if (!permits(site.racf, 'MCICSPPT', prefix + site.zosConnect.program, userid, 'READ')) {",
    replace: "    if (!permits(site.racf, 'MCICSPPT', site.zosConnect.program, userid, 'READ')) {",
  },
  {
    id: 'eib-only-transid-attached-as-mirror',
    rule: 'R48',
    description:
      'transidUsage is ignored: any configured transid becomes the attached mirror, even with EIB_ONLY. Exposed by transid ZCON with transidUsage=EIB_ONLY where ZCON is undefined or the checked user has READ on CSMI but not ZCON: should run under mirror CSMI, variant is refused by CICS.',
    file: 'request.ts',
    find: "  return conn.transidUsage === 'EIB_AND_MIRROR' && conn.transid ? conn.transid : 'CSMI';",
    replace: "  return conn.transid ?? 'CSMI';",
  },
  {
    id: 'custom-mirror-profile-not-checked',
    rule: 'R48',
    description:
      'A custom mirror transid is accepted when PROGRAM(DFHMIRS) even if its PROFILE is not DFHCICSA. Exposed by EIB_AND_MIRROR transid ZCON defined PROGRAM(DFHMIRS) PROFILE(DFHCICST) with all permits: should be refused by CICS (mirror cannot be attached), variant runs under ZCON.',
    file: 'request.ts',
    find: "  if (!tx || tx.program !== 'DFHMIRS' || tx.profile !== 'DFHCICSA') {",
    replace: "  if (!tx || tx.program !== 'DFHMIRS') {",
  },
  {
    id: 'xtran-no-also-skips-program-checks',
    rule: 'R50',
    description:
      'XTRAN=NO is taken to switch off the RESSEC program (XPPT) checks too, not only the attach check. Exposed by SEC=YES, XTRAN=NO, mirror RESSEC(YES), a checked user without READ on the MCICSPPT program profile: should be refused by CICS, variant runs.',
    file: 'request.ts',
    find: '  if (!tx.ressec) return undefined;',
    replace: '  if (!tx.ressec || !site.region.xtran) return undefined;',
  },
  {
    id: 'local-link-equals-region-task-runs-as-region-user',
    rule: 'R21',
    description:
      'Under USERAUTH(LOCAL) with a link user equal to the region user ID the task runs as the link (region) user instead of DFLTUSER (the checked set stays right). Exposed by LOCAL with SECURITYNAME = region user (or a client certificate mapped to the region user under CERTUSER): should run as CICSUSER, variant runs as the region user ID.',
    file: 'aor-checks.ts',
    find: '      return linkOmitted(ctx) ? ctx.region.dfltuser : (ctx.linkUser ?? ctx.region.dfltuser);',
    replace: '      return ctx.linkUser ?? ctx.region.dfltuser;',
  },
  {
    id: 'defaultuser-distinct-link-skips-dfltuser-check',
    rule: 'R22',
    description:
      'Under USERAUTH(DEFAULTUSER) with a distinct link user only the link user is checked, not DFLTUSER as well. Exposed by DEFAULTUSER, SECURITYNAME=LINKU (not the region user), LINKU with READ on CSMI, DFLTUSER without: should be refused by CICS, variant runs as DFLTUSER.',
    file: 'aor-checks.ts',
    find: '      return omit ? [dflt] : unique([link, dflt]);',
    replace: '      return omit ? [dflt] : [link];',
  },
  {
    id: 'identify-trust-option-enforced-ignored',
    rule: 'R14',
    description:
      'The IDENTIFY trust condition is tied to SEC=YES alone, so the default option identifyTrustUnderSecNo=enforced behaves like skipped (the skipped value stays right). Exposed by SEC=NO, IPCONN USERAUTH(IDENTIFY), TCPIPSERVICE SSL(NO) or SSL(YES), z/OS Connect outside the sysplex, default options: should not be acquired (capability exchange, DFHIS2040), variant acquires and the request runs as the default user.',
    file: 'connection.ts',
    find: "  const trustCheck = site.region.sec || options.identifyTrustUnderSecNo === 'enforced';",
    replace: '  const trustCheck = site.region.sec;',
  },
  {
    id: 'revoked-dfltuser-does-not-stop-startup',
    rule: 'R9',
    description:
      'Startup only checks that DFLTUSER is defined, not that it can sign on, so a revoked DFLTUSER lets the region start. Exposed by SEC=YES with DFLTUSER revoked in RACF: connection should be refused at the tcp stage (region never up), variant connects and requests run.',
    file: 'startup.ts',
    find: '  if (user.revoked) return `DFLTUSER ${site.region.dfltuser} is revoked, so CICS cannot sign it on and stops`;\n',
    replace: '',
  },
  {
    id: 'verify-success-keeps-invalid-attempt-count',
    rule: 'R38',
    description:
      'A correct password under VERIFY no longer resets the RACF invalid-attempt count. Exposed by REVOKE(3): wrong, wrong, right, wrong, then right again. The last attempt should run but is refused because the user was revoked on the fourth request.',
    file: 'user-security.ts',
    find: '  const updates = user.invalidAttempts > 0 ? [{ userid: user.id, invalidAttempts: 0, revoked: false }] : [];',
    replace: '  const updates: RacfUpdate[] = [];',
  },
  {
    id: 'http-basic-bad-password-not-counted',
    rule: 'R38',
    description:
      'A wrong password on HTTP basic auth against the SAF registry gets a 401 but is not counted as a RACF attempt. Exposed by sending the wrong password REVOKE(n) times, then the right one: it should get 401 (user revoked) but runs.',
    file: 'zos-connect.ts',
    find: '        const invalidAttempts = user.invalidAttempts + 1;\n        return refuse(401, `wrong password for ${user.id}`, [\n          { userid: user.id, invalidAttempts, revoked: invalidAttempts >= site.racf.revokeAfter },\n        ]);',
    replace: '        return refuse(401, `wrong password for ${user.id}`);',
  },
  {
    id: 'http-basic-accepts-revoked-user',
    rule: 'R56',
    description:
      "Liberty's SAF registry authenticates a revoked user who gives the correct password. The 401 should come from z/OS Connect, but the request goes to CICS: it runs as CICSUSER under USERAUTH(LOCAL), or CICS refuses it under IDENTIFY.",
    file: 'zos-connect.ts',
    find: '      if (!user || user.revoked) return refuse(401, `SAF registry does not authenticate ${caller.userid}`);',
    replace: '      if (!user) return refuse(401, `SAF registry does not authenticate ${caller.userid}`);',
  },
  {
    id: 'identify-ignores-revoked-user',
    rule: 'R39',
    description:
      'IDENTIFY only checks that the user exists, so a revoked user is accepted. Exposed by an LDAP/ICRX (or mapped JWT) identity whose RACMAP user is revoked, or was revoked earlier by bad VERIFY passwords, on a USERAUTH(IDENTIFY) IPCONN. CICS should refuse, but the request runs as that user.',
    file: 'user-security.ts',
    find: "  const user = knownUser(site, options, userid);\n  if (typeof user === 'string') return refuse(trace, user === 'revoked' ? 'R39' : rule, `user ${userid} is ${user}`);",
    replace:
      "  const known = knownUser(site, options, userid);\n  const user = known === 'revoked' ? findUser(site.racf, foldUserid(userid) ?? userid) : known;\n  if (user === undefined || typeof user === 'string') return refuse(trace, rule, `user ${userid} is ${known}`);",
  },
  {
    id: 'identify-skips-appl-class-check',
    rule: 'R40',
    description:
      'The APPL-class READ check on the CICS APPLID is made only for VERIFY sign-ons, not for IDENTIFY. Exposed with the APPL class active and an asserted (IDENTIFY) user who has no READ on the APPLID profile. CICS should refuse, but the request runs as that user.',
    file: 'user-security.ts',
    find: '  const appl = applRefusal(site, options, user.id, trace);\n  if (appl) return appl;\n  trace.add(rule, `user ${user.id} identified`);',
    replace: '  trace.add(rule, `user ${user.id} identified`);',
  },
  {
    id: 'phrase-userid-rule-case-sensitive',
    rule: 'R36',
    description:
      'The rule that a phrase must not contain the user ID is checked case-sensitively, so a phrase holding the user ID in lower case counts as validly stored. Exposed by user IBMUSER whose phrase contains "ibmuser", under VERIFY with that phrase: it should be refused (no valid phrase) but runs.',
    file: 'racf.ts',
    find: '    !phrase.toUpperCase().includes(user.id) &&',
    replace: '    !phrase.includes(user.id) &&',
  },
  {
    id: 'idprop-notallowed-enforced-when-ignored',
    rule: 'R46',
    description:
      'With idprop=ignored (the default), IDPROP(NOTALLOWED) still refuses an ICRX; only the REQUIRED check is switched off. Exposed by an LDAP caller on an IDENTIFY IPCONN with the default IDPROP. It should run as the RACMAP-mapped user, but CICS refuses it.',
    file: 'user-security.ts',
    find: "  if (options.idprop === 'ignored') return undefined;\n  if (ipconn.idprop === 'REQUIRED' && !flowed.icrx)",
    replace: "  if (ipconn.idprop === 'REQUIRED' && !flowed.icrx && options.idprop === 'enforced')",
  },
  {
    id: 'unmapped-icrx-absent-falls-back-to-default-user',
    rule: 'R43',
    description:
      'With unmappedDistributedIdentity=as-if-absent, an unmapped ICRX that has no co-flowed user ID falls back to DFLTUSER instead of being refused. Exposed by an LDAP DN with no RACMAP filter (or a realm mismatch) on an IDENTIFY IPCONN. CICS should refuse, but the request runs as CICSUSER.',
    file: 'user-security.ts',
    find: "      'unmapped distributed identity treated as absent (option unmappedDistributedIdentity=as-if-absent)',\n    );\n  }",
    replace:
      "      'unmapped distributed identity treated as absent (option unmappedDistributedIdentity=as-if-absent)',\n    );\n    if (flowed.userid === undefined) return signOn(site, options, site.region.dfltuser, 'R43', trace);\n  }",
  },
];
