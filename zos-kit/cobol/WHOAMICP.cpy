      *---------------------------------------------------------------
      * WHOAMICP - THE COMMAREA OF PROGRAM WHOAMI (IPIC CONFORMANCE
      * KIT). Z/OS CONNECT MAPS THESE FIELDS TO THE JSON BODY OF THE
      * WHOAMI API. THEIR NAMES ARE THE CONTRACT THE HARNESS READS
      * (SRC/KIT/WHOAMI-CONTRACT.TS): KEEP THEM AS THEY ARE.
      *---------------------------------------------------------------
       01  WHOAMI.
      *    THE USER ID THE TASK RUNS UNDER (EXEC CICS ASSIGN USERID).
           05  USERID                  PIC X(8).
      *    THE TRANSACTION ID THE TASK RUNS UNDER (EIBTRNID).
           05  TRANSID                 PIC X(4).
