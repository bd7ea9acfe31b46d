import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { seriousViolations } from './helpers/axe.js';
import { signInLinkFor } from './helpers/liaison-server.js';
import { shown } from '../slack/helpers/slack-asserts.js';
import { feedbackCarded } from '../slack/helpers/slack-flows.js';
import { startSlack, type SlackHarness } from '../slack/helpers/slack-harness.js';

const CHROMIUM = '/usr/bin/chromium';
/** A real browser on a shared two-core machine: a page load can take seconds. */
const BROWSER_TIMEOUT_MS = 120_000;
const ARTIFACTS = new URL('./artifacts/', import.meta.url);
const missing = !existsSync(CHROMIUM);
if (missing) process.stderr.write('browser tests not run: Chromium is missing (apt-get install chromium)\n');

describe.runIf(!missing)('the inbox in a real browser', () => {
  const database = useTestDatabase();
  let browser: Browser;
  let h: SlackHarness | undefined;
  let server: ServerType | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => browser?.close());
  afterEach(async () => {
    server?.close();
    await h?.close();
  });

  /** Liaison's HTTP app with the web app, on loopback; it needs its own address (the public URL) once listening. */
  async function serveWeb(harness: SlackHarness): Promise<string> {
    const holder: { app?: ReturnType<typeof createHttpApp> } = {};
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: (request) => (holder.app as NonNullable<typeof holder.app>).fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.app = createHttpApp({ ctx: harness.ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(harness.ctx.db, harness.ctx.clock), web: { ctx: harness.ctx, publicUrl: url } });
    return url;
  }

  /** A browser page signed in by a one-time link, as a console user of the test organisation. */
  async function signedIn(url: string, harness: SlackHarness, id: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(await signInLinkFor(harness.ctx, url, id));
    await page.locator('main button[type=submit]').click();
    await page.waitForURL(`${url}/`);
    return page;
  }

  it('signs in, takes and resolves an item, and the Slack card and the author hear of it', async () => {
    h = await startSlack(database.current().db);
    // The browser keeps the session cookie only until its expiry by the real clock.
    h.ctx.clock.set(new Date());
    const { originalTs, productCard } = await feedbackCarded(h, 'We would love an export to CSV <script>alert(1)</script>');
    const url = await serveWeb(h);
    const page = await signedIn(url, h, 'priya');

    await page.goto(`${url}/inbox`);
    const row = page.locator('.inbox-row', { hasText: 'We would love an export to CSV' });
    expect(await row.locator('.row-title').textContent()).toMatch(/#1 We would love an export to CSV <script>alert\(1\)<\/script>/);
    await page.screenshot({ path: new URL('inbox.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Take it' }).click();
    await page.getByRole('status').filter({ hasText: 'You took #1 for Product.' }).waitFor();
    await row.getByRole('link', { name: /#1/ }).click();
    await page.waitForURL(`${url}/items/1`);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('status').filter({ hasText: 'You resolved #1 for Product. The people who raised it will be told.' }).waitFor();

    await h.settle();
    await page.reload();
    expect(await page.locator('.reply').first().textContent()).toMatch(/Told it was resolved by Product · Sent/);
    await page.screenshot({ path: new URL('item.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const updates = h.fake.called('chat.update').filter((m) => m.channel === 'C0PRODUCT' && m.ts === productCard);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(shown(updates.at(-1))).toContain('Resolved');
    const reply = h.fake.called('chat.postMessage').find((m) => m.channel === 'C0BIGCO' && m.thread_ts === originalTs);
    expect(shown(reply)).toMatch(/resolved/i);
  }, BROWSER_TIMEOUT_MS);

  it('offers a community manager the look-alike first, merges with one click and escalates with a reason', async () => {
    h = await startSlack(database.current().db);
    h.ctx.clock.set(new Date());
    await feedbackCarded(h, 'We would love a CSV export of the whole dashboard');
    await feedbackCarded(h, 'We would love a CSV export of the dashboard too');
    const url = await serveWeb(h);
    const page = await signedIn(url, h, 'maya');
    await page.goto(`${url}/items/2?open=escalate#escalate`);
    expect(await page.locator('.similar li').first().textContent()).toContain('Looks like #1 — merge?');
    await page.screenshot({ path: new URL('item-community-manager.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Merge #2 into #1' }).click();
    await page.waitForURL(`${url}/items/1`);
    await page.getByRole('status').filter({ hasText: '#2 was merged into #1, which now has 2 voices' }).waitFor();
    await page.locator('#escalate summary').click();
    await page.getByLabel('Why? The team and its on-call see this.').fill('Their renewal is this week');
    await page.locator('#escalate-team').selectOption('product');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You escalated #1 to Product (high priority).' }).waitFor();
    expect(await page.locator('.ledger').textContent()).toContain('Maya escalated it to Product (high): “Their renewal is this week”');
  }, BROWSER_TIMEOUT_MS);
});
