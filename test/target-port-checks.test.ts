/**
 * src/targets/checked-target.ts: every value a target returns is checked against the port's types at run
 * time. A mismatch is a TargetPortError (a harness error, never a chai AssertionError) that names the
 * module, the method and the field, and says what was expected and what kind of value came instead,
 * without repeating the value. Values the port allows pass, as the harness's own copies.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AssertionError as ChaiAssertionError } from 'chai';
import { checkedTarget } from '../src/targets/checked-target';
import { definitionsPortOf } from '../support/definitions-port';
import { HarnessInputError, TargetPortError } from '../support/errors';
import { loadTarget } from '../support/load-target';
import {
  emptySituation,
  isNotApplicable,
  NotApplicableError,
  type Arrangement,
  type NotApplicable,
  type Target,
} from '../support/target-port';

const MODULE = './plugged/in-target.js';
/** Stands for a password a broken target put where an observation belongs. */
const SECRET = 'S3cret-Phrase-Never-Echoed';

/** A well-behaved arrangement; `broken` replaces any of its methods with one that returns a bad value. */
function arrangement(broken: Partial<Record<keyof Arrangement, unknown>> = {}): Arrangement {
  return {
    userIdOf: () => 'QAUSER1',
    acquire: async () => ({ acquired: true }),
    send: async () => ({ outcome: 'ran', taskUser: 'QAUSER1', transid: 'CSMI' }),
    takeEvidence: () => [{ name: 'why', mediaType: 'application/json', body: '{}' }],
    dispose: async () => {},
    ...broken,
  } as Arrangement;
}

function target(options: { describe?: () => unknown; arrange?: () => unknown } = {}): Target {
  return checkedTarget(
    {
      describe: (options.describe ??
        (() => ({ kind: 'stub', identity: 'a stub', options: { a: 'b' } }))) as Target['describe'],
      arrange: (async () => (options.arrange ?? (() => arrangement()))()) as Target['arrange'],
    },
    MODULE,
  );
}

async function arranged(broken: Partial<Record<keyof Arrangement, unknown>>): Promise<Arrangement> {
  const result = await target({ arrange: () => arrangement(broken) }).arrange(emptySituation());
  assert.ok(!isNotApplicable(result));
  return result;
}

/** Runs `call`, and returns the TargetPortError it must throw; checks what every such error must be. */
async function portError(call: () => unknown): Promise<TargetPortError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TargetPortError, `a TargetPortError, got ${String(caught)}`);
  assert.ok(!(caught instanceof ChaiAssertionError), 'never an assertion: the run must classify it as a harness error');
  assert.notEqual(caught.name, 'AssertionError');
  assert.ok(caught instanceof HarnessInputError, 'a harness error (exit code 2)');
  assert.ok(caught.message.includes(`target ${MODULE}`), caught.message);
  assert.ok(!caught.message.includes(SECRET), 'the value itself is never repeated');
  assert.ok(!caught.message.includes('\n'), 'one line');
  return caught;
}

describe('values the port allows pass through the checks', () => {
  test('describe(), arrange(), and every method of the arrangement', async () => {
    const checked = target();
    assert.deepEqual(checked.describe(), { kind: 'stub', identity: 'a stub', options: { a: 'b' } });
    const a = await arranged({});
    assert.equal(a.userIdOf('ALICE'), 'QAUSER1');
    assert.deepEqual(await a.acquire(), { acquired: true });
    assert.deepEqual(await a.send({ caller: { kind: 'anonymous' } }), {
      outcome: 'ran',
      taskUser: 'QAUSER1',
      transid: 'CSMI',
    });
    assert.deepEqual(a.takeEvidence(), [{ name: 'why', mediaType: 'application/json', body: '{}' }]);
    await a.dispose();
  });

  test('each kind of observation the port defines', async () => {
    const observations = [
      { acquired: false, stage: 'tls', detail: 'certificate required' },
      { acquired: false, stage: 'capability exchange' },
    ];
    for (const observation of observations)
      assert.deepEqual(await (await arranged({ acquire: async () => observation })).acquire(), observation);
    const requests = [
      { outcome: 'ran', taskUser: 'ALICE' },
      { outcome: 'not sent', stage: 'tcp', detail: 'refused' },
      { outcome: 'refused', by: 'z/OS Connect authorization' },
      { outcome: 'refused', by: 'CICS', detail: 'HTTP 500' },
    ];
    for (const request of requests)
      assert.deepEqual(
        await (await arranged({ send: async () => request })).send({ caller: { kind: 'anonymous' } }),
        request,
      );
  });

  test('a declined arrange() keeps its reason', async () => {
    const declined = await target({ arrange: () => ({ notApplicable: 'no IPCONN with VERIFY' }) }).arrange(
      emptySituation(),
    );
    assert.deepEqual(declined, { notApplicable: 'no IPCONN with VERIFY' } satisfies NotApplicable);
  });

  test('fields the port does not define do not reach the harness', async () => {
    const a = await arranged({ acquire: async () => ({ acquired: true, password: SECRET }) });
    assert.deepEqual(await a.acquire(), { acquired: true });
  });

  test('a NotApplicableError from acquire() or send() passes unchanged, so the scenario is not applicable', async () => {
    const late = new NotApplicableError('the bad-password budget is spent');
    const a = await arranged({
      send: async () => {
        throw late;
      },
    });
    await assert.rejects(
      () => a.send({ caller: { kind: 'anonymous' } }),
      (error) => error === late,
    );
  });

  test('close() and the definitions port of a target stay reachable through the wrapper', async () => {
    let closed = false;
    const site = { origin: 'here' };
    const checked = checkedTarget(
      Object.assign(target(), {
        close: async () => {
          closed = true;
        },
        definitions: async () => site,
      }),
      MODULE,
    );
    await checked.close?.();
    assert.ok(closed);
    assert.equal(await definitionsPortOf(checked)?.definitions(), site);
    assert.equal(definitionsPortOf(target()), undefined, 'and a target without one does not gain one');
  });
});

