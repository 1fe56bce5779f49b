/**
 * One Liberty configuration file (server.xml, an included file, a configDropins file) read into its
 * top-level elements, each with its place in the file. Whatever the bytes are, the result is either the
 * elements or located problems: never an exception. fast-xml-parser is lenient where Liberty's StAX
 * parser is strict, and silently expands DTD entities, so this reader checks those points itself first:
 * - a byte order mark is dropped (Java's parser skips it too);
 * - a <!DOCTYPE ...> of any kind is a problem: Liberty's configuration carries none, and an internal
 *   subset could define entities that change attribute values the audit reads;
 * - an entity reference other than XML's five and numeric character references is a problem;
 * - `<` inside an attribute value is a problem (XML forbids it; fast-xml-parser lets it through).
 * Comments, processing instructions and CDATA sections are allowed and carry nothing the audit reads.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SourceLocation } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';

/** How an element from an included file meets an element with the same name and id (Liberty's onConflict). */
export type OnConflict = 'MERGE' | 'REPLACE' | 'IGNORE';

export interface XmlElement {
  tag: string;
  /** Attribute values as written, with XML's character references decoded. */
  attributes: Record<string, string>;
  /** The file as shown in every location. */
  file: string;
  source: string;
  start: number;
  end: number;
  /** The behaviour of the include chain that brought this file in; MERGE for server.xml and dropins. */
  onConflict: OnConflict;
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** The place of a character offset, counted the way an editor shows it. */
export function positionOf(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

export function locationOf(element: XmlElement, attribute?: string): SourceLocation {
  let index = element.start;
  if (attribute) {
    const match = new RegExp(`\\s${attribute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).exec(
      element.source.slice(element.start, element.end),
    );
    if (match) index = element.start + match.index + 1;
  }
  return { file: element.file, ...positionOf(element.source, index) };
}

/**
 * The top-level elements of the file's <server> (or <client>) root, or undefined after recording where
 * the file could not be read. `shown` is the file as locations name it.
 */
export function parseConfigDocument(raw: string, shown: string, diagnostics: Diagnostics): XmlElement[] | undefined {
  const content = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const problem = (index: number, expected: string): undefined => {
    diagnostics.problem({ file: shown, ...positionOf(content, index) }, 'server.xml', expected);
    return undefined;
  };
  const lexical = lexicalProblem(content);
  if (lexical) return problem(lexical.index, lexical.expected);

  const validation = XMLValidator.validate(content);
  if (validation !== true) {
    // Attribute and character errors can quote a fragment of an attribute value (a password), so
    // only tag errors keep the parser's own wording.
    const { code, msg, line, col } = validation.err;
    const expected =
      code === 'InvalidTag' || code === 'InvalidXml'
        ? `well-formed XML (${msg})`
        : `well-formed XML (${code === 'InvalidAttr' ? 'a malformed attribute' : 'an unexpected character'} here)`;
    const at = code === 'InvalidAttr' ? malformedAttributeAt(content, line, col) : { line, column: col ?? 1 };
    diagnostics.problem({ file: shown, ...at }, 'server.xml', expected);
    return undefined;
  }
  let document: Record<string, unknown>[];
  try {
    document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      preserveOrder: true,
      captureMetaData: true,
      parseAttributeValue: false,
      processEntities: false,
      trimValues: true,
    }).parse(content) as Record<string, unknown>[];
  } catch {
    // The validator accepted it, so this is a corner the parser handles differently; its message may
    // quote the text, so it is not repeated.
    return problem(0, 'well-formed XML the reader can parse');
  }
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const root = document.find((node) => Object.keys(node).some((k) => k !== ':@' && !k.startsWith('?')));
  const rootTag = root ? Object.keys(root).find((k) => k !== ':@') : undefined;
  if (!root || (rootTag !== 'server' && rootTag !== 'client')) {
    diagnostics.problem({ file: shown, line: 1, column: 1 }, 'root element', '<server>');
    return undefined;
  }
  const elements: XmlElement[] = [];
  for (const child of (root[rootTag] as Record<string, unknown>[]) ?? []) {
    const tag = Object.keys(child).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
    if (!tag) continue;
    const position = (child as Record<string, { startIndex?: number; endIndex?: number }>)[meta];
    const written = (child[':@'] as Record<string, string>) ?? {};
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(written)) attributes[name] = decodeReferences(value);
    elements.push({
      tag,
      attributes,
      file: shown,
      source: content,
      start: position?.startIndex ?? 0,
      end: position?.endIndex ?? content.length,
      onConflict: 'MERGE',
    });
  }
  return elements;
}

/**
 * DOCTYPE, unknown entity references and `<` inside attribute values, found by walking the markup
 * (comments, CDATA sections and processing instructions are stepped over whole).
 */
function lexicalProblem(content: string): { index: number; expected: string } | undefined {
  let i = 0;
  while (i < content.length) {
    if (content.startsWith('<!--', i)) {
      const end = content.indexOf('-->', i + 4);
      if (end < 0) return { index: i, expected: 'well-formed XML (a comment closed by -->)' };
      const doubleHyphen = content.indexOf('--', i + 4);
      if (doubleHyphen < end) return { index: doubleHyphen, expected: 'well-formed XML (no -- inside a comment)' };
      i = end + 3;
    } else if (content.startsWith('<![CDATA[', i)) {
      const end = content.indexOf(']]>', i + 9);
      if (end < 0) return { index: i, expected: 'well-formed XML (a CDATA section closed by ]]>)' };
      i = end + 3;
    } else if (content.startsWith('<?', i)) {
      const end = content.indexOf('?>', i + 2);
      if (end < 0) return { index: i, expected: 'well-formed XML (a processing instruction closed by ?>)' };
      i = end + 2;
    } else if (/^<!doctype/i.test(content.slice(i, i + 9))) {
      return {
        index: i,
        expected:
          'no <!DOCTYPE>: Liberty configuration files carry no document type declaration, and the audit does not process one (its entities could change the values read)',
      };
    } else if (content[i] === '<' && /[A-Za-z_:]/.test(content[i + 1] ?? '')) {
      const start = i;
      i = tagEnd(content, start);
      if (i < 0) return undefined; // the validator reports the unclosed tag
      const inTag = tagProblem(content, start, i);
      if (inTag) return inTag;
    } else if (content[i] === '&') {
      const reference = referenceProblem(content, i);
      if (reference) return reference;
      i++;
    } else i++;
  }
  return undefined;
}

/** The index just after the `>` closing the tag that starts at `start`, quotes respected; -1 if none. */
function tagEnd(content: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < content.length; i++) {
    const c = content[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

function tagProblem(content: string, start: number, end: number): { index: number; expected: string } | undefined {
  let quote: string | undefined;
  for (let i = start + 1; i < end; i++) {
    const c = content[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '<')
        return { index: i, expected: 'well-formed XML (`<` inside an attribute value is written &lt;)' };
      else if (c === '&') {
        const reference = referenceProblem(content, i);
        if (reference) return reference;
      }
    } else if (c === '"' || c === "'") quote = c;
  }
  return undefined;
}

function referenceProblem(content: string, index: number): { index: number; expected: string } | undefined {
  const match = /^&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);/.exec(content.slice(index, index + 40));
  const name = match?.[1];
  if (name !== undefined && (name.startsWith('#') || name in PREDEFINED_ENTITIES)) return undefined;
  return {
    index,
    expected:
      name === undefined
        ? 'well-formed XML (a lone & is written &amp;)'
        : `an entity XML predefines (&lt; &gt; &amp; &apos; &quot;) or a character reference: &${name}; is not defined`,
  };
}

/** XML's five entities and numeric character references, decoded in one pass (so &amp;lt; stays &lt;). */
function decodeReferences(value: string): string {
  return value.replace(/&(#[0-9]+|#x[0-9A-Fa-f]+|lt|gt|amp|apos|quot);/g, (_whole, name: string) => {
    if (!name.startsWith('#')) return PREDEFINED_ENTITIES[name] as string;
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/**
 * The validator reports an attribute problem where the tag's attributes start; walking the well-formed
 * name="value" pairs from there finds the exact place the syntax breaks.
 */
function malformedAttributeAt(content: string, line: number, column: number): { line: number; column: number } {
  const lines = content.split('\n');
  let index = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const pair = /\s*[A-Za-z_:][\w:.-]*\s*=\s*("[^"<]*"|'[^'<]*')/y;
  for (;;) {
    pair.lastIndex = index;
    if (!pair.exec(content)) break;
    index = pair.lastIndex;
  }
  while (/\s/.test(content[index] ?? '')) index++;
  if (/^\/?>/.test(content.slice(index))) return { line, column };
  return positionOf(content, index);
}
