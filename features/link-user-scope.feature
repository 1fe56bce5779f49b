@area:link
Feature: Link user scope: the connection's link user, not z/OS Connect's own user, goes with every request
  Restates two points of the section "Link security" of IBM's z/OS Connect page "Configuring security for
  an IPIC connection" and the CICS link-security pages behind it (rule catalog R19 and R23): the link user
  belongs to the connection, so each request over it carries the same one; the user z/OS Connect's own
  server runs under is never that link user, and CICS never checks it.

  Background:
    Given RACF users ALICE and BOB
    And RACF user LINKUSR
    And z/OS Connect runs in the CICS region's sysplex

  @R19
  Rule: R19 - Every request over one connection carries the same link user
    Sources: CICS-LINK55.

    Scenario: A link user who may not attach the mirror refuses every caller's request, not only the first
      Given the IPCONN for z/OS Connect is defined with SECURITYNAME(LINKUSR) USERAUTH(IDENTIFY)
      And RACF denies LINKUSR READ on TCICSTRN CSMI
      When ALICE and BOB call the whoami API with their correct passwords
      Then every request is refused by CICS

    Scenario: Under LINKAUTH(CERTUSER) every caller runs under the user the client certificate maps to
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER) USERAUTH(LOCAL)
      And z/OS Connect presents a valid client certificate mapped to LINKUSR
      When ALICE and BOB call the whoami API with their correct passwords
      Then every request runs under LINKUSR

  @R23
  Rule: R23 - z/OS Connect's own job user plays no part in the region's checks
    The partner's started-task user ID is neither the link user nor a user CICS checks.
    Sources: CICS-AOR.

    Scenario: With SECURITYNAME blank the link user is the default user, not z/OS Connect's started-task user
      Given z/OS Connect's started task runs as BOB
      And the IPCONN for z/OS Connect is defined with USERAUTH(LOCAL)
      And the IPCONN's SECURITYNAME is blank
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user

    Scenario: Under DEFAULTUSER, a started-task user who may not attach the mirror does not refuse requests
      Given z/OS Connect's started task runs as BOB
      And RACF denies BOB READ on TCICSTRN CSMI
      And the IPCONN for z/OS Connect is defined with USERAUTH(DEFAULTUSER)
      And the IPCONN's SECURITYNAME is blank
      When ALICE calls the whoami API with the correct password
      Then the request runs under the default user
