/** Given-steps for region definitions that the other step files do not state: the TCPIPSERVICE's URM (R5). */
import { Given } from '@cucumber/cucumber';
import type { ConformanceWorld } from '../support/world';

// CICS's own URM, DFHISAIP, installs an IPCONN for a partner that no installed IPCONN matches.
Given(
  "the IPIC TCPIPSERVICE's autoinstall user program is left at its default, DFHISAIP",
  function (this: ConformanceWorld) {
    this.situation.tcpipService.autoinstall = true;
  },
);
