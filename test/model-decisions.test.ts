/** Decisions of the model that the features rely on, checked directly, with their traces. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acquireConnection, decideRequest } from '../src/model';
import { verifySecret, phraseWouldBeAccepted } from '../src/model/racf';
import { passwordOf, phraseOf } from '../src/targets/model/build-site';
import { options, site } from './model-fixtures';

const alice = (s = site()) => ({
  kind: 'basic' as const,
  userid: 'ALICE',
  password: s.racf.users.find((u) => u.id === 'ALICE')!.password!,
});

test('IDENTIFY outside the sysplex without client authentication is refused at the capability exchange with DFHIS2040', () => {
  const s = site((x) => {
    x.ipconn.userauth = 'IDENTIFY';
    x.zosConnect.sameSysplex = false;
  });
  const decision = acquireConnection(s, options(), 'cics1');
  assert.equal(decision.acquired, false);
  assert.ok(!decision.acquired && decision.stage === 'capability exchange');
  assert.ok(decision.trace.some((t) => t.rule === 'R14' && t.message?.startsWith('DFHIS2040')));
});

test('a wrong VERIFY password is refused, counted, and logged as DFHXS1201', () => {
  const s = site((x) => {
    x.ipconn.userauth = 'VERIFY';
    x.zosConnect.authData = { user: 'ALICE', secret: { kind: 'password', correct: false } };
  });
  const decision = decideRequest(s, options(), 'cics1', alice(s));
  assert.equal(decision.outcome, 'refused');
  assert.deepEqual(decision.updates, [{ userid: 'ALICE', invalidAttempts: 1, revoked: false }]);
  assert.ok(decision.trace.some((t) => t.message === 'DFHXS1201'));
});

test('secrets never appear in a decision trace', () => {
  const s = site((x) => {
    x.ipconn.userauth = 'VERIFY';
    x.zosConnect.authData = { user: 'ALICE', secret: { kind: 'password', correct: true } };
  });
  const text = JSON.stringify(decideRequest(s, options(), 'cics1', alice(s)));
  for (const user of s.racf.users)
    if (user.password) assert.ok(!text.includes(user.password), `password of ${user.id} leaked`);
});

test('secret length decides password (1-8) or phrase (9-100); anything else is malformed', () => {
  const s = site((x) => {
    x.region.shortPhrasesAllowed = true;
    x.users.ALICE = { phraseLength: 9 };
  });
  const user = s.racf.users.find((u) => u.id === 'ALICE')!;
  assert.equal(verifySecret(s.racf, user, user.password!), 'correct');
  assert.equal(verifySecret(s.racf, user, user.phrase!), 'correct');
  assert.equal(verifySecret(s.racf, user, ''), 'malformed');
  assert.equal(verifySecret(s.racf, user, 'x'.repeat(101)), 'malformed');
});

test('generated secrets meet RACF rules: 8-character passwords, phrases RACF would accept', () => {
  const s = site((x) => (x.region.shortPhrasesAllowed = true));
  for (const id of ['ALICE', 'BOB', 'LINKUSR', 'CICSUSER']) {
    assert.equal(passwordOf(id).length, 8);
    for (const length of [9, 13, 14, 30, 100]) {
      const phrase = phraseOf(id, length);
      assert.equal(phrase.length, length);
      assert.ok(
        phraseWouldBeAccepted(s.racf, { id, revoked: false, passwordExpired: false, invalidAttempts: 0 }, phrase),
        `${id} ${length}`,
      );
    }
  }
});

test('an evaluation error denies the request', () => {
  const s = site((x) => (x.ipconn.userauth = 'IDENTIFY'));
  const broken = {
    ...s,
    zosConnect: {
      ...s.zosConnect,
      ssl: [],
      connections: s.zosConnect.connections.map((c) => ({ ...c, sslCertsRef: 'missing' })),
    },
  };
  const decision = decideRequest(broken, options(), 'cics1', alice(s));
  assert.equal(decision.outcome, 'refused');
  assert.ok(decision.trace.some((t) => t.note.startsWith('evaluation error')));
});
