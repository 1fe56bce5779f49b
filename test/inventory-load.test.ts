/**
 * A malformed inventory is a harness error, never a finding: each kind of mistake gets an error that names
 * the file, the line, the field's path and what was expected, without echoing a secret, and the runner
 * exits with code 2. A well-formed one loads, with its files and secrets read.
 */
import { smallInventory } from './fixtures/inventory/small-inventory';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { EXIT_HARNESS_ERROR, HarnessInputError } from '../support/errors';
import { InventoryError, loadInventory } from '../src/inventory/load';
import { TestPki } from '../src/pki';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PASSWORD = 'Pw4alice';
const INLINE_SECRET = 'Inl1ne-S3cret';

describe('inventory loading', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inventory-'));
  const env = { SITE_ALICE_PASSWORD: PASSWORD } as NodeJS.ProcessEnv;

  before(async () => {
    const pki = await TestPki.open({ cacheDir: path.join(dir, 'pki'), leafKeyPoolSize: 1 });
    const client = pki.clientCertificate('valid', 'ZCONSRV-ipic');
    writeFileSync(path.join(dir, 'zcon.pem'), client.certificatePem);
    writeFileSync(path.join(dir, 'zcon.key.pem'), client.privateKeyPem, { mode: 0o600 });
    writeFileSync(path.join(dir, 'expired.pem'), pki.clientCertificate('expired', 'OLD').certificatePem);
    writeFileSync(path.join(dir, 'ca.pem'), pki.trustedCa.certificatePem);
    writeFileSync(path.join(dir, 'bob.password'), 'Pw4bob\n', { mode: 0o600 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, doc: Doc | string) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof doc === 'string' ? doc : stringify(doc));
    return file;
  };
  const problemsOf = (doc: Doc | string, name = 'site.yaml'): InventoryError => {
    const file = write(name, doc);
    try {
      loadInventory(file, env);
    } catch (error) {
      assert.ok(error instanceof InventoryError, `an InventoryError, got ${(error as Error).message}`);
      assert.ok(error instanceof HarnessInputError, 'a harness input error (exit code 2)');
      assert.ok(error.message.includes(file), 'the message names the file');
      return error;
    }
    assert.fail('the inventory loaded');
  };
  const problemAt = (error: InventoryError, fieldPath: string) => {
    const problem = error.problems.find((p) => p.path === fieldPath);
    assert.ok(problem, `a problem at ${fieldPath}; got ${error.problems.map((p) => p.path).join(', ')}`);
    return problem;
  };

  it('loads a well-formed inventory, reading its certificates and secrets', () => {
    const loaded = loadInventory(write('good.yaml', validInventory()), env);
    const site = loaded.inventory.sites[0];
    assert.equal(site?.racf.users[0]?.id, 'ALICE');
    assert.equal(loaded.secrets.get(site?.racf.users[0] as object), PASSWORD);
    assert.equal(
      loaded.secrets.get(site?.racf.users[1] as object),
      'Pw4bob',
      'file secrets lose their trailing newline',
    );
    assert.equal(loaded.certificates.get(site?.certificates[0] as never)?.subject, 'CN=ZCONSRV-ipic,O=Conformance');
    assert.equal(
      loaded.inventory.limits.badPasswordAttemptsPerAccount,
      1,
      'default budget: one bad password per account',
    );
    assert.equal(JSON.stringify(loaded.secrets), '"<secrets withheld>"');
  });

  it('a missing field names its path and says it is missing', () => {
    const doc = validInventory();
    delete doc.sites[0].racf.revokeAfter;
    const problem = problemAt(problemsOf(doc), 'sites[0].racf.revokeAfter');
    assert.match(problem.expected, /number \(the field is missing\)/);
    assert.ok(problem.line && problem.line > 1, 'with the line of the nearest enclosing field');
  });

  it('a field of the wrong type names the expected type', () => {
    const doc = validInventory();
    doc.sites[0].cics.regions[0].tcpipServices[0].port = 'fourteen-ninety-one';
    assert.match(problemAt(problemsOf(doc), 'sites[0].cics.regions[0].tcpipServices[0].port').expected, /^number/);
  });

  it('an unknown USERAUTH value lists the values CICS knows', () => {
    const doc = validInventory();
    doc.sites[0].cics.regions[0].ipconns[0].userauth = 'TRUSTED';
    const problem = problemAt(problemsOf(doc), 'sites[0].cics.regions[0].ipconns[0].userauth');
    assert.equal(problem.expected, 'one of LOCAL, IDENTIFY, VERIFY, DEFAULTUSER');
  });

  it('an unreadable certificate file names the field and the file', () => {
    const doc = validInventory();
    doc.sites[0].certificates[0].certificate = 'missing/zcon.pem';
    const problem = problemAt(problemsOf(doc), 'sites[0].certificates[0].certificate');
    assert.match(problem.expected, /readable PEM certificate file \(ENOENT: .*missing\/zcon\.pem\)/);
  });

  it('a secret given inline is refused, and never echoed', () => {
    const doc = validInventory();
    doc.sites[0].racf.users[0].password = INLINE_SECRET;
    const error = problemsOf(doc);
    assert.match(problemAt(error, 'sites[0].racf.users[0].password').expected, /inline secrets are not allowed/);
    assert.ok(!error.message.includes(INLINE_SECRET), 'the message does not contain the secret');
  });

  it('an inline private key is refused where a key file is expected', () => {
    const doc = validInventory();
    doc.sites[0].certificates[0].key = '-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----';
    const error = problemsOf(doc);
    assert.match(problemAt(error, 'sites[0].certificates[0].key').expected, /must not be written inline/);
    assert.ok(!error.message.includes('MIIE'));
  });

  it('an environment variable that is not set is named', () => {
    const doc = validInventory();
    doc.sites[0].racf.users[0].password = { env: 'NOT_SET_ANYWHERE' };
    assert.match(problemAt(problemsOf(doc), 'sites[0].racf.users[0].password').expected, /NOT_SET_ANYWHERE to be set/);
  });

  it('a certificate whose file contradicts its declared state is refused', () => {
    const doc = validInventory();
    doc.sites[0].certificates.push({
      id: 'old',
      certificate: 'expired.pem',
      state: 'valid',
      mappedTo: null,
      use: ['http'],
    });
    assert.match(
      problemAt(problemsOf(doc), 'sites[0].certificates[1].state').expected,
      /declared valid, but the certificate is expired/,
    );
  });

  it('a misspelt field is named', () => {
    const doc = validInventory();
    doc.sites[0].cics.regions[0].ipconns[0].userAuth = 'IDENTIFY';
    assert.match(problemAt(problemsOf(doc), 'sites[0].cics.regions[0].ipconns[0]').expected, /no field named userAuth/);
  });

  it('a reference to something the inventory does not declare is named', () => {
    const doc = validInventory();
    doc.sites[0].zosConnect.servers[0].connections[0].region = 'CICSNONE';
    assert.match(
      problemAt(problemsOf(doc), 'sites[0].zosConnect.servers[0].connections[0].region').expected,
      /one of CICSAOR1/,
    );
  });

  it('a bad-password budget that could revoke an account is refused unless the account may be revoked', () => {
    const doc = validInventory();
    doc.limits = { badPasswordAttemptsPerAccount: 3 };
    assert.match(
      problemAt(problemsOf(doc), 'sites[0].racf.users[0].badPasswordBudget').expected,
      /fewer than revokeAfter \(3\)/,
    );
  });

  it('a YAML syntax error gives its line, not the text around it', () => {
    const text = `version: 1\nsites:\n  - name: X\n    password: "${INLINE_SECRET}\n  bad: [\n`;
    const error = problemsOf(text, 'broken.yaml');
    assert.equal(error.problems[0]?.path, '(YAML)');
    assert.ok(error.problems[0]?.line, 'a line number');
    assert.ok(!error.message.includes(INLINE_SECRET));
  });

  it('an unreadable inventory file is a harness error naming it', () => {
    assert.throws(
      () => loadInventory(path.join(dir, 'nope.yaml'), env),
      (e: Error) => e instanceof HarnessInputError && /nope\.yaml.*ENOENT/.test(e.message),
    );
  });

  describe('through the conformance runner: exit code 2, case by case', () => {
    const cases: [string, (doc: Doc) => void, RegExp][] = [
      [
        'missing field',
        (d) => delete d.sites[0].racf.revokeAfter,
        /sites\[0\]\.racf\.revokeAfter: expected number \(the field is missing\)/,
      ],
      [
        'wrong type',
        (d) => (d.sites[0].cics.regions[0].tcpipServices[0].port = 'x'),
        /tcpipServices\[0\]\.port: expected number/,
      ],
      [
        'unknown USERAUTH',
        (d) => (d.sites[0].cics.regions[0].ipconns[0].userauth = 'TRUSTED'),
        /userauth: expected one of LOCAL, IDENTIFY, VERIFY, DEFAULTUSER/,
      ],
      [
        'unreadable certificate file',
        (d) => (d.sites[0].certificates[0].certificate = 'gone.pem'),
        /certificates\[0\]\.certificate: expected a readable PEM certificate file/,
      ],
      // The runner's masker hides the word after "password:" in its output, so match around it.
      [
        'secret given inline',
        (d) => (d.sites[0].racf.users[0].password = INLINE_SECRET),
        /sites\[0\]\.racf\.users\[0\]\.password: .*inline secrets are not allowed/,
      ],
    ];
    const saved = { ...process.env };
    after(() => {
      for (const key of [
        'IPIC_TARGET',
        'IPIC_INVENTORY',
        'IPIC_REPORTS_DIR',
        'IPIC_SKIP_ALLURE_HTML',
        'SITE_ALICE_PASSWORD',
      ]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    });
    for (const [name, mutate, expected] of cases) {
      it(name, async () => {
        const doc = validInventory();
        mutate(doc);
        Object.assign(process.env, {
          IPIC_TARGET: 'live',
          IPIC_INVENTORY: write(`${name.replace(/\W+/g, '-')}.yaml`, doc),
          IPIC_REPORTS_DIR: path.join(dir, 'reports'),
          IPIC_SKIP_ALLURE_HTML: '1',
          SITE_ALICE_PASSWORD: PASSWORD,
        });
        const { main } = await import('../src/run');
        const errors: string[] = [];
        const original = console.error;
        const originalLog = console.log;
        console.error = (...args: unknown[]) => void errors.push(args.join(' '));
        console.log = () => {};
        let code: number;
        try {
          code = await main([]);
        } finally {
          console.error = original;
          console.log = originalLog;
        }
        assert.equal(code, EXIT_HARNESS_ERROR);
        assert.match(errors.join('\n'), expected);
        assert.ok(!errors.join('\n').includes(INLINE_SECRET));
      });
    }
  });
});

const validInventory = (): Doc => smallInventory() as Doc;
