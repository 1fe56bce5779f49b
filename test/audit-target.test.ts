/**
 * The audit target on the sample site: which connection a Situation fits, how aliases bind to the site's
 * user IDs, why a scenario is not applicable, and the model's decisions on the definitions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_OPTIONS } from '../src/model';
import { loadSite } from '../src/definitions/load-site';
import { createAuditTarget } from '../src/targets/audit';
import { certificateState } from '../src/targets/audit/certificate-state';
import { UnboundAlias } from '../src/targets/audit/callers';
import {
  emptySituation,
  isNotApplicable,
  NotApplicableError,
  REGION_USER,
  type Arrangement,
  type NotApplicable,
  type Situation,
} from '../support/target-port';

const loaded = loadSite('examples/site');
const target = createAuditTarget(loaded, DEFAULT_OPTIONS);

function situation(change: (s: Situation) => void): Situation {
  const s = emptySituation();
  change(s);
  return s;
}

async function arranged(s: Situation): Promise<Arrangement> {
  const result = await target.arrange(s);
  if (isNotApplicable(result)) assert.fail(`not applicable: ${result.notApplicable}`);
  return result;
}

async function declined(s: Situation): Promise<string> {
  const result = await target.arrange(s);
  assert.ok(isNotApplicable(result), 'the audit declines this scenario');
  return (result as NotApplicable).notApplicable;
}

/** The accounts connection: IDENTIFY behind SSL(CLIENTAUTH), link user from the certificate. */
const accounts = (s: Situation) => {
  s.tcpipService.ssl = 'CLIENTAUTH';
  s.ipconn = { linkauth: 'CERTUSER', userauth: 'IDENTIFY' };
  s.zosConnect.tls = { state: 'valid', mappedTo: 'LINKUSR' };
  s.users = { ALICE: {}, LINKUSR: {} };
};

test('a Situation fitting the accounts connection binds aliases to the site user IDs and runs on the model', async () => {
  const arrangement = await arranged(situation(accounts));
  assert.equal(arrangement.userIdOf('LINKUSR'), 'ZCLINK1', "the certificate's RACF user");
  assert.equal(arrangement.userIdOf('ALICE'), 'ALICE', 'a RACF user of the same name is preferred');
  assert.deepEqual(await arrangement.acquire(), { acquired: true });
  assert.deepEqual(await arrangement.send({ caller: { kind: 'basic', user: 'ALICE', password: 'correct' } }), {
    outcome: 'ran',
    taskUser: 'ALICE',
    transid: 'CSMI',
  });
  const evidence = arrangement
    .takeEvidence()
    .map((e) => e.body)
    .join('\n');
  assert.match(evidence, /"id": "cicsAccounts"[\s\S]*examples\/site\/zosconnect\/ipic\.xml:5:5/);
  assert.ok(!loaded.secrets.some((secret) => evidence.includes(secret)), 'no secret in the evidence');
});

test('an alias the scenario wants revoked binds to the revoked user, whom the SAF registry refuses', async () => {
  const arrangement = await arranged(
    situation((s) => {
      accounts(s);
      s.users.BRANCH = { revoked: true };
    }),
  );
  assert.equal(arrangement.userIdOf('BRANCH'), 'BOB');
  const observation = await arrangement.send({ caller: { kind: 'basic', user: 'BRANCH', password: 'correct' } });
  assert.deepEqual(observation, {
    outcome: 'refused',
    by: 'z/OS Connect authentication',
    detail: 'SAF registry does not authenticate BOB',
  });
});

test('the batch connection fits only a scenario that asks for its transaction ZCMI', async () => {
  const verify = (s: Situation) => {
    s.tcpipService.ssl = 'YES';
    s.zosConnect.tls = 'server-auth only';
    s.ipconn = { userauth: 'VERIFY', securityName: 'LINKUSR' };
    s.zosConnect.authData = { user: 'ZCUSER', secret: { kind: 'password', correct: true } };
    s.users = { ZCUSER: {}, LINKUSR: {} };
  };
  const reason = await declined(situation(verify));
  assert.match(
    reason,
    /cicsBatch \(examples\/site\/zosconnect\/ipic\.xml:\d+:5\): connection cicsBatch asks for transaction ZCMI, the scenario needs CSMI/,
  );
  const arrangement = await arranged(
    situation((s) => {
      verify(s);
      s.mirror.transid = 'ZCMI';
    }),
  );
  assert.equal(arrangement.userIdOf('ZCUSER'), 'ZCBATCH');
  assert.equal(arrangement.userIdOf('LINKUSR'), 'ZCLINK2');
  assert.deepEqual(await arrangement.send({ caller: { kind: 'anonymous' } }), {
    outcome: 'refused',
    by: 'z/OS Connect authentication',
    detail: 'no credentials and requireAuth=true',
  });
  const ran = await arrangement.send({ caller: { kind: 'basic', user: 'ZCUSER', password: 'correct' } });
  assert.deepEqual(ran, { outcome: 'ran', taskUser: 'ZCBATCH', transid: 'ZCMI' });
});

test('what the authData holds is classified without revealing it: a scenario wanting a wrong password does not fit', async () => {
  const reason = await declined(
    situation((s) => {
      s.tcpipService.ssl = 'YES';
      s.zosConnect.tls = 'server-auth only';
      s.ipconn = { userauth: 'VERIFY', securityName: 'LINKUSR' };
      s.mirror.transid = 'ZCMI';
      s.zosConnect.authData = { user: 'ZCUSER', secret: { kind: 'password', correct: false } };
      s.users = { ZCUSER: {}, LINKUSR: {} };
    }),
  );
  assert.match(reason, /authData batchCreds holds the correct password, the scenario needs a wrong password/);
  assert.ok(!loaded.secrets.some((secret) => reason.includes(secret)));
});

