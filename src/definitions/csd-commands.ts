/**
 * The operands of each DFHCSDUP command the audit applies, read into a command object. The syntax is
 * restated from IBM's pages for each command (CICS TS 5.6,
 * https://www.ibm.com/docs/en/SSGMCP_5.6.0/reference-system-management/resources/<command>.html):
 * - DEFINE / USERDEFINE resource(name) Group(g) attributes: the resource comes first, names are not
 *   generic; USERDEFINE takes its defaults from the definition named USER of the same type in group
 *   USERDEF instead of CICS's;
 * - ALter resource(name) Group(g) attributes: name and group may be generic (* and +); an empty value,
 *   ATTRIBUTE(), puts the attribute back to its default;
 * - DELete [All] [resource(name)] Group(g) [Remove], or DELete List(l): one definition, a whole group
 *   (with Remove also taken out of every list), or a list (its groups stay);
 * - ADd Group(g) LIst(l) [After(g2) | Before(g3)]; Remove Group(g) LIst(l); APpend LIst(l1) To(l2);
 * - Copy [resource(name)] Group(g1) TO(g2) [AS(new)] [Merge | Replace] [FRomcsd(dd)].
 */
import type { SourceLocation } from '../../support/definitions-port';
import { ATTRIBUTES, EXPORT_METADATA, isAudited, RESOURCE_TYPES, type AuditedType } from './csd-attributes';
import type { CsdStatement } from './csd-records';
import { Diagnostics } from './diagnostics';
import { candidatesFor, keywordTable, resolveKeyword, type KeywordTable } from './keywords';
import { parseOperands, type Operand } from './operands';

export interface Value {
  value: string;
  at: SourceLocation;
  valueAt: SourceLocation;
}

/** Attribute name -> value; an empty value means "back to the default". */
export type Attributes = Record<string, Value>;

export interface Resource {
  type: string;
  name: string;
  at: SourceLocation;
  nameAt: SourceLocation;
}

export type CsdCommand =
  | {
      kind: 'DEFINE' | 'USERDEFINE' | 'ALTER';
      at: SourceLocation;
      resource: Resource;
      group?: Value;
      attributes: Attributes;
    }
  | { kind: 'DELETE'; at: SourceLocation; resource?: Resource; group?: Value; list?: Value; remove: boolean }
  | { kind: 'ADD'; at: SourceLocation; group: Value; list: Value; before?: Value; after?: Value }
  | { kind: 'REMOVE'; at: SourceLocation; group: Value; list: Value }
  | { kind: 'APPEND'; at: SourceLocation; list: Value; to: Value; fromcsd?: Value }
  | {
      kind: 'COPY';
      at: SourceLocation;
      resource?: Resource;
      group: Value;
      to?: Value;
      as?: Value;
      merge: boolean;
      replace: boolean;
      fromcsd?: Value;
    };

/** Options of each command other than the resource; the minimums are the syntax diagrams'. */
const OPTIONS: Record<string, KeywordTable> = {
  DELETE: keywordTable(['ALL', 'GROUP', 'LIST', 'REMOVE'], {}, { ALL: 1, GROUP: 1, LIST: 1, REMOVE: 1 }),
  ADD: keywordTable(['GROUP', 'LIST', 'AFTER', 'BEFORE'], {}, { GROUP: 1, LIST: 2, AFTER: 1, BEFORE: 1 }),
  REMOVE: keywordTable(['GROUP', 'LIST'], {}, { GROUP: 1, LIST: 2 }),
  APPEND: keywordTable(['FROMCSD', 'LIST', 'TO'], {}, { FROMCSD: 2, LIST: 2, TO: 1 }),
  COPY: keywordTable(
    ['GROUP', 'TO', 'AS', 'MERGE', 'REPLACE', 'FROMCSD'],
    {},
    { GROUP: 1, MERGE: 1, REPLACE: 1, FROMCSD: 2 },
  ),
};

/** Commands that report on or maintain the CSD without changing a definition the audit reads. */
const NOT_CHANGING = new Set([
  'EXTRACT',
  'LIST',
  'SCAN',
  'VERIFY',
  'SERVICE',
  'UPGRADE',
  'INITIALIZE',
  'MIGRATE',
  'PROCESS',
]);

/**
 * The command, or undefined when it is skipped (other resource types, reporting commands) or could not
 * be read (then a problem is in `diagnostics`). Statements about resource types the audit does not read
 * never stop the audit, even when their operands are malformed: they are counted as skipped.
 */
export function readCommand(statement: CsdStatement, diagnostics: Diagnostics): CsdCommand | undefined {
  const at = statement.text.at[0] ?? statement.text.end;
  const command = statement.command;
  if (NOT_CHANGING.has(command)) {
    diagnostics.skip(
      at,
      `DFHCSDUP ${command}`,
      'reports on or maintains the CSD: changes no definition the audit reads',
    );
    return undefined;
  }
  const local = new Diagnostics();
  const operands = parseOperands(statement.text, statement.operandsFrom, 'csd', local, command);
  const resource = firstResource(command, operands);
  const irrelevant = resource?.type !== undefined && !isAudited(resource.type);
  if (irrelevant) {
    diagnostics.skip(at, `${command} ${resource?.type}`);
    return undefined;
  }
  const reader = new OperandReader(command, operands, local);
  const read = reader.read(at);
  if (local.problems.length > 0) {
    for (const p of local.problems) diagnostics.problem(p.at, p.field, p.expected);
    return undefined;
  }
  return read;
}

/** The resource type an operand list names, if any: for DEFINE and ALTER it is the first operand. */
function firstResource(command: string, operands: Operand[]): { type?: string } | undefined {
  const options = OPTIONS[command];
  for (const operand of operands) {
    if (operand.kind !== 'keyword') continue;
    if (options && resolveKeyword(operand.name, options)) continue;
    const type = resolveKeyword(operand.name, RESOURCE_TYPES);
    if (type) return { type };
    if (command === 'DEFINE' || command === 'USERDEFINE' || command === 'ALTER') return undefined;
  }
  return undefined;
}

class OperandReader {
  constructor(
    private readonly command: string,
    private readonly operands: Operand[],
    private readonly diagnostics: Diagnostics,
  ) {}

  read(at: SourceLocation): CsdCommand | undefined {
    switch (this.command) {
      case 'DEFINE':
      case 'USERDEFINE':
      case 'ALTER':
        return this.define(at);
      case 'DELETE':
        return this.delete(at);
      case 'ADD': {
        const o = this.options(at, ['GROUP', 'LIST']);
        return (
          o && {
            kind: 'ADD',
            at,
            group: o.GROUP as Value,
            list: o.LIST as Value,
            ...(o.BEFORE ? { before: o.BEFORE } : {}),
            ...(o.AFTER ? { after: o.AFTER } : {}),
          }
        );
      }
      case 'REMOVE': {
        const o = this.options(at, ['GROUP', 'LIST']);
        return o && { kind: 'REMOVE', at, group: o.GROUP as Value, list: o.LIST as Value };
      }
      case 'APPEND': {
        const o = this.options(at, ['LIST', 'TO']);
        return (
          o && {
            kind: 'APPEND',
            at,
            list: o.LIST as Value,
            to: o.TO as Value,
            ...(o.FROMCSD ? { fromcsd: o.FROMCSD } : {}),
          }
        );
      }
      case 'COPY':
        return this.copy(at);
      default:
        return undefined;
    }
  }

  private define(at: SourceLocation): CsdCommand | undefined {
    const [first, ...rest] = this.operands;
    const type = first?.kind === 'keyword' ? resolveKeyword(first.name, RESOURCE_TYPES) : undefined;
    if (!first || first.kind !== 'keyword' || !type) {
      if (first?.kind === 'keyword')
        this.diagnostics.problem(
          first.at,
          first.name.toUpperCase(),
          `a resource type (${[...RESOURCE_TYPES.minimums.keys()].join(', ')})`,
        );
      else this.diagnostics.problem(first?.at ?? at, this.command, 'a resource type and name, e.g. IPCONN(name)');
      return undefined;
    }
    const resource = this.resource(first, type, this.command === 'ALTER');
    const attributes = readAttributes(type as AuditedType, rest, this.diagnostics, this.command);
    if (!resource || !attributes) return undefined;
    const { GROUP: group, ...others } = attributes;
    if (group && this.command === 'ALTER' && group.value === '') {
      this.diagnostics.problem(group.valueAt, 'GROUP', 'the group of the definitions to alter');
      return undefined;
    }
    return {
      kind: this.command as 'DEFINE',
      at,
      resource,
      ...(group ? { group: upper(group) } : {}),
      attributes: others,
    };
  }

  private delete(at: SourceLocation): CsdCommand | undefined {
    const o = this.options(at, []);
    if (!o) return undefined;
    if (!o.GROUP && !o.LIST) {
      this.diagnostics.problem(at, 'DELETE', 'GROUP(name) or LIST(name)');
      return undefined;
    }
    return {
      kind: 'DELETE',
      at,
      ...(o.resource ? { resource: o.resource } : {}),
      ...(o.GROUP ? { group: o.GROUP } : {}),
      ...(o.LIST ? { list: o.LIST } : {}),
      remove: o.REMOVE !== undefined,
    };
  }

  private copy(at: SourceLocation): CsdCommand | undefined {
    const o = this.options(at, ['GROUP']);
    if (!o) return undefined;
    if (!o.TO && !o.AS) {
      this.diagnostics.problem(at, 'COPY', 'TO(group), or AS(name) to copy a definition within its group');
      return undefined;
    }
    if (o.MERGE && o.REPLACE) {
      this.diagnostics.problem(o.REPLACE.at, 'REPLACE', 'MERGE or REPLACE, not both');
      return undefined;
    }
    return {
      kind: 'COPY',
      at,
      ...(o.resource ? { resource: o.resource } : {}),
      group: o.GROUP as Value,
      ...(o.TO ? { to: o.TO } : {}),
      ...(o.AS ? { as: o.AS } : {}),
      merge: o.MERGE !== undefined,
      replace: o.REPLACE !== undefined,
      ...(o.FROMCSD ? { fromcsd: o.FROMCSD } : {}),
    };
  }

  /** The command's options (flags as empty values) and at most one resource(name); `required` must be there. */
  private options(
    at: SourceLocation,
    required: string[],
  ): (Record<string, Value | undefined> & { resource?: Resource }) | undefined {
    const table = OPTIONS[this.command] as KeywordTable;
    const found: Record<string, Value | undefined> & { resource?: Resource } = {};
    let ok = true;
    for (const operand of this.operands) {
      const name = operand.kind === 'keyword' ? operand.name : operand.text;
      const option = resolveKeyword(name, table);
      const type = option ? undefined : resolveKeyword(name, RESOURCE_TYPES);
      if (option && found[option]) {
        this.diagnostics.problem(operand.at, option, `one ${option} only in this ${this.command}`);
        ok = false;
      } else if (option) {
        const value = operand.kind === 'keyword' ? operand.raw.toUpperCase() : '';
        const flag = option === 'ALL' || option === 'REMOVE' || option === 'MERGE' || option === 'REPLACE';
        if (flag !== (operand.kind !== 'keyword')) {
          this.diagnostics.problem(operand.at, option, flag ? `${option} without a value` : `${option}(name)`);
          ok = false;
        }
        found[option] = { value, at: operand.at, valueAt: operand.kind === 'keyword' ? operand.rawAt : operand.at };
      } else if (type && operand.kind === 'keyword' && !found.resource) {
        const resource = this.resource(operand, type, this.command === 'COPY');
        if (resource) found.resource = resource;
        else ok = false;
      } else {
        this.diagnostics.problem(
          operand.at,
          name.toUpperCase(),
          `an operand of DFHCSDUP ${this.command} (${[...table.minimums.keys()].join(', ')}, or one resource(name))`,
        );
        ok = false;
      }
    }
    for (const option of required)
      if (!found[option]) {
        this.diagnostics.problem(at, this.command, `${option}(name)`);
        ok = false;
      }
    return ok ? found : undefined;
  }

  private resource(
    operand: Extract<Operand, { kind: 'keyword' }>,
    type: string,
    generic: boolean,
  ): Resource | undefined {
    const name = operand.raw.toUpperCase();
    const max = type === 'TRANSACTION' ? 4 : 8;
    const pattern = new RegExp(`^[A-Z0-9$@#${generic ? '*+' : ''}]{1,${max}}$`);
    if (!pattern.test(name)) {
      this.diagnostics.problem(
        operand.rawAt,
        `${type} name`,
        `1 to ${max} characters from A-Z 0-9 $ @ #${generic ? ', or a generic name with * and +' : ''}`,
      );
      return undefined;
    }
    return { type, name, at: operand.at, nameAt: operand.rawAt };
  }
}

function upper(value: Value): Value {
  return { ...value, value: value.value.toUpperCase() };
}

/** Attributes of an audited resource type; export metadata is accepted and dropped. */
function readAttributes(
  type: AuditedType,
  operands: Operand[],
  diagnostics: Diagnostics,
  command: string,
): Attributes | undefined {
  const attributes: Attributes = {};
  let ok = true;
  for (const operand of operands) {
    const word = operand.kind === 'keyword' ? operand.name : operand.text;
    if (EXPORT_METADATA.has(word.toUpperCase())) continue;
    const name = resolveKeyword(word, ATTRIBUTES[type]);
    if (operand.kind !== 'keyword') {
      diagnostics.problem(
        operand.at,
        operand.text.toUpperCase(),
        name ? `${name}(value)` : `an ${type} attribute written as KEYWORD(value)`,
      );
      ok = false;
    } else if (!name) {
      const candidates = candidatesFor(operand.name, ATTRIBUTES[type]);
      const expected =
        candidates.length > 1
          ? `one ${type} attribute, but ${operand.name.toUpperCase()} abbreviates ${candidates.join(', ')}`
          : `an ${type} attribute (or an abbreviation of one)`;
      diagnostics.problem(operand.at, operand.name.toUpperCase(), expected);
      ok = false;
    } else if (attributes[name]) {
      diagnostics.problem(operand.at, name, `one value only: this attribute is already given in this ${command}`);
      ok = false;
    } else {
      attributes[name] = { value: operand.raw, at: operand.at, valueAt: operand.rawAt };
    }
  }
  return ok ? attributes : undefined;
}
