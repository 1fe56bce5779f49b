/**
 * The reference model against an oracle written here from the rule catalog, over random configurations.
 * The oracle restates catalog §2 (the three AOR checking tables: who is checked, who the task runs as),
 * §3 (what each USERAUTH makes of what z/OS Connect flows), R17/R18/R20 (the link user, with the
 * fallback to the default user) and R8/R49/R50 (SEC, XTRAN, RESSEC) as data and a few lines of code that
 * share nothing with src/model. decideRequest must agree with it on the outcome, the task user, the
 * EIBTRNID, and (where CICS checks anything) the set of user IDs checked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decideRequest, DEFAULT_OPTIONS } from '../src/model';
import { userIdOf } from '../src/targets/model/build-site';
import { DEFAULT_USER, REGION_USER, type Alias, type Userauth } from '../support/target-port';
import { callerOf, configs, MIRROR, siteOf, type Config, type Flow } from './model-oracle-situations';

/** §2's row labels: the link user is not specified, is the region user ID, or is some other user. */
type LinkRow = 'not specified' | 'region user' | 'other';
type Who = 'default user' | 'link user' | 'transmitted';
interface Row {
  checked: Who[];
  runsAs: Who;
}

const IDENTIFY_OR_VERIFY: Record<LinkRow, Row> = {
  'not specified': { checked: ['transmitted', 'default user'], runsAs: 'transmitted' },
  'region user': { checked: ['transmitted'], runsAs: 'transmitted' },
  other: { checked: ['transmitted', 'link user'], runsAs: 'transmitted' },
};

/** Catalog §2, CICS-AOR and CICS-AOR-ZH: the three tables, row by row. */
const AOR_TABLES: Record<Userauth, Record<LinkRow, Row>> = {
  LOCAL: {
    'not specified': { checked: ['default user'], runsAs: 'default user' },
    'region user': { checked: ['default user'], runsAs: 'default user' },
    other: { checked: ['link user'], runsAs: 'link user' },
  },
  DEFAULTUSER: {
    'not specified': { checked: ['default user'], runsAs: 'default user' },
    'region user': { checked: ['default user'], runsAs: 'default user' },
    other: { checked: ['link user', 'default user'], runsAs: 'default user' },
  },
  IDENTIFY: IDENTIFY_OR_VERIFY,
  VERIFY: IDENTIFY_OR_VERIFY,
};

/** Catalog §3 (with the default readings of U5 and U6): does CICS accept what was flowed, and for whom. */
const FLOWED: Record<Userauth, Record<Flow, 'accepted, ignored' | 'accepted as ALICE' | 'refused'>> = {
  LOCAL: { nothing: 'accepted, ignored', 'user ID': 'accepted, ignored', 'user ID and password': 'accepted, ignored' },
  DEFAULTUSER: {
    nothing: 'accepted, ignored',
    'user ID': 'accepted, ignored',
    'user ID and password': 'accepted, ignored',
  },
  IDENTIFY: { nothing: 'refused', 'user ID': 'accepted as ALICE', 'user ID and password': 'refused' },
  VERIFY: { nothing: 'refused', 'user ID': 'refused', 'user ID and password': 'accepted as ALICE' },
};

type Expected =
  { outcome: 'ran'; taskUser: string; transid: string; checked?: string[] } | { outcome: 'refused'; by: 'CICS' };

/** R17, R18, R20, R2: the link user ID, or null when SECURITYNAME is blank. */
function linkUser(c: Config): string | null {
  if (c.link === null) return null;
  const unusable = c.link === 'GHOST' || (c.link === 'LINKUSR' && c.linkRevoked);
  return unusable ? userIdOf(DEFAULT_USER) : userIdOf(c.link);
}

function oracle(c: Config): Expected {
  const transid = MIRROR(c);
  const dflt = userIdOf(DEFAULT_USER);
  if (!c.sec) return { outcome: 'ran', taskUser: dflt, transid }; // R8: no checks, nobody signs on
  const flowed = FLOWED[c.userauth][c.flow];
  if (flowed === 'refused') return { outcome: 'refused', by: 'CICS' };
  const link = linkUser(c);
  const row: LinkRow = link === null ? 'not specified' : link === userIdOf(REGION_USER) ? 'region user' : 'other';
  const who = (w: Who): string => (w === 'default user' ? dflt : w === 'link user' ? link! : userIdOf('ALICE'));
  const { checked, runsAs } = AOR_TABLES[c.userauth][row];
  const checkedIds = [...new Set(checked.map(who))];
  const aliasOf = (id: string): Alias | undefined =>
    (['ALICE', 'LINKUSR', DEFAULT_USER, REGION_USER] as Alias[]).find((a) => userIdOf(a) === id);
  for (const id of checkedIds) {
    const alias = aliasOf(id);
    if (c.xtran && alias && c.deniedMirror.includes(alias)) return { outcome: 'refused', by: 'CICS' }; // R49
    if (c.ressec && alias && c.deniedProgram.includes(alias)) return { outcome: 'refused', by: 'CICS' }; // R50
  }
  return { outcome: 'ran', taskUser: who(runsAs), transid, checked: checkedIds.sort() };
}

test('decideRequest agrees with the AOR tables, the USERAUTH matrix and the authorization rules', () => {
  fc.assert(
    fc.property(configs, (c) => {
      const site = siteOf(c);
      const decision = decideRequest(site, DEFAULT_OPTIONS, 'cics1', callerOf(c, site));
      const expected = oracle(c);
      const observed =
        decision.outcome === 'ran'
          ? {
              outcome: 'ran',
              taskUser: decision.taskUser,
              transid: decision.transid,
              ...(expected.outcome === 'ran' && expected.checked ? { checked: [...decision.checked].sort() } : {}),
            }
          : { outcome: decision.outcome, ...('by' in decision ? { by: decision.by } : {}) };
      assert.deepEqual(observed, expected, JSON.stringify(decision.trace.map((t) => `${t.rule}: ${t.note}`)));
    }),
    { numRuns: 3000 },
  );
});

test('the oracle itself spans every row of the three tables and every verdict', () => {
  // Guards against a generator that never reaches part of the tables, which would make the property vacuous.
  const seen = new Set<string>();
  fc.assert(
    fc.property(configs, (c) => {
      const e = oracle(c);
      const link = linkUser(c);
      const row = link === null ? 'not specified' : link === userIdOf(REGION_USER) ? 'region user' : 'other';
      seen.add(`${c.sec ? c.userauth : 'SEC=NO'}/${c.sec ? row : ''}/${e.outcome}`);
    }),
    { numRuns: 3000, seed: 42 },
  );
  for (const userauth of ['LOCAL', 'DEFAULTUSER', 'IDENTIFY', 'VERIFY'])
    for (const row of ['not specified', 'region user', 'other'])
      for (const outcome of ['ran', 'refused'])
        assert.ok(seen.has(`${userauth}/${row}/${outcome}`), `${userauth}/${row}/${outcome}`);
  assert.ok(seen.has('SEC=NO//ran'));
});
