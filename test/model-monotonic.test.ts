/**
 * Monotonicity of the reference model: changes that the rule catalog says can only take access away never
 * turn a refused request into one that runs. (test/model-properties.test.ts covers granting and revoking
 * permissions; these cover revoked users, SEC, XTRAN and RESSEC, the sysplex, and repeated bad passwords.)
 * One change is deliberately not monotonic, and a property pins down exactly how: revoking the link user
 * falls back to the default user's authority (R20), which can let a request through.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decideRequest, DEFAULT_OPTIONS, type HttpCaller, type RacfUpdate, type Site } from '../src/model';
import { passwordOf, userIdOf, wrongPasswordOf } from '../src/targets/model/build-site';
import { DEFAULT_USER } from '../support/target-port';
import { callerOf, configs, siteOf, type Config } from './model-oracle-situations';

const decide = (site: Site, c: Config) => decideRequest(site, DEFAULT_OPTIONS, 'cics1', callerOf(c, site));
const summary = (d: ReturnType<typeof decideRequest>) =>
  d.outcome === 'ran' ? `ran as ${d.taskUser}` : d.outcome === 'refused' ? `refused by ${d.by}` : `not sent`;

function withRevoked(site: Site, userid: string): Site {
  const users = site.racf.users.map((u) => (u.id === userid ? { ...u, revoked: true } : u));
  return { ...site, racf: { ...site.racf, users } };
}

/** The link user a configuration names (SECURITYNAME or certificate user), as a RACF user ID. */
const namedLinkUser = (c: Config) => (c.link === null ? undefined : userIdOf(c.link));

test('revoking any user other than the link user never lets a refused request run, nor changes who runs', () => {
  fc.assert(
    fc.property(configs, fc.constantFrom('ALICE', 'LINKUSR', 'CICSUSER', 'CICSREGN'), (c, victim) => {
      fc.pre(victim !== namedLinkUser(c));
      const site = siteOf(c);
      const before = decide(site, c);
      const after = decide(withRevoked(site, victim), c);
      if (after.outcome === 'ran') assert.equal(summary(after), summary(before), `revoking ${victim}`);
    }),
    { numRuns: 2000 },
  );
});

test('revoking the link user is exactly like naming the default user as the link user (R20)', () => {
  // Not monotonic, and documented so: a revoked link user falls back to the default user's authority.
  fc.assert(
    fc.property(
      configs.filter((c) => c.link === 'LINKUSR' && !c.linkRevoked),
      (c) => {
        const revoked = decide(withRevoked(siteOf(c), userIdOf('LINKUSR')), c);
        const defaultLink = { ...c, link: DEFAULT_USER } as Config;
        assert.equal(summary(revoked), summary(decide(siteOf(defaultLink), defaultLink)));
      },
    ),
    { numRuns: 1000 },
  );
});

test('turning SEC=NO into SEC=YES never lets a refused request run (R8)', () => {
  fc.assert(
    fc.property(configs, (c) => {
      const secured = decide(siteOf({ ...c, sec: true }), c);
      const open = decide(siteOf({ ...c, sec: false }), c);
      if (secured.outcome === 'ran') assert.equal(open.outcome, 'ran');
    }),
    { numRuns: 1000 },
  );
});

test('turning XTRAN or RESSEC on only adds checks: it never lets a refused request run (R49, R50)', () => {
  fc.assert(
    fc.property(configs, fc.constantFrom('xtran', 'ressec' as const), (c, check) => {
      const on = decide(siteOf({ ...c, [check]: true }), c);
      const off = decide(siteOf({ ...c, [check]: false }), c);
      if (on.outcome === 'ran') assert.equal(summary(off), summary(on), `${check} off`);
    }),
    { numRuns: 1000 },
  );
});

test('moving z/OS Connect out of the sysplex never lets a refused request run (R14)', () => {
  fc.assert(
    fc.property(configs, (c) => {
      const inside = siteOf(c);
      const outside = { ...inside, zosConnect: { ...inside.zosConnect, sameSysplex: false } };
      const there = decide(outside, c);
      if (there.outcome === 'ran') assert.equal(summary(there), summary(decide(inside, c)));
    }),
    { numRuns: 1000 },
  );
});

test('bad passwords only ever take access away: once revoked, a user stays refused (R38)', () => {
  const attempts = fc.array(fc.constantFrom('correct', 'wrong' as const), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(configs, attempts, (c, sequence) => {
      let site = siteOf(c);
      let revoked = false;
      for (const attempt of sequence) {
        const id = userIdOf('ALICE');
        const caller: HttpCaller = {
          kind: 'basic',
          userid: id,
          password: attempt === 'correct' ? passwordOf(id) : wrongPasswordOf(id),
        };
        const decision = decideRequest(site, DEFAULT_OPTIONS, 'cics1', caller);
        if (revoked) assert.notEqual(decision.outcome, 'ran', 'a revoked user ran a request');
        site = applied(site, decision.updates);
        revoked ||= site.racf.users.find((u) => u.id === id)?.revoked === true;
      }
      // A success may reset the count (DFHXS1206), so only an unbroken run of failures must revoke.
      const firstRun = sequence.findIndex((a) => a === 'correct');
      const leadingWrongs = firstRun === -1 ? sequence.length : firstRun;
      if (leadingWrongs >= site.racf.revokeAfter) assert.ok(revoked, `${leadingWrongs} wrong passwords did not revoke`);
    }),
    { numRuns: 500 },
  );
});

/** What the model target does with a decision's RACF updates (counts carry over, revocation sticks). */
function applied(site: Site, updates: RacfUpdate[]): Site {
  const users = site.racf.users.map((u) => {
    const update = updates.find((x) => x.userid === u.id);
    return update ? { ...u, invalidAttempts: update.invalidAttempts, revoked: u.revoked || update.revoked } : u;
  });
  return { ...site, racf: { ...site.racf, users } };
}
