@area:configuration
Feature: Region definitions: the default user and the IPIC TCPIPSERVICE
  Restates two configuration rules behind IBM's z/OS Connect page "Configuring security for an IPIC
  connection" that decide whether z/OS Connect finds a listening region at all (rule catalog R5 and R9).
  With SEC=YES a region signs its default user on while it starts, and does not start when it cannot. An
  IPIC TCPIPSERVICE knows three SSL settings, and hands partners no IPCONN matches to an autoinstall program.

  Background:
    Given RACF users ALICE and ZCONSRV
    And the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) USERAUTH(LOCAL)

  @R9
  @severity:critical
  Rule: R9 - With SEC=YES the region starts only if it can sign its default user on
    CICS signs the DFLTUSER on during initialization. If RACF does not define that user, or will not let it
    sign on, initialization ends (DFHXS1104), so the region never listens on its IPIC port. With SEC=NO
    CICS calls no security manager and starts all the same.
    Sources: CICS-DFLT; DFHUS0050.

    Scenario: A region whose default user RACF does not define never listens
      Given CICS runs with SEC=YES
      And the default user is not defined to RACF
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TCP connection

    Scenario: A region whose default user is revoked never listens
      Given CICS runs with SEC=YES
      And the default user is revoked
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TCP connection

    Scenario: No request reaches a region that could not sign its default user on
      Given CICS runs with SEC=YES
      And the default user is not defined to RACF
      When ALICE calls the whoami API with the correct password
      Then the request is not sent because the IPIC connection is refused at the TCP connection

    Scenario: A region whose default user is defined and usable listens and runs requests
      Given CICS runs with SEC=YES
      And RACF user the default user
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: With SEC=NO no sign-on happens, so a region without its default user in RACF still starts
      Given CICS runs with SEC=NO
      And the default user is not defined to RACF
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

  @R5
  Rule: R5 - An IPIC TCPIPSERVICE takes SSL(NO), SSL(YES) or SSL(CLIENTAUTH), and autoinstalls through DFHISAIP
    Each of the three SSL settings gives a working IPIC listener for a partner that speaks the same TLS.
    AUTHENTICATE does not apply to PROTOCOL(IPIC). A partner that no IPCONN matches goes to the
    TCPIPSERVICE's URM, which is DFHISAIP unless the definition names another program.
    Sources: CICS-TCPS56; CICS-TCPSREL; CICS-IPCONN6ZH; ZC-CICSCFG-P.

    Scenario Outline: An IPIC TCPIPSERVICE with SSL(<ssl>) acquires a partner that <partner>
      Given the IPIC TCPIPSERVICE is defined with SSL(<ssl>)
      And z/OS Connect <partner step>
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

      Examples:
        | ssl        | partner                              | partner step                                          |
        | NO         | does not use TLS                     | connects to CICS without TLS                          |
        | YES        | uses TLS without a certificate       | uses TLS towards CICS without a client certificate    |
        | CLIENTAUTH | presents a mapped client certificate | presents a valid client certificate mapped to ZCONSRV |

    Scenario: With its URM left at DFHISAIP, a partner no IPCONN matches is autoinstalled and connects
      Given the IPIC TCPIPSERVICE's autoinstall user program is left at its default, DFHISAIP
      And no IPCONN matches z/OS Connect's APPLID and NETWORKID
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    Scenario: With a URM that refuses unknown partners in place of DFHISAIP, such a partner gets no connection
      Given the IPCONN autoinstall user program refuses unknown partners
      And no IPCONN matches z/OS Connect's APPLID and NETWORKID
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange
