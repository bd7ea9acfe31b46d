import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { signIntake } from '../../src/adapters/http/signature.js';
import { feedbackItems, routings } from '../../src/db/schema/index.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const SECRET = 'a-test-secret-of-some-length';

function appFor(ctx: TestContext) {
  return createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
}

function signed(ctx: TestContext, body: string, options: { secret?: string; at?: Date; path?: string } = {}) {
  const timestamp = String(Math.floor((options.at ?? ctx.clock.now()).getTime() / 1000));
  return new Request(`http://liaison.test${options.path ?? '/intake/forum'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(options.secret ?? SECRET, timestamp, body) },
    body,
  });
}

const post = JSON.stringify({ id: 'topic-77', title: 'Export', text: 'The export crashes with big gardens', author: { email: 'kim@example.org', name: 'Kim' }, url: 'https://forum.example.org/t/77' });

describe('webhook intake', () => {
  const database = useTestDatabase();

  it('accepts a signed post with 202 and the item id, and routes it', async () => {
    const ctx = await testContext(database.current().db);
    const response = await appFor(ctx).request(signed(ctx, post));
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'created', itemId: expect.any(Number) });
    expect(await ctx.db.$count(routings)).toBe(1);
  });

  it('stores a post sent twice once, answering with the same item', async () => {
    const ctx = await testContext(database.current().db);
    const app = appFor(ctx);
    const first = (await (await app.request(signed(ctx, post))).json()) as { itemId: number };
    const again = await (await app.request(signed(ctx, post))).json();
    expect(again).toEqual({ status: 'duplicate', itemId: first.itemId });
    expect(await ctx.db.$count(feedbackItems)).toBe(1);
  });

  it('refuses unsigned, tampered, wrongly signed and expired posts with 401 and stores nothing', async () => {
    const ctx = await testContext(database.current().db);
    const app = appFor(ctx);
    const unsigned = new Request('http://liaison.test/intake/forum', { method: 'POST', body: post });
    const tampered = signed(ctx, post);
    const tamperedBody = new Request(tampered.url, { method: 'POST', headers: tampered.headers, body: post.replace('crashes', 'works') });
    const wrongKey = signed(ctx, post, { secret: 'another-secret-entirely-123' });
    const expired = signed(ctx, post, { at: new Date(ctx.clock.now().getTime() - 6 * 60_000) });
    for (const request of [unsigned, tamperedBody, wrongKey, expired]) {
      const response = await app.request(request);
      expect([request.url, response.status]).toEqual([request.url, 401]);
    }
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
  });

  it('answers 404 for an unknown source and 413 for a body over 64 KB', async () => {
    const ctx = await testContext(database.current().db);
    const app = appFor(ctx);
    expect((await app.request(signed(ctx, post, { path: '/intake/nowhere' }))).status).toBe(404);
    const huge = JSON.stringify({ id: 'x', text: 'a'.repeat(70_000), author: { name: 'K' } });
    expect((await app.request(signed(ctx, huge))).status).toBe(413);
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
  });

  it('says what is wrong with a malformed post', async () => {
    const ctx = await testContext(database.current().db);
    const response = await appFor(ctx).request(signed(ctx, JSON.stringify({ id: 'y', author: {} })));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: string[] }).problems).toEqual(['text: is required', 'author.name: is required']);
  });

  it('tells the sender in words why a signed post for a key with a secret but no source in the config is refused', async () => {
    const ctx = await testContext(database.current().db);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['helpdesk', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    const response = await app.request(signed(ctx, post, { path: '/intake/helpdesk' }));
    expect([response.status, await response.json()]).toEqual([422, { error: 'webhook helpdesk is not a feedback source in the config.', code: 'unknown_source' }]);
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
  });
});

describe('health and metrics', () => {
  const database = useTestDatabase();

  it('reports live, ready, and outbox figures for Prometheus', async () => {
    const ctx = await testContext(database.current().db);
    const app = appFor(ctx);
    await app.request(signed(ctx, post));
    expect((await app.request('/healthz')).status).toBe(200);
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('liaison_outbox_pending 1');
    expect(metrics).toContain('liaison_intake_total{source="forum",outcome="created"} 1');
  });
});
