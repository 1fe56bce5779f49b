@area:link
Feature: Link security: one link user per connection caps what every request may do
  Restates the section "Link security" of IBM's z/OS Connect page "Configuring security for an IPIC
  connection", with the CICS link-security rules behind it (rule catalog R2, R4, R17 to R24, R26). The
  link user comes from the IPCONN's SECURITYNAME, or from the client certificate under
  LINKAUTH(CERTUSER). Every request over the connection is checked against it as well.

  Background:
    Given RACF users ALICE and LINKUSR
    And z/OS Connect runs in the CICS region's sysplex

  @R2
  @R17
  @severity:critical
  Rule: R17 - Under LINKAUTH(SECUSER) the link user is SECURITYNAME, or the default user when it is blank
    LINKAUTH defaults to SECUSER, and a blank SECURITYNAME means the region's default user (SIT
    DFLTUSER) stands in for the link user.
    Sources: IBM page, section "Link security" (ZC-SEC); CICS-AOR; CICS-DFLT.

    Scenario: SECURITYNAME names the link user, and a LOCAL request runs under it
      Given the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) SECURITYNAME(LINKUSR) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    Scenario: A blank SECURITYNAME means the default user
      Given the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) SECURITYNAME() USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: Naming the default user explicitly behaves like a blank SECURITYNAME
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the IPCONN's SECURITYNAME is the default user
      And RACF denies the default user READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: The link user caps a flowed user who may attach the mirror
      Given the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(IDENTIFY)
      And RACF denies LINKUSR READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Under LINKAUTH(SECUSER) a mapped client certificate does not replace SECURITYNAME
      Given RACF user ZCONSRV
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      And the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) SECURITYNAME(LINKUSR) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

  @R4
  @severity:critical
  Rule: R4 - LINKAUTH(CERTUSER) needs SSL(CLIENTAUTH), a received certificate, and a RACF mapping for it
    Without all three no link user can be derived. The documented failure is when the connection is
    acquired, not when the IPCONN is installed (catalog U3).
    Sources: IBM page, section "Link security" (ZC-SEC); CICS-LINK55; CTG-IPICSEC.

    Scenario: CERTUSER behind a TCPIPSERVICE without client authentication gets no connection
      Given the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    Scenario: CERTUSER behind SSL(CLIENTAUTH) with a mapped certificate connects
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    @assumes:installChecks=install-time
    Scenario: Where CICS checks CERTUSER when it installs the IPCONN, CERTUSER behind SSL(CLIENTAUTH) is installed and used
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    @assumes:installChecks=install-time
    Scenario: Where CICS checks CERTUSER when it installs the IPCONN, SECUSER without TLS is installed and used
      Given the IPIC TCPIPSERVICE is defined with SSL(NO)
      And z/OS Connect connects to CICS without TLS
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

  @R18
  @R26
  @severity:critical
  Rule: R18 - Under LINKAUTH(CERTUSER) the link user is the RACF user the client certificate maps to
    Different certificates therefore give different link users, and with USERAUTH(LOCAL) the task runs
    under the certificate's user (R26).
    Sources: IBM page, section "Link security" (ZC-SEC); CICS-AOR; CTG-IPICSEC; CICS-CERTMAP6; CICS-LINK6.

    Background:
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)

    Scenario: The task runs under the user mapped from the client certificate
      Given z/OS Connect presents a valid client certificate mapped to LINKUSR
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    Scenario: Two certificates on two connections give two link users
      Given RACF user LINKTWO
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      And z/OS Connect's second connection presents a valid client certificate mapped to LINKTWO
      When ALICE calls the whoami API over the second connection
      Then the request runs under LINKTWO

    Scenario: The certificate's user is checked for the mirror transaction
      Given z/OS Connect presents a valid client certificate mapped to LINKUSR
      And RACF denies LINKUSR READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    # A one-to-one registration is of one certificate: its subject and its issuer together.
    Scenario: A certificate with the same subject from another CA does not give its user
      Given z/OS Connect presents a valid client certificate mapped to LINKUSR
      And RACF registers a certificate with the same subject from another CA to LINKTWO
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    Scenario: Of two name filters that match the certificate, the more specific one gives the user
      Given z/OS Connect presents a valid client certificate mapped to LINKUSR
      And RACF maps every certificate of the client certificate's organization to LINKTWO with a name filter
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    Scenario: A name filter restricted to another CA does not apply to this certificate
      Given z/OS Connect presents a valid client certificate mapped to LINKUSR
      And RACF maps the client certificate's subject to LINKTWO with a name filter restricted to another CA
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

  @R19
  Rule: R19 - Every request over one connection carries the same link user
    Link security belongs to the connection, not to the caller.
    Sources: CICS-LINK55.

    Scenario: Two callers both run under the connection's link user
      Given RACF user BOB
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(LOCAL)
      When ALICE and BOB call the whoami API with their correct passwords
      Then every request runs under LINKUSR

  @R20
  @severity:critical
  Rule: R20 - A link user that cannot be used falls back to the default user's authority
    If link security cannot be established (for example, the link user is revoked or not defined), the
    connection does not fail: the default user's authority applies instead.
    Sources: CICS-LINK55, CICS-LINK56.

    Scenario Outline: A link user who is <state> gives way to the default user
      Given RACF user DEADLINK
      And DEADLINK <state-step>
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(DEADLINK) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

      Examples:
        | state       | state-step             |
        | revoked     | is revoked             |
        | not defined | is not defined to RACF |

    Scenario: Under LINKAUTH(CERTUSER) a certificate mapped to a revoked user gives way to the default user
      Given RACF user DEADLINK
      And DEADLINK is revoked
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to DEADLINK
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: The fallback really checks the default user's authority
      Given RACF user DEADLINK
      And DEADLINK is revoked
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(DEADLINK) USERAUTH(IDENTIFY)
      And RACF denies the default user READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R21
  @severity:critical
  Rule: R21 - A link user equal to the region user ID makes CICS skip the link check
    The link then counts as trusted as the region itself. Under LOCAL the task runs under the default
    user; under IDENTIFY or VERIFY only the flowed user is checked.
    Sources: CICS-AOR, CICS-AOR-ZH, CICS-LINK55.

    Scenario: Under LOCAL the task runs under the default user, not the region user
      Given the IPCONN for z/OS Connect is defined with USERAUTH(LOCAL)
      And the IPCONN's SECURITYNAME is the region user
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: Under IDENTIFY the region user is not checked at all
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the IPCONN's SECURITYNAME is the region user
      And RACF denies the region user READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

  @R22
  @R24
  @severity:critical
  Rule: R22 - With a distinct link user, CICS checks both the link user and the request's user
    Under IDENTIFY or VERIFY the flowed user runs the task and the link user is checked as a second
    user ID (R24); the request fails if either check fails. A privileged flowed user cannot get past
    a weak link user, nor the reverse.
    Sources: CICS-LINK55, CICS-AOR, CICS-LINK6, CICS-USER61, CICS-LINK56.

    Background:
      Given the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(IDENTIFY)

    Scenario: Both may attach the mirror: the task runs under the flowed user
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: The flowed user may not attach the mirror
      Given RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R23
  Rule: R23 - z/OS Connect's own job user plays no part in the region's checks
    Neither the partner's started-task user ID nor any link user the partner defines on its side is
    checked by the receiving region.
    Sources: CICS-AOR.

    Scenario: z/OS Connect's started-task user may not attach the mirror, yet requests run
      Given RACF user ZCONSRV
      And z/OS Connect's started task runs as ZCONSRV
      And RACF denies ZCONSRV READ on TCICSTRN CSMI
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE
