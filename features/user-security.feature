@area:user
Feature: User security: the IPCONN's USERAUTH decides whose identity a request runs under
  Restates the section "User security" of IBM's z/OS Connect page "Configuring security for an IPIC
  connection", with the CICS user-security rules behind it (rule catalog R1, R3, R14, R15, R25, R27 to
  R30, R32 and the USERAUTH by flowed-credentials table of catalog section 3). User security sits on top
  of link security: it never replaces it.

  Background:
    Given RACF user ALICE

  @R1
  @severity:critical
  Rule: R1 - Bind, link and user security are separate layers, and user security adds to link security
    With SEC=YES a request succeeds only if every user ID CICS checks for it is authorized: the link
    user's authority still limits a request that runs under the caller's own user ID.
    Sources: IBM page, section "User security" (ZC-SEC, ZC-SEC-OA3); CICS-TRS.

    Scenario: A caller who may attach the mirror is still stopped by a link user who may not
      Given RACF user LINKUSR
      And z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(IDENTIFY)
      And RACF denies LINKUSR READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Once bind, link and user security all pass, the request runs under the caller
      Given RACF user LINKUSR
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(IDENTIFY)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

  @R3
  Rule: R3 - USERAUTH, by default LOCAL, says what the receiving region accepts from the partner
    The table below restates catalog section 3: for each USERAUTH, what happens when z/OS Connect flows
    nothing, a user ID alone, or a user ID with a password. Here the link user is the default user
    (SECURITYNAME blank) and z/OS Connect runs in the CICS sysplex, so IDENTIFY is allowed.
    Sources: CICS-AOR, CICS-USER55, CICS-USER61, DEV-QA.

    Background:
      Given z/OS Connect runs in the CICS region's sysplex

    Scenario: An IPCONN defined without USERAUTH behaves as USERAUTH(LOCAL)
      Given RACF user LINKUSR
      And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR)
      When ALICE calls the whoami API with the correct password
      Then the request runs under LINKUSR

    Scenario Outline: USERAUTH(<userauth>) when z/OS Connect flows <flowed>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(<userauth>)
      And z/OS Connect flows <flowed>
      When the caller calls the whoami API
      Then the request <outcome>

      @R25
      @assumes:localWithFlowedUserid=ignore
      Examples: LOCAL ignores whatever is flowed
        | userauth | flowed                        | outcome                     |
        | LOCAL    | no credentials for the caller | runs under the default user |
        | LOCAL    | ALICE's user ID alone         | runs under the default user |
        | LOCAL    | ALICE's user ID and password  | runs under the default user |

      @R27
      Examples: DEFAULTUSER always runs as the default user
        | userauth    | flowed                        | outcome                     |
        | DEFAULTUSER | no credentials for the caller | runs under the default user |
        | DEFAULTUSER | ALICE's user ID alone         | runs under the default user |
        | DEFAULTUSER | ALICE's user ID and password  | runs under the default user |

      @R29
      Examples: IDENTIFY needs a user ID
        | userauth | flowed                        | outcome            |
        | IDENTIFY | no credentials for the caller | is refused by CICS |
        | IDENTIFY | ALICE's user ID alone         | runs under ALICE   |

      @R30
      @assumes:identifyWithPassword=reject
      Examples: IDENTIFY refuses a user ID that comes with a password
        | userauth | flowed                       | outcome            |
        | IDENTIFY | ALICE's user ID and password | is refused by CICS |

      @R25
      @assumes:localWithFlowedUserid=reject
      Examples: Under the LU6.2 reading (catalog U5), LOCAL refuses a flowed user ID, and only LOCAL does
        | userauth    | flowed                        | outcome                     |
        | LOCAL       | no credentials for the caller | runs under the default user |
        | LOCAL       | ALICE's user ID alone         | is refused by CICS          |
        | LOCAL       | ALICE's user ID and password  | is refused by CICS          |
        | DEFAULTUSER | ALICE's user ID alone         | runs under the default user |

      @R30
      @assumes:identifyWithPassword=verify
      Examples: Under the MRO and LU6.2 reading (catalog U6), IDENTIFY verifies a user ID sent with a password
        | userauth | flowed                       | outcome          |
        | IDENTIFY | ALICE's user ID and password | runs under ALICE |

      @R28
      Examples: VERIFY needs a user ID and its password
        | userauth | flowed                        | outcome            |
        | VERIFY   | no credentials for the caller | is refused by CICS |
        | VERIFY   | ALICE's user ID alone         | is refused by CICS |
        | VERIFY   | ALICE's user ID and password  | runs under ALICE   |

  @R14
  @severity:blocker
  Rule: R14 - USERAUTH(IDENTIFY) needs TLS client authentication unless z/OS Connect is in the CICS sysplex
    CICS trusts asserted identities only over a trusted link: a client-authenticated TLS connection, or a
    trusted route inside the same sysplex. Otherwise the capability exchange fails with a security
    violation (DFHIS2040) and no request flows.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-TLS; ZC-IDPROP-NEW; CICS-USER55; CICS-IS2040.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario: Outside the sysplex, without TLS, an IDENTIFY connection is refused
      Given z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(NO)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    Scenario: Outside the sysplex, TLS without client authentication is not enough
      Given z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    Scenario: Outside the sysplex, no asserted identity reaches CICS
      Given z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When ALICE calls the whoami API with the correct password
      Then the request is not sent because the IPIC connection is refused at the capability exchange

    Scenario: Outside the sysplex, client authentication makes IDENTIFY acceptable
      Given RACF user ZCONSRV
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: Inside the sysplex, IDENTIFY works without TLS
      Given z/OS Connect runs in the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(NO)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    @assumes:installChecks=install-time
    Scenario: Where CICS checks IDENTIFY when it installs the IPCONN, a partner in the sysplex still needs no TLS
      Given z/OS Connect runs in the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(NO)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    @assumes:installChecks=install-time
    Scenario: Where CICS checks IDENTIFY when it installs the IPCONN, server-only TLS outside the sysplex still fails to connect
      Given z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

  @R15
  Rule: R15 - AT-TLS hides the TLS session from CICS, so it never counts as client authentication
    CICS supports AT-TLS for IPIC only in basic mode, where it cannot see the client certificate.
    Sources: CICS-TRANSP61.

    Scenario: AT-TLS in front of the port does not satisfy IDENTIFY's trust condition
      Given AT-TLS in basic mode protects the IPIC port
      And z/OS Connect uses TLS towards CICS without a client certificate
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    Scenario: AT-TLS gives CERTUSER no certificate to map
      Given RACF user LINKUSR
      And AT-TLS in basic mode protects the IPIC port
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

  @R29
  @severity:critical
  Rule: R29 - IDENTIFY runs the request under the flowed user ID after checking only that RACF knows it
    No password is checked; the user must be defined and not revoked.
    Sources: IBM page, section "User security" (ZC-SEC); CICS-USER55; CICS-USER61; CICS-DESIGN6; CICS-ATTACHSEC.

    Background:
      Given z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario: Each caller's own user ID runs the request
      Given RACF user BOB
      When ALICE and BOB call the whoami API with their correct passwords
      Then the requests run under ALICE and BOB

    Scenario: A flowed identity that RACF does not define is refused
      Given RACMAP maps distributed identities matching "cn=ghost,o=example" in realm "ldap.example" to GHOST
      And GHOST is not defined to RACF
      When the LDAP user "cn=ghost,o=example" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

    Scenario: A flowed identity whose user is revoked is refused
      Given RACMAP maps distributed identities matching "cn=alice,o=example" in realm "ldap.example" to ALICE
      And ALICE is revoked
      When the LDAP user "cn=alice,o=example" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

  @R32
  @severity:critical
  Rule: R32 - Without predefined credentials, z/OS Connect passes each caller's identity without a password
    Each request's authenticated identity flows to CICS on its own, so the IPCONN must say
    USERAUTH(IDENTIFY), and R14's trust condition must hold.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-TLS; ZC-IDPROP-NEW.

    Scenario: The caller's identity flows and runs the request under IDENTIFY
      Given z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: The caller's identity flows without a password, so VERIFY refuses it
      Given the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R46
  @assumes:idprop=enforced
  Rule: R46 - Where IDPROP is enforced, REQUIRED demands a distributed identity and NOTALLOWED refuses one
    Whether the receiving IPCONN's IDPROP applies to requests from z/OS Connect is uncertain (catalog U9).
    Under the reading that CICS enforces it as between CICS regions, an IPCONN with IDPROP(REQUIRED)
    accepts only requests that carry a distributed identity, and one with IDPROP(NOTALLOWED) accepts only
    requests that carry none. The rest of IDENTIFY is unchanged.
    Sources: CICS-IPCONN56; CTG-IDPROP.

    Background:
      Given z/OS Connect runs in the CICS region's sysplex
      And RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE

    Scenario: IDPROP(REQUIRED) runs a request that carries a distributed identity
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(REQUIRED)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario: IDPROP(REQUIRED) refuses a request that carries a SAF user ID alone
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(REQUIRED)
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: IDPROP(NOTALLOWED) refuses a request that carries a distributed identity
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(NOTALLOWED)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

    Scenario: IDPROP(NOTALLOWED) runs a request that carries a SAF user ID alone
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(NOTALLOWED)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: IDPROP(OPTIONAL) runs a request that carries a distributed identity
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(OPTIONAL)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario: IDPROP(OPTIONAL) runs a request that carries a SAF user ID alone
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY) IDPROP(OPTIONAL)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE
