import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { cardsFor } from '../helpers/capture.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { startSlack, type SlackHarness } from './helpers/slack-harness.js';

/** The real worker at Slack's pace (the SlackChat port's own limits), sleeping on the test clock. */
function pacedWorker(h: SlackHarness): OutboxWorker {
  const { ctx } = h;
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: h.adapter.chat, discord: h.others, console: h.others }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

const itemOf = (post: Record<string, unknown>) => Number(/^#(\d+)/.exec(String(post.text))?.[1]);

describe("Slack's rate limits", () => {
  const database = useTestDatabase();
  let h: SlackHarness;
  afterEach(async () => h?.close());

  it("a 429 on one channel does not delay another channel's cards, and the refused channel keeps its order", async () => {
    h = await startSlack(database.current().db);
    const product = await cardsFor(h.ctx, 'product', 3);
    const sales = await cardsFor(h.ctx, 'sales', 3);
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    // Something else (another app) has just posted in Product's channel: Slack refuses Liaison's next post there.
    limits.spend({ key: 'channel:C0PRODUCT', limit: 1, windowMs: 1_000, scope: 'channel' });
    const start = h.ctx.clock.now().getTime();

    await pacedWorker(h).drain();

    const salesPosts = h.fake.posts('C0SALES');
    expect(salesPosts.map(itemOf)).toEqual(sales);
    // Sales went out at once and then at its own pace, one a second.
    expect(salesPosts.map((p) => Number(p.at) - start)).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(Number(salesPosts[2]?.at) - start).toBeLessThan(2_500);
    const productPosts = h.fake.posts('C0PRODUCT');
    expect(productPosts.map(itemOf)).toEqual(product);
    expect(Number(productPosts[0]?.at)).toBeGreaterThanOrEqual(start + 1_000);
    // Slack said no once, to Product, and the worker never ran into its limits again: no 429 storm.
    expect(limits.refusals.map((r) => r.key)).toEqual(['channel:C0PRODUCT']);
  });

});
