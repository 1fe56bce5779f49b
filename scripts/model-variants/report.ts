/** The result table of `npm run mutation:variants`, as markdown. */
export interface VariantResult {
  id: string;
  rule: string;
  file: string;
  description: string;
  status: 'killed' | 'survived';
  /** How it was killed (how many scenarios, assertion or error), or why it counts as survived. */
  how: string;
  /** The scenarios that failed on the variant ("features/x.feature:12: name"). */
  killedBy: string[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function resultsMarkdown(results: readonly VariantResult[]): string {
  const killed = results.filter((r) => r.status === 'killed').length;
  const lines = [
    '# Hand-written model variants',
    '',
    `${killed} of ${results.length} killed, ${results.length - killed} survived (\`npm run mutation:variants\`).`,
    '',
    '| Variant | Rule | File | Change | Result | First scenario that failed |',
    '| ------- | ---- | ---- | ------ | ------ | -------------------------- |',
    ...results.map(
      (r) =>
        `| ${r.id} | ${r.rule} | ${r.file} | ${cell(r.description)} | ${r.status === 'killed' ? 'killed' : '**survived**'}: ` +
        `${cell(r.how)} | ${cell(r.killedBy[0] ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
