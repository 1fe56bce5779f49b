/**
 * The pictures of the site in a real browser (headless Debian chromium through playwright-core): the fleet
 * page's rules-by-sites heatmap after `npm run merge-reports` of three real summaries (the model, the
 * sandbox, the audit of examples/site), the overview's rules-by-targets heatmap and trend, and a rule's
 * history. Checked as rendered: how many cells are drawn, at what size, in which colour for which status,
 * what each says, and that the worst comes first. Screenshots go to reports/screenshots/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FleetSummary } from '../../src/fleet/fleet-summary';
import type { Summary } from '../../src/report/summary-schema';
import { STATUS_FILL } from '../../src/site/heatmap-svg';
import { recordRun } from '../../src/site/run-history';
import { makeFleetInputs, runMergeReports } from '../fixtures/report/fleet-inputs';
import { removeTempReports, tempReports } from '../fixtures/report/run';
import { installBrowser, launchChromium, SCREENSHOTS, warnSkipped } from './chromium';

// The browser's own function, called inside page.evaluate (the project compiles without the DOM library).
declare const getComputedStyle: (element: unknown) => { fill: string };

let unavailable: string | undefined;
let browser: Browser | undefined;
let reports: string;
let summaries: Summary[];

const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

interface DrawnCell {
  row: string;
  column: string;
  status: string;
  fill: string;
  title: string;
  width: number;
  height: number;
}

/** Every cell of a heatmap as chromium drew it: its data, computed fill, tooltip and rendered size. */
function drawnCells(page: Page, svg: string): Promise<DrawnCell[]> {
  return page.locator(`svg${svg} rect.cell`).evaluateAll((rects) =>
    rects.map((r) => {
      const box = r.getBoundingClientRect();
      return {
        row: r.getAttribute('data-row') ?? '',
        column: r.getAttribute('data-column') ?? '',
        status: r.getAttribute('data-status') ?? '',
        fill: getComputedStyle(r).fill,
        title: r.querySelector('title')?.textContent ?? '',
        width: box.width,
        height: box.height,
      };
    }),
  );
}

before(async () => {
  unavailable = installBrowser();
  if (unavailable) {
    warnSkipped(unavailable);
    return;
  }
  const inputs = await makeFleetInputs();
  reports = tempReports('browser-fleet');
  const dir = path.join(reports, 'summaries');
  mkdirSync(dir, { recursive: true });
  summaries = [inputs.model, inputs.sandbox, inputs.audit].map((f) => read<Summary>(f));
  for (const [file, summary] of [
    [inputs.model, summaries[0]!],
    [inputs.sandbox, summaries[1]!],
    [inputs.audit, summaries[2]!],
  ] as const) {
    copyFileSync(file, path.join(dir, `${summary.target.kind}.json`));
    recordRun(dir, summary);
  }
  const merged = await runMergeReports(
    [`LPAR1=${inputs.model}`, `LPAR2=${inputs.sandbox}`, `SITEA=${inputs.audit}`],
    reports,
  );
  assert.equal(merged.code, 0, merged.stderr);
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  removeTempReports();
});

async function open(file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${pathToFileURL(path.join(reports, 'site')).href}/${file}`);
  return { page, requests };
}

describe('the site’s pictures in chromium', () => {
  test('the fleet page draws every rule on every site, in its status colour, worst first', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const fleet = read<FleetSummary>(path.join(reports, 'fleet.json'));
    const { page, requests } = await open('fleet.html');
    assert.equal(await page.locator('nav.areas a[aria-current="page"]').innerText(), 'Fleet');
    assert.equal(await page.locator('#fleet-sites tr[data-site]').count(), 3);
    const cells = await drawnCells(page, '#fleet-heatmap');
    assert.equal(cells.length, fleet.rules.length * 3);
    for (const c of cells) {
      assert.equal(c.status, fleet.rules.find((r) => r.id === c.row)!.statuses[c.column], `${c.row} ${c.column}`);
      assert.equal(c.fill, rgb(STATUS_FILL[c.status]!), `${c.row} on ${c.column} is ${c.status}`);
      assert.equal(c.title, `${c.row} on ${c.column}: ${c.status}`);
      assert.ok(c.width > 10 && c.height > 10, `${c.row} on ${c.column} is drawn (${c.width}×${c.height})`);
    }
    // Worst first: the audited site (three broken rules) is the first column; its broken rules the first rows.
    assert.equal(cells[0]!.column, 'SITEA');
    assert.deepEqual(
      cells.slice(0, 9).map((c) => `${c.row}:${c.status}`),
      ['R14', 'R21', 'R48'].flatMap((r, i) => [
        `${r}:nonconformant`,
        ...cells.slice(i * 3 + 1, i * 3 + 3).map((c) => `${r}:${c.status}`),
      ]),
    );
    const red = cells.filter((c) => c.fill === rgb(STATUS_FILL.nonconformant!));
    assert.deepEqual(
      red.map((c) => c.title),
      ['R14 on SITEA: nonconformant', 'R21 on SITEA: nonconformant', 'R48 on SITEA: nonconformant'],
    );
    assert.equal(
      await page.locator('#fleet-totals tr[data-status="nonconformant"] td').nth(1).innerText(),
      String(fleet.totals.cells.nonconformant),
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-fleet.png'), fullPage: true });
    assert.ok(
      requests.every((u) => u.startsWith('file://')),
      requests.join(', '),
    );
    await page.close();
  });

  test('the overview draws the rules-by-targets heatmap and each kind’s trend; a rule page its history', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const { page } = await open('index.html');
    const cells = await drawnCells(page, '#targets-heatmap');
    const kinds = summaries.map((s) => s.target.kind).sort();
    assert.equal(cells.length, summaries[0]!.rules.length * kinds.length);
    for (const c of cells) {
      const summary = summaries.find((s) => s.target.kind === c.column)!;
      assert.equal(c.status, summary.rules.find((r) => r.id === c.row)!.status);
      assert.equal(c.fill, rgb(STATUS_FILL[c.status]!));
      assert.ok(c.width > 10 && c.height > 10);
    }
    assert.equal(cells[0]!.column, 'audit');
    assert.equal(cells[0]!.status, 'nonconformant');
    const trends = page.locator('svg.trend');
    assert.deepEqual(await trends.evaluateAll((s) => s.map((x) => x.getAttribute('data-kind'))), kinds);
    const bars = await page.locator('svg.trend[data-kind="audit"] rect.segment').evaluateAll((rects) =>
      rects.map((r) => ({
        status: r.getAttribute('data-status'),
        count: Number(r.getAttribute('data-count')),
        height: r.getBoundingClientRect().height,
      })),
    );
    const audit = summaries[2]!;
    assert.equal(
      bars.reduce((n, b) => n + b.count, 0),
      audit.rules.length,
    );
    assert.equal(bars.find((b) => b.status === 'nonconformant')!.count, 3);
    assert.ok(bars.every((b) => b.height > 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-overview-pictures.png'), fullPage: true });

    await page.locator('svg#targets-heatmap a').first().click();
    await page.waitForURL(/area-bind\.html#R14$/);
    const history = page.locator('section#R14 svg.rule-history[data-kind="audit"] rect.history-cell');
    assert.equal(await history.count(), 1);
    assert.equal(await history.first().getAttribute('data-status'), 'nonconformant');
    assert.equal(await history.first().evaluate((r) => getComputedStyle(r).fill), rgb(STATUS_FILL.nonconformant!));
    await page.close();
  });
});
