/**
 * The example inventory in examples/live/site.yaml is valid as shipped: the schema accepts it, its
 * cross-references hold, and the real loader reads it once the files it names exist. Its certificate and key
 * paths are placeholders, so the test copies it into a temporary directory and writes throwaway PEMs from the
 * test PKI at those paths, each of the kind its entry declares. Its secrets come from environment variables,
 * which the test sets to random values.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { HarnessInputError } from '../support/errors';
import { isSecretKeyName } from '../support/redaction';
import { emptySituation, isNotApplicable } from '../support/target-port';
import { InventoryError, loadInventory, type LoadedInventory } from '../src/inventory/load';
import { knownSecrets } from '../src/report/known-secrets';
import { checkReferences } from '../src/inventory/references';
import { inventorySchema, type Inventory } from '../src/inventory/schema';
import { TestPki, writeSecretFile } from '../src/pki';
import { putFile, writePkiFiles } from './fixtures/inventory/write-pki-files';
import { createLiveTarget } from '../src/targets/live';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'live', 'site.yaml');

/** The test PKI's name for a certificate of each state the inventory can declare. */

/** Every {env: NAME} and {file: path} secret reference in a parsed YAML document. */
function secretReferences(node: unknown, found = { env: new Set<string>(), file: new Set<string>() }) {
  if (Array.isArray(node)) node.forEach((item) => secretReferences(item, found));
  else if (node && typeof node === 'object') {
    const keys = Object.keys(node);
    const record = node as Record<string, unknown>;
    if (keys.length === 1 && typeof record.env === 'string') found.env.add(record.env);
    else if (keys.length === 1 && typeof record.file === 'string') found.file.add(record.file);
    else Object.values(record).forEach((value) => secretReferences(value, found));
  }
  return found;
}

/** Throwaway values, made afresh for each run: nothing that could be mistaken for a real secret. */
function throwawayEnv(names: Iterable<string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of names) env[name] = `throwaway ${name.toLowerCase()} ${randomBytes(6).toString('hex')}`;
  return env;
}

