import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import axe from 'axe-core';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { weekContaining, previousPeriod } from '../../src/core/digest/period.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { publishDigest } from '../../src/core/publish-digest.js';
import { recordAction } from '../../src/core/record-action.js';
import { memberIdentities } from '../../src/db/schema/index.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('./artifacts/', import.meta.url);
const missing = !existsSync(CHROMIUM);
if (missing) process.stderr.write('browser tests not run: Chromium is missing (apt-get install chromium)\n');
const HOUR = 3_600_000;

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const TEXTS = [
  'The export crashes on large gardens', 'Would love a winter mode for the probes', 'How do I pair a second hub?', 'The pairing screen shows an error',
  'Please add a CSV export of the history', 'Thinking of switching to another vendor, the app is broken again', 'Can we get a quote for 40 sensors? pricing please',
  'Login is broken since the update', 'Feature idea: frost alerts by SMS', 'Is there an API for the moisture readings?', 'Battery drains in a day, error E42',
  'We will cancel if the sync keeps failing',
];

/** Eight weeks at Testco, so that the charts have a shape: answered, late, passed around, declined, untouched. */
async function eightWeeks(ctx: TestContext, now: Date): Promise<string> {
  const last = previousPeriod(weekContaining(now, ctx.config.timezone));
  let week = last;
  for (let i = 0; i < 7; i += 1) week = previousPeriod(week);
  const first = week;
  let n = 0;
  const actors = { support: person(ctx.config, 'sam'), product: person(ctx.config, 'priya'), sales: person(ctx.config, 'lena') } as Record<string, ReturnType<typeof person>>;
  for (let w = 0; w < 8; w += 1) {
    for (let k = 0; k < 5 + ((w * 3) % 5); k += 1) {
      n += 1;
      ctx.clock.set(new Date(week.start.getTime() + (1 + (k % 5)) * 24 * HOUR + 14 * HOUR));
      const text = TEXTS[(w * 5 + k) % TEXTS.length] as string;
      const result = await captureFeedback(ctx, n % 3 === 0 ? slackMessage(text) : discordMessage(text, {}, { id: `9${n % 7}`, name: ['ann_grows', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus'][n % 7] as string }));
      if (result.status !== 'created') continue;
      for (const routing of result.routings) {
        const by = actors[routing.team] as ReturnType<typeof person>;
        const roll = (n * 7 + w) % 10;
        ctx.clock.advance((1 + (n % 4)) * HOUR);
        if (roll < 5) {
          await recordAction(ctx, { routingId: routing.id, kind: 'acknowledge', actor: by, via: 'button' });
          ctx.clock.advance((2 + (n % 9)) * HOUR);
          if (roll < 4) await recordAction(ctx, { routingId: routing.id, kind: 'resolve', actor: by, via: 'button' });
        } else if (roll === 5) await recordAction(ctx, { routingId: routing.id, kind: 'decline', actor: by, via: 'modal', reason: 'not planned' });
        else if (roll === 6 && routing.team !== 'product') await recordAction(ctx, { routingId: routing.id, kind: 'pass_on', toTeam: 'product', actor: by, via: 'modal', reason: 'an idea' });
      }
    }
    week = weekContaining(week.end, ctx.config.timezone);
  }
  ctx.clock.set(new Date(last.end.getTime() + 9 * HOUR));
  await publishDigest(ctx, { kind: 'leadership' }, last.key, ctx.clock.now());
  ctx.clock.set(now);
  const day = (d: Date) => new Date(d.getTime() - 12 * HOUR).toISOString().slice(0, 10);
  return `${day(new Date(first.start.getTime() + 24 * HOUR))}..${day(last.end)}`;
}

describe.runIf(!missing)('the Impact, Silos, Digests, Member and Community pages in a real browser', () => {
  const database = useTestDatabase();
  let browser: Browser;
  let server: ServerType | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => browser?.close());
  afterEach(() => {
    server?.close();
  });

  it('a leader signs in and sees Impact with its charts, each with a table behind it; every page passes axe-core', { timeout: 240_000 }, async () => {
    const ctx = await testContext(database.current().db, { now: new Date().toISOString() });
    const range = await eightWeeks(ctx, new Date());
    const holder: { app?: ReturnType<typeof createHttpApp> } = {};
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: (request) => (holder.app as NonNullable<typeof holder.app>).fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, ctx.clock), web: { ctx, publicUrl: url } });
    const signIn = async (who: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const issued = await issueSignInToken(ctx, { platform: 'console', id: who, name: who[0]?.toUpperCase() + who.slice(1) });
      if (issued.status !== 'issued') throw new Error(`${who} may not sign in`);
      await page.goto(`${url}/sign-in/${issued.token}`);
      await page.locator('main button[type=submit]').click();
      await page.waitForURL(`${url}/`);
      return page;
    };
    const leader = await signIn('lee');
    const [from, to] = range.split('..') as [string, string];
    await leader.goto(`${url}/?from=${from}&to=${to}`);
    expect(await leader.locator('h1').textContent()).toBe('Impact');
    expect(await leader.locator('.page-head .period').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2}( \d{4})? – \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await leader.locator('.page-head .compare').textContent()).toMatch(/^Compared with .+, the 8 weeks before\.$/);
    expect(await leader.locator('.page-head').textContent()).not.toContain('Custom range');
    // Words, not codes: no "was –" for a period with nothing to compare, no period keys in sentences.
    const words = await leader.locator('main').textContent();
    expect(words).not.toMatch(/was –|\(–\)/);
    expect(words).not.toContain(range);
    const charts = leader.locator('figure.chart');
    expect(await charts.count()).toBe(5);
    for (let i = 0; i < 5; i += 1) {
      const chart = charts.nth(i);
      expect(await chart.locator('svg').count()).toBeGreaterThan(0);
      expect(await chart.locator('table.chart-table tbody tr').count()).toBeGreaterThan(0);
    }
    const tile = leader.locator('.tile', { hasText: 'Items captured' }).locator('a');
    const captured = Number(await tile.textContent());
    expect(captured).toBeGreaterThan(40);
    await leader.screenshot({ path: new URL('impact.png', ARTIFACTS).pathname, fullPage: true });
    // The README's picture: the head of the page, its tiles and first charts.
    await leader.screenshot({ path: new URL('impact-top.png', ARTIFACTS).pathname, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1560 } });
    expect(await seriousViolations(leader)).toEqual([]);
    await tile.click();
    expect(await leader.locator('.item-list .count').textContent()).toContain(`${captured} items`);

    await leader.goto(`${url}/silos?from=${from}&to=${to}`);
    await leader.screenshot({ path: new URL('silos.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(leader)).toEqual([]);
    await leader.goto(`${url}/digests`);
    expect(await leader.locator('.digest.preview h2').textContent()).toContain('Preview · not posted');
    await leader.screenshot({ path: new URL('digests.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(leader)).toEqual([]);

    const manager = await signIn('maya');
    const [ann] = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.externalId, '91'));
    await manager.goto(`${url}/members/${ann!.memberId}`);
    expect(await manager.getByRole('button', { name: 'Link' }).count()).toBe(1);
    await manager.screenshot({ path: new URL('member.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.goto(`${url}/communities/makers`);
    await manager.screenshot({ path: new URL('community.png', ARTIFACTS).pathname, fullPage: true });
    expect(await seriousViolations(manager)).toEqual([]);
    for (const path of ['/capture', '/search?q=export', '/communities']) {
      await manager.goto(`${url}${path}`);
      expect(await seriousViolations(manager)).toEqual([]);
    }
  });
});
