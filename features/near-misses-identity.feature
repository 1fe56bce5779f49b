@area:identity
@assumes:idprop=ignored
Feature: Near misses of identity propagation: the value just past each limit, and the user just refused
  Each scenario sits next to a scenario of identity-propagation.feature, on the other side of the same
  rule: a distributed identity that only USERAUTH(IDENTIFY) may map, a distinguished name whose length
  in bytes and in characters fall on either side of RACMAP's limit, and an HTTP client certificate whose
  user is revoked. Everything else in each scenario is set up to pass, so the one difference decides it
  (issue 15). The IPCONN's IDPROP is assumed to have no effect on these requests (catalog U9).

  Background:
    Given RACF user ALICE
    And z/OS Connect runs in the CICS region's sysplex

  @R41
  @R28
  Rule: R41 - Under USERAUTH(VERIFY) a distributed identity is not mapped, even where RACMAP would map it
    VERIFY wants a user ID and its password. A request that carries only an ICRX brings neither, so CICS
    refuses it although the same identity runs under IDENTIFY.
    Sources: CICS-IDPROP52; ZC-IDPROP; CICS-USER55.

    Background:
      Given RACMAP maps distributed identities matching "cn=alice,ou=staff,o=example" in realm "ldap.example" to ALICE

    Scenario: Under VERIFY without authData, a mapped distributed identity is refused
      Given the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request is refused by CICS

    Scenario: Under IDENTIFY the same distributed identity runs under the mapped user
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When the LDAP user "cn=alice,ou=staff,o=example" of realm "ldap.example" calls the whoami API
      Then the request runs under ALICE

  @R42
  Rule: R42 - RACMAP's limit of 246 is in UTF-8 bytes, not in characters
    A name with characters outside ASCII has more bytes than characters. RACMAP MAP refuses a DN of more
    than 246 bytes, so a DN of 246 characters but 247 bytes is never mapped, while one of 245 characters
    and 246 bytes is.
    Sources: RACF-RACMAP, RACF-DIDEX.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario Outline: A distinguished name of <characters> characters and <bytes> bytes <verdict>
      Given RACMAP MAP is issued for a distinguished name of <characters> characters and <bytes> UTF-8 bytes, for ALICE
      When the LDAP user with the distinguished name of <characters> characters and <bytes> UTF-8 bytes calls the whoami API
      Then the request <outcome>

      Examples:
        | characters | bytes | verdict                 | outcome            |
        | 245        | 246   | is mapped               | runs under ALICE   |
        | 246        | 247   | is over the byte limit  | is refused by CICS |
        | 246        | 246   | is mapped when in ASCII | runs under ALICE   |

  @R56
  @severity:critical
  Rule: R56 - An HTTP client certificate authenticates only a usable SAF user
    z/OS Connect maps the caller's certificate to a SAF user; a revoked user cannot be authenticated that
    way any more than with a password.
    Sources: ZC-CERTAUTH; ZC-SAFREG.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario: An HTTP client certificate mapped to a revoked user is refused as unauthenticated
      Given ALICE is revoked
      When ALICE calls the whoami API with a client certificate mapped to ALICE
      Then the request is refused by z/OS Connect as unauthenticated
