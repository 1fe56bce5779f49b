@area:bind
Feature: Bind security: only partners with a trusted client certificate may connect
  Restates "Bind security" from IBM's z/OS Connect page "Configuring security for an IPIC connection",
  with the CICS rules behind it (rule catalog R10 to R16). Bind security decides whether z/OS Connect
  may connect to the CICS region at all; for IPIC it is TLS client authentication and nothing else.

  Background:
    Given RACF user ZCONSRV
    And the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) USERAUTH(LOCAL)

  @R10 @severity:critical
  Rule: R10 - For IPIC, bind security means TLS client authentication
    The TCPIPSERVICE demands a client certificate with SSL(CLIENTAUTH) and z/OS Connect presents one
    through sslCertsRef. There is no separate bind profile for IPIC.
    Sources: IBM z/OS Connect page, section "Bind security" (ZC-SEC); ZC-TLS; CICS-BIND54.

    Scenario: A partner with a trusted, mapped client certificate connects
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    Scenario: Without SSL(CLIENTAUTH) any partner connects: there is no bind security
      Given the IPIC TCPIPSERVICE is defined with SSL(NO)
      And z/OS Connect connects to CICS without TLS
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired
