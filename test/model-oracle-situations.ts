/**
 * Random situations for the oracle, monotonicity and fail-closed properties: every USERAUTH, both
 * LINKAUTHs, every kind of link user (blank, the default user, the region user, a distinct user, one RACF
 * does not define, a revoked one), each column of catalog §3 (what z/OS Connect flows), SEC, XTRAN,
 * SECPRFX, RESSEC, a custom mirror, and any pattern of denied mirror and program access. z/OS Connect runs
 * in the CICS sysplex, so IDENTIFY's trust condition (R14) always holds and every connection is acquired:
 * these properties are about what happens to the request, not about bind security.
 */
import fc from 'fast-check';
import type { HttpCaller, Site } from '../src/model';
import { buildSite, passwordOf, userIdOf } from '../src/targets/model/build-site';
import {
  DEFAULT_USER,
  emptySituation,
  REGION_USER,
  type Alias,
  type Linkauth,
  type Situation,
  type Userauth,
} from '../support/target-port';

/** The users whose access is varied; GHOST is named but never defined to RACF. */
export const PERMISSION_HOLDERS: Alias[] = ['ALICE', 'LINKUSR', DEFAULT_USER, REGION_USER];
export const LINK_CANDIDATES = [null, 'LINKUSR', DEFAULT_USER, REGION_USER, 'GHOST', 'ALICE'] as const;

/** Catalog §3's columns: what z/OS Connect flows to CICS for the caller ALICE. */
export type Flow = 'nothing' | 'user ID' | 'user ID and password';

export interface Config {
  sec: boolean;
  xtran: boolean;
  secprfx: boolean;
  ressec: boolean;
  customMirror: boolean;
  userauth: Userauth;
  linkauth: Linkauth;
  /** SECURITYNAME under SECUSER, the user the client certificate maps to under CERTUSER (never null then). */
  link: (typeof LINK_CANDIDATES)[number];
  clientAuth: boolean;
  linkRevoked: boolean;
  flow: Flow;
  deniedMirror: Alias[];
  deniedProgram: Alias[];
}

export const configs: fc.Arbitrary<Config> = fc
  .record({
    sec: fc.boolean(),
    xtran: fc.boolean(),
    secprfx: fc.boolean(),
    ressec: fc.boolean(),
    customMirror: fc.boolean(),
    userauth: fc.constantFrom<Userauth>('LOCAL', 'IDENTIFY', 'VERIFY', 'DEFAULTUSER'),
    linkauth: fc.constantFrom<Linkauth>('SECUSER', 'CERTUSER'),
    link: fc.constantFrom(...LINK_CANDIDATES),
    clientAuth: fc.boolean(),
    linkRevoked: fc.boolean(),
    flow: fc.constantFrom<Flow>('nothing', 'user ID', 'user ID and password'),
    deniedMirror: fc.subarray(PERMISSION_HOLDERS),
    deniedProgram: fc.subarray(PERMISSION_HOLDERS),
  })
  // A CERTUSER link user comes from a certificate, which always maps to someone here (R4 is not the topic).
  .map((c) => (c.linkauth === 'CERTUSER' && c.link === null ? { ...c, link: 'LINKUSR' as const } : c));

export const MIRROR = (c: Config) => (c.customMirror ? 'ZCMI' : 'CSMI');

/** The configuration in the port's vocabulary: what a scenario's Given-steps would say. */
export function situationOf(c: Config): Situation {
  const s = emptySituation();
  const certificateUser = c.linkauth === 'CERTUSER' ? c.link : 'LINKUSR';
  s.region = { sec: c.sec, xtran: c.xtran, secprfx: c.secprfx };
  s.tcpipService = { ssl: c.clientAuth || c.linkauth === 'CERTUSER' ? 'CLIENTAUTH' : 'NO' };
  s.ipconn = {
    userauth: c.userauth,
    linkauth: c.linkauth,
    ...(c.linkauth === 'SECUSER' ? { securityName: c.link } : {}),
  };
  s.mirror = { ressec: c.ressec, ...(c.customMirror ? { transid: 'ZCMI', copyOfCsmi: true } : {}) };
  s.zosConnect = {
    sameSysplex: true,
    requireAuth: c.flow !== 'nothing',
    tls: s.tcpipService.ssl === 'CLIENTAUTH' ? { state: 'valid', mappedTo: certificateUser } : 'none',
    ...(c.flow === 'user ID and password'
      ? { authData: { user: 'ALICE', secret: { kind: 'password' as const, correct: true } } }
      : {}),
  };
  for (const user of PERMISSION_HOLDERS)
    s.users[user] = {
      transactions: { [MIRROR(c)]: !c.deniedMirror.includes(user) },
      programs: { WHOAMI: !c.deniedProgram.includes(user) },
    };
  s.users.GHOST = { defined: false };
  if (c.linkRevoked) s.users.LINKUSR = { ...s.users.LINKUSR, revoked: true };
  return s;
}

export const siteOf = (c: Config): Site => buildSite(situationOf(c));

/** The HTTP caller behind each column of §3: anonymous (nothing flows) or ALICE with her password. */
export function callerOf(c: Config, site: Site): HttpCaller {
  if (c.flow === 'nothing') return { kind: 'anonymous' };
  const id = userIdOf('ALICE');
  const user = site.racf.users.find((u) => u.id === id);
  return { kind: 'basic', userid: id, password: user?.password ?? passwordOf(id) };
}
