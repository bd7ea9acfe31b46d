import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enqueueDeliveries, type NewDelivery } from '../../src/core/outbox.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { cardsFor } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

/** The real worker at Discord's pace (the DiscordChat port's own limits), sleeping on the test clock. */
function pacedWorker(h: DiscordHarness): OutboxWorker {
  const { ctx } = h;
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { discord: h.adapter.chat, slack: h.slack, console: new RecordingChat() }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

/** Posts accepted in a channel, with the item each card is about and when it came (test clock). */
function cardsPosted(h: DiscordHarness, channelId: string, times: Map<string, number>) {
  return h.discord.state.botMessages(channelId).map((m) => ({ item: Number(/^#(\d+)/.exec(String((m.embeds as { title?: string }[])[0]?.title))?.[1]), at: times.get(String(m.id)) }));
}

/** A note in a card's thread (someone linked an issue), queued as a reply to the card's delivery. */
const noteOn = (card: { id: number; channelId: string }, n: number): NewDelivery => ({
  key: `test:note:${card.id}:${n}`, kind: 'card_log', target: { platform: 'discord', channelId: card.channelId }, parentId: card.id,
  payload: { actor: 'Sam', kind: 'link_issue', team: 'Support', reason: `SUP-${n}` },
});

describe("Discord's rate limits", () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it("a 429 on one channel's route does not delay another channel, and the refused channel keeps its order", async () => {
    const config = testConfig((c) => {
      c.teams.product!.home = { discord: CHANNEL.elsewhere };
    });
    const h = await startDiscord({ config });
    const support = await cardsFor(h.ctx, 'support', 3);
    const product = await cardsFor(h.ctx, 'product', 3);
    const limits = h.discord.rest.enforceLimits(() => h.ctx.clock.now().getTime());
    // Support's channel has had five posts in the last five seconds (people's bots, say): Discord refuses the next.
    limits.spend({ key: `route:post:${CHANNEL.supportHome}`, limit: 5, windowMs: 5_000, scope: 'route' }, 5);
    const start = h.ctx.clock.now().getTime();
    const times = new Map<string, number>();
    const record = h.discord.state.addMessage.bind(h.discord.state);
    h.discord.state.addMessage = (channelId, fields) => {
      const message = record(channelId, fields);
      times.set(String(message.id), h.ctx.clock.now().getTime() - start);
      return message;
    };

    await pacedWorker(h).drain();
    h.ctx.clock.advance(5_000);
    await pacedWorker(h).drain();

    const productCards = cardsPosted(h, CHANNEL.elsewhere, times);
    expect(productCards.map((c) => c.item)).toEqual(product);
    expect(productCards[0]?.at).toBe(0);
    expect(productCards[2]?.at).toBeLessThan(2_500);
    const supportCards = cardsPosted(h, CHANNEL.supportHome, times);
    expect(supportCards.map((c) => c.item)).toEqual(support);
    expect(supportCards[0]?.at).toBeGreaterThanOrEqual(5_000);
    expect(limits.refusals.map((r) => r.key)).toEqual([`route:post:${CHANNEL.supportHome}`]);
  });

  it("a card's thread is a route of its own: a 429 there holds only that thread's notes, the channel's new cards and another thread's note go on", async () => {
    const h = await startDiscord();
    await cardsFor(h.ctx, 'support', 2);
    const worker = pacedWorker(h);
    await worker.drain();
    const [first, second] = await h.ctx.db.select().from(deliveries).where(and(eq(deliveries.kind, 'card'), eq(deliveries.channelId, CHANNEL.supportHome))).orderBy(asc(deliveries.id));
    if (!first?.messageId || !second?.messageId) throw new Error('the cards were not posted');
    const limits = h.discord.rest.enforceLimits(() => h.ctx.clock.now().getTime());
    // Discord keys a post's bucket by the channel in its path, and a thread started from a card is a channel with the
    // card's ID: it refuses the first card's thread for 30 s, and nothing else.
    h.discord.rest.rateLimitNext('POST', new RegExp(`^/channels/${first.messageId}/messages$`), 30);
    await enqueueDeliveries(h.ctx.db, h.ctx.clock.now(), [noteOn(first, 1), noteOn(first, 2), noteOn(second, 3)]);
    const later = await cardsFor(h.ctx, 'support', 3);
    const start = h.ctx.clock.now().getTime();
    const times = new Map<string, number>();
    const record = h.discord.state.addMessage.bind(h.discord.state);
    h.discord.state.addMessage = (channelId, fields) => {
      const message = record(channelId, fields);
      times.set(String(message.id), h.ctx.clock.now().getTime() - start);
      return message;
    };
    const notesIn = (threadId: string) => h.discord.state.botMessages(threadId).map((m) => ({ text: JSON.stringify(m), at: times.get(String(m.id)) }));

    await worker.drain();

    // The channel's new cards went out at the channel's own pace, not 30 s later with the refused thread.
    const cards = cardsPosted(h, CHANNEL.supportHome, times).slice(2);
    expect(cards.map((c) => c.item)).toEqual(later);
    expect(Number(cards.at(-1)?.at)).toBeLessThan(5_000);
    expect(notesIn(second.messageId).map((n) => n.text.includes('SUP-3'))).toEqual([true]);
    expect(notesIn(first.messageId)).toEqual([]);

    h.ctx.clock.advance(30_000);
    await worker.drain();
    const held = notesIn(first.messageId);
    expect(held.map((n) => /SUP-\d/.exec(n.text)?.[0])).toEqual(['SUP-1', 'SUP-2']);
    expect(Math.min(...held.map((n) => Number(n.at)))).toBeGreaterThanOrEqual(30_000);
    // The one refusal was the canned one: the worker itself never ran into a limit.
    expect(limits.refusals).toEqual([]);
  });
});
