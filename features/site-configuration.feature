@area:configuration
Feature: Site configuration: the definitions an auditor checks before touching a running system
  Restates, as requirements on a site's own definitions (the CSD, the SIT overrides, the RACF commands
  and z/OS Connect's server.xml), what IBM's page "Configuring security for an IPIC connection" and the
  CICS rules behind it ask for. Each scenario lists the definitions one requirement is about and names
  every one that breaks it, with the file, line and column to fix. A target that cannot show its
  definitions (the model, a live system) reports these scenarios as not applicable.

  Background:
    Given the site's definitions

  @R14
  @severity:blocker
  Rule: R14 - USERAUTH(IDENTIFY) from outside the sysplex needs TLS client authentication
    IDENTIFY trusts the partner to have authenticated its users, so CICS accepts it only on a trusted
    link: a TCPIPSERVICE with SSL(CLIENTAUTH), or a partner in its own sysplex. Otherwise the connection
    is not acquired at all (DFHIS2040). AT-TLS hides the client certificate from CICS (R15).
    Sources: IBM page, section "User security" (ZC-SEC); ZC-TLS; CICS-USER55; CICS-IS2040.

    Scenario: Every IDENTIFY connection from outside the sysplex demands a client certificate
      When the auditor lists the IPCONNs with USERAUTH(IDENTIFY) that z/OS Connect reaches from outside the sysplex
      Then each of them sits behind a TCPIPSERVICE with SSL(CLIENTAUTH)

  @R4
  @severity:critical
  Rule: R4 - LINKAUTH(CERTUSER) needs a TCPIPSERVICE that asks for client certificates
    The link user comes from the client certificate, which CICS only receives under SSL(CLIENTAUTH).
    Sources: IBM page, section "Link security" (ZC-SEC); CICS-LINK55; CTG-IPICSEC.

    Scenario: No CERTUSER IPCONN sits behind a TCPIPSERVICE without client authentication
      When the auditor lists the IPCONNs with LINKAUTH(CERTUSER)
      Then each of them names a TCPIPSERVICE with SSL(CLIENTAUTH)

  @R31
  @R54
  @severity:critical
  Rule: R31 - A connection to a USERAUTH(VERIFY) IPCONN sends predefined credentials
    VERIFY wants a user ID and a password on every request. z/OS Connect sends them from the
    zosconnect_authData its connection element names, which must hold both.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-VERIFY.

    Scenario: Every connection to a VERIFY IPCONN names complete authData
      When the auditor lists the connections z/OS Connect makes to an IPCONN with USERAUTH(VERIFY)
      Then each of them has an authDataRef to a zosconnect_authData with both user and password

  @R21
  @severity:critical
  Rule: R21 - A link user equal to the region user ID switches link security off
    CICS treats such a link as being as trusted as the region itself and makes no link check, so the
    link no longer caps what requests over it may do.
    Sources: CICS-AOR; CICS-AOR-ZH; CICS-LINK55.

    Scenario: No IPCONN's link user is the region user ID
      When the auditor lists the link users of the IPCONNs
      Then each of them differs from the region user ID

  @R7
  Rule: R7 - CICS tells partners apart by APPLID and NETWORKID
    Two IPCONNs with the same pair cannot both be installed, so one partner's security would be
    whichever definition was installed.
    Sources: CICS-IPCONN56; CICS-IS1011.

    Scenario: No two IPCONNs share an APPLID and NETWORKID
      When the auditor lists the IPCONNs
      Then each of them has an APPLID and NETWORKID that no other IPCONN has

  @R48
  Rule: R48 - A transaction z/OS Connect asks for must be a copy of CSMI
    A custom mirror transaction needs PROGRAM(DFHMIRS) and PROFILE(DFHCICSA), like CSMI.
    Sources: ZC-TRAN.

    Scenario: Every transaction a connection names is a copy of CSMI
      When the auditor lists the transactions z/OS Connect connections ask for
      Then each of them is defined as a copy of CSMI with PROGRAM(DFHMIRS) and PROFILE(DFHCICSA)

  @R20
  Rule: R20 - A SECURITYNAME must name a usable RACF user
    When the link user is not defined or is revoked, CICS does not refuse the connection: the link
    quietly runs with the default user's authority.
    Sources: CICS-LINK55; CICS-LINK56.

    Scenario: Every SECURITYNAME names a defined, active RACF user
      When the auditor lists the IPCONNs with LINKAUTH(SECUSER) and a SECURITYNAME
      Then each of them names a RACF user that is defined and not revoked

  @R6
  Rule: R6 - For connections from z/OS Connect, TLS is decided by the TCPIPSERVICE
    The TCPIPSERVICE's SSL attribute says whether CICS speaks TLS on the port; z/OS Connect must match
    it with the sslCertsRef of its connection element.
    Sources: CICS-TRANSP61; CICS-BIND54; ZC-TLS.

    Scenario: Both ends agree on TLS
      When the auditor lists the connections z/OS Connect makes to CICS
      Then each of them uses TLS exactly when its TCPIPSERVICE does

  @R53
  Rule: R53 - A connection element's port is an IPIC TCPIPSERVICE that listens
    Sources: ZC-ZCEE; OMEG; CICS-CONNSEC6.

    Scenario: Every connection reaches an open IPIC port
      When the auditor lists the connections z/OS Connect makes to CICS
      Then each of them reaches an open IPIC TCPIPSERVICE on its port

  @R12
  @severity:critical
  Rule: R12 - The client certificate must pass CICS's TLS handshake
    In date, fit for client authentication, signed by a CA in the region's key ring, and mapped by
    RACF to a user with TRUST. The reference model judges the handshake on the definitions.
    Sources: SSL-INIT; CICS-SSLCFG; ACE-SSL; CICS-TRANSP61.

    Scenario: Every client certificate z/OS Connect presents is accepted
      When the auditor lists the connections z/OS Connect makes to a TCPIPSERVICE with SSL(CLIENTAUTH)
      Then each of them presents a client certificate CICS accepts in the TLS handshake
