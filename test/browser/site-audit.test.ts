/**
 * The auditor's states on the documentation site in chromium (issue 12): a rule whose failures are waived
 * shows "waived" with the waiver's justification, a rule that broke since the baseline shows "regressed",
 * one that holds again "fixed", and the "Changes and waivers" page lists them with the waivers in force.
 * The summary is real: a run on the rule-breaker target with a waivers file and a sealed baseline.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeEditedBaseline } from '../fixtures/audit/baseline';
import { removeTempReports, runConformanceHere, tempReports } from '../fixtures/report/run';
import { installBrowser, launchChromium, SCREENSHOTS, warnSkipped } from './chromium';

let unavailable: string | undefined;
let browser: Browser | undefined;
let site: string;

before(async () => {
  unavailable = installBrowser();
  if (unavailable) {
    warnSkipped(unavailable);
    return;
  }
  const env = { IPIC_SKIP_ALLURE_HTML: '1', IPIC_TARGET: './test/fixtures/report/rule-breaker-target.ts' };
  const first = await runConformanceHere(['--tags', '@R10 or @R28'], env);
  const baseline = path.join(tempReports('site-baseline'), 'conformance.json');
  writeEditedBaseline(path.join(first.dir, 'conformance.json'), baseline);
  const run = await runConformanceHere(
    [
      '--tags',
      '@R10 or @R28',
      '--waivers',
      'test/fixtures/audit/waivers-rule-breaker.yaml',
      '--baseline',
      baseline,
      '--record-subset',
    ],
    { ...env, IPIC_NOW: '2030-06-30T12:00:00Z' },
  );
  assert.equal(run.code, 0, run.stdout + run.stderr);
  site = path.join(run.dir, 'site');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  removeTempReports();
});

describe('waived and regressed on the site, in chromium', () => {
  test('a rule page shows the waived status with its waiver, and the change since the baseline', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${pathToFileURL(site).href}/area-user.html`);
    const r28 = page.locator('section#R28 table.targets tr[data-target="rule-breaker"]');
    assert.equal(await r28.locator('.status').innerText(), 'waived');
    assert.equal(await r28.locator('.change').innerText(), 'regressed');
    assert.match((await r28.locator('.change').getAttribute('title')) ?? '', /REGRESSED \(baseline: conformant\)/);
    assert.match(
      await r28.innerText(),
      /accepted by W-R28 until 2030-06-30: VERIFY users move to the new security manager/,
    );
    const scenario = page.locator('section#R28 tr.scenario td[data-target="rule-breaker"]').first();
    assert.equal(await scenario.locator('.status').innerText(), 'waived');
    assert.match(await scenario.locator('.detail').innerText(), /^WAIVED by W-R\d+ \(approved by Security office/);
    await page.locator('section#R28').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-waived-regressed.png') });
    await page.goto(`${pathToFileURL(site).href}/area-bind.html`);
    const r10 = page.locator('section#R10 table.targets tr[data-target="rule-breaker"]');
    assert.equal(await r10.locator('.status').innerText(), 'conformant');
    assert.equal(await r10.locator('.change').innerText(), 'fixed');
    await page.close();
  });

  test('the Changes and waivers page lists the regressed and fixed rules and the waivers', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${pathToFileURL(site).href}/index.html`);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Changes and waivers' }).click();
    await page.waitForURL(/changes\.html$/);
    const section = page.locator('section.target-changes[data-target="rule-breaker"]');
    assert.match(await section.locator('p').first().innerText(), /1 fixed/);
    assert.equal(await section.locator('tr[data-rule="R28"] .change').innerText(), 'regressed');
    assert.equal(await section.locator('tr[data-rule="R28"] td').nth(3).innerText(), 'waived');
    assert.equal(await section.locator('tr[data-rule="R10"] .change').innerText(), 'fixed');
    assert.match(await section.locator('tr[data-waiver="W-R28"]').innerText(), /R28\s+applied\s+VERIFY users move/);
    assert.match(await section.locator('tr[data-waiver="W-UNUSED"]').innerText(), /unused/);
    await section.locator('tr[data-rule="R28"] a').click();
    await page.waitForURL(/area-user\.html#R28$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-changes.png'), fullPage: false });
    await page.close();
  });
});
