/**
 * Given-steps for the CICS side: SIT parameters, the TCPIPSERVICE, the IPCONN and the mirror transaction,
 * written as CEDA/DFHCSDUP attributes.
 */
import { Given } from '@cucumber/cucumber';
import type { Idprop, Linkauth, SslMode, Userauth } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

type Attributes = Record<string, string>;

function attributes(text: string): Attributes {
  const found: Attributes = {};
  for (const [, name, value] of text.matchAll(/([A-Z]+)\(([^)]*)\)/g)) found[name as string] = value as string;
  return found;
}

function oneOf<T extends string>(attribute: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${attribute}(${value}): expected one of ${allowed.join(', ')}`);
  return value as T;
}

Given('CICS runs with SEC={word}', function (this: ConformanceWorld, value: string) {
  this.situation.region.sec = oneOf('SEC', value, ['YES', 'NO']) === 'YES';
});

Given('the SIT says XTRAN={word}', function (this: ConformanceWorld, value: string) {
  this.situation.region.xtran = oneOf('XTRAN', value, ['YES', 'NO']) === 'YES';
});

Given('the SIT says SECPRFX=YES', function (this: ConformanceWorld) {
  this.situation.region.secprfx = true;
});

Given("RACF's CICS profiles are named without the region user ID prefix", function (this: ConformanceWorld) {
  this.situation.region.profilesPrefixed = false;
});

Given("RACF's CICS profiles are named with the region user ID prefix", function (this: ConformanceWorld) {
  this.situation.region.profilesPrefixed = true;
});

Given('the IPIC TCPIPSERVICE is defined with {}', function (this: ConformanceWorld, text: string) {
  for (const [name, value] of Object.entries(attributes(text))) {
    if (name === 'SSL') this.situation.tcpipService.ssl = oneOf<SslMode>('SSL', value, ['NO', 'YES', 'CLIENTAUTH']);
    else throw new Error(`TCPIPSERVICE attribute ${name} is not part of this harness's vocabulary`);
  }
});

Given('AT-TLS in basic mode protects the IPIC port', function (this: ConformanceWorld) {
  this.situation.tcpipService.atTls = true;
});

Given('the IPIC TCPIPSERVICE is closed', function (this: ConformanceWorld) {
  this.situation.tcpipService.open = false;
});

Given('the IPCONN autoinstall user program refuses unknown partners', function (this: ConformanceWorld) {
  this.situation.tcpipService.autoinstall = false;
});

Given('the IPCONN for z\\/OS Connect is defined with {}', function (this: ConformanceWorld, text: string) {
  const ipconn = this.situation.ipconn;
  ipconn.defined = true;
  for (const [name, value] of Object.entries(attributes(text))) {
    if (name === 'USERAUTH')
      ipconn.userauth = oneOf<Userauth>(name, value, ['LOCAL', 'IDENTIFY', 'VERIFY', 'DEFAULTUSER']);
    else if (name === 'LINKAUTH') ipconn.linkauth = oneOf<Linkauth>(name, value, ['SECUSER', 'CERTUSER']);
    else if (name === 'IDPROP') ipconn.idprop = oneOf<Idprop>(name, value, ['NOTALLOWED', 'OPTIONAL', 'REQUIRED']);
    else if (name === 'SECURITYNAME') ipconn.securityName = value === '' ? null : value;
    else if (name === 'INSERVICE') ipconn.inService = oneOf(name, value, ['YES', 'NO']) === 'YES';
    else throw new Error(`IPCONN attribute ${name} is not part of this harness's vocabulary`);
  }
});

Given("the IPCONN's SECURITYNAME is {user}", function (this: ConformanceWorld, user: string) {
  this.situation.ipconn.securityName = user;
});

Given("no IPCONN matches z\\/OS Connect's APPLID and NETWORKID", function (this: ConformanceWorld) {
  this.situation.ipconn.defined = false;
});

Given(
  'z\\/OS Connect runs the mirror as {transid}, a copy of CSMI',
  function (this: ConformanceWorld, transid: string) {
    this.situation.mirror.transid = transid;
    this.situation.mirror.copyOfCsmi = true;
    this.situation.mirror.transidUsage = 'EIB_AND_MIRROR';
  },
);

Given(
  'z\\/OS Connect shows {transid} in EIBTRNID but runs the mirror as CSMI',
  function (this: ConformanceWorld, transid: string) {
    this.situation.mirror.transid = transid;
    this.situation.mirror.copyOfCsmi = true;
    this.situation.mirror.transidUsage = 'EIB_ONLY';
  },
);

Given(
  'z\\/OS Connect runs the mirror as {transid}, which is not a copy of CSMI',
  function (this: ConformanceWorld, transid: string) {
    this.situation.mirror.transid = transid;
    this.situation.mirror.copyOfCsmi = false;
    this.situation.mirror.transidUsage = 'EIB_AND_MIRROR';
  },
);

Given(
  'z\\/OS Connect runs the mirror as {transid}, which runs DFHMIRS but under another PROFILE than CSMI',
  function (this: ConformanceWorld, transid: string) {
    this.situation.mirror.transid = transid;
    this.situation.mirror.copyOfCsmi = false;
    this.situation.mirror.differsFromCsmiIn = 'PROFILE';
    this.situation.mirror.transidUsage = 'EIB_AND_MIRROR';
  },
);

Given("the API's service runs program {word}", function (this: ConformanceWorld, program: string) {
  this.situation.mirror.program = program;
});

Given('the mirror transaction is defined with RESSEC\\(YES)', function (this: ConformanceWorld) {
  this.situation.mirror.ressec = true;
});

Given("the IPCONN's SECURITYNAME is blank", function (this: ConformanceWorld) {
  this.situation.ipconn.securityName = null;
});
