/** When-steps: z/OS Connect acquires its IPIC connection, and callers invoke the whoami API. */
import { When } from '@cucumber/cucumber';
import type { Caller } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

When('z\\/OS Connect acquires its IPIC connection to CICS', function (this: ConformanceWorld) {
  return this.acquire(1);
});

When('z\\/OS Connect acquires its second IPIC connection to CICS', function (this: ConformanceWorld) {
  return this.acquire(2);
});

const call = (world: ConformanceWorld, caller: Caller, times = 1, connection: 1 | 2 = 1) =>
  world.send({ caller, connection }, times);

When('{user} calls the whoami API with the correct password', function (this: ConformanceWorld, user: string) {
  return call(this, { kind: 'basic', user, password: 'correct' });
});

When('{user} calls the whoami API with a wrong password', function (this: ConformanceWorld, user: string) {
  return call(this, { kind: 'basic', user, password: 'wrong' });
});

When('{user} calls the whoami API {int} times', function (this: ConformanceWorld, user: string, times: number) {
  return call(this, { kind: 'basic', user, password: 'correct' }, times);
});

When('{user} calls the whoami API over the second connection', function (this: ConformanceWorld, user: string) {
  return call(this, { kind: 'basic', user, password: 'correct' }, 1, 2);
});

When(
  '{user} calls the whoami API with a client certificate mapped to {user}',
  function (this: ConformanceWorld, _caller: string, user: string) {
    return call(this, { kind: 'certificate', mappedTo: user });
  },
);

When('a caller presents an HTTP client certificate that RACF maps to no user', function (this: ConformanceWorld) {
  return call(this, { kind: 'certificate', mappedTo: null });
});

When('{user} calls the whoami API with a valid JWT', function (this: ConformanceWorld, subject: string) {
  return call(this, { kind: 'jwt', subject, validity: 'valid' });
});

When('{user} calls the whoami API with an expired JWT', function (this: ConformanceWorld, subject: string) {
  return call(this, { kind: 'jwt', subject, validity: 'expired' });
});

When('{user} calls the whoami API with a JWT from another issuer', function (this: ConformanceWorld, subject: string) {
  return call(this, { kind: 'jwt', subject, validity: 'another issuer' });
});

When(
  '{user} calls the whoami API with a JWT signed by an untrusted key',
  function (this: ConformanceWorld, subject: string) {
    return call(this, { kind: 'jwt', subject, validity: 'untrusted signature' });
  },
);

When(
  'the LDAP user {string} of realm {string} calls the whoami API',
  function (this: ConformanceWorld, dn: string, realm: string) {
    return call(this, { kind: 'ldap', dn, realm });
  },
);

When('an unauthenticated caller calls the whoami API', function (this: ConformanceWorld) {
  return call(this, { kind: 'anonymous' });
});

When('the caller calls the whoami API', function (this: ConformanceWorld) {
  if (!this.plannedCaller) throw new Error('no Given-step chose the caller');
  return call(this, this.plannedCaller);
});

When(
  '{user} and {user} call the whoami API with their correct passwords',
  function (this: ConformanceWorld, a: string, b: string) {
    return call(this, { kind: 'basic', user: a, password: 'correct' }).then(() =>
      call(this, { kind: 'basic', user: b, password: 'correct' }),
    );
  },
);
