import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { HonoReceiver } from '../../src/adapters/slack/hono-receiver.js';
import { mountTrackerWebhooks } from '../../src/adapters/trackers/tracker-webhook-route.js';
import type { TrackerConnection } from '../../src/config/tracker-secrets.js';
import type { Context } from '../../src/core/context.js';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { streamUntilAnswered } from '../helpers/stream-body.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const TRACKERS = new Map<string, TrackerConnection>([['product', { kind: 'github', repo: 'fernhill/garden-app', token: { env: 'GITHUB_TOKEN' }, labels: [], createOnTake: false, team: 'product', secret: 'x', webhookSecret: 'a-webhook-secret-of-length' }]]);
const ONE_MB = 1024 * 1024;

describe('every endpoint that takes a body', () => {
  const database = useTestDatabase();
  let server: ServerType | undefined;
  afterEach(() => void server?.close());

  async function listen(app: Hono): Promise<string> {
    const running = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    server = running;
    return `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
  }

  /** The Slack receiver and the tracker webhooks on their own, without the whole app's limit in front of them. */
  function routesAlone(ctx: Context): Hono {
    const app = new Hono();
    new HonoReceiver({ signingSecret: 'a-slack-signing-secret', logger: ctx.logger, clock: ctx.clock }).mount(app);
    mountTrackerWebhooks(app, ctx, TRACKERS);
    return app;
  }

  it('counts bytes as they arrive and answers 413 long before an oversized streamed body is all sent', async () => {
    const ctx = await testContext(database.current().db);
    const slack = (a: Hono) => new HonoReceiver({ signingSecret: 'a-slack-signing-secret', logger: ctx.logger, clock: ctx.clock }).mount(a);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', 'a-test-secret-of-some-length']]), metrics: new HttpMetrics(ctx.db, ctx.clock), extend: [(a) => mountTrackerWebhooks(a, ctx, TRACKERS), slack] });
    const base = await listen(app);
    const limits = { '/intake/forum': 65536, '/trackers/product': ONE_MB, '/slack/events': ONE_MB, '/anything-else': ONE_MB };
    for (const [path, limit] of Object.entries(limits)) {
      const answer = await streamUntilAnswered(`${base}${path}`, { 'content-type': 'application/json' }, 48 * ONE_MB);
      // Socket buffers let a few more MB through before the answer is read.
      expect([path, answer.status, JSON.parse(answer.text), answer.bytesSent < 16 * ONE_MB]).toEqual([path, 413, { error: `body larger than ${limit} bytes` }, true]);
    }
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
    expect(await ctx.db.$count(inboundEvents)).toBe(0);
  });

  it('an intake post past 1 MB is told the 64 KB limit intake holds it to, streamed or declared', async () => {
    const ctx = await testContext(database.current().db);
    const base = await listen(createHttpApp({ ctx, webhookSecrets: new Map([['forum', 'a-test-secret-of-some-length']]), metrics: new HttpMetrics(ctx.db, ctx.clock) }));
    const declared = await fetch(`${base}/intake/forum`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(2 * ONE_MB, 0x61) });
    expect([declared.status, await declared.json()]).toEqual([413, { error: 'body larger than 65536 bytes' }]);
    const streamed = await streamUntilAnswered(`${base}/intake/forum`, { 'content-type': 'application/json' }, 2 * ONE_MB);
    expect([streamed.status, JSON.parse(streamed.text)]).toEqual([413, { error: 'body larger than 65536 bytes' }]);

    expect(await ctx.db.$count(feedbackItems)).toBe(0);
    expect(await ctx.db.$count(inboundEvents)).toBe(0);
  });

  it('the Slack receiver and the tracker webhooks refuse an oversized body themselves, in the same words as every other route', async () => {
    const ctx = await testContext(database.current().db);
    const base = await listen(routesAlone(ctx));
    for (const path of ['/slack/events', '/trackers/product']) {
      const declared = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(ONE_MB + 1, 0x61) });
      expect([path, declared.status, await declared.json()]).toEqual([path, 413, { error: 'body larger than 1048576 bytes' }]);
      const streamed = await streamUntilAnswered(`${base}${path}`, { 'content-type': 'application/json' }, 48 * ONE_MB);
      expect([path, streamed.status, JSON.parse(streamed.text)]).toEqual([path, 413, { error: 'body larger than 1048576 bytes' }]);
    }
    expect(await ctx.db.$count(inboundEvents)).toBe(0);
  });
});
