import pino from 'pino';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { WebhookPort } from '../../src/adapters/trackers/webhook-port.js';
import { resolveTrackerSecrets } from '../../src/config/tracker-secrets.js';
import { recordAction } from '../../src/core/record-action.js';
import { escalate } from '../../src/core/escalate.js';
import { listFailedWebhooks } from '../../src/core/webhooks/list-failed-webhooks.js';
import { replayWebhook } from '../../src/core/webhooks/replay-webhook.js';
import { WebhookEvent } from '../../src/core/webhooks/webhook-event.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { TestReceiver } from './fakes/test-receiver.js';
import { PUBLIC_URL } from './helpers/tracker-setup.js';

const SECRET = 'warehouse-signing-secret-01';

describe('outbound webhooks', () => {
  const database = useTestDatabase();
  const receivers: TestReceiver[] = [];
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  async function start(giveUpAfter = '1d', events?: string[]) {
    const receiver = await new TestReceiver(SECRET).start();
    receivers.push(receiver);
    const ctx = await testContext(database.current().db, { config: testConfig((c) => void (c.webhooks = [{ name: 'warehouse', url: receiver.url, secret: SECRET, giveUpAfter, ...(events ? { events: events as never } : {}) }])) });
    const { webhooks } = resolveTrackerSecrets(ctx.config, {}, []);
    const chat = new RecordingChat();
    const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, discord: chat, console: chat, webhook: new WebhookPort(webhooks, PUBLIC_URL, ctx.clock, pino({ level: 'silent' })) }, pacingMs: { slack: 0, discord: 0 }, sleep: async (ms) => void ctx.clock.advance(ms) });
    return { ctx, receiver, worker };
  }

  /** Two items with some history: one resolved, one escalated and acknowledged. */
  async function history(ctx: TestContext) {
    const first = await captureNew(ctx, discordMessage('Sync is broken'));
    const second = await captureNew(ctx, discordMessage('Export crashes on big gardens'));
    await recordAction(ctx, { routingId: first.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    await escalate(ctx, { itemId: second.itemId, reason: 'a big customer', actor: person(ctx.config, 'maya') });
    await recordAction(ctx, { routingId: second.routings[0]!.id, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
    return { first: first.itemId, second: second.itemId };
  }

  it('after an outage, the receiver gets every event once per event id, signed, in order for each item, and no sooner than Retry-After said', async () => {
    const { ctx, receiver, worker } = await start();
    receiver.down = { retryAfter: 30 };
    const items = await history(ctx);
    await worker.drain();
    const before = receiver.requests.length;
    ctx.clock.advance(29_000);
    await worker.drain();
    expect(receiver.requests.length).toBe(before);
    receiver.down = undefined;
    receiver.loseAnswers = 1;
    const recovered = receiver.requests.length;
    for (let i = 0; i < 6; i += 1) {
      ctx.clock.advance(31_000);
      await worker.drain();
    }
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    expect(receiver.typesFor(items.first)).toEqual(['captured', 'routed', 'resolved']);
    expect(receiver.typesFor(items.second)).toEqual(['captured', 'routed', 'escalated', 'acted']);
    // The lost answer made Liaison send one event twice; the receiver processed it once.
    const afterwards = receiver.requests.slice(recovered);
    expect(afterwards.filter((r) => r.id === afterwards[0]?.id)).toHaveLength(2);
    expect(new Set(receiver.processed.map((p) => p.id)).size).toBe(7);
    const stamps = receiver.requests.filter((r) => r.itemId === items.first && r.type === 'captured').map((r) => r.timestamp);
    for (let i = 1; i < stamps.length; i += 1) expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(30);
  });

  it('each event is a document that matches the published schema, with the item, routing and action concerned', async () => {
    const { ctx, receiver, worker } = await start('1d', ['resolved']);
    const bodies: unknown[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return original(url, init);
    };
    try {
      await history(ctx);
      await worker.drain();
    } finally {
      globalThis.fetch = original;
    }
    expect(receiver.processed.map((p) => p.type)).toEqual(['resolved']);
    const event = WebhookEvent.parse(bodies[0]);
    expect(event).toMatchObject({
      type: 'resolved',
      item: { id: 1, url: `${PUBLIC_URL}/items/1`, text: 'Sync is broken', community: { id: 'makers', name: 'Makers Discord' }, voices: 1 },
      routing: { team: { id: 'support', name: 'Support' }, status: 'resolved' },
      action: { kind: 'resolve', via: 'button', actor: { platform: 'console', id: 'sam', name: 'Sam' }, fromStatus: 'open', toStatus: 'resolved' },
      breach: null,
    });
  });

  it('gives up after the configured time, shows it in /metrics and the failed list, and a replay sends the same events in order', async () => {
    const { ctx, receiver, worker } = await start('1h');
    receiver.down = {};
    const items = await history(ctx);
    for (let i = 0; i < 40 && (await listFailedWebhooks(ctx.db)).length < 7; i += 1) {
      ctx.clock.advance(5 * 60_000);
      await worker.drain();
    }
    const failed = await listFailedWebhooks(ctx.db);
    expect(failed.filter((f) => f.status === 'failed').map((f) => [f.itemId, f.type])).toEqual([[items.first, 'captured'], [items.second, 'captured']]);
    expect(failed.filter((f) => f.status === 'skipped')).toHaveLength(5);
    expect(failed[0]?.lastError).toMatch(/^given up after 60 minutes; last: warehouse answered 503$/);
    const metrics = await new HttpMetrics(ctx.db, ctx.clock).render();
    expect(metrics).toMatch(/^liaison_webhook_events_failed 7$/m);

    receiver.down = undefined;
    const replayed = await replayWebhook(ctx, { deliveryId: failed.find((f) => f.itemId === items.first && f.type === 'routed')!.deliveryId });
    expect(replayed).toHaveLength(3);
    for (let i = 0; i < 4; i += 1) await worker.drain();
    expect(receiver.typesFor(items.first)).toEqual(['captured', 'routed', 'resolved']);
    expect(receiver.typesFor(items.second)).toEqual([]);
    const [firstCaptured] = await ctx.db.select().from(deliveries).where(eq(deliveries.id, failed[0]!.deliveryId));
    expect(receiver.processed[0]?.id).toBe((firstCaptured?.payload as { eventId: string }).eventId);
  });

  it('with no receiver configured, nothing is enqueued for webhooks', async () => {
    const ctx = await testContext(database.current().db);
    await history(ctx);
    expect(await ctx.db.$count(deliveries, eq(deliveries.platform, 'webhook'))).toBe(0);
  });
});
