import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revokeSessions } from '../../src/core/revoke-sessions.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { seriousViolations } from './helpers/axe.js';
import { chromiumMissing, launchChromium, screenshot } from './helpers/browser.js';
import { signIn, signInLinkFor, startLiaisonServer, type LiaisonServer } from './helpers/liaison-server.js';

describe.runIf(!chromiumMissing)('signing in to the web app in Chromium', () => {
  const database = useTestDatabase();
  let browser: Browser;
  let server: LiaisonServer | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => server?.close());

  it('shows the sign-in page at /, signs in once by link, and a second use of the link signs nobody in', async () => {
    server = await startLiaisonServer(database.current().db);
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    const response = await page.goto(`${server.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Liaison');
    const words = await page.locator('main').textContent();
    expect(words).toContain('In Slack: type /liaison web in any channel, or open Liaison’s Home tab and press Open the web app.');
    expect(words).toContain('liaison web-link <user> prints a link for a user the config names');
    await screenshot(page, 'sign-in');
    expect(await seriousViolations(page)).toEqual([]);

    const link = await signInLinkFor(server.ctx, server.url, 'maya');
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('footer').textContent()).toContain('Signed in as Maya · community manager');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Impact', 'Silos', 'Inbox', 'Digests', 'Communities', 'Capture']);
    await screenshot(page, 'signed-in');
    expect(await seriousViolations(page)).toEqual([]);

    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await other.getByRole('button', { name: 'Sign in' }).click();
    expect(await other.getByRole('alert').textContent()).toContain('This sign-in link has been used already');
  });

  it('asks for a new link once the session is revoked, and signs out from the header', async () => {
    server = await startLiaisonServer(database.current().db);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server, 'sam');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/?signed-out`);
    expect(await page.getByRole('status').textContent()).toContain('You are signed out.');

    await signIn(page, server, 'sam');
    await revokeSessions(server.ctx, { user: { platform: 'console', id: 'sam' } });
    await page.goto(`${server.url}/account`);
    expect(await page.getByRole('status').textContent()).toContain('Sign in to see this page.');
  });

  it('refuses a link older than ten minutes', async () => {
    server = await startLiaisonServer(database.current().db);
    const page = await (await browser.newContext()).newPage();
    const link = await signInLinkFor(server.ctx, server.url, 'maya');
    server.ctx.clock.advance(11 * 60_000);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('This sign-in link has expired');
    await page.goto(`${server.url}/account`);
    expect(await page.getByRole('status').textContent()).toContain('Sign in to see this page.');
  });
});
