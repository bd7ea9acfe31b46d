import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { recordAction } from '../../src/core/record-action.js';
import { PermanentDeliveryError } from '../../src/delivery/chat-port.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { rateLimited, RecordingChat, SlowChat } from '../fakes/recording-chat.js';
import { waitFor } from '../helpers/wait-for.js';
import type { Db } from '../../src/db/client.js';

function workerFor(ctx: TestContext, chat: RecordingChat) {
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat, slack: chat }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

async function resolvedBug(ctx: TestContext) {
  const result = await captureNew(ctx, discordMessage('Sync is broken'));
  await recordAction(ctx, { routingId: result.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
}

describe('the outbox worker', () => {
  const database = useTestDatabase();

  it('posts the card, then edits it, logs under it and replies under the original message', async () => {
    const ctx = await testContext(database.current().db);
    const chat = new RecordingChat();
    await resolvedBug(ctx);
    await workerFor(ctx, chat).drain();
    const card = chat.sent.find((m) => m.content.kind === 'card');
    const rest = chat.sent.filter((m) => m !== card);
    const cardId = chat.sent.indexOf(card!) + 1;
    const update = rest.find((m) => m.content.kind === 'card_update');
    const log = rest.find((m) => m.content.kind === 'card_log');
    const reply = rest.find((m) => m.content.kind === 'loop_reply');
    expect(update?.editsMessageId).toBe(`msg-${cardId}`);
    expect(log?.threadId).toBe(`msg-${cardId}`);
    expect(chat.sent.indexOf(update!)).toBeGreaterThan(chat.sent.indexOf(card!));
    expect(reply).toMatchObject({ platform: 'discord', channelId: '1101' });
    expect(update?.content.kind === 'card_update' && update.content.card.routing.status).toBe('resolved');
    const stored = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));
    expect(stored[0]).toMatchObject({ status: 'sent', messageId: `msg-${cardId}` });
  });

  it('waits as long as a 429 says, then sends once', async () => {
    const ctx = await testContext(database.current().db);
    const chat = new RecordingChat();
    await captureFeedback(ctx, discordMessage('Sync is broken'));
    chat.failNext(rateLimited(30));
    const worker = workerFor(ctx, chat);
    await worker.drain();
    expect(chat.sent).toHaveLength(0);
    ctx.clock.advance(29_000);
    await worker.drain();
    expect(chat.sent).toHaveLength(0);
    ctx.clock.advance(2_000);
    await worker.drain();
    await worker.drain();
    expect(chat.kinds()).toEqual(['card']);
  });

  it('through a storm of 50 rate limits in a row, waits only as long as each says and still posts once', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Sync is broken'));
    const chat = new RecordingChat();
    for (let i = 0; i < 50; i += 1) chat.failNext(rateLimited(1));
    const worker = workerFor(ctx, chat);
    const started = ctx.clock.now().getTime();
    // Bounded: one round per simulated second, each after the platform's 1 s Retry-After.
    for (let round = 0; round < 200 && chat.sent.length === 0; round += 1) {
      await worker.drain();
      ctx.clock.advance(1_000);
    }
    expect(chat.kinds()).toEqual(['card']);
    // A rate limit says nothing about the message: the backoff does not grow (exponential would be hours by now).
    expect(ctx.clock.now().getTime() - started).toBeLessThan(100_000);
    const [card] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));
    expect(card).toMatchObject({ status: 'sent' });
  });

  it('gives up on a permanent error, and skips what depended on it', async () => {
    const ctx = await testContext(database.current().db);
    const chat = new RecordingChat();
    await resolvedBug(ctx);
    chat.failNext(new PermanentDeliveryError('channel_not_found'), 'card');
    await workerFor(ctx, chat).drain();
    const rows = await ctx.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.find((r) => r.kind === 'card')).toMatchObject({ status: 'failed', lastError: 'channel_not_found' });
    expect(rows.filter((r) => r.kind === 'card_update' || r.kind === 'card_log').every((r) => r.status === 'skipped')).toBe(true);
    // The author still hears back: their reply does not depend on the card.
    expect(chat.kinds()).toContain('loop_reply');
  });

  it('shared by two workers, sends every delivery exactly once', async () => {
    const ctx = await testContext(database.current().db);
    for (let i = 0; i < 30; i += 1) await captureFeedback(ctx, discordMessage(`Crash number ${i}`));
    const chat = new RecordingChat();
    const pacing = { discord: 0, slack: 0 };
    const a = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat }, batchSize: 4, pacingMs: pacing });
    const b = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat }, batchSize: 4, pacingMs: pacing });
    await Promise.all([a.drain(), b.drain()]);
    expect(chat.sent).toHaveLength(30);
    expect(new Set(chat.sent.map((m) => m.id)).size).toBe(30);
  });

  it('against a platform answering in 3 s, a batch outlasting its lease is still posted once with two workers', async () => {
    const ctx = await testContext(database.current().db);
    for (let i = 0; i < 25; i += 1) await captureFeedback(ctx, discordMessage(`Sync is broken, case ${i}`));
    const cards = await ctx.db.select({ channelId: deliveries.channelId }).from(deliveries).where(eq(deliveries.kind, 'card'));
    expect(new Set(cards.map((c) => c.channelId)).size).toBe(1);
    // Each answer takes 3 s of the shared clock; one channel's 25 cards then need 25 × (3 s + 1 s pacing) > the 60 s lease.
    const chat = new SlowChat(ctx.clock, 3_000);
    const worker = () => new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat }, pacingMs: { discord: 1_000 }, sleep: async (ms) => void ctx.clock.advance(ms) });
    const [a, b] = [worker(), worker()];
    let aDone = false;
    const first = a.runOnce().finally(() => (aDone = true));
    for (let round = 0; round < 2_000 && !aDone; round += 1) await b.runOnce();
    await first;
    await Promise.all([a.drain(), b.drain()]);
    expect(ctx.clock.now().getTime() - Date.parse('2026-11-16T14:00:00Z')).toBeGreaterThan(60_000);
    const keys = chat.sent.map((m) => m.key);
    expect(keys).toHaveLength(25);
    expect(new Set(keys).size).toBe(25);
  });

  it('takes back a delivery whose worker died mid-send once its lease runs out', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Sync is broken'));
    await ctx.db.update(deliveries).set({ status: 'sending', lockedUntil: new Date(ctx.clock.now().getTime() + 60_000), attempts: 1 });
    const chat = new RecordingChat();
    const worker = workerFor(ctx, chat);
    await worker.drain();
    expect(chat.sent).toHaveLength(0);
    ctx.clock.advance(61_000);
    await worker.drain();
    expect(chat.sent).toHaveLength(1);
  });

  it('gives up on a claim the database never answers and claims again, so the card is still posted', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Sync is broken'));
    // The first transaction is never answered: what postgres.js does with a BEGIN on a connection dying under it.
    let lost = 0;
    const lossy = Object.create(ctx.db, {
      transaction: { value: (...args: Parameters<Db['transaction']>) => (lost++ === 0 ? new Promise(() => {}) : ctx.db.transaction(...args)) },
    }) as Db;
    const chat = new RecordingChat();
    const worker = new OutboxWorker({ db: lossy, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat, slack: chat }, claimDeadlineMs: 200 });
    worker.start(20);
    try {
      await waitFor(() => chat.sent.length > 0, 10_000);
    } finally {
      await worker.stop();
    }
    expect(lost).toBeGreaterThan(1);
    expect(chat.kinds()).toEqual(['card']);
  });
});
