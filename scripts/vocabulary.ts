/**
 * `npm run vocabulary`: writes docs/vocabulary.md, the features' vocabulary and, for each value, a scenario
 * in which it decides the outcome (issue 15, item 4). test/vocabulary.test.ts fails when a value decides
 * nothing, or when the page is out of date.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { vocabularyPage } from '../test/fixtures/vocabulary/page';

vocabularyPage().then((page) => {
  writeFileSync(path.join(__dirname, '..', 'docs', 'vocabulary.md'), page);
  process.stdout.write('docs/vocabulary.md written\n');
});
