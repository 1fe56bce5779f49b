/**
 * The CSD as a DFHCSDUP run leaves it: definitions of the audited resource types by group, and the lists
 * of groups, changed command by command in input order. What a command does is restated from IBM's
 * DFHCSDUP command pages (see csd-commands.ts); where DFHCSDUP would end a command in error (nothing
 * to alter, a duplicate without REPLACE), the CSD is left as it was and the audit says so.
 *
 * Which definitions CICS installs: at a cold or initial start CICS installs the groups of the lists named
 * by the SIT's GRPLIST, list by list and group by group, a later definition of the same resource
 * replacing an earlier one. The audit follows GRPLIST only when it can: when every list it names is
 * built in the commands read (ADD, APPEND) or is one of IBM's (DFH...). It then decides which of two
 * definitions of one resource is read; otherwise the later one written is. Groups GRPLIST leaves out
 * are audited all the same (see installed()).
 */
import type { SourceLocation } from '../../support/definitions-port';
import { matchesGeneric, type AuditedType } from './csd-attributes';
import type { Attributes, CsdCommand, Value } from './csd-commands';
import type { Diagnostics } from './diagnostics';

export interface StoredDefinition {
  type: AuditedType;
  name: string;
  group: string;
  /** The attributes given (never an empty value: an attribute at its default is absent). */
  attributes: Attributes;
  /** The DEFINE, USERDEFINE or COPY that made this definition. */
  at: SourceLocation;
  /** When it was made: of two installed definitions of one resource, the later one wins. */
  order: number;
}

export interface GroupList {
  lists: string[];
  at: SourceLocation;
}

const key = (type: string, group: string, name: string) => `${type} ${group} ${name}`;
const isGeneric = (name: string) => /[*+]/.test(name);

export class CsdStore {
  private readonly definitions = new Map<string, StoredDefinition>();
  private readonly lists = new Map<string, string[]>();
  /** Lists whose groups the audit cannot know (appended from another CSD). */
  private readonly unknownLists = new Set<string>();
  private sequence = 0;

  constructor(private readonly diagnostics: Diagnostics) {}

  apply(command: CsdCommand): void {
    switch (command.kind) {
      case 'DEFINE':
      case 'USERDEFINE':
        return this.define(command);
      case 'ALTER':
        return this.alter(command);
      case 'DELETE':
        return this.delete(command);
      case 'ADD':
        return this.add(command);
      case 'REMOVE':
        return this.remove(command);
      case 'APPEND':
        return this.append(command);
      case 'COPY':
        return this.copy(command);
    }
  }

  private define(command: Extract<CsdCommand, { kind: 'DEFINE' | 'USERDEFINE' | 'ALTER' }>): void {
    const { type, name } = command.resource as { type: AuditedType; name: string };
    if (!command.group || command.group.value === '') {
      this.diagnostics.problem(command.at, `${type}(${name})`, `GROUP(name): DFHCSDUP ${command.kind} needs a group`);
      return;
    }
    let base: Attributes = {};
    if (command.kind === 'USERDEFINE') {
      const user = this.definitions.get(key(type, 'USERDEF', 'USER'));
      if (!user) {
        this.diagnostics.problem(
          command.resource.at,
          `USERDEFINE ${type}(${name})`,
          `a DEFINE ${type}(USER) GROUP(USERDEF) earlier in the input: USERDEFINE takes its defaults from it`,
        );
        return;
      }
      base = { ...user.attributes };
      // The USER definition's description describes the model, not the resource defined from it.
      delete base.DESCRIPTION;
    }
    const group = command.group.value;
    const attributes: Attributes = { ...base };
    for (const [attribute, value] of Object.entries(command.attributes))
      if (value.value !== '') attributes[attribute] = value;
      else delete attributes[attribute];
    const k = key(type, group, name);
    if (this.definitions.has(k))
      this.diagnostics.warn(
        command.at,
        `${type}(${name}) is defined again in group ${group}: this later definition is the one read`,
      );
    this.definitions.delete(k);
    this.definitions.set(k, { type, name, group, attributes, at: command.at, order: ++this.sequence });
  }

  private alter(command: Extract<CsdCommand, { kind: 'DEFINE' | 'USERDEFINE' | 'ALTER' }>): void {
    const { type, name } = command.resource;
    if (!command.group) {
      this.diagnostics.problem(
        command.at,
        `ALTER ${type}(${name})`,
        'GROUP(name): DFHCSDUP ALTER needs the group of the definition',
      );
      return;
    }
    const group = command.group.value;
    const matching = [...this.definitions.values()].filter(
      (d) => d.type === type && matchesGeneric(name, d.name) && matchesGeneric(group, d.group),
    );
    if (matching.length === 0) {
      if (isGeneric(name) || isGeneric(group))
        this.diagnostics.warn(
          command.at,
          `ALTER ${type}(${name}) GROUP(${group}) matches no definition read: nothing altered`,
        );
      else
        this.diagnostics.problem(
          command.resource.at,
          `ALTER ${type}(${name}) GROUP(${group})`,
          `a DEFINE of ${type}(${name}) in group ${group} earlier in the input: the audit cannot know the attributes this ALTER leaves as they were`,
        );
      return;
    }
    for (const definition of matching)
      for (const [attribute, value] of Object.entries(command.attributes))
        if (value.value === '') delete definition.attributes[attribute];
        else definition.attributes[attribute] = value;
  }

  private delete(command: Extract<CsdCommand, { kind: 'DELETE' }>): void {
    if (command.group) {
      const group = command.group.value;
      if (command.resource) {
        const k = key(command.resource.type, group, command.resource.name);
        if (!this.definitions.delete(k))
          this.diagnostics.warn(
            command.at,
            `DELETE ${command.resource.type}(${command.resource.name}) GROUP(${group}): no such definition was read, so nothing is deleted`,
          );
      } else {
        for (const [k, d] of this.definitions) if (d.group === group) this.definitions.delete(k);
        if (command.remove)
          for (const [list, groups] of this.lists)
            this.setList(
              list,
              groups.filter((g) => g !== group),
            );
      }
    }
    if (command.list && !command.group) {
      this.lists.delete(command.list.value);
      this.unknownLists.delete(command.list.value);
    }
  }

  private add(command: Extract<CsdCommand, { kind: 'ADD' }>): void {
    const groups = [...(this.lists.get(command.list.value) ?? [])];
    const group = command.group.value;
    if (groups.includes(group)) {
      this.diagnostics.warn(
        command.at,
        `ADD GROUP(${group}) LIST(${command.list.value}): the group is in the list already, so DFHCSDUP leaves the list as it is`,
      );
      return;
    }
    const anchor = command.before ?? command.after;
    if (anchor) {
      const index = groups.indexOf(anchor.value);
      if (index < 0) {
        this.diagnostics.warn(
          command.at,
          `ADD GROUP(${group}) LIST(${command.list.value}): ${anchor.value} is not in the list, so DFHCSDUP leaves the list as it is`,
        );
        return;
      }
      groups.splice(command.before ? index : index + 1, 0, group);
    } else groups.push(group);
    this.lists.set(command.list.value, groups);
  }

  private remove(command: Extract<CsdCommand, { kind: 'REMOVE' }>): void {
    const groups = this.lists.get(command.list.value) ?? [];
    if (!groups.includes(command.group.value)) {
      this.diagnostics.warn(
        command.at,
        `REMOVE GROUP(${command.group.value}) LIST(${command.list.value}): the group is not in the list read`,
      );
      return;
    }
    this.setList(
      command.list.value,
      groups.filter((g) => g !== command.group.value),
    );
  }

  private append(command: Extract<CsdCommand, { kind: 'APPEND' }>): void {
    if (command.fromcsd) {
      this.unknownLists.add(command.to.value);
      this.diagnostics.warn(
        command.at,
        `APPEND LIST(${command.list.value}) from the CSD on DD ${command.fromcsd.value}: its groups are unknown to the audit, so list ${command.to.value} cannot decide what GRPLIST installs`,
      );
      return;
    }
    const source = this.lists.get(command.list.value);
    if (!source) {
      this.diagnostics.warn(command.at, `APPEND LIST(${command.list.value}): no such list was built in the input`);
      if (this.unknownLists.has(command.list.value)) this.unknownLists.add(command.to.value);
      return;
    }
    const target = [...(this.lists.get(command.to.value) ?? [])];
    for (const group of source) if (!target.includes(group)) target.push(group);
    this.lists.set(command.to.value, target);
  }

  private copy(command: Extract<CsdCommand, { kind: 'COPY' }>): void {
    const from = command.group.value;
    if (command.fromcsd) {
      this.diagnostics.warn(
        command.at,
        `COPY from the CSD on DD ${command.fromcsd.value}: the definitions copied are unknown to the audit`,
      );
      return;
    }
    const to = command.to?.value ?? from;
    const sources = [...this.definitions.values()].filter(
      (d) =>
        d.group === from &&
        (!command.resource || (d.type === command.resource.type && matchesGeneric(command.resource.name, d.name))),
    );
    if (command.as && (sources.length !== 1 || !command.resource || isGeneric(command.resource.name))) {
      this.diagnostics.warn(
        command.at,
        'COPY with AS copies one definition named without * or +: DFHCSDUP copies nothing',
      );
      return;
    }
    const target = (d: StoredDefinition) => key(d.type, to, command.as?.value ?? d.name);
    if (command.resource && sources.length === 0) {
      this.diagnostics.warn(
        command.at,
        `COPY ${command.resource.type}(${command.resource.name}) GROUP(${from}) matches no definition read: nothing copied`,
      );
      return;
    }
    const duplicates = sources.filter((d) => this.definitions.has(target(d)));
    if (!command.resource && duplicates.length > 0 && !command.merge && !command.replace) {
      this.diagnostics.warn(
        command.at,
        `COPY GROUP(${from}) TO(${to}): ${to} already holds definitions of the same names and neither MERGE nor REPLACE is given, so DFHCSDUP copies nothing`,
      );
      return;
    }
    for (const d of sources) {
      const k = target(d);
      if (this.definitions.has(k) && !command.replace) {
        if (command.resource)
          this.diagnostics.warn(
            command.at,
            `COPY ${d.type}(${d.name}): group ${to} holds one already and REPLACE is not given, so it is kept`,
          );
        continue;
      }
      this.definitions.delete(k);
      this.definitions.set(k, {
        type: d.type,
        name: command.as?.value ?? d.name,
        group: to,
        attributes: { ...d.attributes },
        at: command.at,
        order: ++this.sequence,
      });
    }
  }

  private setList(list: string, groups: string[]): void {
    // A list whose last group is removed no longer exists.
    if (groups.length === 0) this.lists.delete(list);
    else this.lists.set(list, groups);
  }

  /**
   * The definitions the audit reads from this CSD: one per resource. `grplist` is the SIT's GRPLIST,
   * when it is known. Every group read is audited, even one GRPLIST does not install (it may be
   * installed another way, and an audit must not miss it): GRPLIST decides which of two definitions of
   * one resource CICS ends with, and the groups it leaves out are named in a warning.
   */
  installed(grplist: GroupList | undefined): StoredDefinition[] {
    const ranks = this.groupRanks(grplist);
    // Groups outside GRPLIST rank below every group in it.
    const rankOf = (group: string) => ranks?.get(group) ?? 0;
    const winners = new Map<string, StoredDefinition>();
    const outside = new Map<string, StoredDefinition>();
    for (const definition of this.definitions.values()) {
      if (ranks && !ranks.has(definition.group) && !outside.has(definition.group))
        outside.set(definition.group, definition);
      const id = `${definition.type} ${definition.name}`;
      const known = winners.get(id);
      if (!known) {
        winners.set(id, definition);
        continue;
      }
      const rank = rankOf(definition.group);
      const knownRank = rankOf(known.group);
      const later = rank > knownRank || (rank === knownRank && definition.order > known.order) ? definition : known;
      winners.set(id, later);
      this.diagnostics.warn(
        later.at,
        `${definition.type}(${definition.name}) is defined again, in groups ${known.group} and ${definition.group}: the one in ${later.group}, installed later, is the one read`,
      );
    }
    // One warning, however many groups: a real CSD can hold thousands outside the GRPLIST.
    const [first, ...others] = [...outside];
    if (first) {
      const names = [first[0], ...others.slice(0, 4).map(([group]) => group)].join(', ');
      const more = others.length > 4 ? ` and ${others.length - 4} more` : '';
      this.diagnostics.warn(
        first[1].at,
        `${outside.size === 1 ? 'group' : `${outside.size} groups`} ${names}${more} ${outside.size === 1 ? 'is' : 'are'} in no list of GRPLIST=(${grplist?.lists.join(',')}): CICS does not install ${outside.size === 1 ? 'it' : 'them'} at a cold start; ${outside.size === 1 ? 'its' : 'their'} definitions are audited all the same`,
      );
    }
    return [...winners.values()].sort((a, b) => a.order - b.order);
  }

  /** Each group GRPLIST installs, with its place in the order of installation; undefined when unknown. */
  private groupRanks(grplist: GroupList | undefined): Map<string, number> | undefined {
    if (!grplist) return undefined;
    const lists: string[] = [];
    for (const name of grplist.lists) {
      const matching = [...this.lists.keys()].filter((list) => matchesGeneric(name, list));
      if (matching.some((list) => this.unknownLists.has(list))) return undefined;
      if (matching.length === 0 && !name.startsWith('DFH')) {
        this.diagnostics.warn(
          grplist.at,
          `GRPLIST names list ${name}, which the DFHCSDUP commands read never build: every group read is taken as installed`,
        );
        return undefined;
      }
      lists.push(...matching);
    }
    if (lists.length === 0) return undefined;
    const ranks = new Map<string, number>();
    let rank = 0;
    for (const list of lists) for (const group of this.lists.get(list) ?? []) ranks.set(group, ++rank);
    return ranks;
  }
}

export type { Value };
