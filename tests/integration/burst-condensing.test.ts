import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { slackLimits } from '../../src/adapters/slack/slack-rate-limits.js';
import { condenseBursts } from '../../src/core/bursts/condense-bursts.js';
import { PermanentDeliveryError, type DeliveryTarget, type OutboundMessage } from '../../src/delivery/chat-port.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { recordAction } from '../../src/core/record-action.js';
import { deliveries, routings } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { cardsFor } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

/** A chat with Slack's limits, that can refuse combined cards for good. */
class PacedChat extends RecordingChat {
  refuseBursts = false;
  /** Runs while a delivery is on its way to the platform (someone acts meanwhile). */
  whileSending: ((message: OutboundMessage) => Promise<void>) | undefined;
  limits(target: DeliveryTarget) {
    return slackLimits(target);
  }
  override async deliver(message: OutboundMessage) {
    if (this.refuseBursts && message.content.kind === 'card_burst') throw new PermanentDeliveryError('invalid_blocks');
    await this.whileSending?.(message);
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

    // The thread takes fourteen seconds at Slack's pace; a card arriving meanwhile goes out in the channel next,
    // after the one thread card already on its way.
    await worker.runOnce();
    ctx.clock.advance(1_500);
    const [late] = await cardsFor(ctx, 'product', 1);
    await worker.drain();
    const after = posted(chat, 'C0PRODUCT').slice(1);
    const lateAt = after.findIndex((m) => itemOf(m) === late);
    expect(after[lateAt]?.threadId).toBeNull();
    expect(lateAt).toBe(1);
    expect(after.filter((m) => m.threadId !== null).map(itemOf)).toEqual([...first, ...joined]);
  });

  it("an action on another card in the channel updates it next, not after the burst's thread", async () => {
    const { ctx, chat, worker } = await setup();
    const [earlier] = await cardsFor(ctx, 'product', 1);
    await worker.drain();
    ctx.clock.advance(1_000);
    const burst = await cardsFor(ctx, 'product', 12);
    // Priya acknowledges the earlier card while the burst's third thread card is on its way to Slack.
    chat.whileSending = async (message) => {
      if (message.content.kind !== 'card' || message.content.card.item.id !== burst[2]) return;
      chat.whileSending = undefined;
      const [routing] = await ctx.db.select().from(routings).where(eq(routings.itemId, earlier as number));
      await recordAction(ctx, { routingId: routing!.id, kind: 'acknowledge', actor: person(ctx.config, 'priya'), via: 'button' });
    };
    await worker.drain();

    const sent = posted(chat, 'C0PRODUCT').slice(2);
    const described = sent.map((m) => (m.content.kind === 'card' ? `card #${m.content.card.item.id}` : m.content.kind));
    // The card in hand finishes; the update and the card's log come before the other nine thread cards.
    expect(described.slice(0, 6)).toEqual([`card #${burst[0]}`, `card #${burst[1]}`, `card #${burst[2]}`, 'card_update', 'card_log', `card #${burst[3]}`]);
    const update = sent.find((m) => m.content.kind === 'card_update');
    expect(update?.content.kind === 'card_update' && update.content.card.item.id).toBe(earlier);
    const log = sent.find((m) => m.content.kind === 'card_log');
    expect(log?.content.kind === 'card_log' && log.content.log).toMatchObject({ actor: 'Priya', kind: 'acknowledge' });
    // In the earlier card's thread: it was the first message posted.
    expect(log?.threadId).toBe('msg-1');
    expect(sent.filter((m) => m.threadId !== null && m.content.kind === 'card').map(itemOf)).toEqual(burst);
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
