/**
 * Every value of the features' vocabulary decides the outcome of at least one scenario (issue 15, item 4),
 * and docs/vocabulary.md, which lists where, is up to date.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { vocabularyPage, vocabularyTable } from './fixtures/vocabulary/page';

test('every vocabulary value decides the outcome of some scenario, and docs/vocabulary.md says where', async () => {
  const { undecided } = await vocabularyTable();
  assert.deepEqual(undecided, [], 'values no scenario can tell from their neighbours');
  assert.equal(
    readFileSync('docs/vocabulary.md', 'utf8'),
    await vocabularyPage(),
    'docs/vocabulary.md is out of date: run npm run vocabulary',
  );
});
