import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { recordAction } from '../../src/core/record-action.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { routings } from '../../src/db/schema/index.js';
import { enqueueDeliveries, type NewDelivery } from '../../src/core/outbox.js';
import type { LoopReply, Reminder } from '../../src/delivery/content.js';
import { cardsFor } from '../helpers/capture.js';
import { person } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';

/** The real worker at Slack's pace (the SlackChat port's own limits), sleeping on the test clock. */
function pacedWorker(h: SlackHarness): OutboxWorker {
  const { ctx } = h;
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: h.adapter.chat, discord: h.others, console: h.others }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

/** A loop reply that goes to its author by DM (the config says so), queued with the feedback's channel. */
const dmReply = (channelId: string, authorId: string, itemId: number): NewDelivery => {
  const reply: LoopReply = { outcome: 'resolved', team: 'product', itemId, organisation: 'Testco', authorId, replyTo: '1700000000.000100', dm: true };
  return { key: `test:reply:${itemId}`, kind: 'loop_reply', target: { platform: 'slack', channelId }, payload: { ...reply } };
};

/** A reminder for Product listing one overdue item per card, each card posted in Product's channel at `ts`. */
const reminderOf = (n: number, cardTs: string[]): Reminder & Record<string, unknown> => ({
  team: 'product', teamName: 'Product', window: `2026-11-23T1${n}`,
  items: cardTs.map((ts, i) => ({ itemId: n * 100 + i + 1, routingId: n * 100 + i + 1, excerpt: `Report ${i}`, state: 'breached' as const, target: 'resolve' as const, dueAt: '2026-11-23T10:00:00.000Z', permalink: null, card: { platform: 'slack', channelId: 'C0PRODUCT', messageId: ts } })),
});

