/**
 * Turns RACF profiles into the permits the reference model reads (class, resource, user, access), for
 * exactly the resources CICS checks: each transaction (TCICSTRN/GCICSTRN, or the XTRAN=name classes),
 * the API's program (MCICSPPT/NCICSPPT) and the region's APPLID (APPL). The model then never needs to
 * know about generic profiles, grouping classes, groups or UACC.
 *
 * How RACF picks the profile for a resource name: a discrete profile in the member class first, then a
 * grouping-class profile that lists the name as a member, then the most specific generic profile.
 * Access for a user: the user's own entry, else the highest entry of the user's groups, else ID(*), else
 * UACC. A profile in WARNING mode lets everyone through.
 *
 * With no profile at all: CICS counts a transaction or program without a profile as refused (CICS 6.x
 * "Transaction security": no matching profile is a negative decision, R49), while RACF lets anyone use
 * an application with no APPL profile (R40).
 */
import type { Permit, RacfClass } from '../model';
import type { Diagnostics } from './diagnostics';
import { ACCESS_LEVELS, type Access, type RacfDatabase, type RacfProfile } from './racf';

export interface ProtectedResource {
  /** The class the model checks (TCICSTRN, MCICSPPT, APPL). */
  modelClass: RacfClass;
  /** The name the model checks (with the region user ID in front under SECPRFX=YES). */
  modelName: string;
  memberClass: string;
  groupingClass?: string;
  /** The resource name RACF is asked about (with the SECPRFX prefix, if any). */
  racfName: string;
  /** When no profile protects it: nobody (CICS resources) or everybody (APPL). */
  unprotected: 'refused' | 'allowed';
}

export function permitsFor(db: RacfDatabase, resources: ProtectedResource[], diagnostics: Diagnostics): Permit[] {
  const permits: Permit[] = [];
  const users = [...db.users.values()];
  for (const resource of resources) {
    const profiles = protectingProfiles(db, resource, diagnostics);
    for (const user of users) {
      const level =
        profiles.length === 0
          ? resource.unprotected === 'allowed'
            ? 'READ'
            : 'NONE'
          : highest(profiles.map((p) => accessOf(p, user.id, user.groups)));
      const permit = modelAccess(level);
      if (permit)
        permits.push({ class: resource.modelClass, profile: resource.modelName, userid: user.id, access: permit });
    }
  }
  return permits;
}

function protectingProfiles(db: RacfDatabase, resource: ProtectedResource, diagnostics: Diagnostics): RacfProfile[] {
  const discrete = db.profiles.find((p) => p.cls === resource.memberClass && p.name === resource.racfName);
  if (discrete) return [discrete];
  const grouping = resource.groupingClass
    ? db.profiles.filter(
        (p) => p.cls === resource.groupingClass && [...p.members].some((m) => matches(m, resource.racfName)),
      )
    : [];
  if (grouping.length > 1) {
    diagnostics.warn(
      grouping[1]?.at as RacfProfile['at'],
      `${resource.racfName} is a member of several ${resource.groupingClass} profiles (${grouping.map((g) => g.name).join(', ')}): their access lists are merged`,
    );
  }
  if (grouping.length > 0) return grouping;
  const generic = db.profiles
    .filter((p) => p.cls === resource.memberClass && isGeneric(p.name) && matches(p.name, resource.racfName))
    .sort(
      (a, b) =>
        specificity(b.name) - specificity(a.name) || b.name.length - a.name.length || (a.name < b.name ? -1 : 1),
    );
  return generic.length > 0 ? [generic[0] as RacfProfile] : [];
}

export function isGeneric(name: string): boolean {
  return /[*%]/.test(name);
}

/** Generic profile names: % one character, * any characters within a qualifier (all the rest at the end), ** anything. */
export function matches(profile: string, resource: string): boolean {
  if (!isGeneric(profile)) return profile === resource;
  let pattern = '';
  for (let i = 0; i < profile.length; i++) {
    const c = profile[i] as string;
    if (c === '*' && profile[i + 1] === '*') {
      pattern += '.*';
      i++;
    } else if (c === '*') pattern += i === profile.length - 1 ? '.*' : '[^.]*';
    else if (c === '%') pattern += '[^.]';
    else pattern += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`).test(resource);
}

/** More characters before the first generic one means more specific. */
function specificity(name: string): number {
  const first = name.search(/[*%]/);
  return first < 0 ? name.length : first;
}

function accessOf(profile: RacfProfile, userid: string, groups: Set<string>): Access {
  if (profile.warningMode) return 'ALTER';
  const own = profile.accessList.get(userid);
  if (own) return own;
  const fromGroups = [...groups].map((g) => profile.accessList.get(g)).filter((a): a is Access => a !== undefined);
  if (fromGroups.length > 0) return highest(fromGroups);
  return profile.accessList.get('*') ?? profile.uacc;
}

function highest(levels: Access[]): Access {
  return levels.reduce<Access>(
    (best, level) => (ACCESS_LEVELS.indexOf(level) > ACCESS_LEVELS.indexOf(best) ? level : best),
    'NONE',
  );
}

function modelAccess(level: Access): Permit['access'] | undefined {
  const rank = ACCESS_LEVELS.indexOf(level);
  if (rank >= ACCESS_LEVELS.indexOf('UPDATE')) return 'UPDATE';
  if (rank >= ACCESS_LEVELS.indexOf('READ')) return 'READ';
  return undefined;
}
