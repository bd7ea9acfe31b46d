import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/** Debian's Chromium is what the browser tests drive; without it they say so, visibly, instead of passing. */
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) process.stderr.write(`browser tests not run: ${CHROMIUM} is missing (apt-get install chromium)\n`);

export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
}

/** A full-page screenshot kept under tests/browser/artifacts/ (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = new URL(`${name}.png`, ARTIFACTS).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}