/** Writes, under dir, every file the inventory names: certificates of their declared kind, keys, CA bundles. */
function writeFilesFor(inventory: Inventory, dir: string, pki: TestPki): void {
  writePkiFiles(inventory, dir, pki);
  for (const site of inventory.sites) {
    for (const server of site.zosConnect.servers) {
      if (server.jwt) {
        const key = server.jwt.algorithm.startsWith('ES')
          ? generateKeyPairSync('ec', { namedCurve: server.jwt.algorithm === 'ES384' ? 'P-384' : 'P-256' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
        putFile(dir, server.jwt.signingKey, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), true);
      }
    }
  }
}

describe('the example inventory examples/live/site.yaml', () => {
  const raw: unknown = parse(readFileSync(EXAMPLE, 'utf8'));
  const references = secretReferences(raw);
  const env = throwawayEnv(references.env);
  const dir = mkdtempSync(path.join(tmpdir(), 'inventory-example-'));
  let loaded: LoadedInventory;

  before(async () => {
    const parsed = inventorySchema.parse(raw);
    const pki = await TestPki.open({ cacheDir: path.join(dir, '.pki-cache'), leafKeyPoolSize: 1 });
    const copy = path.join(dir, 'site.yaml');
    copyFileSync(EXAMPLE, copy);
    writeFilesFor(parsed, dir, pki);
    for (const file of references.file)
      writeSecretFile(path.resolve(dir, file), `throwaway ${randomBytes(6).toString('hex')}`);
    loaded = loadInventory(copy, env);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is accepted by the inventory schema, and its cross-references hold', () => {
    const parsed = inventorySchema.safeParse(raw);
    assert.ok(
      parsed.success,
      `schema problems: ${parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    assert.deepEqual(checkReferences(parsed.data), []);
  });

  it('gives its secrets only as environment variables, named so that the report masker hides their values', () => {
    assert.ok(references.env.size >= 3, 'a few identities with credentials from the environment');
    assert.equal(references.file.size, 0, 'the example uses environment variables only');
    for (const name of references.env) assert.ok(isSecretKeyName(name), `${name} is a name the masker recognises`);
  });

  it('makes the report masker hide exactly its credential values, and none of its ordinary words', () => {
    const known = knownSecrets({ ...env, IPIC_INVENTORY: EXAMPLE });
    assert.deepEqual(known.secrets, Object.values(env).sort());
  });

  it('loads with the real loader, reading every certificate, key, trust store and secret it names', () => {
    const { inventory } = loaded;
    assert.equal(inventory.version, 1);
    assert.equal(inventory.sites.length, 1, 'one test LPAR');
    const site = inventory.sites[0];
    assert.ok(site);
    const server = site.zosConnect.servers[0];
    assert.ok(server);
    assert.equal(server.connections.length, 2, 'two IPIC connections');
    const region = site.cics.regions[0];
    assert.ok(region);
    for (const connection of server.connections) {
      const ipconn = region.ipconns.find((i) => i.applid === connection.applid && i.networkid === connection.networkid);
      assert.ok(ipconn, `connection ${connection.id} reaches a defined IPCONN, not an autoinstalled one`);
      assert.equal(ipconn.tcpipService, connection.tcpipService);
    }
    assert.equal(site.certificates.length, 2);
    for (const cert of site.certificates) {
      assert.equal(loaded.certificates.get(cert)?.subject, `CN=${cert.id},O=Conformance`);
      assert.ok(loaded.secrets.get(cert), `the private key of ${cert.id} was read`);
    }
    for (const user of site.racf.users) {
      if (user.password !== undefined && user.password !== 'none')
        assert.equal(loaded.secrets.get(user), env[(user.password as { env: string }).env]);
    }
    assert.equal(loaded.trustStores.size, 2, 'the HTTPS and the CICS trust bundles');
    assert.equal(inventory.limits.badPasswordAttemptsPerAccount, 1);
    assert.equal(JSON.stringify(loaded.secrets), '"<secrets withheld>"');
  });

  it('applies the schema defaults for what it leaves out', () => {
    const site = loaded.inventory.sites[0];
    const ipconn = site?.cics.regions[0]?.ipconns.find((i) => i.name === 'ZCQA1L');
    assert.equal(ipconn?.linkauth, 'SECUSER');
    assert.equal(ipconn?.idprop, 'NOTALLOWED');
    assert.equal(ipconn?.inService, true);
    const link = site?.zosConnect.servers[0]?.connections.find((c) => c.id === 'cicsqa1Link');
    assert.equal(link?.transidUsage, 'EIB_ONLY');
    assert.equal(site?.certificates[0]?.racfStatus, 'TRUST');
    assert.equal(site?.zosConnect.servers[0]?.verifyServerCertificate, true);
  });

  it('gives the live target situations to arrange, and declines the ones the site cannot offer', async () => {
    const target = createLiveTarget(loaded);
    assert.equal(target.describe().kind, 'live');
    const plain = await target.arrange(emptySituation());
    assert.ok(!isNotApplicable(plain), isNotApplicable(plain) ? plain.notApplicable : '');
    await plain.dispose();

    const verify = emptySituation();
    verify.ipconn.userauth = 'VERIFY';
    const declined = await target.arrange(verify);
    assert.ok(isNotApplicable(declined));
    assert.match(
      declined.notApplicable,
      /^no connection in the inventory fits this scenario\. The closest, site MVSQA1/,
    );
    assert.match(declined.notApplicable, /USERAUTH is (LOCAL|IDENTIFY), the scenario needs VERIFY/);

    const otherReading = emptySituation();
    otherReading.assumptions.localWithFlowedUserid = 'reject';
    const unread = await target.arrange(otherReading);
    assert.ok(isNotApplicable(unread));
    assert.match(unread.notApplicable, /the inventory declares that this site behaves as localWithFlowedUserid=ignore/);
  });

  it('loaded in place, without its placeholder files, is a harness error naming each missing file', () => {
    assert.ok(!existsSync(path.join(path.dirname(EXAMPLE), 'placeholder-pki')), 'the placeholder files do not exist');
    let error: unknown;
    try {
      loadInventory(EXAMPLE, env);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof InventoryError, 'an InventoryError');
    assert.ok(error instanceof HarnessInputError, 'a harness input error (exit code 2)');
    const paths = error.problems.map((p) => p.path);
    for (const expected of [
      'sites[0].certificates[0].certificate',
      'sites[0].certificates[1].certificate',
      'sites[0].zosConnect.servers[0].trustStore',
      'sites[0].zosConnect.servers[0].connections[0].tls.trustStore',
    ])
      assert.ok(paths.includes(expected), `a problem at ${expected}; got ${paths.join(', ')}`);
    for (const problem of error.problems) assert.match(problem.expected, /ENOENT: .*placeholder-pki\//);
  });
});
