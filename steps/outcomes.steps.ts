/**
 * Then-steps: assertions only on what a black-box observer sees. The connection was or was not acquired
 * (and at which stage it stopped), the request was refused (and by which layer), or it ran under a user.
 */
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { ConnectionStage, RequestObservation } from '../support/target-port';
import type { ConformanceWorld } from '../support/world';

const STAGES: Record<string, ConnectionStage> = {
  'TCP connection': 'tcp',
  'TLS handshake': 'tls',
  'capability exchange': 'capability exchange',
};

const show = (o: unknown) => JSON.stringify(o);

Then('the IPIC connection is acquired', function (this: ConformanceWorld) {
  expect(this.connection, `connection observation ${show(this.connection)}`).to.deep.include({ acquired: true });
});

Then('the IPIC connection is refused at the {}', function (this: ConformanceWorld, stage: string) {
  expect(STAGES, `a stage: ${Object.keys(STAGES).join(', ')}`).to.have.property(stage);
  expect(this.connection, `connection observation ${show(this.connection)}`).to.deep.include({
    acquired: false,
    stage: STAGES[stage],
  });
});

function ranUnder(world: ConformanceWorld, observation: RequestObservation, alias: string): void {
  expect(observation, `request observation ${show(observation)}`).to.include({ outcome: 'ran' });
  if (observation.outcome === 'ran')
    expect(observation.taskUser).to.equal(world.userIdOf(alias), `task user ID ${show(observation)}`);
}

Then('the request runs under {user}', function (this: ConformanceWorld, alias: string) {
  ranUnder(this, this.response, alias);
});

Then('every request runs under {user}', function (this: ConformanceWorld, alias: string) {
  for (const response of this.responses) ranUnder(this, response, alias);
});

Then('the request runs with EIBTRNID {transid}', function (this: ConformanceWorld, transid: string) {
  expect(this.response, `request observation ${show(this.response)}`).to.include({ outcome: 'ran', transid });
});

Then('the request is refused by CICS', function (this: ConformanceWorld) {
  expect(this.response, `request observation ${show(this.response)}`).to.include({ outcome: 'refused', by: 'CICS' });
});

Then('every request is refused by CICS', function (this: ConformanceWorld) {
  for (const response of this.responses)
    expect(response, `request observation ${show(response)}`).to.include({ outcome: 'refused', by: 'CICS' });
});

Then('the request is refused by z\\/OS Connect as unauthenticated', function (this: ConformanceWorld) {
  expect(this.response, `request observation ${show(this.response)}`).to.include({
    outcome: 'refused',
    by: 'z/OS Connect authentication',
  });
});

Then('the request is refused by z\\/OS Connect as unauthorized', function (this: ConformanceWorld) {
  expect(this.response, `request observation ${show(this.response)}`).to.include({
    outcome: 'refused',
    by: 'z/OS Connect authorization',
  });
});

Then('the request is refused by z\\/OS Connect before it reaches CICS', function (this: ConformanceWorld) {
  expect(this.response, `request observation ${show(this.response)}`).to.include({ outcome: 'refused' });
  if (this.response.outcome === 'refused')
    expect(this.response.by).to.match(/^z\/OS Connect/, `request observation ${show(this.response)}`);
});

Then(
  'the request is not sent because the IPIC connection is refused at the {}',
  function (this: ConformanceWorld, stage: string) {
    expect(STAGES, `a stage: ${Object.keys(STAGES).join(', ')}`).to.have.property(stage);
    expect(this.response, `request observation ${show(this.response)}`).to.include({
      outcome: 'not sent',
      stage: STAGES[stage],
    });
  },
);

Then('the IPIC connection is not acquired', function (this: ConformanceWorld) {
  expect(this.connection, `connection observation ${show(this.connection)}`).to.deep.include({ acquired: false });
});

Then('the requests run under {user} and {user}', function (this: ConformanceWorld, first: string, second: string) {
  expect(this.responses, 'two requests were sent').to.have.length(2);
  ranUnder(this, this.responses[0] as RequestObservation, first);
  ranUnder(this, this.responses[1] as RequestObservation, second);
});
