/** Given-steps for z/OS Connect's side: where it runs, its TLS towards CICS, and its authData. */
import { Given } from '@cucumber/cucumber';
import type { CertificateRequirement, CertificateState, RivalMapping, SecretRequirement } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

Given("z\\/OS Connect runs in the CICS region's sysplex", function (this: ConformanceWorld) {
  this.situation.zosConnect.sameSysplex = true;
});

Given("z\\/OS Connect runs outside the CICS region's sysplex", function (this: ConformanceWorld) {
  this.situation.zosConnect.sameSysplex = false;
});

Given('z\\/OS Connect lets unauthenticated callers through', function (this: ConformanceWorld) {
  this.situation.zosConnect.requireAuth = false;
});

Given('z\\/OS Connect connects to CICS without TLS', function (this: ConformanceWorld) {
  this.situation.zosConnect.tls = 'none';
});

Given('z\\/OS Connect uses TLS towards CICS without a client certificate', function (this: ConformanceWorld) {
  this.situation.zosConnect.tls = 'server-auth only';
});

const presents = (state: CertificateState, mappedTo: string | null, extra: Partial<CertificateRequirement> = {}) => ({
  state,
  mappedTo,
  ...extra,
});

Given(
  'z\\/OS Connect presents a(n) {certificate} client certificate mapped to {user}',
  function (this: ConformanceWorld, state: CertificateState, alias: string) {
    this.situation.zosConnect.tls = presents(state, alias);
  },
);

Given(
  'z\\/OS Connect presents a(n) {certificate} client certificate that RACF maps to no user',
  function (this: ConformanceWorld, state: CertificateState) {
    this.situation.zosConnect.tls = presents(state, null);
  },
);

Given(
  'z\\/OS Connect presents a valid client certificate mapped to {user} with status NOTRUST',
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.tls = presents('valid', alias, { racfStatus: 'NOTRUST' });
  },
);

Given(
  "RACF holds {user}'s HTTP client certificate with status NOTRUST",
  function (this: ConformanceWorld, alias: string) {
    (this.situation.users[alias] ??= {}).httpCertificateTrusted = false;
  },
);

Given("z\\/OS Connect maps each JWT's subject to a user of its registry", function (this: ConformanceWorld) {
  this.situation.zosConnect.jwtSubjectToRegistryUser = true;
});

Given(
  "z\\/OS Connect passes each JWT's subject on to CICS as a distributed identity",
  function (this: ConformanceWorld) {
    this.situation.zosConnect.jwtSubjectToRegistryUser = false;
  },
);

Given(
  'z\\/OS Connect presents a valid client certificate registered in RACF to {user} with status NOTRUST',
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.tls = presents('valid', alias, { racfStatus: 'NOTRUST', racfMapping: 'registered' });
  },
);

Given(
  'z\\/OS Connect presents a self-signed client certificate registered in RACF with TRUST and mapped to {user}',
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.tls = presents('self-signed', alias, { selfSignedTrustedByRacf: true });
  },
);

Given(
  'z\\/OS Connect presents a valid client certificate with no extended key usage, mapped to {user}',
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.tls = presents('with no extended key usage', alias);
  },
);

Given(
  "z\\/OS Connect's second connection presents a valid client certificate mapped to {user}",
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.secondConnectionCertificate = presents('valid', alias);
  },
);

/** A RACF mapping near the client certificate's own, to another user (R18). */
function rival(world: ConformanceWorld, kind: RivalMapping, alias: string): void {
  const tls = world.situation.zosConnect.tls;
  if (!tls || typeof tls !== 'object') throw new Error('no Given-step chose a client certificate for z/OS Connect');
  tls.rivalMapping = { to: alias, kind };
}

Given(
  'RACF registers a certificate with the same subject from another CA to {user}',
  function (this: ConformanceWorld, alias: string) {
    rival(this, 'same subject registered from another CA', alias);
  },
);

Given(
  "RACF maps every certificate of the client certificate's organization to {user} with a name filter",
  function (this: ConformanceWorld, alias: string) {
    rival(this, 'name filter for its organization', alias);
  },
);

Given(
  "RACF maps the client certificate's subject to {user} with a name filter restricted to another CA",
  function (this: ConformanceWorld, alias: string) {
    rival(this, 'name filter for its subject from another CA', alias);
  },
);

Given(
  "the connection's authData holds {user} with {secret}",
  function (this: ConformanceWorld, alias: string, secret: SecretRequirement) {
    this.situation.zosConnect.authData = { user: alias, secret };
  },
);

Given(
  'z\\/OS Connect also defines authData for {user} that the connection does not name',
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.otherAuthData = { user: alias };
  },
);

Given(
  "the connection's authData holds {user}, in lower case, with the correct password",
  function (this: ConformanceWorld, alias: string) {
    this.situation.zosConnect.authData = {
      user: alias,
      secret: { kind: 'password', correct: true },
      useridInLowerCase: true,
    };
  },
);

Given("the connection's authData holds a password but no user", function (this: ConformanceWorld) {
  this.situation.zosConnect.authData = { user: null, secret: { kind: 'password', correct: true } };
});

Given(
  "z\\/OS Connect's trust store lacks the signer of the CICS server certificate",
  function (this: ConformanceWorld) {
    this.situation.zosConnect.trustsCicsCertificate = false;
  },
);

Given("z\\/OS Connect's started task runs as {user}", function (this: ConformanceWorld, alias: string) {
  this.situation.zosConnect.serverUser = alias;
});

/** Catalog §3 columns: what z/OS Connect flows to CICS, and the caller that makes it flow that. */
Given('z\\/OS Connect flows no credentials for the caller', function (this: ConformanceWorld) {
  this.situation.zosConnect.requireAuth = false;
  this.situation.assumptions.unauthenticatedFlows = 'nothing';
  this.plannedCaller = { kind: 'anonymous' };
});

Given("z\\/OS Connect flows {user}'s user ID alone", function (this: ConformanceWorld, alias: string) {
  this.situation.users[alias] ??= {};
  this.plannedCaller = { kind: 'basic', user: alias, password: 'correct' };
});

Given("z\\/OS Connect flows {user}'s user ID and password", function (this: ConformanceWorld, alias: string) {
  this.situation.zosConnect.authData = { user: alias, secret: { kind: 'password', correct: true } };
  this.plannedCaller = { kind: 'basic', user: alias, password: 'correct' };
});
