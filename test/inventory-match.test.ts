/**
 * Arranging a scenario on an inventory: stated fields must match, unstated ones prefer the documented
 * defaults, aliases bind to distinct declared users that meet their requirements (some pinned by the
 * definitions: SECURITYNAME, the certificate's owner, the authData user), and a scenario nothing fits is
 * not applicable with a reason that names the closest candidate.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_USER, emptySituation, NotApplicableError, REGION_USER, type Situation } from '../support/target-port';
import type { LoadedInventory } from '../src/inventory/load';
import { SecretStore } from '../src/inventory/materials';
import { matchSituation, type Match } from '../src/inventory/match';
import { connectionFit, resolveConnection, type ResolvedConnection } from '../src/inventory/match-connection';
import { userFit } from '../src/inventory/match-users';
import { inventorySchema, type InventorySite } from '../src/inventory/schema';
import { RunLedger } from '../src/targets/live/ledger';
import { createLiveTarget } from '../src/targets/live/live-target';
import { LiveArrangement, type LiveContext } from '../src/targets/live/live-arrangement';

const user = (id: string, extra: object = {}) => ({
  id,
  password: { env: `PW_${id}` },
  transactions: { CSMI: true },
  ...extra,
});
const conn = (id: string, applid: string, extra: object = {}) => ({
  id,
  region: 'CICSAOR1',
  tcpipService: 'IPICSSL',
  applid,
  networkid: 'ZCONNET',
  tls: { clientCertificate: 'zcon', trustStore: 'ca.pem' },
  whoami: { path: `/whoami/${id}`, program: 'WHOAMI' },
  ...extra,
});
const ipconn = (name: string, applid: string, extra: object = {}) => ({
  name,
  applid,
  networkid: 'ZCONNET',
  tcpipService: 'IPICSSL',
  ...extra,
});

function inventory(matching = 'prefer-defaults', readings: Record<string, string> = {}): LoadedInventory {
  const parsed = inventorySchema.parse({
    version: 1,
    readings: { identifyWithPassword: 'reject', ...readings },
    matching: { unconstrained: matching },
    sites: [
      {
        name: 'PLEX1',
        racf: {
          revokeAfter: 3,
          users: [
            user('CICSUSER'),
            user('CICSREGN'),
            user('ZCONSRV'),
            user('LINKUSR'),
            user('USER1'),
            user('USER2'),
            user('NOCSMI', { transactions: { CSMI: false } }),
            user('REVOKED1', { revoked: true }),
            user('EXPIRED1', { passwordExpired: true }),
            { id: 'GHOST', defined: false },
          ],
        },
        certificates: [
          { id: 'zcon', certificate: 'zcon.pem', key: 'zcon.key', state: 'valid', mappedTo: 'ZCONSRV' },
          { id: 'old', certificate: 'old.pem', key: 'old.key', state: 'expired', mappedTo: 'ZCONSRV' },
        ],
        cics: {
          regions: [
            {
              applid: 'CICSAOR1',
              sysplex: 'PLEX1',
              defaultUser: 'CICSUSER',
              regionUser: 'CICSREGN',
              tcpipServices: [{ name: 'IPICSSL', host: '127.0.0.1', port: 1491, ssl: 'CLIENTAUTH', autoinstall: true }],
              ipconns: [
                ipconn('ZCLOCAL', 'ZCLOCAL'),
                ipconn('ZCIDENT', 'ZCIDENT', { userauth: 'IDENTIFY', securityName: 'LINKUSR' }),
                ipconn('ZCVERIFY', 'ZCVERIFY', { userauth: 'VERIFY' }),
                ipconn('ZCOLD', 'ZCOLD', { userauth: 'IDENTIFY' }),
                ipconn('ZCVPLAIN', 'ZCVPLAIN', { userauth: 'VERIFY' }),
                ipconn('ZCLLINK', 'ZCLLINK', { securityName: 'LINKUSR' }),
                ipconn('ZCVLINK', 'ZCVLINK', { userauth: 'VERIFY', securityName: 'NOCSMI' }),
                ipconn('ZCVLINK2', 'ZCVLINK2', { userauth: 'VERIFY', securityName: 'USER1' }),
              ],
              transactions: [{ transid: 'CSMI', program: 'DFHMIRS', profile: 'DFHCICSA' }],
            },
          ],
        },
        zosConnect: {
          servers: [
            {
              name: 'ZC1',
              baseUrl: 'https://127.0.0.1:9443',
              verifyServerCertificate: false,
              sysplex: null,
              connections: [
                conn('local', 'ZCLOCAL'),
                conn('identify', 'ZCIDENT'),
                conn('verify', 'ZCVERIFY', {
                  authData: { user: 'GHOST', secret: { kind: 'password', correct: false } },
                }),
                conn('expired', 'ZCOLD', { tls: { clientCertificate: 'old', trustStore: 'ca.pem' } }),
                conn('verifyPlain', 'ZCVPLAIN'),
                conn('localLinked', 'ZCLLINK'),
                conn('verifyLinkedNoCsmi', 'ZCVLINK'),
                conn('verifyLinked', 'ZCVLINK2'),
              ],
            },
          ],
        },
      },
    ],
  });
  const secrets = new SecretStore();
  for (const c of parsed.sites[0]?.certificates ?? []) secrets.set(c, 'key');
  return {
    file: 'test.yaml',
    inventory: parsed,
    secrets,
    certificates: new Map(),
    trustStores: new Map(),
    resolvePath: (p) => p,
  };
}

function site(): InventorySite {
  return inventory().inventory.sites[0] as InventorySite;
}

function resolved(id: string): ResolvedConnection {
  const server = site().zosConnect.servers[0] as InventorySite['zosConnect']['servers'][number];
  const connection = server.connections.find((c) => c.id === id);
  const rc = connection && resolveConnection(site(), server, connection);
  assert.ok(rc, id);
  return rc;
}

/** What userFit needs to know of a candidate connection: the test site's, running CSMI and WHOAMI. */
function userContext() {
  return {
    site: site(),
    mirror: 'CSMI',
    program: 'WHOAMI',
    phraseLength: () => undefined,
    phrase: () => undefined,
    usage: () => 0,
  };
}

