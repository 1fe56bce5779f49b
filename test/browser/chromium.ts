/**
 * The Debian chromium the browser tests drive through playwright-core: where it is, how it is launched,
 * and installing it with scripts/install-browser.sh (apt-get) when it is missing. Never a downloaded build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO } from '../fixtures/report/run';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.join(REPO, 'reports', 'screenshots');

/** Undefined when chromium is there (installed now if need be), else why the browser tests cannot run. */
export function installBrowser(): string | undefined {
  const install = spawnSync('bash', [path.join(REPO, 'scripts', 'install-browser.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (install.status === 0 && existsSync(CHROMIUM)) return undefined;
  return `chromium is not installed and scripts/install-browser.sh could not install it: ${(install.stderr ?? '').trim().split('\n').pop()}`;
}

/** A skipped browser test must be seen, not scroll by. */
export function warnSkipped(why: string): void {
  console.error(`\n${'!'.repeat(78)}\nBROWSER TEST SKIPPED: ${why}\n${'!'.repeat(78)}\n`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
