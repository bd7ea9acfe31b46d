import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { recordAction } from '../../src/core/record-action.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { routings } from '../../src/db/schema/index.js';
import { cardsFor } from '../helpers/capture.js';
import { person } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';

/** The real worker at Slack's pace (the SlackChat port's own limits), sleeping on the test clock. */
function pacedWorker(h: SlackHarness): OutboxWorker {
  const { ctx } = h;
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: h.adapter.chat, discord: h.others, console: h.others }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

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

    await pacedWorker(h).drain();

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

});
