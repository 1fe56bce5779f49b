@area:credentials
Feature: Passwords and password phrases under USERAUTH(VERIFY)
  Restates the password and password-phrase rules behind the section "User security" of IBM's z/OS
  Connect page "Configuring security for an IPIC connection" (rule catalog R28, R34 to R40): with
  USERAUTH(VERIFY), z/OS Connect sends the user and password of its authData on every request, and the
  CICS region's RACF checks them. The length of the secret decides whether it is a password or a phrase.
  The secrets themselves never appear here: the target makes them and keeps them out of every report.

  Background:
    Given RACF users ALICE and BOB
    And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)

  @R28
  @severity:critical
  Rule: R28 - VERIFY runs the request only when the flowed password or phrase is right
    Every attach must carry a user ID and a password or phrase, which RACF in the CICS region checks.
    Sources: IBM page, section "User security" (ZC-SEC); ZC-VERIFY; CICS-USER55; CICS-USER61; CICS-VPASS.

    Scenario: The right password runs the request under the authData user
      Given the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: A wrong password is refused by CICS
      Given the connection's authData holds ALICE with a wrong password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A user RACF does not define is refused
      Given GHOST is not defined to RACF
      And the connection's authData holds GHOST with a wrong password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

  @R34
  @R35
  @severity:critical
  Rule: R35 - A secret of 1 to 8 characters is a password, 9 to 100 a password phrase, anything longer is refused
    When the CICS system supports phrases, a phrase can stand in the authData's password (R34). RACF
    checks an 8-character secret against the password and a 9-character one against the phrase.
    Sources: IBM page, first paragraph (ZC-SEC-OA3); CTG-IPICSEC; CICS-VPHRASE; CICS-CPHRASE.

    Background:
      Given RACF allows password phrases shorter than 14 characters

    Scenario Outline: A correct <length>-character phrase is accepted
      Given ALICE has a password phrase of <length> characters
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

      Examples:
        | length |
        | 9      |
        | 14     |
        | 100    |

    Scenario: A correct 100-character phrase with one more character is 101 characters and refused
      Given ALICE has a password phrase of 100 characters
      And the connection's authData holds ALICE with the correct password phrase and one character more
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A 101-character secret is not a wrong phrase, so refusing it three times does not revoke the user
      Given ALICE has a password phrase of 100 characters
      And the connection's authData holds ALICE with the correct password phrase and one character more
      When BOB calls the whoami API 3 times
      And ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A phrase is not accepted where the user has only a password
      Given the connection's authData holds ALICE with a wrong password phrase
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A password is not accepted where the user has only a phrase, not even the one RACF would check
      Given ALICE has a password phrase of 20 characters and no password
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A user with both a password and a phrase may use either: the phrase
      Given ALICE has a password phrase of 30 characters
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: A user with both a password and a phrase may use either: the password
      Given ALICE has a password phrase of 30 characters
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: A wrong phrase is refused where the user has a phrase
      Given ALICE has a password phrase of 20 characters
      And the connection's authData holds ALICE with a wrong password phrase
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

  @R36
  Rule: R36 - Without KDFAES or an exit that allows it, RACF keeps no phrase shorter than 14 characters
    A 9 to 13 character phrase can only ever have been set where RACF allows short phrases, so elsewhere
    a short phrase can never be verified.
    Sources: RACF-PHRASE.

    Background:
      Given RACF requires password phrases of at least 14 characters

    Scenario Outline: A <length>-character phrase where RACF requires 14 <outcome-words>
      Given ALICE has a password phrase of <length> characters
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request <outcome>

      Examples:
        | length | outcome-words | outcome            |
        | 9      | is refused    | is refused by CICS |
        | 13     | is refused    | is refused by CICS |
        | 14     | is accepted   | runs under ALICE   |

  @R36
  Rule: R36 - RACF keeps no phrase that breaks its content rules, so such a phrase never signs on
    When a phrase is set, RACF wants at least 2 letters and at least 2 other characters, no user ID inside
    it, and never 3 identical characters in a row. A phrase that breaks one of these can never have been
    stored, so a user cannot be verified with it; a phrase that meets each rule just at its limit works.
    Sources: RACF-PHRASE.

    Scenario Outline: A phrase with <content> <outcome-words>
      Given ALICE has a password phrase of 16 characters with <content>
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request <outcome>

      Examples:
        | content                             | outcome-words | outcome            |
        | only one letter                     | is refused    | is refused by CICS |
        | exactly two letters                 | is accepted   | runs under ALICE   |
        | only one non-letter                 | is refused    | is refused by CICS |
        | exactly two non-letters             | is accepted   | runs under ALICE   |
        | the user ID                         | is refused    | is refused by CICS |
        | three identical characters in a row | is refused    | is refused by CICS |

  @R37
  Rule: R37 - User IDs are folded to upper case; passwords too unless RACF keeps mixed-case passwords
    Phrases are never folded: a phrase that differs from the right one only in case is wrong.
    Sources: CICS-CPASS, CICS-CPHRASE.

    Scenario: A password phrase in another case is wrong, even without mixed-case passwords
      Given RACF does not accept mixed-case passwords
      And ALICE has a password phrase of 20 characters
      And the connection's authData holds ALICE with the correct password phrase in another case
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A password phrase in its own case runs, without mixed-case passwords
      Given RACF does not accept mixed-case passwords
      And ALICE has a password phrase of 20 characters
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    @assumes:flowedUseridCase=fold
    Scenario: A user ID in lower case runs under the upper-case RACF user
      Given the connection's authData holds ALICE, in lower case, with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    @assumes:flowedUseridCase=exact
    Scenario: Where CICS takes a flowed user ID exactly as sent, a user ID in lower case names no RACF user
      Given the connection's authData holds ALICE, in lower case, with the correct password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    @assumes:flowedUseridCase=exact
    Scenario: Where CICS takes a flowed user ID exactly as sent, a user ID in upper case runs as usual
      Given the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: Without mixed-case passwords, a password in the wrong case still matches
      Given RACF does not accept mixed-case passwords
      And the connection's authData holds ALICE with the correct password in lower case
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: With mixed-case passwords, a password in the wrong case is wrong
      Given RACF accepts mixed-case passwords
      And the connection's authData holds ALICE with the correct password in lower case
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

  @R38
  @severity:critical
  Rule: R38 - Every wrong password counts, and enough of them revoke the user
    Each failed verification adds to the user's invalid-attempt count (DFHXS1201); at the RACF limit the
    user is revoked, and then even the correct password is refused. This harness's model sets the limit
    at three; a live run never makes more bad attempts than its inventory allows.
    Sources: CICS-VPASS.

    Scenario: Three wrong passwords revoke the user everywhere
      Given the connection's authData holds ALICE with a wrong password
      When BOB calls the whoami API 3 times
      And ALICE calls the whoami API with the correct password
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: Each wrong password is refused by CICS
      Given the connection's authData holds ALICE with a wrong password
      When BOB calls the whoami API 2 times
      Then every request is refused by CICS

    Scenario: Two wrong passwords do not yet revoke the user: z/OS Connect still authenticates her
      Given the connection's authData holds ALICE with a wrong password
      When BOB calls the whoami API 2 times
      And ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Wrong passwords given to z/OS Connect's SAF registry count too: the third revokes the user
      Given the connection's authData holds BOB with the correct password
      When ALICE calls the whoami API 3 times with a wrong password
      And ALICE calls the whoami API with the correct password
      Then the request is refused by z/OS Connect as unauthenticated

    Scenario: Two wrong passwords given to z/OS Connect's SAF registry do not yet revoke the user
      Given the connection's authData holds BOB with the correct password
      When ALICE calls the whoami API 2 times with a wrong password
      And ALICE calls the whoami API with the correct password
      Then the request runs under BOB

    Scenario: A correct password verified by CICS clears the earlier failures, so counting starts again
      Given the connection's authData holds ALICE with the correct password
      When ALICE calls the whoami API 2 times with a wrong password
      And ALICE calls the whoami API with the correct password
      And ALICE calls the whoami API 2 times with a wrong password
      And ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

  @R39
  @severity:critical
  Rule: R39 - An expired password or a revoked user is refused
    IPIC gives no way to change an expired password, so the attach fails (DFHXS1202); a revoked user
    cannot sign on at all.
    Sources: CICS-VPASS; zos-connect-live-behaviour.md rows C3 and C4.

    Scenario: An expired password is refused
      Given ALICE's password has expired
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A revoked user is refused even with the correct password
      Given ALICE is revoked
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

  @R40
  @assumes:applClassCheckedAtSignOn=yes
  Rule: R40 - With the APPL class active, the user must be allowed to use the CICS region's APPLID
    A real sign-on, unlike a bare password check, also checks the APPL profile for the region's APPLID.
    This is an inference from IBM's note on password-only verification, not a stated rule.
    Sources: CICS-VPASS, CICS-VPHRASE.

    Scenario: A user without READ on the APPLID is refused
      Given the APPL class is active and ALICE may not use the CICS APPLID
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A user with READ on the APPLID is accepted
      Given the APPL class is active and ALICE may use the CICS APPLID
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: Under IDENTIFY too, a user without READ on the APPLID is refused
      Given z/OS Connect runs in the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the APPL class is active and ALICE may not use the CICS APPLID
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: With the APPL class inactive, no APPLID check is made
      Given the APPL class is not active and ALICE has no READ on the CICS APPLID
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE

  @R40
  @assumes:applClassCheckedAtSignOn=no
  Rule: R40 - Where a sign-on does not check the APPL class, READ on the APPLID does not matter
    The APPL check at sign-on is an inference (catalog R40 [INF]). Under the other reading, CICS's sign-on
    for IDENTIFY or VERIFY checks only the user and the secret, so a user without READ on the region's
    APPLID still runs the request.
    Sources: CICS-VPASS, CICS-VPHRASE.

    Scenario: Where the sign-on makes no APPL check, a user without READ on the APPLID is accepted
      Given the APPL class is active and ALICE may not use the CICS APPLID
      And the connection's authData holds ALICE with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE
