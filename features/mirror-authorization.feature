@area:authorization
Feature: Authorization in the CICS region: which user IDs are checked for the mirror transaction
  Restates the practical effect of link and user security that IBM's z/OS Connect page "Configuring
  security for an IPIC connection" describes: a remote user cannot attach a transaction or use a resource
  that the checked user IDs may not. The three tables of CICS's "Security checking done in AOR with
  IPIC" (rule catalog section 2) are shown row by row, each row through what an observer sees: which
  single denial of READ on the mirror transaction CSMI makes the request fail, and which user ID the task
  runs under. Rule catalog R8, R48 to R52.

  Background:
    Given RACF users ALICE and LINKUSR
    And z/OS Connect runs in the CICS region's sysplex

  @R22
  @R21
  @R17
  @R25
  @severity:critical
  Rule: AOR table 1 - USERAUTH(LOCAL) checks the link user alone, or the default user
    When the link user is not specified, or is the region user ID, only the default user is checked and
    the task runs under it; otherwise only the link user is checked and the task runs under it.
    Sources: CICS-AOR, CICS-AOR-ZH, CICS-LINK55.

    Scenario Outline: LOCAL, link user <link>, denying <denied> CSMI: the request <outcome>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(LOCAL)
      And the IPCONN's SECURITYNAME is <link>
      And RACF denies <denied> READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request <outcome>

      Examples: Link user not specified: the default user is checked
        | link  | denied           | outcome                     |
        | blank | no one           | runs under the default user |
        | blank | the default user | is refused by CICS          |
        | blank | ALICE            | runs under the default user |

      Examples: Link user is the region user ID: the default user is checked
        | link            | denied           | outcome                     |
        | the region user | no one           | runs under the default user |
        | the region user | the default user | is refused by CICS          |
        | the region user | the region user  | runs under the default user |

      Examples: Link user LINKUSR: only LINKUSR is checked
        | link    | denied           | outcome            |
        | LINKUSR | no one           | runs under LINKUSR |
        | LINKUSR | LINKUSR          | is refused by CICS |
        | LINKUSR | the default user | runs under LINKUSR |
        | LINKUSR | ALICE            | runs under LINKUSR |

  @R22
  @R21
  @R27
  @severity:critical
  Rule: AOR table 2 - USERAUTH(DEFAULTUSER) checks the link user and the default user
    The task always runs under the default user. A distinct link user is checked as well; a link user
    that is not specified or is the region user ID adds no check.
    Sources: CICS-AOR, CICS-AOR-ZH, CICS-USER55.

    Scenario Outline: DEFAULTUSER, link user <link>, denying <denied> CSMI: the request <outcome>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(DEFAULTUSER)
      And the IPCONN's SECURITYNAME is <link>
      And RACF denies <denied> READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request <outcome>

      Examples: Link user not specified: the default user is checked
        | link  | denied           | outcome                     |
        | blank | no one           | runs under the default user |
        | blank | the default user | is refused by CICS          |
        | blank | ALICE            | runs under the default user |

      Examples: Link user is the region user ID: the default user is checked
        | link            | denied           | outcome                     |
        | the region user | no one           | runs under the default user |
        | the region user | the default user | is refused by CICS          |
        | the region user | the region user  | runs under the default user |

      Examples: Link user LINKUSR: LINKUSR and the default user are checked
        | link    | denied           | outcome                     |
        | LINKUSR | no one           | runs under the default user |
        | LINKUSR | LINKUSR          | is refused by CICS          |
        | LINKUSR | the default user | is refused by CICS          |
        | LINKUSR | ALICE            | runs under the default user |

  @R22
  @R21
  @R24
  @R29
  @severity:critical
  Rule: AOR table 3 - USERAUTH(IDENTIFY) checks the flowed user and the link user
    The task runs under the flowed user. A distinct link user is checked as a second user ID; a link
    user that is not specified brings the default user into the check; the region user ID adds none.
    Sources: CICS-AOR, CICS-AOR-ZH, CICS-LINK55, CICS-USER61.

    Scenario Outline: IDENTIFY, link user <link>, denying <denied> CSMI: the request <outcome>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the IPCONN's SECURITYNAME is <link>
      And RACF denies <denied> READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request <outcome>

      Examples: Link user not specified: ALICE and the default user are checked
        | link  | denied           | outcome            |
        | blank | no one           | runs under ALICE   |
        | blank | ALICE            | is refused by CICS |
        | blank | the default user | is refused by CICS |
        | blank | the region user  | runs under ALICE   |

      Examples: Link user is the region user ID: only ALICE is checked
        | link            | denied           | outcome            |
        | the region user | no one           | runs under ALICE   |
        | the region user | ALICE            | is refused by CICS |
        | the region user | the region user  | runs under ALICE   |
        | the region user | the default user | runs under ALICE   |

      Examples: Link user LINKUSR: ALICE and LINKUSR are checked
        | link    | denied           | outcome            |
        | LINKUSR | no one           | runs under ALICE   |
        | LINKUSR | ALICE            | is refused by CICS |
        | LINKUSR | LINKUSR          | is refused by CICS |
        | LINKUSR | the default user | runs under ALICE   |

  @R22
  @R21
  @R24
  @R28
  @severity:critical
  Rule: AOR table 3 - USERAUTH(VERIFY) checks the verified user and the link user, like IDENTIFY
    The same table governs VERIFY: here the flowed user is the authData user ALICE, verified by password.
    Sources: CICS-AOR, CICS-AOR-ZH, CICS-LINK55, ZC-VERIFY.

    Scenario Outline: VERIFY, link user <link>, denying <denied> CSMI: the request <outcome>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the IPCONN's SECURITYNAME is <link>
      And the connection's authData holds ALICE with the correct password
      And RACF denies <denied> READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request <outcome>

      Examples: Link user not specified: ALICE and the default user are checked
        | link  | denied           | outcome            |
        | blank | no one           | runs under ALICE   |
        | blank | ALICE            | is refused by CICS |
        | blank | the default user | is refused by CICS |

      Examples: Link user is the region user ID: only ALICE is checked
        | link            | denied           | outcome            |
        | the region user | no one           | runs under ALICE   |
        | the region user | ALICE            | is refused by CICS |
        | the region user | the default user | runs under ALICE   |

      Examples: Link user LINKUSR: ALICE and LINKUSR are checked
        | link    | denied           | outcome            |
        | LINKUSR | no one           | runs under ALICE   |
        | LINKUSR | LINKUSR          | is refused by CICS |
        | LINKUSR | the default user | runs under ALICE   |

  @R48
  @severity:critical
  Rule: R48 - Requests run under the mirror transaction CSMI, or a custom transid that is an exact copy of it
    A custom transid must use program DFHMIRS and profile DFHCICSA; it is then the transaction CICS attaches
    and checks.
    Sources: ZC-TRAN; OMEG; zos-connect-live-behaviour.md section 2.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario: Without a custom transid the request runs as CSMI
      When ALICE calls the whoami API with the correct password
      Then the request runs with EIBTRNID CSMI

    Scenario: A custom transid that copies CSMI runs the request under that transid
      Given z/OS Connect runs the mirror as ZCMI, a copy of CSMI
      When ALICE calls the whoami API with the correct password
      Then the request runs with EIBTRNID ZCMI

    Scenario: The custom transid is the one CICS checks
      Given z/OS Connect runs the mirror as ZCMI, a copy of CSMI
      And RACF denies ALICE READ on TCICSTRN ZCMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: With transidUsage EIB_ONLY the custom transid only labels the task, and CSMI is checked
      Given z/OS Connect shows ZCMI in EIBTRNID but runs the mirror as CSMI
      And RACF denies ALICE READ on TCICSTRN ZCMI
      When ALICE calls the whoami API with the correct password
      Then the request runs with EIBTRNID ZCMI

    Scenario: With transidUsage EIB_ONLY a user denied CSMI is still refused
      Given z/OS Connect shows ZCMI in EIBTRNID but runs the mirror as CSMI
      And RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A custom transid that is not a copy of CSMI cannot be attached
      Given z/OS Connect runs the mirror as ZCMI, which is not a copy of CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: A custom transid that runs the mirror program under another profile is no copy either
      Given z/OS Connect runs the mirror as ZCMI, which runs DFHMIRS but under another PROFILE than CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R49
  @severity:critical
  Rule: R49 - With XTRAN=YES every checked user ID needs READ on the mirror's TCICSTRN profile
    XTRAN=NO turns attach checks off. With SECPRFX=YES the profile name starts with the region user ID.
    Sources: CICS-TRS, CICS-XTRAN, CICS-SECSIT, CICS-XS1111.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)

    Scenario: A checked user without READ on CSMI is refused
      Given RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: XTRAN=NO makes no attach check
      Given the SIT says XTRAN=NO
      And RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: SECPRFX=YES checks the prefixed profile, which ALICE may read
      Given the SIT says SECPRFX=YES
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: SECPRFX=YES where RACF's profiles carry no prefix: no profile protects CSMI, so the attach is refused
      Given the SIT says SECPRFX=YES
      And RACF's CICS profiles are named without the region user ID prefix
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: SECPRFX=NO where RACF's profiles carry the prefix: no profile protects CSMI, so the attach is refused
      Given RACF's CICS profiles are named with the region user ID prefix
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R50
  @R52
  @severity:critical
  Rule: R50 - With RESSEC(YES) on the mirror, every checked user ID also needs the program
    Resource checks are separate from the attach check: a user who may attach the mirror may still be
    refused the program (R52). With RESSEC(NO), CICS makes no program check.
    Sources: CICS-TRS, CICS-PPT, CICS-SEC6, CICS-CLASSES, CICS-MIRROR-LINK.

    Background:
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And ALICE may not run program WHOAMI

    Scenario: RESSEC(YES) refuses a user who may attach the mirror but not run the program
      Given the mirror transaction is defined with RESSEC(YES)
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: RESSEC(NO) makes no program check
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: XTRAN=NO switches off the attach check only: the program is still checked
      Given the SIT says XTRAN=NO
      And the mirror transaction is defined with RESSEC(YES)
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: RESSEC(YES) runs the request when every checked user ID may run the program
      Given RACF user BOB
      And the mirror transaction is defined with RESSEC(YES)
      When BOB calls the whoami API with the correct password
      Then the request runs under BOB

    Scenario: READ on a transaction does not grant the program of the same name
      Given z/OS Connect runs the mirror as ZWHO, a copy of CSMI
      And the API's service runs program ZWHO
      And ALICE may not run program ZWHO
      And the mirror transaction is defined with RESSEC(YES)
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R50
  @R22
  @severity:critical
  Rule: R50 - Under RESSEC(YES) every user ID CICS checks needs the program, not only the task user
    The program check is made for the same user IDs as the attach check (the AOR tables above): under
    IDENTIFY the flowed user and a distinct link user, or the default user when SECURITYNAME is blank;
    under DEFAULTUSER a distinct link user and the default user; under LOCAL the link user alone. Every
    user here may attach the mirror, so the one user denied the program is the only thing that can
    refuse the request. With SECPRFX=YES the program's profile is prefixed like the transaction's.
    Sources: CICS-TRS, CICS-PPT, CICS-AOR, CICS-SECSIT.

    Scenario Outline: <userauth>, link user <link>, <denied> may not run the program: the request <outcome>
      Given the IPCONN for z/OS Connect is defined with USERAUTH(<userauth>)
      And the IPCONN's SECURITYNAME is <link>
      And the mirror transaction is defined with RESSEC(YES)
      And <denied> may not run program WHOAMI
      When ALICE calls the whoami API with the correct password
      Then the request <outcome>

      Examples: IDENTIFY checks the flowed user and the link user, or the default user for a blank link
        | userauth | link            | denied           | outcome            |
        | IDENTIFY | LINKUSR         | LINKUSR          | is refused by CICS |
        | IDENTIFY | LINKUSR         | the default user | runs under ALICE   |
        | IDENTIFY | blank           | the default user | is refused by CICS |
        | IDENTIFY | the region user | the region user  | runs under ALICE   |

      Examples: DEFAULTUSER checks the link user and the default user, never the caller
        | userauth    | link    | denied           | outcome                     |
        | DEFAULTUSER | LINKUSR | LINKUSR          | is refused by CICS          |
        | DEFAULTUSER | LINKUSR | the default user | is refused by CICS          |
        | DEFAULTUSER | LINKUSR | ALICE            | runs under the default user |

      Examples: LOCAL checks the link user alone
        | userauth | link    | denied           | outcome            |
        | LOCAL    | LINKUSR | LINKUSR          | is refused by CICS |
        | LOCAL    | LINKUSR | the default user | runs under LINKUSR |
        | LOCAL    | LINKUSR | ALICE            | runs under LINKUSR |

    Scenario: With SECPRFX=YES the program check uses the prefixed profile, which ALICE may read
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the SIT says SECPRFX=YES
      And the mirror transaction is defined with RESSEC(YES)
      When ALICE calls the whoami API with the correct password
      Then the request runs under ALICE

    Scenario: With SECPRFX=YES a user denied the prefixed program profile is refused
      Given the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And the SIT says SECPRFX=YES
      And the mirror transaction is defined with RESSEC(YES)
      And ALICE may not run program WHOAMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

  @R8
  @severity:critical
  Rule: R8 - IPIC security applies only when CICS runs with SEC=YES
    With SEC=NO CICS calls no security manager: nothing is checked and nobody signs on, so requests run
    under the default user. Whether the IDENTIFY trust condition still holds under SEC=NO is not
    documented (catalog U11); this harness assumes it does.
    Sources: IBM page, section "User security" context (ZC-ZCEE); CICS-SEC6; CICS-SECSIT; CICS-XTRAN.

    Scenario: Under SEC=NO a user without any access runs the request as the default user
      Given CICS runs with SEC=NO
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: Under SEC=YES the same request is refused
      Given CICS runs with SEC=YES
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      And RACF denies ALICE READ on TCICSTRN CSMI
      When ALICE calls the whoami API with the correct password
      Then the request is refused by CICS

    Scenario: Under SEC=NO nobody signs on: a wrong password in the authData still runs as the default user
      Given CICS runs with SEC=NO
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds ALICE with a wrong password
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: Under SEC=NO a user RACF does not define, flowed under VERIFY, runs as the default user
      Given CICS runs with SEC=NO
      And GHOST is not defined to RACF
      And the IPCONN for z/OS Connect is defined with USERAUTH(VERIFY)
      And the connection's authData holds GHOST with a wrong password
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    @assumes:identifyTrustUnderSecNo=enforced
    Scenario: Under SEC=NO the IDENTIFY trust condition still refuses an untrusted partner
      Given CICS runs with SEC=NO
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange

    @assumes:identifyTrustUnderSecNo=skipped
    Scenario: Where SEC=NO also drops the IDENTIFY trust condition, an untrusted partner runs as the default user
      Given CICS runs with SEC=NO
      And z/OS Connect runs outside the CICS region's sysplex
      And the IPCONN for z/OS Connect is defined with USERAUTH(IDENTIFY)
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user