test('a scenario no connection fits is not applicable, with a reason for every connection and where it is defined', async () => {
  const reason = await declined(
    situation((s) => {
      s.ipconn.userauth = 'DEFAULTUSER';
    }),
  );
  for (const id of ['cicsAccounts', 'cicsBatch', 'cicsLegacy'])
    assert.match(reason, new RegExp(`${id} \\(examples/site/zosconnect/ipic\\.xml:\\d+:5\\): `));
});

test('SIT, RACF options and uncertain readings the site does not have make a scenario not applicable', async () => {
  assert.match(await declined(situation((s) => (s.region.sec = false))), /SIT SEC=YES, the scenario needs SEC=NO/);
  assert.match(await declined(situation((s) => (s.region.mixedCasePasswords = false))), /accepts mixed-case passwords/);
  assert.match(
    await declined(situation((s) => (s.assumptions.identifyWithPassword = 'verify'))),
    /assumes identifyWithPassword=verify/,
  );
});

test('the legacy connection breaks R14 on this site: the model refuses it at the capability exchange', async () => {
  const arrangement = await arranged(
    situation((s) => {
      s.tcpipService.ssl = 'YES';
      s.zosConnect.tls = 'server-auth only';
      s.ipconn = { userauth: 'IDENTIFY', securityName: REGION_USER };
      s.mirror = { transid: 'ZLGY', copyOfCsmi: false };
    }),
  );
  assert.deepEqual(await arrangement.acquire(), {
    acquired: false,
    stage: 'capability exchange',
    detail: 'USERAUTH(IDENTIFY) needs TLS client authentication or a partner in the same sysplex',
  });
});

test('a caller the site cannot play makes the scenario not applicable, saying why; an unbound alias is a harness error', async () => {
  const arrangement = await arranged(situation(accounts));
  const notApplicable = (pattern: RegExp) => (error: unknown) =>
    error instanceof NotApplicableError && pattern.test(error.reason);
  await assert.rejects(
    arrangement.send({ caller: { kind: 'basic', user: 'LINKUSR', password: 'correct' } }),
    notApplicable(/has no password or phrase/),
  );
  await assert.rejects(
    arrangement.send({ caller: { kind: 'jwt', subject: 'ALICE', validity: 'valid' } }),
    notApplicable(/openidConnectClient/),
  );
  await assert.rejects(arrangement.acquire(2), notApplicable(/no second z\/OS Connect connection/));
  assert.throws(
    () => arrangement.userIdOf('NOBODY'),
    (error: unknown) => error instanceof UnboundAlias && !(error instanceof NotApplicableError),
  );
});

test('the definitions port shows the site with its secrets redacted, and where each definition is', async () => {
  const definitions = await target.definitions();
  const text = JSON.stringify(definitions);
  assert.ok(!loaded.secrets.some((secret) => text.includes(secret)), 'no secret crosses the port');
  assert.equal(definitions.sources.ipconn.ZCLGCY?.at.line, 23);
  assert.equal(definitions.site.racf.users.find((u) => u.id === 'ALICE')?.password, '<redacted>');
});

test('certificate states: one flaw names the state; two flaws fit no single state', () => {
  const site = loaded.site;
  const ca = 'CN=Example Bank Root CA,O=Example Bank,C=GB';
  const cert = {
    subject: 'CN=x',
    issuer: ca,
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    extendedKeyUsage: ['clientAuth'],
  };
  assert.equal(certificateState(site, cert), 'valid');
  assert.equal(certificateState(site, { ...cert, notAfter: '2026-05-01T00:00:00Z' }), 'expired');
  assert.equal(certificateState(site, { ...cert, issuer: 'CN=x' }), 'self-signed');
  assert.equal(certificateState(site, { ...cert, issuer: 'CN=Other CA' }), 'issued by an untrusted CA');
  assert.equal(certificateState(site, { ...cert, extendedKeyUsage: ['serverAuth'] }), 'without client-auth key usage');
  assert.equal(certificateState(site, { ...cert, issuer: 'CN=Other CA', notAfter: '2026-05-01T00:00:00Z' }), undefined);
});

test('what a scenario states of RACF certificate mappings and JWT subjects is read from the definitions (R18, R56)', async () => {
  // The accounts certificate is registered to its user (RACDCERT ADD ... TRUST), not mapped by a filter.
  await arranged(
    situation(
      (s) => (accounts(s), (s.zosConnect.tls = { state: 'valid', mappedTo: 'LINKUSR', racfMapping: 'registered' })),
    ),
  );
  assert.match(
    await declined(
      situation(
        (s) => (accounts(s), (s.zosConnect.tls = { state: 'valid', mappedTo: 'LINKUSR', racfMapping: 'name filter' })),
      ),
    ),
    /is mapped by registered, the scenario needs name filter/,
  );
  // server.xml configures no openidConnectClient: Liberty's default, subjects are not mapped to registry users.
  await arranged(situation((s) => (accounts(s), (s.zosConnect.jwtSubjectToRegistryUser = false))));
  assert.match(
    await declined(situation((s) => (accounts(s), (s.zosConnect.jwtSubjectToRegistryUser = true)))),
    /mapIdentityToRegistryUser=false for JWTs, the scenario needs true/,
  );
  // No HTTP client certificate of ALICE's is held with NOTRUST.
  assert.match(
    await declined(situation((s) => (accounts(s), (s.users.ALICE = { httpCertificateTrusted: false })))),
    /no RACF user fits ALICE as the scenario describes it/,
  );
});
