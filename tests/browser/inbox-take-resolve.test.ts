import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
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

  it('signs in, takes and resolves an item, and the Slack card and the author hear of it', async () => {
    h = await startSlack(database.current().db);
    // The browser keeps the session cookie only until its expiry by the real clock.
    h.ctx.clock.set(new Date());
    const { originalTs, productCard } = await feedbackCarded(h, 'We would love an export to CSV <script>alert(1)</script>');
    // The app needs its own address (the public URL), known once the server listens.
    const holder: { app?: ReturnType<typeof createHttpApp> } = {};
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: (request) => (holder.app as NonNullable<typeof holder.app>).fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.app = createHttpApp({ ctx: h.ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(h.ctx.db, h.ctx.clock), web: { ctx: h.ctx, publicUrl: url } });

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(await signInLinkFor(h.ctx, url, 'priya'));
    await page.locator('main button[type=submit]').click();
    await page.waitForURL(`${url}/`);

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
  });
});
