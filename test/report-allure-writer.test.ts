/**
 * src/report/allure-writer.js writes a small run's Allure files itself at flush() and a large run's on its
 * thread, in batches. Either way every file lands whole, and a write that fails rejects flush() naming the
 * first file that failed, while the files after it are still written.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allureWriter } = require('../src/report/allure-writer') as {
  allureWriter: (dir: string) => { writeResult(r: { uuid: string }): void; flush(): Promise<void> };
};

const root = mkdtempSync(path.join(tmpdir(), 'ipic-allure-writer-'));
after(() => rmSync(root, { recursive: true, force: true }));

const uuid = (i: number) => `r${String(i).padStart(4, '0')}`;

/** A writer into dir/name whose writes of the `blocked` results fail: a directory stands where each goes. */
function writerInto(name: string, blocked: number[] = []) {
  const dir = path.join(root, name);
  const writer = allureWriter(dir);
  for (const i of blocked) mkdirSync(path.join(dir, `${uuid(i)}-result.json`));
  return { dir, writer };
}

// 10 files are written on the main thread; 200 go to the thread in batches (THREAD_FROM_FILES is 64).
for (const count of [10, 200]) {
  describe(`${count} results`, () => {
    test('are all written, whole', async () => {
      const { dir, writer } = writerInto(`ok-${count}`);
      for (let i = 0; i < count; i++) writer.writeResult({ uuid: uuid(i) });
      await writer.flush();
      const files = readdirSync(dir).sort();
      assert.equal(files.length, count);
      assert.deepEqual(JSON.parse(readFileSync(path.join(dir, files[count - 1]!), 'utf8')), { uuid: uuid(count - 1) });
    });

    test('a failed write rejects flush() naming the first file that failed; the later files are written', async () => {
      // A directory where a file should go fails the write, for root as for anyone.
      const { dir, writer } = writerInto(`fail-${count}`, [3, 5]);
      for (let i = 0; i < count; i++) writer.writeResult({ uuid: uuid(i) });
      await assert.rejects(writer.flush(), /cannot write Allure result .*r0003-result\.json/);
      assert.ok(readdirSync(dir).includes(`${uuid(count - 1)}-result.json`), 'the files after it are written');
    });
  });
}
