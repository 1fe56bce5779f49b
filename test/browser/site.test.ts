/**
 * The documentation site in a real browser (headless Debian chromium through playwright-core), as a reader
 * sees it: the overview lists the targets that were run with their verdicts, the navigation reaches every
 * area page, each rule shows its status on each target side by side, and the search box finds rules and
 * scenarios and takes the reader to them. Checked from file:// and from a static web server on loopback,
 * with no request leaving the machine. Screenshots go to reports/screenshots/.
 *
 * The summaries are real: a conformance run on the model and one on a target that breaks rules.
 * scripts/install-browser.sh installs chromium when it is missing; only if that is impossible does this
 * test skip, loudly.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../../src/site/build';
import { removeTempReports, tempReports } from '../fixtures/report/run';
import { sharedConformance } from '../fixtures/report/shared-runs';
import { installBrowser, launchChromium, SCREENSHOTS, warnSkipped } from './chromium';

let unavailable: string | undefined;
let browser: Browser | undefined;
let server: Server | undefined;
let site: string;
let httpBase: string;

/** A static file server for the site, on an OS-picked loopback port. */
function serve(root: string): Promise<Server> {
  const s = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.css') ? 'text/css' : 'text/javascript';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

async function openPage(base: string, file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}/${file}`);
  return { page, requests };
}

before(async () => {
  unavailable = installBrowser();
  if (unavailable) {
    warnSkipped(unavailable);
    return;
  }
  // Runs shared with other test files (nothing is written into them): the site is built elsewhere.
  const [model, breaker] = await Promise.all([
    sharedConformance([], { IPIC_SKIP_ALLURE_HTML: '1' }),
    sharedConformance([], { IPIC_SKIP_ALLURE_HTML: '1', IPIC_TARGET: './test/fixtures/report/rule-breaker-target.ts' }),
  ]);
  assert.equal(model.code, 0, model.stderr);
  assert.equal(breaker.code, 1, breaker.stderr);
  const reports = tempReports('browser');
  const summaries = path.join(reports, 'summaries');
  cpSync(path.join(model.dir, 'summaries'), summaries, { recursive: true });
  copyFileSync(path.join(breaker.dir, 'summaries', 'rule-breaker.json'), path.join(summaries, 'rule-breaker.json'));
  site = path.join(reports, 'site');
  buildSite({ outDir: site, summariesDir: summaries });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  server = await serve(site);
  httpBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  removeTempReports();
});

describe('the documentation site in chromium', () => {
  test('from file://: overview, navigation to an area, statuses side by side', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const base = pathToFileURL(site).href;
    const { page, requests } = await openPage(base, 'index.html');
    assert.equal(await page.title(), 'IPIC security: living documentation');
    const targets = page.locator('#targets');
    assert.match(
      await targets.locator('tr[data-target="model"]').innerText(),
      /model\s+embedded reference model\s+conformant/,
    );
    assert.match(await targets.locator('tr[data-target="rule-breaker"]').innerText(), /rule-breaker.*nonconformant/s);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-overview.png'), fullPage: true });

    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'User security (USERAUTH)' })
      .click();
    await page.waitForURL(/area-user\.html$/);
    assert.equal(await page.locator('h1').innerText(), 'User security (USERAUTH)');
    assert.equal(await page.locator('nav.areas a[aria-current="page"]').innerText(), 'User security (USERAUTH)');
    const r28 = page.locator('section#R28');
    assert.match(await r28.locator('.statement').innerText(), /VERIFY/);
    assert.equal(await r28.locator('table.targets tr[data-target="model"] .status').innerText(), 'conformant');
    assert.equal(
      await r28.locator('table.targets tr[data-target="rule-breaker"] .status').innerText(),
      'nonconformant',
    );
    const ibm = r28.getByRole('link', { name: /^https:\/\/www\.ibm\.com\// }).first();
    assert.match((await ibm.getAttribute('href')) ?? '', /config_ipic_verify\.html$/);

    const firstScenario = r28.locator('tr.scenario').first();
    assert.equal(await firstScenario.locator('ol.steps').isVisible(), false);
    await firstScenario.locator('summary').click();
    assert.equal(await firstScenario.locator('ol.steps').isVisible(), true);
    assert.match(await firstScenario.locator('ol.steps').innerText(), /^Given /);
    await r28.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-user-security.png') });
    assert.ok(
      requests.every((u) => u.startsWith('file://')),
      `only local files were requested: ${requests.filter((u) => !u.startsWith('file://')).join(', ')}`,
    );
    await page.close();
  });

  test('from file://: the search box finds rules and scenarios and takes the reader there', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const { page } = await openPage(pathToFileURL(site).href, 'area-credentials.html');
    const results = page.locator('#search-results');
    assert.equal(await results.isVisible(), false);
    await page.locator('#search').fill('phrase');
    assert.equal(await results.isVisible(), true);
    assert.match(await page.locator('#search-status').innerText(), /^\d+ match/);
    const items = await results.locator('li').allInnerTexts();
    assert.ok(
      items.some((i) => i.startsWith('R35: ')),
      items.join('\n'),
    );
    await page.locator('#search').fill('R14 sysplex');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-search.png') });
    const first = results.locator('li a').first();
    assert.match(await first.innerText(), /^R14: /);
    await first.click();
    await page.waitForURL(/area-bind\.html#R14$/);
    assert.equal(await page.locator('section#R14').isVisible(), true);
    assert.ok(
      await page
        .locator('section#R14 h3')
        .evaluate(
          (h) => h.getBoundingClientRect().top < (globalThis as unknown as { innerHeight: number }).innerHeight,
        ),
      'R14 is scrolled into view',
    );
    await page.locator('#search').fill('no such words anywhere');
    assert.equal(await page.locator('#search-status').innerText(), '0 matches');
    await page.close();
  });

  test('from a static web server: same pages, same search, nothing requested from elsewhere', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const { page, requests } = await openPage(httpBase, 'index.html');
    assert.match(await page.locator('#targets tr[data-target="rule-breaker"]').innerText(), /nonconformant/);
    await page.getByRole('link', { name: 'Bind security and connection acquisition' }).first().click();
    await page.waitForURL(/area-bind\.html$/);
    await page.locator('#search').fill('VERIFY');
    await page.keyboard.press('Enter');
    await page.waitForURL(/area-[a-z]+\.html#R\d+$/);
    assert.ok(requests.length > 3);
    assert.ok(
      requests.every((u) => u.startsWith(`${httpBase}/`)),
      requests.filter((u) => !u.startsWith(httpBase)).join(', '),
    );
    await page.close();
  });
});
