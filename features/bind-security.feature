@area:bind
Feature: Bind security: only a partner with a trusted client certificate may connect
  Restates the section "Bind security" of IBM's z/OS Connect page "Configuring security for an IPIC
  connection", with the CICS rules behind it (rule catalog R10 to R13 and R16). Bind security decides
  whether z/OS Connect may connect to the CICS region at all. For IPIC it is TLS client authentication
  on the TCPIPSERVICE and nothing else.

  Background:
    Given RACF user ZCONSRV
    And the IPCONN for z/OS Connect is defined with LINKAUTH(SECUSER) USERAUTH(LOCAL)

  @R10
  @severity:critical
  Rule: R10 - For IPIC, bind security is TLS client authentication
    The TCPIPSERVICE demands a client certificate with SSL(CLIENTAUTH), and z/OS Connect presents one
    through the sslCertsRef of its connection element. IPIC has no separate bind profile.
    Sources: IBM page, section "Bind security" (ZC-SEC); ZC-TLS; CICS-BIND54.

    Scenario: A partner with a trusted, mapped client certificate connects
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    Scenario: Without SSL(CLIENTAUTH) any partner connects, so there is no bind security
      Given the IPIC TCPIPSERVICE is defined with SSL(NO)
      And z/OS Connect connects to CICS without TLS
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    Scenario: Server-only TLS encrypts the link but checks nothing about the partner
      Given the IPIC TCPIPSERVICE is defined with SSL(YES)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

  @R11
  @severity:critical
  Rule: R11 - Under SSL(CLIENTAUTH) no valid client certificate means no connection
    CICS asks for the partner's certificate during the handshake and does not acquire the IPCONN
    without a valid one, so no request can reach CICS.
    Sources: CICS-TRANSP61, CICS-CONNSEC6.

    Scenario: A partner that sends no client certificate is refused in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect uses TLS towards CICS without a client certificate
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    Scenario: A partner that does not speak TLS is refused in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect connects to CICS without TLS
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    Scenario: No request reaches CICS over a refused handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect uses TLS towards CICS without a client certificate
      And RACF user ALICE
      When ALICE calls the whoami API with the correct password
      Then the request is not sent because the IPIC connection is refused at the TLS handshake

  @R12
  @severity:critical
  Rule: R12 - The client certificate must be in date, fit for client use, and chain to a CA CICS trusts
    z/OS System SSL judges the certificate: outside its validity window, not meant for client
    authentication, or not signed by a CA in the region's key ring, the handshake fails.
    Sources: SSL-INIT, CICS-SSLCFG, CICS-DESIGN6.

    Scenario Outline: A client certificate that is <state> is refused in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a <state> client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

      Examples:
        | state         |
        | expired       |
        | not yet valid |
        | self-signed   |
        | untrusted-CA  |
        | server-only   |

    Scenario: A certificate with no extended key usage at all is fit for client use
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate with no extended key usage, mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    @assumes:selfSignedTrustedWhenRegistered=yes
    Scenario: A self-signed certificate that RACF holds with TRUST is accepted
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a self-signed client certificate registered in RACF with TRUST and mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

    @assumes:selfSignedTrustedWhenRegistered=no
    Scenario: Where RACF's TRUST does not vouch for a self-signed certificate, CICS refuses it in the handshake
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a self-signed client certificate registered in RACF with TRUST and mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    @R18
    Scenario: A certificate RACF holds with status NOTRUST is refused
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV with status NOTRUST
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    @R18
    Scenario: A certificate registered to a user with status NOTRUST is refused: registration does not override the status
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate registered in RACF to ZCONSRV with status NOTRUST
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

  @R13
  @severity:critical
  Rule: R13 - Behind SSL(CLIENTAUTH) the client certificate must map to a RACF user ID
    CICS expects the certificate of a client-authenticated partner to map to a user. Under
    LINKAUTH(CERTUSER) an unmapped certificate leaves no link user, so the connection fails. Under
    LINKAUTH(SECUSER) IBM's wording implies the same, but it is not confirmed (catalog U4).
    Sources: ACE-SSL, CICS-LINK55.

    Scenario: An unmapped certificate gets no connection under LINKAUTH(CERTUSER)
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And the IPCONN for z/OS Connect is defined with LINKAUTH(CERTUSER)
      And z/OS Connect presents a valid client certificate that RACF maps to no user
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is not acquired

    @assumes:unmappedCertificateUnderSecuser=refuse
    Scenario: An unmapped certificate is refused in the handshake under LINKAUTH(SECUSER) too
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate that RACF maps to no user
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    @assumes:unmappedCertificateUnderSecuser=refuse
    Scenario: A mapping RACF holds for another certificate does not map this one
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate that RACF maps to no user
      And z/OS Connect's second connection presents a valid client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    @assumes:unmappedCertificateUnderSecuser=accept
    Scenario: Where CICS needs the mapping only for CERTUSER, an unmapped certificate connects under LINKAUTH(SECUSER)
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents a valid client certificate that RACF maps to no user
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is acquired

  @R16
  Rule: R16 - Acquiring the connection goes TCP, then TLS, then capability exchange; the first failure wins
    Connection security can act at each of the three network stages, in that order.
    Sources: CICS-CONNSEC6.

    Scenario: A closed port refuses the connection before any certificate is looked at
      Given the IPIC TCPIPSERVICE is closed
      And the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And z/OS Connect presents an expired client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TCP connection

    Scenario: A bad certificate is refused before the IPCONN is looked at
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And the IPCONN for z/OS Connect is defined with INSERVICE(NO)
      And z/OS Connect presents an expired client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the TLS handshake

    Scenario: A good certificate gets as far as the capability exchange
      Given the IPIC TCPIPSERVICE is defined with SSL(CLIENTAUTH)
      And the IPCONN for z/OS Connect is defined with INSERVICE(NO)
      And z/OS Connect presents a valid client certificate mapped to ZCONSRV
      When z/OS Connect acquires its IPIC connection to CICS
      Then the IPIC connection is refused at the capability exchange
