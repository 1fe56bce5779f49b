@area:zosconnect
Feature: The z/OS Connect side of an IPIC connection
  Restates what IBM's z/OS Connect page "Configuring security for an IPIC connection" and its sub-pages
  ask of the z/OS Connect server: the zosconnect_cicsIpicConnection element, its authData for
  predefined credentials, its TLS settings, and how it identifies itself to CICS (rule catalog R6, R7,
  R31, R53 to R55).

  Background:
    Given RACF users ALICE and BOB

  @R31
  @assumes:authDataPrecedence=connection-level
  @severity:critical
  Rule: R31 - Predefined credentials in authData flow on every request, whoever the caller is
    With authDataRef, the authData's user and password are sent for every request over that connection,
    and the IPCONN must say USERAUTH(VERIFY). Whether they replace the caller's own identity or only stand
    in for a missing one is not settled (catalog U2); this harness follows IBM's wording: they replace it.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-VERIFY.

    Scenario: Two different callers both run under the authData user
      Given RACF user ZCUSER
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds ZCUSER with the correct password
      When ALICE and BOB call the whoami API with their correct passwords
      Then every request runs under ZCUSER

    Scenario: Only the authData that the connection's authDataRef names flows
      Given RACF user ZCUSER
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds ZCUSER with the correct password
      And z/OS Connect also defines authData for BOB that the connection does not name
      When ALICE calls the whoami API with the correct password
      Then the request runs under ZCUSER

  @R31
  @assumes:authDataPrecedence=fallback
  Rule: R31 - Where authData is only a fallback, it flows for callers without an identity of their own
    Under the third-party reading of catalog U2, the authData's credentials stand in only when z/OS Connect
    has no identity for the caller; an authenticated caller's own user ID flows instead.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-VERIFY; zos-connect-live-behaviour.md section 7.

    @assumes:unauthenticatedFlows=nothing
    Scenario: Where authData is a fallback, a caller without credentials runs under the authData user
      Given RACF user ZCUSER
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds ZCUSER with the correct password
      And z/OS Connect lets unauthenticated callers through
      When an unauthenticated caller calls the whoami API
      Then the request runs under ZCUSER

    Scenario: Where authData is a fallback, an authenticated caller's own identity flows under IDENTIFY
      Given RACF user ZCUSER
      And z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the connection's authData holds ZCUSER with the correct password
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: Where authData is a fallback, an LDAP caller's distributed identity flows under IDENTIFY
      Given RACF user ZCUSER
      And z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the connection's authData holds ZCUSER with the correct password
      And RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

  @R54
  @severity:critical
  Rule: R54 - authData must hold both a user and a password
    An incomplete authData is a configuration error: z/OS Connect sends nothing to CICS.
    Sources: ZC-VERIFY.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)

    Scenario: authData with a user but no password sends nothing
      Given the connection's authData holds ALICE with no password
      When BOB calls the whoami API with the correct password
      Then the request is refused by z/OS Connect before it reaches CICS

    Scenario: authData with a password but no user sends nothing
      Given the connection's authData holds a password but no user
      When BOB calls the whoami API with the correct password
      Then the request is refused by z/OS Connect before it reaches CICS

  @R53
  Rule: R53 - The connection element points at the port of an IPIC TCPIPSERVICE
    Its host and port must reach an open TCPIPSERVICE with PROTOCOL(IPIC); nothing else can answer.
    Sources: ZC-ZCEE; OMEG.

    Scenario: A closed IPIC TCPIPSERVICE refuses the TCP connection
      Given the IPIC TCPIPSERVICE is closed
      When BOB calls the whoami API with the correct password
      Then the request is not sent because the IPIC connection is refused at the TCP connection

    Scenario: An open IPIC TCPIPSERVICE accepts it
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

  @R6
  Rule: R6 - For a connection from z/OS Connect, the TCPIPSERVICE decides the TLS, not the IPCONN
    Both ends must agree: z/OS Connect uses TLS (sslCertsRef) exactly when the TCPIPSERVICE has SSL(YES)
    or SSL(CLIENTAUTH). The IPCONN's own SSL attributes only govern connections CICS starts.
    Sources: CICS-TRANSP61, CICS-BIND54.

    Scenario: TLS from z/OS Connect to an SSL(NO) TCPIPSERVICE fails in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(NO)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    Scenario: Plain TCP from z/OS Connect to an SSL(YES) TCPIPSERVICE fails in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect connects to CICS without TLS
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

  @R55
  @severity:critical
  Rule: R55 - Mutual TLS needs each side to trust the other's certificate
    CICS trusts the signer of z/OS Connect's certificate through its key ring (R12); z/OS Connect must in
    turn trust the CICS server certificate through the trust store of its ssl element.
    Sources: ZC-TLS.

    Background:
      Given RACF user ZCONSRV
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV

    Scenario: Both sides trust each other: the connection is acquired
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    Scenario: z/OS Connect does not trust the CICS certificate: the handshake fails
      Given z/OS Connect's trust store lacks the signer of the CICS server certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

  @R7
  Rule: R7 - CICS finds the IPCONN by z/OS Connect's APPLID and NETWORKID, or autoinstalls one
    The pair comes from zosConnectApplid and zosConnectNetworkid. With no match, the autoinstall user
    program may install an IPCONN with default security (USERAUTH(LOCAL), so no identity propagates), or
    refuse; an IPCONN that is out of service refuses the partner.
    Sources: CICS-IPCONN56, CICS-IS1011, OMEG; zos-connect-live-behaviour.md section 3.

    Scenario: With no matching IPCONN and autoinstall refused, the connection fails
      Given no IPCONN matches z/OS Connect's APPLID and NETWORKID
      And the IPCONN autoinstall user program refuses unknown partners
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    Scenario: An autoinstalled IPCONN does not propagate the caller's identity
      Given no IPCONN matches z/OS Connect's APPLID and NETWORKID
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: A matching IPCONN that is out of service refuses the partner
      Given the IPCONN for z/OS Connect is defined with INSERVICE(NO)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange
