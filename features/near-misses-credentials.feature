@area:credentials
Feature: Near misses of user IDs and secrets: the value that differs only at the end or at the limit
  Each scenario sits next to a scenario of passwords-and-phrases.feature, on the other side of the same
  rule: a user ID of exactly 8 characters, the longest RACF allows, and a phrase that is right up to its
  last character and then has one more. Everything else is set up to pass, so the one difference decides
  the outcome (issue 15). As there, the secrets are described and never written here.

  Background:
    Given RACF users ALICE and BOB
    And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)

  @R37
  Rule: R37 - A RACF user ID has 1 to 8 characters, and one of 8 is as good as any other
    Sources: CICS-CPASS; rule catalog section 3.

    Scenario: A user ID of exactly 8 characters is verified and runs the request
      Given RACF user ZCONUSER
      And the connection's authData holds ZCONUSER with the correct password
      When BOB calls the whoami API with the correct password
      Then the request runs under ZCONUSER

  @R35
  @severity:critical
  Rule: R35 - A phrase must match exactly: the right phrase with one character more is a wrong phrase
    The secret is compared whole. A secret of 9 to 100 characters that starts with the user's phrase but
    is longer is not the phrase.
    Sources: CICS-VPHRASE; CICS-CPHRASE.

    Scenario: The correct 20-character phrase followed by one more character is refused
      Given ALICE has a password phrase of 20 characters
      And the connection's authData holds ALICE with the correct password phrase and one character more
      When BOB calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: The correct 20-character phrase itself is accepted
      Given ALICE has a password phrase of 20 characters
      And the connection's authData holds ALICE with the correct password phrase
      When BOB calls the whoami API with the correct password
      Then the request runs under ALICE
