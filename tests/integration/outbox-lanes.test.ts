import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { slackLimits } from '../../src/adapters/slack/slack-rate-limits.js';
import type { DeliveryTarget, OutboundMessage } from '../../src/delivery/chat-port.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { rateLimited, RecordingChat } from '../fakes/recording-chat.js';
import { cardsFor } from '../helpers/capture.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

/** A chat with Slack's limits that notes when (on the test clock) each message went out, and can refuse one channel once. */
class PacedSlack extends RecordingChat {
  readonly at: { channelId: string; itemId: number; ms: number }[] = [];
  private readonly refusals = new Map<string, Error>();
  constructor(private readonly ctx: TestContext) {
    super();
  }
  limits(target: DeliveryTarget) {
    return slackLimits(target);
  }
  refuseOnce(channelId: string, error: Error) {
    this.refusals.set(channelId, error);
  }
  override async deliver(message: OutboundMessage) {
    const refusal = this.refusals.get(message.channelId);
    if (refusal) {
      this.refusals.delete(message.channelId);
      throw refusal;
    }
    const itemId = message.content.kind === 'card' ? message.content.card.item.id : 0;
    this.at.push({ channelId: message.channelId, itemId, ms: this.ctx.clock.now().getTime() });
    return super.deliver(message);
  }
}

describe('delivery lanes', () => {
  const database = useTestDatabase();

  it("a 429 on one channel does not delay another channel's cards, and the refused channel keeps its order", async () => {
    const ctx = await testContext(database.current().db);
    const product = await cardsFor(ctx, 'product', 3);
    const sales = await cardsFor(ctx, 'sales', 3);
    const chat = new PacedSlack(ctx);
    chat.refuseOnce('C0PRODUCT', rateLimited(30));
    const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, console: chat }, sleep: async (ms) => void ctx.clock.advance(ms) });
    const start = ctx.clock.now().getTime();

    await worker.drain();
    const salesSent = chat.at.filter((s) => s.channelId === 'C0SALES');
    expect(salesSent.map((s) => s.itemId)).toEqual(sales);
    // Sales went at its own pace (one a second, Slack's per-channel rate), not after Product's 30 seconds.
    expect(salesSent.at(-1)!.ms - start).toBeLessThan(3_000);
    expect(salesSent[1]!.ms - salesSent[0]!.ms).toBeGreaterThanOrEqual(1_000);
    expect(chat.at.filter((s) => s.channelId === 'C0PRODUCT')).toEqual([]);

    // Product waits the 30 s its 429 said, counted from when it came: the shared test clock may have moved a second or
    // two by then for Sales' pacing, depending on which lane ran first.
    const waiting = await ctx.db.select({ at: deliveries.nextAttemptAt }).from(deliveries).where(eq(deliveries.channelId, 'C0PRODUCT'));
    const retryAt = Math.min(...waiting.map((d) => d.at.getTime()));
    expect(retryAt - start).toBeGreaterThanOrEqual(30_000);
    expect(retryAt - start).toBeLessThan(33_000);
    ctx.clock.set(new Date(retryAt - 1));
    await worker.drain();
    expect(chat.at.filter((s) => s.channelId === 'C0PRODUCT')).toEqual([]);
    ctx.clock.set(new Date(retryAt));
    await worker.drain();
    const productSent = chat.at.filter((s) => s.channelId === 'C0PRODUCT');
    expect(productSent.map((s) => s.itemId)).toEqual(product);
    expect(productSent[0]!.ms).toBeGreaterThanOrEqual(start + 30_000);
    const stored = await ctx.db.select({ status: deliveries.status }).from(deliveries);
    expect(stored.every((d) => d.status === 'sent')).toBe(true);
  });

  it('a console lane sending a large helping gives other work turns in between, and still sends in order', async () => {
    const ctx = await testContext(database.current().db);
    const product = await cardsFor(ctx, 'product', 12);
    // Each card takes 2 ms of CPU to draw, as a console card does under load; something else becomes due meanwhile.
    let sentWhenOtherWorkRan: number | undefined;
    const chat = new (class extends RecordingChat {
      override async deliver(message: OutboundMessage) {
        if (this.sent.length === 0) setImmediate(() => (sentWhenOtherWorkRan = this.sent.length));
        for (const until = performance.now() + 2; performance.now() < until;);
        return super.deliver(message);
      }
    })();
    const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat } });

    await worker.drain();
    expect(chat.sent.map((m) => (m.content.kind === 'card' ? m.content.card.item.id : 0))).toEqual(product);
    // It ran after a few cards (each slice is about 5 ms), not behind the whole helping.
    expect(sentWhenOtherWorkRan).toBeGreaterThan(0);
    expect(sentWhenOtherWorkRan).toBeLessThan(6);
  });
});