describe('values the port does not allow are harness errors naming module, method and field', () => {
  test('acquire() answering acquired: "maybe"', async () => {
    const a = await arranged({ acquire: async () => ({ acquired: 'maybe' }) });
    const error = await portError(() => a.acquire());
    assert.equal(error.method, 'acquire()');
    assert.deepEqual(error.problems, [{ field: 'acquired', expected: 'one of true, false', got: 'a string' }]);
    assert.ok(!error.message.includes('maybe'));
  });

  test('acquire() naming a stage the port does not have', async () => {
    const a = await arranged({ acquire: async () => ({ acquired: false, stage: SECRET }) });
    const error = await portError(() => a.acquire());
    assert.match(
      error.message,
      /acquire\(\) .*stage: expected one of "tcp", "tls", "capability exchange", got a string/,
    );
  });

  test('send() reporting taskUser 42', async () => {
    const a = await arranged({ send: async () => ({ outcome: 'ran', taskUser: 42 }) });
    const error = await portError(() => a.send({ caller: { kind: 'anonymous' } }));
    assert.equal(error.method, 'send()');
    assert.deepEqual(error.problems, [{ field: 'taskUser', expected: 'a string', got: 'a number' }]);
    assert.ok(!error.message.includes('42'));
  });

  test('send() with a refusing layer the port does not know, or no outcome at all', async () => {
    const refused = await arranged({ send: async () => ({ outcome: 'refused', by: SECRET }) });
    assert.match((await portError(() => refused.send({ caller: { kind: 'anonymous' } }))).message, /send\(\) .*by: /);
    const empty = await arranged({ send: async () => undefined });
    const error = await portError(() => empty.send({ caller: { kind: 'anonymous' } }));
    assert.deepEqual(error.problems, [
      { field: '(its result)', expected: 'an object', got: 'nothing (the field is missing)' },
    ]);
  });

  test('userIdOf() returning something other than a string', async () => {
    const a = await arranged({ userIdOf: () => ({ id: SECRET }) });
    const error = await portError(() => a.userIdOf('ALICE'));
    assert.equal(error.method, 'userIdOf()');
    assert.deepEqual(error.problems, [{ field: '(its result)', expected: 'a string', got: 'an object' }]);
  });

  test('takeEvidence() with an entry of an unknown media type or a body that is not text', async () => {
    const a = await arranged({
      takeEvidence: () => [
        { name: 'fine', mediaType: 'text/plain', body: 'ok' },
        { name: 'bad', mediaType: 'image/png', body: { password: SECRET } },
      ],
    });
    const error = await portError(() => a.takeEvidence());
    assert.deepEqual(
      error.problems.map((p) => p.field),
      ['[1].mediaType', '[1].body'],
    );
    assert.equal(error.problems[1]?.got, 'an object');
  });

  test('describe() with a kind that is not a string, or an option value that is not one', async () => {
    const kind = await portError(() => target({ describe: () => ({ kind: 7, identity: 'x' }) }).describe());
    assert.equal(kind.method, 'describe()');
    assert.deepEqual(kind.problems, [{ field: 'kind', expected: 'a string', got: 'a number' }]);
    const options = await portError(() =>
      target({ describe: () => ({ kind: 'k', identity: 'i', options: { token: { value: SECRET } } }) }).describe(),
    );
    assert.deepEqual(options.problems, [{ field: 'options.token', expected: 'a string', got: 'an object' }]);
  });

  test('arrange() declining without a reason', async () => {
    const error = await portError(() => target({ arrange: () => ({ notApplicable: '' }) }).arrange(emptySituation()));
    assert.equal(error.method, 'arrange()');
    assert.deepEqual(error.problems, [
      { field: 'notApplicable', expected: 'a non-empty string', got: 'an empty string' },
    ]);
  });

  test('arrange() returning neither an Arrangement nor a decline', async () => {
    const missing = await portError(() =>
      target({ arrange: () => ({ ...arrangement(), send: undefined, acquire: 'yes' }) }).arrange(emptySituation()),
    );
    assert.deepEqual(
      missing.problems.map((p) => `${p.field}: ${p.got}`),
      ['acquire: a string', 'send: nothing (the field is missing)'],
    );
    const nothing = await portError(() => target({ arrange: () => null }).arrange(emptySituation()));
    assert.equal(nothing.problems[0]?.got, 'null');
  });
});

describe('loadTarget', () => {
  test('wraps a plugged-in target, so its values are checked, and names it by its IPIC_TARGET path', async () => {
    const loaded = await loadTarget({ IPIC_TARGET: './test/fixtures/report/maybe-acquired-target.ts' });
    const a = await loaded.arrange(emptySituation());
    assert.ok(!isNotApplicable(a));
    await assert.rejects(
      () => a.acquire(),
      (error: Error) =>
        error instanceof TargetPortError &&
        /^target \.\/test\/fixtures\/report\/maybe-acquired-target\.ts: acquire\(\) .*acquired: expected one of true, false, got a string$/.test(
          error.message,
        ),
    );
  });
});
