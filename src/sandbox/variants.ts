/**
 * One sandbox "region" per recorded scenario: its Situation with the aliases renamed to user IDs of the
 * variant's own (ALICE becomes ALI17A in variant 17, so a live target that guessed user IDs from aliases
 * would fail), turned into model definitions by the model target's buildSite. Each variant stands for a
 * separate site: its own RACF, CICS region and z/OS Connect server.
 */
import type { Site } from '../model';
import {
  DEFAULT_USER,
  REGION_USER,
  type Alias,
  type Caller,
  type RequestSpec,
  type Situation,
} from '../../support/target-port';
import { buildSite } from '../targets/model/build-site';
import { aliasesOf } from '../inventory/match';
import type { RecordedScenario } from './recording-target';

export interface Variant {
  index: number;
  name: string;
  situation: Situation;
  requests: RequestSpec[];
  /** The model's definitions, replaced (not mutated) as RACF state changes during the run. */
  site: Site;
}

export function planVariants(scenarios: RecordedScenario[]): Variant[] {
  return scenarios.map((scenario, i) => {
    const index = i + 1;
    const names = aliasNames(index, scenario);
    const rename = (alias: Alias) => names.get(alias) ?? alias;
    const situation = renameSituation(scenario.situation, rename);
    return {
      index,
      name: `SBX${index}`,
      situation,
      requests: scenario.requests.map((r) => ({ ...r, caller: renameCaller(r.caller, rename) })),
      site: buildSite(situation),
    };
  });
}

function aliasNames(index: number, scenario: RecordedScenario): Map<Alias, string> {
  const aliases = new Set(aliasesOf(scenario.situation));
  for (const request of scenario.requests) for (const alias of callerAliases(request.caller)) aliases.add(alias);
  const names = new Map<Alias, string>();
  let n = 0;
  for (const alias of aliases) {
    if (alias === DEFAULT_USER || alias === REGION_USER) continue;
    const stem = alias.replace(/[^A-Z]/g, '').slice(0, 3) || 'USR';
    names.set(alias, `${stem}${index.toString(36).toUpperCase()}${String.fromCharCode(65 + n++)}`);
  }
  return names;
}

function callerAliases(caller: Caller): Alias[] {
  switch (caller.kind) {
    case 'basic':
      return [caller.user];
    case 'certificate':
      return caller.mappedTo ? [caller.mappedTo] : [];
    case 'jwt':
      return [caller.subject];
    default:
      return [];
  }
}

function renameSituation(s: Situation, rename: (a: Alias) => string): Situation {
  const cert = <T extends Situation['zosConnect']['tls']>(tls: T): T =>
    tls && typeof tls === 'object'
      ? ({ ...tls, mappedTo: tls.mappedTo === null ? null : rename(tls.mappedTo) } as T)
      : tls;
  const zc = s.zosConnect;
  return {
    ...structuredClone(s),
    ipconn: { ...s.ipconn, ...(s.ipconn.securityName ? { securityName: rename(s.ipconn.securityName) } : {}) },
    zosConnect: {
      ...zc,
      tls: cert(zc.tls),
      secondConnectionCertificate: zc.secondConnectionCertificate ? cert(zc.secondConnectionCertificate) : undefined,
      ...(zc.serverUser ? { serverUser: rename(zc.serverUser) } : {}),
      ...(zc.authData
        ? { authData: { ...zc.authData, user: zc.authData.user === null ? null : rename(zc.authData.user) } }
        : {}),
    },
    users: Object.fromEntries(Object.entries(s.users).map(([alias, req]) => [rename(alias), structuredClone(req)])),
  };
}

function renameCaller(caller: Caller, rename: (a: Alias) => string): Caller {
  switch (caller.kind) {
    case 'basic':
      return { ...caller, user: rename(caller.user) };
    case 'certificate':
      return { ...caller, mappedTo: caller.mappedTo === null ? null : rename(caller.mappedTo) };
    case 'jwt':
      return { ...caller, subject: rename(caller.subject) };
    default:
      return caller;
  }
}
