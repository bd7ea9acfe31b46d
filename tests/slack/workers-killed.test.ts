import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import type { ChatPort, OutboundMessage } from '../../src/delivery/chat-port.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { slackMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { useSlackHarness } from './helpers/slack-harness.js';

/**
 * A worker process that dies: its `lives`-th post reaches Slack but the process is gone before it hears the answer
 * or writes it down, and nothing it holds after that is ever sent. Its promises never settle, like a killed process.
 */
function dyingPort(port: ChatPort, lives: number): ChatPort & { dead: () => boolean } {
  let posted = 0;
  const never = new Promise<never>(() => {});
  return {
    name: port.name,
    dead: () => posted >= lives,
    ...(port.limits ? { limits: port.limits.bind(port) } : {}),
    async deliver(message: OutboundMessage) {
      if (posted >= lives) return never;
      posted += 1;
      const result = await port.deliver(message);
      return posted >= lives ? never : result;
    },
  };
}

describe('workers killed mid-way', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('no card is lost or posted twice when one of two workers dies in the middle of its channels', async () => {
    const h = await startSlack();
    const { ctx } = h;
    for (let i = 0; i < 8; i += 1) await captureFeedback(ctx, { ...slackMessage(`Export idea ${i}`), overrides: { teams: ['product'] } });
    for (let i = 0; i < 8; i += 1) await captureFeedback(ctx, { ...slackMessage(`Pricing question ${i}`), overrides: { teams: ['sales'] } });
    const others = new RecordingChat();
    const options = { db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, pacingMs: { slack: 0 }, leaseMs: 60_000, sleep: async () => {} } as const;
    const dying = dyingPort(h.adapter.chat, 3);
    // A takes the first four of Product's cards; B the rest of the outbox as it can.
    const a = new OutboxWorker({ ...options, batchSize: 4, ports: { slack: dying, console: others } });
    const b = new OutboxWorker({ ...options, ports: { slack: h.adapter.chat, console: others } });

    void a.runOnce(); // never finishes: its process is gone
    await waitFor(() => dying.dead());
    await b.drain();
    // B went on with Sales meanwhile; Product, held by A, waits for A's lease to run out (its order kept).
    const postedTo = (channel: string) => h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok && c.args.channel === channel).length;
    expect(postedTo('C0SALES')).toBe(8);
    expect(postedTo('C0PRODUCT')).toBe(3);
    expect((await ctx.db.select().from(deliveries)).filter((d) => d.status === 'sending')).toHaveLength(4);

    ctx.clock.advance(61_000);
    await b.drain();
    const rows = await ctx.db.select().from(deliveries);
    expect(rows.filter((d) => d.kind === 'card')).toHaveLength(16);
    expect(rows.every((d) => d.status === 'sent')).toBe(true);
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok);
    const keys = posts.map((c) => (c.args.metadata as { event_payload: { key: string } } | undefined)?.event_payload.key ?? JSON.stringify(c.args.metadata));
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
    // And each card's stored reference is the message Slack holds, so its buttons and updates find it.
    const cardTs = new Set(posts.map((c) => String(c.result?.ts)));
    expect(rows.filter((d) => d.kind === 'card').every((d) => cardTs.has(String(d.messageId)))).toBe(true);
  });

  it("a worker dying in the middle of a burst's thread loses no card and posts none twice: the next one finds what Slack has", async () => {
    const h = await startSlack({ config: testConfig((c) => void (c.teams.product!.condense = { threshold: 3 })) });
    const { ctx } = h;
    for (let i = 0; i < 6; i += 1) await captureFeedback(ctx, { ...slackMessage(`Checkout fails, case ${i}`), overrides: { teams: ['product'] } });
    const others = new RecordingChat();
    // At Slack's pace (the port's own limits), sleeping on the test clock: the burst is condensed.
    const options = { db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, leaseMs: 60_000, sleep: async (ms: number) => void ctx.clock.advance(ms) } as const;
    // A posts the combined card and two thread cards; the second reaches Slack, but A is gone before the answer.
    const dying = dyingPort(h.adapter.chat, 3);
    const a = new OutboxWorker({ ...options, ports: { slack: dying, console: others } });
    const b = new OutboxWorker({ ...options, ports: { slack: h.adapter.chat, console: others } });

    void a.drain(); // never finishes: its process is gone
    await waitFor(() => dying.dead());
    await b.drain();
    // The channel is A's until its lease runs out: B leaves it alone meanwhile.
    const posts = () => h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok && c.args.channel === 'C0PRODUCT');
    expect(posts()).toHaveLength(3);

    ctx.clock.advance(61_000);
    await b.drain();
    const top = posts().filter((c) => !c.args.thread_ts);
    expect(top).toHaveLength(1);
    const thread = posts().filter((c) => c.args.thread_ts === top[0]?.result?.ts);
    const itemsInThread = thread.map((c) => Number(/^#(\d+)/.exec(String(c.args.text))?.[1]));
    const rows = await ctx.db.select().from(deliveries);
    const cards = rows.filter((d) => d.kind === 'card').sort((x, y) => x.id - y.id);
    expect(itemsInThread).toEqual(cards.map((d) => d.itemId));
    expect(rows.every((d) => d.status === 'sent')).toBe(true);
    // B looked in the thread before posting the card A had sent, and took the one Slack had.
    expect(h.fake.called('conversations.replies').length).toBeGreaterThanOrEqual(1);
    expect(cards.map((d) => d.messageId)).toEqual(thread.map((c) => String(c.result?.ts)));
  });
});
