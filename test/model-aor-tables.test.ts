/** The three AOR checking tables (rule catalog §2), row by row, against checkedSet and taskUser. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedSet, taskUser, type Region, type Userauth } from '../src/model';

const region: Region = {
  applid: 'AOR',
  sec: true,
  dfltuser: 'DFLTUSER',
  regionUserid: 'USERIDA',
  xtran: true,
  secprfx: false,
  keyringCas: [],
};
const LINKS = { not_specified: null, USERIDA: 'USERIDA', USERIDB: 'USERIDB' } as const;

const TABLES: [Userauth, keyof typeof LINKS, string[], string][] = [
  ['LOCAL', 'not_specified', ['DFLTUSER'], 'DFLTUSER'],
  ['LOCAL', 'USERIDA', ['DFLTUSER'], 'DFLTUSER'],
  ['LOCAL', 'USERIDB', ['USERIDB'], 'USERIDB'],
  ['DEFAULTUSER', 'not_specified', ['DFLTUSER'], 'DFLTUSER'],
  ['DEFAULTUSER', 'USERIDA', ['DFLTUSER'], 'DFLTUSER'],
  ['DEFAULTUSER', 'USERIDB', ['USERIDB', 'DFLTUSER'], 'DFLTUSER'],
  ['IDENTIFY', 'not_specified', ['TRANSMITTED', 'DFLTUSER'], 'TRANSMITTED'],
  ['IDENTIFY', 'USERIDA', ['TRANSMITTED'], 'TRANSMITTED'],
  ['IDENTIFY', 'USERIDB', ['TRANSMITTED', 'USERIDB'], 'TRANSMITTED'],
  ['VERIFY', 'not_specified', ['TRANSMITTED', 'DFLTUSER'], 'TRANSMITTED'],
  ['VERIFY', 'USERIDA', ['TRANSMITTED'], 'TRANSMITTED'],
  ['VERIFY', 'USERIDB', ['TRANSMITTED', 'USERIDB'], 'TRANSMITTED'],
];

for (const [userauth, link, checked, runsAs] of TABLES) {
  test(`${userauth} with link user ${link} checks ${checked.join(' and ')} and runs as ${runsAs}`, () => {
    const transmitted = userauth === 'IDENTIFY' || userauth === 'VERIFY' ? 'TRANSMITTED' : undefined;
    const ctx = { region, userauth, linkUser: LINKS[link], transmitted };
    assert.deepEqual([...checkedSet(ctx)].sort(), [...checked].sort());
    assert.equal(taskUser(ctx), runsAs);
  });
}

test('IDENTIFY without a transmitted user is an error, never an empty checked set', () => {
  assert.throws(() => checkedSet({ region, userauth: 'IDENTIFY', linkUser: null }));
});
