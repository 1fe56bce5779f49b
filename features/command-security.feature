@area:authorization
@assumes:idprop=ignored
Feature: Command security: system commands under the mirror transaction
  Restates the command-security rule behind the section "User security" of IBM's z/OS Connect page
  "Configuring security for an IPIC connection" (rule catalog R51). Whatever the API's program does in CICS
  is checked for the same users as the attach of the mirror. System commands, the INQUIRE and SET family,
  are checked only under CMDSEC(YES), against the CCICSCMD profile named after the resource type.

  Background:
    Given RACF users ALICE and LINKUSR
    And z/OS Connect runs in the CICS region's sysplex
    And the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(IDENTIFY)
    And RACF gives LINKUSR UPDATE access to CCICSCMD PROGRAM

  @R51
  Rule: R51 - Under CMDSEC(YES) every checked user needs READ to inquire and UPDATE to change
    With CMDSEC(YES) on the transaction, each system command is checked against the CCICSCMD profile of its
    resource type: INQUIRE and COLLECT need READ, SET, PERFORM and DISCARD need UPDATE. Without CMDSEC(YES)
    no command is checked. The users checked are those of the attach: here ALICE and the link user. In each
    scenario every other check passes: both users may attach the mirror, and RESSEC is NO.
    Sources: CICS-SEC6; CICS-CLASSES.

    Scenario Outline: READ is enough to <verb>
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS <verb> <resource>
      And RACF gives ALICE READ access to CCICSCMD <resource>
      And RACF gives LINKUSR READ access to CCICSCMD <resource>
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

      Examples:
        | verb    | resource   |
        | INQUIRE | PROGRAM    |
        | COLLECT | STATISTICS |

    Scenario: Without access to the profile, an inquiry is refused
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS INQUIRE PROGRAM
      And RACF denies ALICE any access to CCICSCMD PROGRAM
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Access to another resource type's profile does not cover the inquiry
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS INQUIRE PROGRAM
      And RACF denies ALICE any access to CCICSCMD PROGRAM
      And RACF gives ALICE UPDATE access to CCICSCMD FILE
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario Outline: READ is one level short of changing: <verb> is refused
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS <verb> <resource>
      And RACF gives ALICE READ access to CCICSCMD <resource>
      And RACF gives LINKUSR UPDATE access to CCICSCMD <resource>
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

      Examples:
        | verb    | resource   |
        | SET     | PROGRAM    |
        | PERFORM | STATISTICS |
        | DISCARD | PROGRAM    |

    Scenario Outline: UPDATE allows <verb>
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS <verb> <resource>
      And RACF gives ALICE UPDATE access to CCICSCMD <resource>
      And RACF gives LINKUSR UPDATE access to CCICSCMD <resource>
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

      Examples:
        | verb    | resource   |
        | SET     | PROGRAM    |
        | PERFORM | STATISTICS |
        | DISCARD | PROGRAM    |

    Scenario: The link user is checked too: its missing access refuses the inquiry
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues EXEC CICS INQUIRE PROGRAM
      And RACF gives ALICE READ access to CCICSCMD PROGRAM
      And RACF denies LINKUSR any access to CCICSCMD PROGRAM
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Without CMDSEC(YES) no command is checked
      Given the mirror transaction is defined with CMDSEC(NO)
      And the API's service program issues EXEC CICS SET PROGRAM
      And RACF denies ALICE any access to CCICSCMD PROGRAM
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: A program that issues no system command needs no command access
      Given the mirror transaction is defined with CMDSEC(YES)
      And the API's service program issues no system command
      And RACF denies ALICE any access to CCICSCMD PROGRAM
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE
