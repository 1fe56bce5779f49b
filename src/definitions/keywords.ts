/**
 * Keyword abbreviations as CEDA, DFHCSDUP and the RACF TSO commands accept them: any leading part of a
 * keyword that is at least as long as its minimum abbreviation. The minimum is the shortest prefix that
 * tells the keyword apart from every other keyword valid in the same place, unless a longer one is given
 * (IBM's syntax diagrams show some minimums longer than strictly needed, e.g. DEFine).
 */
export interface KeywordTable {
  /** Full keyword names and their minimum abbreviation lengths. */
  readonly minimums: ReadonlyMap<string, number>;
}

export function keywordTable(
  names: readonly string[],
  longerMinimums: Readonly<Record<string, number>> = {},
  /**
   * Minimums a syntax diagram gives even where they are shorter than the unique prefix: DFHCSDUP takes
   * G(...) as GROUP although a TCPIPSERVICE also has GRPCRITICAL, which then needs at least GRP.
   */
  documentedMinimums: Readonly<Record<string, number>> = {},
): KeywordTable {
  const minimums = new Map<string, number>();
  for (const name of names) {
    let length = 1;
    while (length < name.length && names.some((other) => other !== name && other.startsWith(name.slice(0, length))))
      length++;
    minimums.set(name, documentedMinimums[name] ?? Math.max(length, longerMinimums[name] ?? 0));
  }
  return { minimums };
}

/** The one keyword this token abbreviates, or undefined. Case does not matter. */
export function resolveKeyword(token: string, table: KeywordTable): string | undefined {
  const upper = token.toUpperCase();
  if (table.minimums.has(upper)) return upper;
  const matches = [...table.minimums]
    .filter(([name, min]) => upper.length >= min && name.startsWith(upper))
    .map(([name]) => name);
  return matches.length === 1 ? matches[0] : undefined;
}

export function namesOf(table: KeywordTable): string[] {
  return [...table.minimums.keys()].sort();
}

/** Every keyword the token could be the start of: for a message about an ambiguous abbreviation. */
export function candidatesFor(token: string, table: KeywordTable): string[] {
  const upper = token.toUpperCase();
  return [...table.minimums.keys()].filter((name) => name.startsWith(upper)).sort();
}