const itemOf = (post: Record<string, unknown>) => Number(/^#(\d+)/.exec(String(post.text))?.[1]);

/** Someone in the team acknowledges each of these items' cards (an update and a note in the card's thread each). */
async function acknowledge(h: SlackHarness, items: number[], who: 'priya' | 'lena'): Promise<void> {
  for (const itemId of items) {
    const [routing] = await h.ctx.db.select().from(routings).where(eq(routings.itemId, itemId));
    await recordAction(h.ctx, { routingId: routing!.id, kind: 'acknowledge', actor: person(h.ctx.config, who), via: 'button' });
  }
}

describe("Slack's rate limits", () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it("a 429 on one channel does not delay another channel's cards, and the refused channel keeps its order", async () => {
    const h = await startSlack();
    const product = await cardsFor(h.ctx, 'product', 3);
    const sales = await cardsFor(h.ctx, 'sales', 3);
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    // Something else (another app) has just posted in Product's channel: Slack refuses Liaison's next post there, for
    // a second. (Refused whenever it comes: the test clock moves on with Sales' pacing, not with the database's time.)
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 0, 'C0PRODUCT');

    const worker = pacedWorker(h);
    await worker.drain();
    // Product's cards wait in the outbox for the second Slack asked for, counted from the refusal. Sales' pacing may
    // have moved the test clock past the refusal before it came, so the first drain can end with them still waiting:
    // a second on, they are due.
    h.ctx.clock.advance(1_000);
    await worker.drain();

    // Sales went out at its own pace, one a second. (When Sales' first post comes before or after Product's refusal
    // depends on which lane the event loop runs first: both share the test clock, which each lane's wait moves on.)
    const salesPosts = h.fake.posts('C0SALES');
    expect(salesPosts.map(itemOf)).toEqual(sales);
    expect(Number(salesPosts[2]?.at) - Number(salesPosts[0]?.at)).toBeLessThan(2_500);
    // Slack said no once, to Product, and the worker never ran into its limits after: no 429 storm.
    const refused = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.failedWith);
    expect(refused.map((c) => c.args.channel)).toEqual(['C0PRODUCT']);
    expect(limits.refusals).toEqual([]);
    // Product waited the second Slack asked for, then posted its cards in their order.
    const productPosts = h.fake.posts('C0PRODUCT');
    expect(productPosts.map(itemOf)).toEqual(product);
    expect(Number(productPosts[0]?.at) - Number(refused[0]?.at)).toBeGreaterThanOrEqual(1_000);
  });

  it("a 429 on chat.update pauses only updates: the channel's new cards and the card's note go on, the update follows when Slack said", async () => {
    const h = await startSlack();
    const [first] = await cardsFor(h.ctx, 'product', 1);
    const worker = pacedWorker(h);
    await worker.drain();
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    h.fake.failNext('chat.update', { status: 429, retryAfter: 30 });
    await acknowledge(h, [first as number], 'priya');
    const later = await cardsFor(h.ctx, 'product', 2);
    const start = h.ctx.clock.now().getTime();

    await worker.drain();

    const refused = h.fake.called('chat.update');
    expect(refused).toHaveLength(1);
    // Slack refused the update; the note in the card's thread and the two new cards went out at the channel's pace.
    const posts = h.fake.posts('C0PRODUCT').slice(1);
    expect(posts.map((p) => (p.thread_ts ? 'note' : itemOf(p)))).toEqual(['note', ...later]);
    expect(Number(posts.at(-1)?.at) - start).toBeLessThanOrEqual(3_000);

    h.ctx.clock.advance(30_000);
    await worker.drain();
    const updates = h.fake.calls.filter((c) => c.method === 'chat.update');
    expect(updates).toHaveLength(2);
    expect(Number(updates[1]?.at) - start).toBeGreaterThanOrEqual(30_000);
    expect(limits.refusals).toEqual([]);
  });

  it("while chat.update is paused by a 429 in one channel, another channel's update waits aside and its new cards go on", async () => {
    const h = await startSlack();
    const [sales] = await cardsFor(h.ctx, 'sales', 1);
    const [product] = await cardsFor(h.ctx, 'product', 1);
    const worker = pacedWorker(h);
    await worker.drain();
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    h.fake.failNext('chat.update', { status: 429, retryAfter: 30 });
    await acknowledge(h, [sales as number], 'lena');
    await worker.drain();
    const start = h.ctx.clock.now().getTime();
    await acknowledge(h, [product as number], 'priya');
    const later = await cardsFor(h.ctx, 'product', 2);

    await worker.drain();

    // Product's update would wait for the method's pause; the note and the new cards do not wait with it.
    const posts = h.fake.posts('C0PRODUCT').slice(1);
    expect(posts.map((p) => (p.thread_ts ? 'note' : itemOf(p)))).toEqual(['note', ...later]);
    expect(Number(posts.at(-1)?.at) - start).toBeLessThanOrEqual(3_000);
    expect(h.fake.calls.filter((c) => c.method === 'chat.update')).toHaveLength(1);

    h.ctx.clock.advance(30_000);
    await worker.drain();
    expect(h.fake.called('chat.update').map((u) => u.channel).slice(1).sort()).toEqual(['C0PRODUCT', 'C0SALES']);
    expect(limits.refusals).toEqual([]);
  });

  it('a burst of updates across channels is paced within chat.update\'s tier (50 a minute per workspace): no 429', async () => {
    const h = await startSlack();
    const product = await cardsFor(h.ctx, 'product', 27);
    const sales = await cardsFor(h.ctx, 'sales', 27);
    const worker = pacedWorker(h);
    await worker.drain();
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    await acknowledge(h, product, 'priya');
    await acknowledge(h, sales, 'lena');

    await worker.drain();

    const updates = h.fake.calls.filter((c) => c.method === 'chat.update');
    expect(updates).toHaveLength(54);
    expect(limits.refusals).toEqual([]);
    // As fast as the tier allows: the 54th within a little over a minute.
    const first = Number(updates[0]?.at);
    expect(Number(updates.at(-1)?.at) - first).toBeLessThan(75_000);
  });

  it('a burst of replies by DM to people Liaison has not written to yet is paced within conversations.open\'s tier (50 a minute): no 429', async () => {
    const h = await startSlack();
    const people = Array.from({ length: 60 }, (_, i) => `U0AUTHOR${String(i).padStart(2, '0')}`);
    // Sixty items closed at once, their authors told by DM; the replies come from two channels' feedback.
    await enqueueDeliveries(h.ctx.db, h.ctx.clock.now(), people.map((user, i) => dmReply(i % 2 === 0 ? 'C0FEEDBACK' : 'C0IDEAS', user, i + 1)));
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());

    await pacedWorker(h).drain();

    const opened = h.fake.calls.filter((c) => c.method === 'conversations.open');
    expect(opened.map((c) => c.args.users).sort()).toEqual(people);
    expect(limits.refusals).toEqual([]);
    // Everyone got their reply, once, in their own DM, within a little over what the tier allows (5 at once, then 45 a minute).
    expect(h.fake.posts().map((p) => p.channel).sort()).toEqual(people.map((u) => `D${u}`));
    expect(Number(opened.at(-1)?.at) - Number(opened[0]?.at)).toBeLessThan(90_000);
  });

  it('a 429 on conversations.open holds only DMs to new people: channel posts and DMs to people already written to go on', async () => {
    const h = await startSlack();
    await enqueueDeliveries(h.ctx.db, h.ctx.clock.now(), [dmReply('C0FEEDBACK', 'U0KNOWN', 1)]);
    const worker = pacedWorker(h);
    await worker.drain();
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    h.fake.failNext('conversations.open', { status: 429, retryAfter: 30 });
    await enqueueDeliveries(h.ctx.db, h.ctx.clock.now(), [dmReply('C0FEEDBACK', 'U0NEWONE', 2), dmReply('C0FEEDBACK', 'U0NEWTWO', 3), dmReply('C0FEEDBACK', 'U0KNOWN', 4)]);
    const cards = await cardsFor(h.ctx, 'product', 2);
    const start = h.ctx.clock.now().getTime();

    await worker.drain();

    // Slack refused one DM's opening; the other new DM waits for the method's pause instead of running into it.
    expect(h.fake.calls.filter((c) => c.method === 'conversations.open' && c.args.failedWith)).toHaveLength(1);
    const at = (channel: string) => h.fake.posts(channel).map((p) => Number(p.at) - start);
    expect(h.fake.posts('C0PRODUCT').map(itemOf)).toEqual(cards);
    // Well before the 30 s pause is over (lanes share the test clock, which each one's waits move on).
    expect(Math.max(...at('C0PRODUCT'))).toBeLessThan(10_000);
    expect(at('DU0KNOWN')).toHaveLength(2);
    expect(at('DU0KNOWN')[1]).toBeLessThan(10_000);
    expect([...at('DU0NEWONE'), ...at('DU0NEWTWO')]).toEqual([]);

    h.ctx.clock.advance(30_000);
    await worker.drain();
    for (const newcomer of ['DU0NEWONE', 'DU0NEWTWO']) expect(at(newcomer)).toEqual([expect.any(Number)]);
    expect(Math.min(...at('DU0NEWONE'), ...at('DU0NEWTWO'))).toBeGreaterThanOrEqual(30_000);
    expect(limits.refusals).toEqual([]);
  });

  it('reminders listing 120 cards between them look up every card\'s link within chat.getPermalink\'s tier (100 a minute): no 429, no line without its card', async () => {
    const h = await startSlack();
    const reminders = Array.from({ length: 4 }, (_, r) => reminderOf(r, Array.from({ length: 30 }, (_, i) => `1700000${r}${String(i).padStart(2, '0')}.000100`)));
    await enqueueDeliveries(h.ctx.db, h.ctx.clock.now(), reminders.map((reminder, r) => ({ key: `test:reminder:${r}`, kind: 'reminder' as const, target: { platform: 'slack' as const, channelId: 'C0PRODUCT' }, payload: reminder })));
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());

    await pacedWorker(h).drain();

    expect(h.fake.calls.filter((c) => c.method === 'chat.getPermalink')).toHaveLength(120);
    expect(limits.refusals).toEqual([]);
    const posted = h.fake.posts('C0PRODUCT');
    expect(posted).toHaveLength(4);
    // Every line links the team's card in Slack, none falls back to the item's page.
    const text = JSON.stringify(posted.map((p) => p.blocks));
    expect(text.match(/slack\.com\/archives\/C0PRODUCT\/p/g)).toHaveLength(120);
    expect(text).not.toContain('/items/');
  });
});
