/**
 * Property-based tests of the reference model (fast-check): invariants that must hold for every
 * configuration, not just the ones the features spell out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decideRequest, type Permit, type Site } from '../src/model';
import { permits } from '../src/model/racf';
import { buildSite } from '../src/targets/model/build-site';
import { DEFAULT_USER, emptySituation, REGION_USER, type Situation } from '../support/target-port';
import { options } from './model-fixtures';

const USERS = ['ALICE', 'LINKUSR', DEFAULT_USER, REGION_USER];

const situations: fc.Arbitrary<Situation> = fc
  .record({
    userauth: fc.constantFrom('LOCAL', 'IDENTIFY', 'VERIFY', 'DEFAULTUSER' as const),
    securityName: fc.constantFrom(null, 'LINKUSR', REGION_USER, DEFAULT_USER),
    deniedCsmi: fc.subarray(USERS),
    deniedProgram: fc.subarray(USERS),
    sec: fc.boolean(),
    xtran: fc.boolean(),
    secprfx: fc.boolean(),
    ressec: fc.boolean(),
    sameSysplex: fc.boolean(),
    ssl: fc.constantFrom('NO', 'YES', 'CLIENTAUTH' as const),
    linkRevoked: fc.boolean(),
  })
  .map((r) => {
    const s = emptySituation();
    s.region = { sec: r.sec, xtran: r.xtran, secprfx: r.secprfx };
    s.ipconn = { userauth: r.userauth, securityName: r.securityName };
    s.tcpipService = { ssl: r.ssl };
    s.mirror = { ressec: r.ressec };
    s.zosConnect = {
      sameSysplex: r.sameSysplex,
      tls: r.ssl === 'NO' ? 'none' : r.ssl === 'YES' ? 'server-auth only' : { state: 'valid', mappedTo: 'LINKUSR' },
      ...(r.userauth === 'VERIFY'
        ? { authData: { user: 'ALICE', secret: { kind: 'password' as const, correct: true } } }
        : {}),
    };
    for (const u of USERS)
      s.users[u] = {
        transactions: { CSMI: !r.deniedCsmi.includes(u) },
        programs: { WHOAMI: !r.deniedProgram.includes(u) },
      };
    if (r.linkRevoked) s.users.LINKUSR = { ...s.users.LINKUSR, revoked: true };
    return s;
  });

const aliceCalls = (site: Site) => ({
  kind: 'basic' as const,
  userid: 'ALICE',
  password: site.racf.users.find((u) => u.id === 'ALICE')!.password!,
});
const decide = (site: Site) => decideRequest(site, options(), 'cics1', aliceCalls(site));
const prefix = (site: Site) => (site.region.secprfx ? `${site.region.regionUserid}.` : '');

test('a request never runs when a user ID in its checked set lacks access to the mirror or the program', () => {
  fc.assert(
    fc.property(situations, (situation) => {
      const site = buildSite(situation);
      const decision = decide(site);
      if (decision.outcome !== 'ran' || !site.region.sec) return;
      for (const userid of decision.checked) {
        if (site.region.xtran)
          assert.ok(
            permits(site.racf, 'TCICSTRN', prefix(site) + 'CSMI', userid, 'READ'),
            `${userid} ran without CSMI`,
          );
        if (site.transactions[0]!.ressec)
          assert.ok(
            permits(site.racf, 'MCICSPPT', prefix(site) + 'WHOAMI', userid, 'READ'),
            `${userid} ran without WHOAMI`,
          );
      }
    }),
    { numRuns: 500 },
  );
});

test('granting a permission never turns a request that ran into one that is refused', () => {
  const grants = fc.record({
    user: fc.constantFrom('ALICE', 'LINKUSR', 'CICSUSER', 'CICSREGN'),
    cls: fc.constantFrom('TCICSTRN', 'MCICSPPT' as const),
  });
  fc.assert(
    fc.property(situations, grants, (situation, grant) => {
      const site = buildSite(situation);
      const before = decide(site);
      const permit: Permit = {
        class: grant.cls,
        profile: prefix(site) + (grant.cls === 'TCICSTRN' ? 'CSMI' : 'WHOAMI'),
        userid: grant.user,
        access: 'READ',
      };
      const after = decide({ ...site, racf: { ...site.racf, permits: [...site.racf.permits, permit] } });
      if (before.outcome === 'ran')
        assert.deepEqual([after.outcome, after.outcome === 'ran' && after.taskUser], ['ran', before.taskUser]);
    }),
    { numRuns: 300 },
  );
});

test('revoking a permission never turns a refused request into one that runs', () => {
  fc.assert(
    fc.property(situations, fc.nat(), (situation, pick) => {
      const site = buildSite(situation);
      const before = decide(site);
      if (before.outcome === 'ran' || site.racf.permits.length === 0) return;
      const permitsLeft = site.racf.permits.filter((_, i) => i !== pick % site.racf.permits.length);
      assert.notEqual(decide({ ...site, racf: { ...site.racf, permits: permitsLeft } }).outcome, 'ran');
    }),
    { numRuns: 300 },
  );
});

test('an error anywhere in the evaluation denies the request (fail closed)', () => {
  fc.assert(
    fc.property(situations, fc.nat(), (situation, pick) => {
      const site = buildSite(situation);
      let touched = false;
      const poisoned = poison(site, pick, () => (touched = true));
      const decision = decideRequest(poisoned, options(), 'cics1', aliceCalls(site));
      if (touched) assert.notEqual(decision.outcome, 'ran');
    }),
    { numRuns: 500 },
  );
});

/** Wraps the site so that reading one chosen object's properties throws, and reports when that happens. */
function poison(site: Site, pick: number, onTouch: () => void): Site {
  const objects: object[] = [];
  const collect = (value: unknown) => {
    if (value && typeof value === 'object') {
      objects.push(value);
      Object.values(value).forEach(collect);
    }
  };
  collect(site);
  const target = objects[pick % objects.length];
  const wrap = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    if (value === target) {
      return new Proxy(value, {
        get() {
          onTouch();
          throw new Error('poisoned definition');
        },
      });
    }
    return new Proxy(value, { get: (obj, key) => wrap(Reflect.get(obj, key)) });
  };
  return wrap(site) as Site;
}
