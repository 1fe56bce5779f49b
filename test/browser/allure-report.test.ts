/**
 * The Allure HTML report in a real browser (headless Debian chromium through playwright-core), opened
 * straight from disk the way an auditor opens a report someone sent them: it must show every scenario of
 * the run and fetch nothing from the network. Every request that is not file:// is aborted and counted.
 *
 * The results are real: a small conformance run (@R14) with the HTML skipped, then the project's own
 * generator (src/run/allure-html.ts) builds the report from them. Without chromium (and no way to
 * install it) or without Java this test skips, loudly.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generateAllureReport } from '../../src/run/allure-html';
import { removeTempReports, runConformance, tempReports } from '../fixtures/report/run';
import { installBrowser, launchChromium, SCREENSHOTS, warnSkipped } from './chromium';

let unavailable: string | undefined;
let browser: Browser | undefined;
let report: string;
/** The scenario names in the Allure results of the run, one per result file. */
let scenarios: string[];

before(async () => {
  unavailable = installBrowser();
  if (unavailable) return warnSkipped(unavailable);
  const reports = tempReports('allure-html');
  const run = await runConformance(['--tags', '@R14'], { IPIC_SKIP_ALLURE_HTML: '1' }, reports);
  assert.equal(run.code, 0, run.stderr);
  const results = path.join(reports, 'allure-results');
  report = path.join(reports, 'allure-report');
  scenarios = readdirSync(results)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(results, f), 'utf8')) as { name: string }).name)
    .sort();
  assert.ok(scenarios.length > 1, `the @R14 run left ${scenarios.length} Allure results`);
  const html = await generateAllureReport(results, report);
  if (!html.built) {
    unavailable = `the Allure HTML report was not built: ${html.reason}`;
    return warnSkipped(unavailable);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  removeTempReports();
});

/**
 * Opens the report from disk with every request that is not file:// aborted. `aborted` counts what the
 * router stopped; `offDisk` is every such request the browser made, web sockets included, routed or not.
 */
async function openOffline(hash: string): Promise<{ page: Page; aborted: string[]; offDisk: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const aborted: string[] = [];
  const offDisk: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    aborted.push(url);
    return route.abort();
  });
  context.on('request', (r) => {
    if (!r.url().startsWith('file://')) offDisk.push(r.url());
  });
  const page = await context.newPage();
  page.on('websocket', (ws) => offDisk.push(ws.url()));
  // goto waits for the load event, which waits for async scripts too, so the page has asked for all it loads.
  await page.goto(`${pathToFileURL(path.join(report, 'index.html')).href}${hash}`);
  return { page, aborted, offDisk };
}

/** Waits for the report to show its content or an error, and fails on the error. */
async function shown(page: Page, content: string): Promise<void> {
  const failed = page.getByText('Failed to fetch');
  await page.locator(content).or(failed).first().waitFor();
  assert.equal(await failed.count(), 0, `the report shows an error: ${await page.locator('#content').innerText()}`);
}

describe('the Allure HTML report opened from file://', () => {
  test('the overview counts every scenario of the run, and nothing is requested off disk', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const { page, aborted, offDisk } = await openOffline('');
    await shown(page, 'text=/test cases/');
    const overview = await page.locator('#content').innerText();
    assert.match(overview, /IPIC security conformance: model/);
    assert.equal(Number(/(\d+)\s*test cases/.exec(overview)?.[1]), scenarios.length, overview);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'allure-overview.png'), fullPage: true });
    assert.equal(aborted.length, 0, `requests aborted: ${aborted.join(', ')}`);
    assert.deepEqual(offDisk, [], 'requests that left the disk');
    await page.context().close();
  });

  test('the suites list every scenario of the Allure results by name, and nothing is requested off disk', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const { page, aborted, offDisk } = await openOffline('#suites');
    await shown(page, '.tree .node__leaf');
    const names = (await page.locator('.tree .node__leaf .node__name').allInnerTexts()).map((n) => n.trim()).sort();
    assert.deepEqual(names, scenarios);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'allure-suites.png'), fullPage: true });
    assert.equal(aborted.length, 0, `requests aborted: ${aborted.join(', ')}`);
    assert.deepEqual(offDisk, [], 'requests that left the disk');
    await page.context().close();
  });
});
