@area:identity
@assumes:idprop=ignored
Feature: Identity propagation: LDAP, SAF, X.509 and JWT identities under USERAUTH(IDENTIFY)
  Restates the list of identities in the section "User security" of IBM's z/OS Connect page
  "Configuring security for an IPIC connection", with the rules behind it (rule catalog R33, R41 to
  R47, R56). z/OS Connect establishes the caller's identity over HTTPS, then passes it to CICS with no
  password. A SAF user ID goes as such, an LDAP distributed identity as an ICRX that CICS maps with RACMAP.
  The IPCONN's IDPROP is assumed to have no effect on these requests (catalog U9).

  Background:
    Given RACF user ALICE
    And z/OS Connect runs in the CICS region's sysplex
    And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

  @R33
  @severity:critical
  Rule: R33 - z/OS Connect can pass an LDAP, SAF, certificate or JWT identity under IDENTIFY
    For an LDAP distributed identity, CICS does the mapping to a SAF user, and z/OS Connect needs no
    change to its IPIC connection element.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-IDPROP.

    Scenario: An LDAP distributed identity mapped by RACMAP runs under the mapped user
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario: A SAF user authenticated by the SAF registry runs under itself
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: An HTTP client certificate mapped to a SAF user runs under that user
      When ALICE calls the whoami API with a client certificate mapped to ALICE
      Then the request runs under ALICE

    Scenario: A JWT whose subject maps to a SAF user runs under that user
      When ALICE calls the whoami API with a valid JWT
      Then the request runs under ALICE

  @R41
  Rule: R41 - CICS processes a distributed identity only on an IPCONN with USERAUTH(IDENTIFY)
    Under other USERAUTH values the ICRX plays no part in the request's identity.
    Sources: CICS-IDPROP52; ZC-IDPROP.

    Background:
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE

    Scenario: Under VERIFY the authData user runs the request, not the distributed identity
      Given RACF user ZCUSER
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds ZCUSER with the correct password
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ZCUSER

    Scenario: Under LOCAL the distributed identity is ignored
      Given the IPCONN for z/OS Connect is defined with USERAUTH(LOCAL)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under the default user

  @R42
  Rule: R42 - RACMAP filters map whole or partial distinguished names; the best match wins
    A filter names a full DN (one-to-one) or a part of it (many-to-one); NAME('*') catches the rest.
    Sources: RACF-RACMAP, RACF-DIDEX, RACF-DIDDEF, CICS-RACFID52.

    Scenario: A partial-DN filter maps every user in the branch to one SAF user
      Given RACF user SALES
      And RACMAP maps distributed identities matching "ou=sales,o=example" in realm "ldap.example" to SALES
      When the LDAP user "cn=zoe,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under SALES

    Scenario: A full-DN filter wins over a partial one
      Given RACF user SALES
      And RACMAP maps distributed identities matching "ou=sales,o=example" in realm "ldap.example" to SALES
      And RACMAP maps distributed identities matching "cn=alice,ou=sales,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario: The catch-all filter maps anyone no other filter matches
      Given RACF user ANYONE
      And RACMAP maps distributed identities matching "*" in realm "*" to ANYONE
      When the LDAP user "cn=zoe,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ANYONE

    Scenario: A more specific filter wins over the catch-all, whichever was defined first
      Given RACF users ANYONE and SALES
      And RACMAP maps distributed identities matching "*" in realm "*" to ANYONE
      And RACMAP maps distributed identities matching "ou=sales,o=example" in realm "ldap.example" to SALES
      When the LDAP user "cn=zoe,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under SALES

    Scenario Outline: Under a full-DN filter, a DN that differs from it by <difference>: the request <outcome>
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "<dn>" of realm "ldap.example" calls the whoami API
      Then the request <outcome>

      Examples:
        | difference                               | dn                           | outcome            |
        | nothing                                  | cn=alice,ou=staff,o=example  | runs under ALICE   |
        | its last character                       | cn=alice,ou=staff,o=exampla  | is refused by CICS |
        | one character less at the end            | cn=alice,ou=staff,o=exampl   | is refused by CICS |
        | one character more at the end            | cn=alice,ou=staff,o=examples | is refused by CICS |
        | one character more inside its first part | cn=malice,ou=staff,o=example | is refused by CICS |
        | one character less inside its first part | cn=alic,ou=staff,o=example   | is refused by CICS |

    Scenario: A partial-DN filter covers whole name parts: c=us does not cover dc=us
      Given RACF user USERS
      And RACMAP maps distributed identities matching "c=us" in realm "ldap.example" to USERS
      When the LDAP user "cn=eve,dc=us" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

    Scenario Outline: RACMAP maps a <dn>-byte name in a <realm>-byte realm only within its limits: <verdict>
      Given RACMAP MAP is issued for the <dn>-byte distinguished name in the <realm>-byte realm, for ALICE
      When the LDAP user with the <dn>-byte distinguished name in the <realm>-byte realm calls the whoami API
      Then the request <outcome>

      Examples: RACMAP MAP refuses a DN over 246 bytes and a realm over 252 bytes, so nothing maps them
        | dn  | realm | verdict        | outcome            |
        | 246 | 30    | within limits  | runs under ALICE   |
        | 247 | 30    | DN too long    | is refused by CICS |
        | 60  | 252   | within limits  | runs under ALICE   |
        | 60  | 253   | realm too long | is refused by CICS |

  @R43
  @assumes:unmappedDistributedIdentity=security-error
  @severity:critical
  Rule: R43 - A distributed identity no filter maps is a security error, never the default user
    IBM's pages disagree here (catalog U8). This harness follows the RACF text: the request is refused
    and does not fall back to the default user.
    Sources: CICS-IDPROP52, CICS-RACFID52.

    Scenario: An unmapped distributed identity is refused
      When the LDAP user "cn=mallory,o=elsewhere" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

  @R44
  @severity:critical
  Rule: R44 - The realm z/OS Connect sends must equal the RACMAP registry name
    The realm is the ldapRegistry realm (or the federated repository's primary realm); a filter for
    another registry does not match.
    Sources: ZC-LDAPMAP; ZC-IDPROP.

    Scenario: The right DN in the wrong realm is not mapped
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "other.realm" calls the whoami API
      Then the request is refused by CICS

    Scenario: The right DN in the right realm is mapped
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario Outline: A realm that differs from the registry name by <difference> is not mapped
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "<realm>" calls the whoami API
      Then the request is refused by CICS

      Examples:
        | difference                  | realm         |
        | its last character          | ldap.exampla  |
        | one character more          | ldap.example2 |
        | one character less          | ldap.exampl   |
        | one character more in front | xldap.example |

  @R45
  @severity:blocker
  Rule: R45 - Distributed identities need TLS client authentication unless both ends share a sysplex
    An ICRX implies IDENTIFY, so R14's trust condition applies.
    Sources: ZC-IDPROP-NEW; CTG-IDPROP-TOPO.

    Scenario: Outside the sysplex without client authentication, the identity never reaches CICS
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request is not sent because the IPIC connection is refused at the capability exchange

    Scenario: Outside the sysplex with client authentication, the identity is mapped
      Given RACF user ZCONSRV
      And RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

  @R46
  Rule: R46 - IDPROP on the receiving IPCONN does not change requests from z/OS Connect
    CICS TG's pages say IDPROP is for traffic between CICS regions; a lab for z/OS Connect nevertheless set
    REQUIRED. This is uncertain (catalog U9), so it is a model option, and this feature assumes "ignored".
    Sources: CICS-IPCONN56; CTG-IDPROP.

    Scenario: A SAF user ID flows as usual with IDPROP(REQUIRED)
      Given the IPCONN for z/OS Connect is defined with IDPROP(REQUIRED)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

  @R47
  Rule: R47 - The mapped user is the identity CICS records for the request
    SMF 110 identity data records the SAF user the distributed identity was mapped to, beside the DN and
    realm. Through the API the harness can see the first half: the task's user ID is the mapped user.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-IDPROP-NEW.

    Scenario: The task's user ID is the mapped user, not the distinguished name
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

    Scenario: Two distinguished names one filter maps both run under the mapped user
      Given RACF user SALES
      And RACMAP maps distributed identities matching "ou=sales,o=example" in realm "ldap.example" to SALES
      When the LDAP user "cn=zoe,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      And the LDAP user "cn=yan,ou=sales,o=example" of realm "ldap.example" calls the whoami API
      Then every request runs under SALES

  @R56
  @severity:critical
  Rule: R56 - z/OS Connect establishes the caller's identity before anything reaches CICS
    The SAF registry, client certificates, LDAP and JWTs each authenticate the HTTP caller; a caller that
    fails this gets an HTTP refusal from z/OS Connect and CICS sees nothing.
    Sources: ZC-SAFREG, ZC-CERTAUTH, ZC-LDAPMAP, LIB-JWT, OL-OIDC; zos-connect-live-behaviour.md section 1.

    Scenario: A wrong password is refused as unauthenticated
      When ALICE calls the whoami API with a wrong password
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: An HTTP client certificate that maps to no user is refused as unauthenticated
      When a caller presents an HTTP client certificate that RACF maps to no user
      Then the request is refused by z/OS Connect as unauthenticated

    @R18
    Scenario: An HTTP client certificate RACF holds with status NOTRUST is refused as unauthenticated
      Given RACF holds ALICE's HTTP client certificate with status NOTRUST
      When ALICE calls the whoami API with a client certificate mapped to ALICE
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: A JWT signed by an untrusted key is refused as unauthenticated
      When ALICE calls the whoami API with a JWT signed by an untrusted key
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: A JWT from an issuer z/OS Connect is not configured for is refused as unauthenticated
      When ALICE calls the whoami API with a JWT from another issuer
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: An expired JWT is refused by z/OS Connect
      When ALICE calls the whoami API with an expired JWT
      Then the request is refused by z/OS Connect before it reaches CICS

    Scenario: An expired JWT is refused by z/OS Connect even where its subject would be passed on to CICS
      Given z/OS Connect passes each JWT's subject on to CICS as a distributed identity
      When ALICE calls the whoami API with an expired JWT
      Then the request is refused by z/OS Connect before it reaches CICS

    Scenario: A valid JWT whose subject RACMAP does not map is refused as unauthorized
      Given z/OS Connect maps each JWT's subject to a user of its registry
      And RACMAP does not map ALICE's JWT subject
      When ALICE calls the whoami API with a valid JWT
      Then the request is refused by z/OS Connect as unauthorized

    Scenario: A revoked SAF user cannot authenticate
      Given ALICE is revoked
      When ALICE calls the whoami API with the correct password
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: A caller without credentials is refused as unauthenticated while z/OS Connect requires authentication
      When an unauthenticated caller calls the whoami API
      Then the request is refused by z/OS Connect as unauthenticated

    @assumes:unauthenticatedFlows=WSGUEST
    Scenario: Where z/OS Connect asserts its unauthenticated user, a caller without credentials runs as WSGUEST
      Given RACF user WSGUEST
      And z/OS Connect lets unauthenticated callers through
      When an unauthenticated caller calls the whoami API
      Then the request runs under WSGUEST

    @assumes:unauthenticatedFlows=nothing
    Scenario: Where z/OS Connect asserts no one for a caller without credentials, a defined WSGUEST does not run it
      Given RACF user WSGUEST
      And z/OS Connect lets unauthenticated callers through
      When an unauthenticated caller calls the whoami API
      Then the request is refused by CICS

  @R43
  @assumes:unmappedDistributedIdentity=as-if-absent
  Rule: R43 - Where an unmapped distributed identity counts as absent, IDENTIFY still finds no user to run as
    Under the CICS intercommunication reading (catalog U8), CICS processes the request as if no ICRX had
    come. z/OS Connect sends the ICRX instead of a user ID, so nothing is left for IDENTIFY to sign on:
    the request is refused all the same, and never runs as the default user.
    Sources: CICS-IDPROP52, CICS-RACFID52.

    Scenario: Where an unmapped distributed identity counts as absent, the request is still refused
      When the LDAP user "cn=mallory,o=elsewhere" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS
