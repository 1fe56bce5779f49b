/**
 * A Liberty server's configuration as Liberty assembles it, restated from IBM's and Open Liberty's
 * documentation and checked against Open Liberty's configuration reader
 * (OpenLiberty/open-liberty dev/com.ibm.ws.config/.../ServerXMLConfiguration.java, XMLConfigParser.java,
 * ConfigElement.java):
 * 1. every *.xml file in ${server.config.dir}/configDropins/defaults, in alphabetical order of the
 *    lower-cased file name (the same order on every platform);
 * 2. server.xml, each <include> read where it stands (depth first);
 * 3. every *.xml file in ${server.config.dir}/configDropins/overrides, in the same order.
 * Dropins: https://www.ibm.com/support/knowledgecenter/SSEQTP_liberty/com.ibm.websphere.wlp.doc/ae/twlp_setup_dropins.html
 * Includes: https://www.ibm.com/support/knowledgecenter/SSEQTP_liberty/com.ibm.websphere.wlp.doc/ae/cwlp_config_include.html
 * and https://openliberty.io/docs/latest/reference/config/include.html
 *
 * Elements with the same name and id (or, without an id, the same name) are one definition. In reading
 * order, a later element's attributes set the values (MERGE, the default). An include's onConflict is
 * inherited by the includes inside it. IGNORE drops an element from the included file when the
 * definition already exists in another file. REPLACE differs from MERGE only for nested elements and
 * lists (Liberty sets them instead of appending); for the single-valued attributes the audit reads, the
 * later value wins either way.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath, type Diagnostics } from './diagnostics';
import type { LibertyVariables } from './liberty-variables';
import { locationOf, parseConfigDocument, type OnConflict, type XmlElement } from './liberty-xml';

/** One definition after merging: its attributes and where each value was written. */
export interface MergedElement {
  tag: string;
  id?: string;
  attributes: Record<string, string>;
  from: Record<string, XmlElement>;
  /** The element that first defined it: where the definition is shown. */
  first: XmlElement;
}

/**
 * Reads server.xml, its includes and the configDropins, in Liberty's order. <variable> elements are
 * given to `variables` as they are met, so that an include location can use the ones read before it.
 * Returns every element read, in that order; server.xml that cannot be read is a problem.
 */
export function readConfiguration(
  serverXml: string,
  variables: LibertyVariables,
  diagnostics: Diagnostics,
): XmlElement[] {
  const reader = new ConfigurationReader(variables, diagnostics);
  const configDir = path.dirname(serverXml);
  reader.dropins(path.join(configDir, 'configDropins', 'defaults'));
  if (!reader.document(serverXml, 'MERGE', []))
    diagnostics.problem({ file: displayPath(serverXml), line: 1, column: 1 }, 'file', 'a readable server.xml');
  reader.dropins(path.join(configDir, 'configDropins', 'overrides'));
  return reader.elements;
}

class ConfigurationReader {
  readonly elements: XmlElement[] = [];

  constructor(
    private readonly variables: LibertyVariables,
    private readonly diagnostics: Diagnostics,
  ) {}

  dropins(directory: string): void {
    for (const file of xmlFilesIn(directory)) {
      if (!this.document(file, 'MERGE', []))
        this.diagnostics.problem(
          { file: displayPath(file), line: 1, column: 1 },
          'file',
          'a readable configDropins file',
        );
    }
  }

  /** False when the file cannot be read at all (the caller says whether that is a problem). */
  document(file: string, onConflict: OnConflict, chain: string[]): boolean {
    const content = this.diagnostics.readFile(file);
    if (content === undefined) return false;
    const elements = parseConfigDocument(content, displayPath(file), this.diagnostics) ?? [];
    const here = [...chain, path.resolve(file)];
    for (const element of elements) {
      element.onConflict = onConflict;
      this.elements.push(element);
      if (element.tag === 'variable') {
        const { name, value, defaultValue } = element.attributes;
        if (!name || (value === undefined && defaultValue === undefined))
          this.diagnostics.problem(locationOf(element), 'variable', 'name and value (or defaultValue) attributes');
        else this.variables.define(name, value, defaultValue);
      } else if (element.tag === 'include') this.include(element, file, onConflict, here);
    }
    return true;
  }

  private include(element: XmlElement, file: string, inherited: OnConflict, chain: string[]): void {
    const { location, optional: optionalText, onConflict: conflictText } = element.attributes;
    if (!location) {
      this.diagnostics.problem(locationOf(element), 'include', 'a location attribute');
      return;
    }
    const optional = optionalText?.toLowerCase() === 'true';
    const behaviour = conflictText === undefined ? inherited : onConflictOf(conflictText);
    if (behaviour === undefined) {
      this.diagnostics.warn(
        locationOf(element, 'onConflict'),
        `include location="${location}": onConflict="${conflictText}" is not MERGE, REPLACE or IGNORE; Liberty merges, and so does the audit`,
      );
    }
    const at = locationOf(element, 'location');
    const missing = (why: string, expected: string): void => {
      if (optional)
        this.diagnostics.fileNotFound(at, location, `optional include location="${location}" skipped: ${why}`);
      else this.diagnostics.problem(at, `include location="${location}"`, expected);
    };
    const resolved = this.variables.resolve(location);
    if ('missing' in resolved) {
      missing(`the location cannot be resolved: ${resolved.why}`, `a location the audit can resolve: ${resolved.why}`);
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(resolved.value)) {
      missing('a remote resource (URL), which the audit does not fetch', 'a file: the audit does not fetch URLs');
      return;
    }
    const target = path.isAbsolute(resolved.value) ? resolved.value : path.join(path.dirname(file), resolved.value);
    if (chain.includes(path.resolve(target))) {
      this.diagnostics.warn(
        at,
        `include location="${location}" includes a file that includes it: skipped, as Liberty does`,
      );
      return;
    }
    const kind = kindOf(target);
    if (kind === 'directory') {
      for (const inner of xmlFilesIn(target)) this.document(inner, behaviour ?? 'MERGE', chain);
      return;
    }
    if (kind === 'missing' || !this.document(target, behaviour ?? 'MERGE', chain))
      missing(`${resolved.value} not found`, `a file that exists (or optional="true"): ${resolved.value} not found`);
  }
}

function onConflictOf(text: string): OnConflict | undefined {
  const upper = text.toUpperCase();
  return upper === 'MERGE' || upper === 'REPLACE' || upper === 'IGNORE' ? upper : undefined;
}

function kindOf(file: string): 'file' | 'directory' | 'missing' {
  try {
    return statSync(file).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/** The *.xml files of a directory (any case of the suffix), ordered by lower-cased name; none if absent. */
function xmlFilesIn(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.xml') && kindOf(path.join(directory, n)) === 'file')
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    })
    .map((n) => path.join(directory, n));
}

/**
 * The definitions, merged in reading order. `include` and `variable` elements are structure, not
 * definitions, and are left out.
 */
export function mergeElements(elements: XmlElement[], diagnostics: Diagnostics): MergedElement[] {
  const merged = new Map<string, MergedElement>();
  for (const element of elements) {
    if (element.tag === 'include' || element.tag === 'variable') continue;
    const id = element.attributes.id;
    const key = `${element.tag}\u0000${id ?? ''}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, {
        tag: element.tag,
        ...(id !== undefined ? { id } : {}),
        attributes: { ...element.attributes },
        from: Object.fromEntries(Object.keys(element.attributes).map((a) => [a, element])),
        first: element,
      });
      continue;
    }
    const name = `<${element.tag}${id !== undefined ? ` id="${id}"` : ''}>`;
    const before = locationOf(known.first);
    const where = `${before.file}:${before.line}:${before.column}`;
    if (element.onConflict === 'IGNORE' && Object.values(known.from).every((e) => e.file !== element.file)) {
      diagnostics.warn(
        locationOf(element),
        `${name} is ignored: it comes from an include with onConflict="IGNORE", and ${name} is already defined at ${where}`,
      );
      continue;
    }
    if (id !== undefined)
      diagnostics.warn(
        locationOf(element),
        `${name} is defined again (first at ${where}): Liberty merges the two, and the values written here win`,
      );
    for (const [attribute, value] of Object.entries(element.attributes)) {
      known.attributes[attribute] = value;
      known.from[attribute] = element;
    }
  }
  return [...merged.values()];
}
