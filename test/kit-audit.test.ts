/**
 * The z/OS kit audits itself: its definitions under their example names (zos-kit/site.yaml) form a site
 * that `IPIC_TARGET=audit npm run conformance` judges conformant, read by the same parsers that read a
 * site's own members (JCL with in-stream DFHCSDUP and TSO data, z/OS symbols, server.xml and includes).
 * A copy with one planted misconfiguration is judged nonconformant, and the audit names the rule, the
 * member and the line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { plantedKitCopy } from './fixtures/kit/planted-copy';
import { after, test } from 'node:test';
import { loadSite } from '../src/definitions/load-site';
import { findings } from './fixtures/definitions/site-variants';
import { runConformanceHere } from './fixtures/report/run';

const scratch = mkdtempSync(path.join(tmpdir(), 'kit-audit-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** `IPIC_TARGET=audit npm run conformance` on the definitions in `definitions`, in this process. */
async function conformance(definitions: string, name: string): Promise<{ status: number | null; out: string }> {
  const run = await runConformanceHere(
    [],
    // Nothing here reads the Allure HTML report, and building it starts a JVM (seconds).
    { IPIC_TARGET: 'audit', IPIC_DEFINITIONS: definitions, IPIC_SKIP_ALLURE_HTML: '1' },
    path.join(scratch, `reports-${name}`),
  );
  return { status: run.code, out: `${run.stdout}\n${run.stderr}` };
}

test('the kit, under its example names, is read without a warning and meets every configuration requirement', async () => {
  const loaded = loadSite('zos-kit');
  // The one warning the kit accepts: the authData password is an {aes} placeholder the audit cannot decode.
  assert.deepEqual(
    loaded.warnings.map((w) => w.message),
    [
      'zosconnect_authData kitVerifyCreds: the password is {aes} or {hash} encoded, so the audit cannot tell whether RACF accepts it',
    ],
  );
  assert.deepEqual([...(await findings('zos-kit')).entries()], []);
  assert.deepEqual(loaded.site.ipconns.map((i) => `${i.name} ${i.userauth} ${i.linkauth}`).sort(), [
    'KITDFLT DEFAULTUSER SECUSER',
    'KITIDNT IDENTIFY CERTUSER',
    'KITLOCL LOCAL SECUSER',
    'KITVRFY VERIFY SECUSER',
  ]);
});

test('IPIC_TARGET=audit judges the kit conformant (exit 0)', async () => {
  const run = await conformance('zos-kit', 'kit');
  assert.equal(run.status, 0, run.out.slice(-3000));
  assert.match(run.out, /verdict: CONFORMANT \(exit 0\)/);
  assert.match(run.out, /0 nonconformant, \d+ not applicable, 0 harness errors/);
});

test('a copy with the region user as link user is nonconformant, and the audit names R21, the member and the line', async () => {
  const { dir: copy, csd: planted } = plantedKitCopy(
    path.join(scratch, 'planted'),
    'SECURITYNAME(&LINKUSR.) USERAUTH(LOCAL)',
    'SECURITYNAME(&REGUSR.) USERAUTH(LOCAL)',
  );
  const line = planted.split('\n').findIndex((l) => l.includes('SECURITYNAME(&REGUSR.)')) + 1;

  const found = await findings(copy);
  assert.deepEqual([...found.keys()], ['R21']);
  assert.match(
    (found.get('R21') ?? []).join('\n'),
    new RegExp(`IPCONN KITLOCL, link user CICSKREG .*cics/KITCSD\\.jcl:${line}:\\d+`),
  );
  const run = await conformance(copy, 'planted');
  assert.equal(run.status, 1, run.out.slice(-3000));
  assert.match(run.out, /verdict: NONCONFORMANT/);
  const report = readFileSync(path.join(scratch, 'reports-planted', 'conformance.md'), 'utf8');
  assert.match(report, new RegExp(`R21/R22: IPCONN KITLOCL.*KITCSD\\.jcl:${line}:\\d+`));
});
