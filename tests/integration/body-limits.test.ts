import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { mountTrackerWebhooks } from '../../src/adapters/trackers/tracker-webhook-route.js';
import type { TrackerConnection } from '../../src/config/tracker-secrets.js';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { streamUntilAnswered } from '../helpers/stream-body.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('every endpoint that takes a body', () => {
  const database = useTestDatabase();
  let server: ServerType | undefined;
  afterEach(() => void server?.close());

  it('counts bytes as they arrive and answers 413 long before an oversized streamed body is all sent', async () => {
    const ctx = await testContext(database.current().db);
    const trackers = new Map<string, TrackerConnection>([['product', { kind: 'github', repo: 'fernhill/garden-app', token: { env: 'GITHUB_TOKEN' }, labels: [], createOnTake: false, team: 'product', secret: 'x', webhookSecret: 'a-webhook-secret-of-length' }]]);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', 'a-test-secret-of-some-length']]), metrics: new HttpMetrics(ctx.db, ctx.clock), extend: [(a) => mountTrackerWebhooks(a, ctx, trackers)] });
    const running = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    server = running;
    const base = `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
    for (const path of ['/intake/forum', '/trackers/product', '/anything-else']) {
      const answer = await streamUntilAnswered(`${base}${path}`, { 'content-type': 'application/json' }, 48 * 1024 * 1024);
      // Limits are 64 KB (intake) and 1 MB; socket buffers let a few more MB through before the answer is read.
      expect([path, answer.status, answer.bytesSent < 16 * 1024 * 1024]).toEqual([path, 413, true]);
    }
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
    expect(await ctx.db.$count(inboundEvents)).toBe(0);
  });
});
