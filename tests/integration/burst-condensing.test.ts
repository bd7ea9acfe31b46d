import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { slackLimits } from '../../src/adapters/slack/slack-rate-limits.js';
import { condenseBursts } from '../../src/core/bursts/condense-bursts.js';
import { PermanentDeliveryError, type DeliveryTarget, type OutboundMessage } from '../../src/delivery/chat-port.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { cardsFor } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

/** A chat with Slack's limits, that can refuse combined cards for good. */
class PacedChat extends RecordingChat {
  refuseBursts = false;
  limits(target: DeliveryTarget) {
    return slackLimits(target);
  }
  override async deliver(message: OutboundMessage) {
    if (this.refuseBursts && message.content.kind === 'card_burst') throw new PermanentDeliveryError('invalid_blocks');
    return super.deliver(message);
  }
}

const posted = (chat: RecordingChat, channelId: string) => chat.sent.filter((m) => m.channelId === channelId);
const itemOf = (m: OutboundMessage) => (m.content.kind === 'card' ? m.content.card.item.id : undefined);

describe('burst condensing', () => {
  const database = useTestDatabase();
  const setup = async () => {
    const ctx = await testContext(database.current().db, { config: testConfig((c) => void (c.teams.product!.condense = { threshold: 3 })) });
    const chat = new PacedChat();
    const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, console: chat }, sleep: async (ms) => void ctx.clock.advance(ms) });
    return { ctx, chat, worker };
  };

  it('cards that arrive while the combined card waits join it, and a new card in the channel does not wait behind the thread', async () => {
    const { ctx, chat, worker } = await setup();
    const first = await cardsFor(ctx, 'product', 12);
    // Condensing looks before claiming: the first look combines the twelve, then more arrive before it is posted.
    expect(await condenseBursts(ctx.db, ctx.config, ctx.clock.now(), ['slack'])).toEqual([expect.objectContaining({ team: 'product', cards: 12 })]);
    ctx.clock.advance(1_000);
    const joined = await cardsFor(ctx, 'product', 2);
    await worker.runOnce();
    const [combined] = posted(chat, 'C0PRODUCT');
    expect(combined?.content.kind === 'card_burst' && combined.content.burst.total).toBe(14);
    expect(combined?.content.kind === 'card_burst' && combined.content.burst.items.map((i) => i.itemId)).toEqual([...first, ...joined]);

    // The thread takes fourteen seconds at Slack's pace; a card arriving meanwhile goes out in the channel before
    // the thread's last cards (within the next claim: ten of a channel's deliveries at a time).
    ctx.clock.advance(1_500);
    const [late] = await cardsFor(ctx, 'product', 1);
    await worker.drain();
    const after = posted(chat, 'C0PRODUCT').slice(1);
    const lateAt = after.findIndex((m) => itemOf(m) === late);
    expect(after[lateAt]?.threadId).toBeNull();
    expect(lateAt).toBeLessThanOrEqual(9);
    expect(after.filter((m) => m.threadId !== null).map(itemOf)).toEqual([...first, ...joined]);
  });

  it('when the combined card cannot be posted, its items get their own cards in the channel', async () => {
    const { ctx, chat, worker } = await setup();
    chat.refuseBursts = true;
    const items = await cardsFor(ctx, 'product', 4);
    await worker.drain();
    ctx.clock.advance(1_000);
    await worker.drain();
    const cards = posted(chat, 'C0PRODUCT');
    expect(cards.map(itemOf)).toEqual(items);
    expect(cards.every((m) => m.threadId === null)).toBe(true);
    const [burst] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card_burst'));
    expect(burst?.status).toBe('failed');
  });
});