function situation(edit: (s: Situation) => void): Situation {
  const s = emptySituation();
  edit(s);
  return s;
}

function matched(result: Match | { notApplicable: string }): Match {
  assert.ok(!('notApplicable' in result), 'notApplicable' in result ? result.notApplicable : '');
  return result as Match;
}

describe('matching a situation to an inventory', () => {
  it('finds the connection whose definitions say what the scenario states', () => {
    const m = matched(
      matchSituation(
        inventory(),
        situation((s) => (s.ipconn.userauth = 'VERIFY')),
        new RunLedger(1),
      ),
    );
    assert.equal(m.first.connection.id, 'verifyPlain');
  });

  it('binds the special users to the region, and SECURITYNAME pins the link user', () => {
    const s = situation((s) => {
      s.ipconn.userauth = 'IDENTIFY';
      s.ipconn.securityName = 'LINK';
      s.users.ALICE = {};
    });
    const m = matched(matchSituation(inventory(), s, new RunLedger(1)));
    assert.equal(m.first.connection.id, 'identify');
    assert.equal(m.bindings.get('LINK'), 'LINKUSR');
    assert.equal(m.bindings.get(DEFAULT_USER), 'CICSUSER');
    assert.equal(m.bindings.get(REGION_USER), 'CICSREGN');
    assert.ok(
      !['LINKUSR', 'CICSUSER', 'CICSREGN'].includes(m.bindings.get('ALICE') as string),
      'ALICE gets a user of her own',
    );
  });

  it('binds each alias to a distinct user who meets its stated requirements', () => {
    const s = situation((s) => {
      s.users.ALICE = { transactions: { CSMI: false } };
      s.users.BOB = { revoked: true };
      s.users.CAROL = {};
    });
    const m = matched(matchSituation(inventory(), s, new RunLedger(1)));
    assert.equal(m.bindings.get('ALICE'), 'NOCSMI');
    assert.equal(m.bindings.get('BOB'), 'REVOKED1');
    assert.ok(['ZCONSRV', 'LINKUSR', 'USER1', 'USER2'].includes(m.bindings.get('CAROL') as string), 'a plain user');
  });

  it('the certificate and authData pin their users; a user RACF does not define can be named', () => {
    const s = situation((s) => {
      s.zosConnect.tls = { state: 'valid', mappedTo: 'SRV' };
      s.zosConnect.authData = { user: 'GHOSTY', secret: { kind: 'password', correct: false } };
      s.users.GHOSTY = { defined: false };
    });
    const m = matched(matchSituation(inventory(), s, new RunLedger(1)));
    assert.equal(m.first.connection.id, 'verify');
    assert.equal(m.bindings.get('SRV'), 'ZCONSRV');
    assert.equal(m.bindings.get('GHOSTY'), 'GHOST');
  });

  it('prefers the documented defaults for what the scenario leaves unstated, and says where it deviates', () => {
    const m = matched(matchSituation(inventory(), emptySituation(), new RunLedger(1)));
    assert.equal(m.first.connection.id, 'local', 'USERAUTH(LOCAL), blank SECURITYNAME, no authData');
    assert.ok(
      m.deviations.some((d) => /SSL is CLIENTAUTH \(default NO\)/.test(d)),
      m.deviations.join('; '),
    );
  });

  it('with require-defaults, a deviation from a default disqualifies', () => {
    const plain = situation((s) => {
      s.ipconn.userauth = 'VERIFY';
      s.zosConnect.authData = { user: 'G', secret: { kind: 'password', correct: false } };
      s.users.G = { defined: false };
    });
    const preferred = matched(matchSituation(inventory(), plain, new RunLedger(1)));
    assert.equal(preferred.first.connection.id, 'verify');
    assert.ok(preferred.deviations.length > 0, 'the one fitting connection deviates from a default');
    const result = matchSituation(inventory('require-defaults'), plain, new RunLedger(1));
    assert.ok('notApplicable' in result);
  });

  it('a scenario nothing fits is not applicable, with the closest candidate and its differences', () => {
    const result = matchSituation(
      inventory(),
      situation((s) => (s.tcpipService.ssl = 'YES')),
      new RunLedger(1),
    );
    assert.ok('notApplicable' in result);
    assert.match(
      result.notApplicable,
      /closest, site PLEX1, z\/OS Connect ZC1, connection \w+, differs: TCPIPSERVICE IPICSSL SSL is CLIENTAUTH, the scenario needs YES/,
    );
  });

  it('a certificate of the wrong state does not fit', () => {
    const m = matched(
      matchSituation(
        inventory(),
        situation((s) => (s.zosConnect.tls = { state: 'expired', mappedTo: 'X' })),
        new RunLedger(1),
      ),
    );
    assert.equal(m.first.connection.id, 'expired');
    const none = matchSituation(
      inventory(),
      situation((s) => (s.zosConnect.tls = { state: 'self-signed', mappedTo: 'X' })),
      new RunLedger(1),
    );
    assert.ok('notApplicable' in none);
  });

  it('a stated way of mapping the client certificate needs the inventory to say it (racfMapping, R18)', () => {
    const registered = (s: Situation) =>
      (s.zosConnect.tls = { state: 'valid', mappedTo: 'X', racfMapping: 'registered' });
    const unsaid = matchSituation(inventory(), situation(registered), new RunLedger(1));
    assert.ok('notApplicable' in unsaid);
    assert.match(unsaid.notApplicable, /does not say how RACF maps it \(racfMapping\), the scenario needs registered/);
    const rc = resolved('local');
    assert.ok(rc.certificate);
    const fit = (racfMapping: 'registered' | 'name filter') =>
      connectionFit(
        site(),
        { ...rc, certificate: { ...rc.certificate!, racfMapping } },
        situation(registered),
        situation(registered).zosConnect.tls,
      ).mismatches.join();
    assert.doesNotMatch(fit('registered'), /maps it|mapped by/);
    assert.match(fit('name filter'), /is mapped by name filter, the scenario needs registered/);
  });

  it("a stated JWT subject mapping needs the server's jwt to say it (mapIdentityToRegistryUser, R56)", () => {
    const rc = resolved('local');
    const withJwt = (mapIdentityToRegistryUser?: boolean) => ({
      ...rc,
      server: {
        ...rc.server,
        jwt: {
          issuer: 'https://idp',
          algorithm: 'RS256' as const,
          signingKey: 'k.pem',
          lifetimeSeconds: 300,
          mapIdentityToRegistryUser,
        },
      },
    });
    const passesOn = situation((s) => (s.zosConnect.jwtSubjectToRegistryUser = false));
    const mismatches = (r: ResolvedConnection) => connectionFit(site(), r, passesOn, undefined).mismatches.join();
    assert.match(mismatches(withJwt(undefined)), /does not say whether it maps subjects to registry users/);
    assert.match(mismatches(withJwt(true)), /mapIdentityToRegistryUser is YES, the scenario needs NO/);
    assert.doesNotMatch(mismatches(withJwt(false)), /mapIdentityToRegistryUser|registry users/);
    // Unstated: either will do.
    assert.doesNotMatch(
      connectionFit(site(), withJwt(true), emptySituation(), undefined).mismatches.join(),
      /registry/,
    );
  });

  it('a user whose HTTP client certificate the scenario wants NOTRUST needs one the inventory holds so (R18)', () => {
    const alice = site().racf.users.find((u) => u.id === 'USER1');
    const http = (racfStatus: 'TRUST' | 'NOTRUST') => ({
      ...userContext(),
      site: {
        ...site(),
        certificates: [
          ...site().certificates,
          {
            id: 'h',
            certificate: 'h.pem',
            key: 'h.key',
            state: 'valid' as const,
            mappedTo: 'USER1',
            racfStatus,
            registeredAsTrusted: false,
            use: ['http' as const],
          },
        ],
      },
    });
    const want = { httpCertificateTrusted: false };
    assert.match(
      userFit(alice, 'ALICE', want, userContext()).mismatches.join(),
      /HTTP client certificate mapped to it with status NOTRUST/,
    );
    assert.match(userFit(alice, 'ALICE', want, http('TRUST')).mismatches.join(), /status NOTRUST/);
    assert.deepEqual(userFit(alice, 'ALICE', want, http('NOTRUST')).mismatches, []);
  });

  it('spreads use over equivalent users, run after run', () => {
    const ledger = new RunLedger(1);
    const s = situation((s) => (s.users.ALICE = {}));
    const first = matched(matchSituation(inventory(), s, ledger));
    ledger.recordUse('PLEX1', 'ZC1', first.first.connection.id, first.bindings.values());
    const second = matched(matchSituation(inventory(), s, ledger));
    assert.notEqual(second.bindings.get('ALICE'), first.bindings.get('ALICE'));
  });

  it('an authData with a wrong password needs budget left on its user', () => {
    const ledger = new RunLedger(1);
    const s = situation((s) => {
      s.zosConnect.authData = { user: 'G', secret: { kind: 'password', correct: false } };
      s.users.G = { defined: false };
    });
    const site = inventory().inventory.sites[0];
    matched(matchSituation(inventory(), s, ledger));
    assert.ok(site && ledger.spend(site, 'GHOST'));
    const result = matchSituation(inventory(), s, ledger);
    assert.ok('notApplicable' in result);
    assert.match(result.notApplicable, /no bad-password attempts left/);
  });

  it('a connection with authData is no candidate for a scenario that does not state one (R31 replaces the identity)', () => {
    const s = situation((s) => {
      s.ipconn.userauth = 'VERIFY';
      s.users.ALICE = {};
    });
    const ledger = new RunLedger(1);
    for (let run = 0; run < 3; run++) {
      const m = matched(matchSituation(inventory(), s, ledger));
      assert.notEqual(m.first.connection.id, 'verify', 'the only VERIFY connection with authData');
      ledger.recordUse('PLEX1', 'ZC1', m.first.connection.id, m.bindings.values());
    }
    const fit = connectionFit(site(), resolved('verify'), s, s.zosConnect.tls);
    assert.ok(
      fit.forRequests.some((m) => /connection verify has authData, which the scenario does not state/.test(m)),
      fit.forRequests.join('; '),
    );
  });

  it('a revoked, expired or undefined user is bound only where the scenario says so', () => {
    // Four usable users are free to bind (ZCONSRV, LINKUSR, USER1, USER2; NOCSMI may not attach the mirror).
    const four = situation((s) => {
      for (const alias of ['A1', 'A2', 'A3', 'A4']) s.users[alias] = {};
    });
    const m = matched(matchSituation(inventory(), four, new RunLedger(1)));
    for (const id of m.bindings.values()) assert.ok(!['REVOKED1', 'EXPIRED1', 'GHOST'].includes(id), id);
    const five = situation((s) => {
      for (const alias of ['A1', 'A2', 'A3', 'A4', 'A5']) s.users[alias] = {};
    });
    assert.ok('notApplicable' in matchSituation(inventory(), five, new RunLedger(1)), 'only unusable users are left');
    const ctx = userContext();
    const byId = (id: string) => site().racf.users.find((u) => u.id === id);
    assert.match(
      userFit(byId('REVOKED1'), 'BOB', {}, ctx).mismatches.join(),
      /is revoked, and the scenario does not say so/,
    );
    assert.match(userFit(byId('EXPIRED1'), 'BOB', {}, ctx).mismatches.join(), /is password expired/);
    assert.match(userFit(byId('GHOST'), 'BOB', {}, ctx).mismatches.join(), /is not defined to RACF/);
    assert.deepEqual(userFit(byId('REVOKED1'), 'BOB', { revoked: true }, ctx).mismatches, []);
  });

  it('an unstated SECURITYNAME: no request under LOCAL, and under VERIFY only with a link user who may attach the mirror', () => {
    const s = emptySituation();
    const local = connectionFit(site(), resolved('localLinked'), s, s.zosConnect.tls);
    assert.deepEqual(local.mismatches, [], 'acquiring the connection does not depend on its link user');
    assert.ok(
      local.forRequests.some((m) =>
        /SECURITYNAME is LINKUSR: under USERAUTH\(LOCAL\) requests run as that user/.test(m),
      ),
      local.forRequests.join('; '),
    );
    const noCsmi = connectionFit(site(), resolved('verifyLinkedNoCsmi'), s, s.zosConnect.tls);
    assert.ok(
      noCsmi.forRequests.some((m) =>
        /SECURITYNAME is NOCSMI, a link user not declared with READ on TCICSTRN CSMI/.test(m),
      ),
      noCsmi.forRequests.join('; '),
    );
    const linked = connectionFit(site(), resolved('verifyLinked'), s, s.zosConnect.tls);
    assert.deepEqual(linked.forRequests, []);
    assert.ok(!linked.mismatches.some((m) => /SECURITYNAME/.test(m)), linked.mismatches.join('; '));
    assert.ok(linked.deviations.some((d) => /SECURITYNAME is USER1 \(default blank\)/.test(d)));
  });

  it('a connection only a scenario that acquires may use: chosen last, and a request on it is not applicable', async () => {
    const everything = matched(matchSituation(inventory(), emptySituation(), new RunLedger(1)));
    assert.equal(everything.requestsNotApplicable, undefined, 'a connection requests may use wins');
    const onlyLinked = inventory();
    const server = onlyLinked.inventory.sites[0]!.zosConnect.servers[0]!;
    server.connections = server.connections.filter((c) => c.id === 'localLinked');
    const m = matched(matchSituation(onlyLinked, emptySituation(), new RunLedger(1)));
    assert.equal(m.first.connection.id, 'localLinked');
    assert.match(m.requestsNotApplicable ?? '', /requests run as that user/);
    const arrangement = new LiveArrangement({} as LiveContext, m, emptySituation());
    await assert.rejects(
      arrangement.send({ caller: { kind: 'anonymous' } }),
      (error: unknown) => error instanceof NotApplicableError && /requests run as that user/.test(error.reason),
    );
  });

  it('a user the scenario names, declared without READ on the mirror or the program, is no candidate', () => {
    const ctx = userContext();
    const noCsmi = site().racf.users.find((u) => u.id === 'NOCSMI');
    assert.match(
      userFit(noCsmi, 'ALICE', {}, ctx).mismatches.join(),
      /READ on TCICSTRN CSMI is denied, which the scenario does not state/,
    );
    assert.deepEqual(userFit(noCsmi, 'ALICE', { transactions: { CSMI: false } }, ctx).mismatches, []);
    // The default user the scenario does not name only costs a point: sites rightly deny it such access.
    const fit = userFit(noCsmi, DEFAULT_USER, undefined, ctx, true);
    assert.deepEqual(fit.mismatches, []);
    assert.ok(fit.deviations.some((d) => /CSMI is denied/.test(d)));
  });

  it("callers' access to the mirror does not matter where the site declares authData replaces their identity", () => {
    const s = situation((s) => {
      s.ipconn.userauth = 'VERIFY';
      s.zosConnect.authData = { user: 'G', secret: { kind: 'password', correct: false } };
      s.users.G = { defined: false };
      for (const alias of ['A1', 'A2', 'A3', 'A4', 'A5']) s.users[alias] = {};
    });
    // Unknown reading: the callers may reach CICS, so NOCSMI is no candidate and five callers do not fit.
    assert.ok('notApplicable' in matchSituation(inventory(), s, new RunLedger(1)));
    const m = matched(
      matchSituation(inventory('prefer-defaults', { authDataPrecedence: 'connection-level' }), s, new RunLedger(1)),
    );
    assert.ok([...m.bindings.values()].includes('NOCSMI'));
    assert.ok(
      m.deviations.some((d) => /NOCSMI\): READ on TCICSTRN CSMI is denied/.test(d)),
      m.deviations.join('; '),
    );
  });

  it("the live target declines a scenario that assumes another reading than the site's", async () => {
    const target = createLiveTarget(inventory());
    const result = await target.arrange(situation((s) => (s.assumptions.identifyWithPassword = 'verify')));
    assert.ok('notApplicable' in result);
    assert.match(result.notApplicable, /declares that this site behaves as identifyWithPassword=reject/);
  });
});
