/**
 * An inventory is loaded once per process (src/inventory/load.ts): the masker and the live target both ask
 * for the run's inventory, and a large one takes seconds. A kept load must never be served once what it was
 * read from has changed: the inventory's text, the environment, or any file it names. And the two YAML
 * parsers the loader uses (js-yaml for speed, the yaml package for line numbers) must read the project's
 * inventories alike.
 */
import { smallInventory } from './fixtures/inventory/small-inventory';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { parse, stringify } from 'yaml';
import { loadInventory } from '../src/inventory/load';
import { TestPki } from '../src/pki';

const REPO = path.resolve(__dirname, '..');

describe('an inventory loaded once per process', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inventory-once-'));
  const file = path.join(dir, 'site.yaml');
  const env = { SITE_ALICE_PASSWORD: 'Pw4alice' } as NodeJS.ProcessEnv;

  before(async () => {
    const pki = await TestPki.open({ cacheDir: path.join(dir, 'pki'), leafKeyPoolSize: 1 });
    const client = pki.clientCertificate('valid', 'ZCONSRV-ipic');
    writeFileSync(path.join(dir, 'zcon.pem'), client.certificatePem);
    writeFileSync(path.join(dir, 'zcon.key.pem'), client.privateKeyPem, { mode: 0o600 });
    writeFileSync(path.join(dir, 'ca.pem'), pki.trustedCa.certificatePem);
    writeFileSync(path.join(dir, 'bob.password'), 'Pw4bob\n', { mode: 0o600 });
    writeFileSync(file, stringify(inventory('TESTPLEX')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const bob = (loaded: ReturnType<typeof loadInventory>) =>
    loaded.secrets.get(loaded.inventory.sites[0]!.racf.users[1] as object);

  it('serves the same load to every caller while nothing changed', () => {
    const first = loadInventory(file, env);
    assert.equal(loadInventory(file, { ...env }), first, 'an equal environment, the same load');
  });

  it('loads again when a file the inventory names has changed', () => {
    const first = loadInventory(file, env);
    writeFileSync(path.join(dir, 'bob.password'), 'Pw4bob-changed\n');
    // The same size and time would hide a change from a stamp; a real edit changes one or the other.
    utimesSync(path.join(dir, 'bob.password'), new Date(), new Date(Date.now() + 5_000));
    const second = loadInventory(file, env);
    assert.notEqual(second, first);
    assert.equal(bob(second), 'Pw4bob-changed');
  });

  it('loads again when the environment or the inventory text has changed', () => {
    const first = loadInventory(file, env);
    const otherEnv = loadInventory(file, { ...env, SITE_ALICE_PASSWORD: 'Pw4alice-2' });
    assert.notEqual(otherEnv, first);
    const alice = otherEnv.inventory.sites[0]!.racf.users[0] as object;
    assert.equal(otherEnv.secrets.get(alice), 'Pw4alice-2');
    writeFileSync(file, stringify(inventory('OTHERPLEX')));
    assert.equal(loadInventory(file, env).inventory.sites[0]!.name, 'OTHERPLEX');
  });

  it('loads afresh for a caller that gives its own time', () => {
    const first = loadInventory(file, env);
    assert.notEqual(loadInventory(file, env, new Date()), first);
  });
});

describe("the inventory loader's two YAML parsers", () => {
  // Every inventory and YAML input the project ships; js-yaml reads them with the YAML 1.2 core schema.
  const files = [
    'examples/live/site.yaml',
    'examples/site/site.yaml',
    'examples/site/certificates.yaml',
    'test/fixtures/real-world/sites/ansible-zcee/site.yaml',
    'test/fixtures/real-world/sites/cbsa/site.yaml',
    'test/fixtures/real-world/sites/cics-api-first/site.yaml',
  ];
  for (const f of files)
    it(`read ${f} alike`, () => {
      const text = readFileSync(path.join(REPO, f), 'utf8');
      assert.deepEqual(loadYaml(text, { schema: CORE_SCHEMA }), parse(text));
    });

  it('read the scalars of the core schema alike', () => {
    const text = [
      'a: 0123',
      'b: 1_000',
      'c: 0o17',
      'd: 0x1F',
      'e: yes',
      'f: .inf',
      'g: 2001-12-14',
      'h: ~',
      'i: +12',
      'j: 1e3',
      'k: !!str 1',
      'l: "quoted: \\u00e9"',
      "m: 'single ''quoted'''",
      'n: |\n  block\n  text\n',
      'o: [1, two, {three: 3}]',
      'q: TRUE',
      'r: Null',
    ].join('\n');
    assert.deepEqual(loadYaml(text, { schema: CORE_SCHEMA }), parse(text));
  });
});

const inventory = (name: string): Record<string, unknown> => smallInventory(name);
