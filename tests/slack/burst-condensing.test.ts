import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { routings } from '../../src/db/schema/index.js';
import { slackMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import type { TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { browserAs } from '../web/web-forms.js';
import { pageWords } from '../helpers/page-words.js';
import { shown } from './helpers/slack-asserts.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, eventCallback, reactionEvent } from './helpers/slack-payloads.js';

async function cardsFor(ctx: TestContext, team: string, texts: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const text of texts) {
    const result = await captureFeedback(ctx, { ...slackMessage(text), overrides: { teams: [team], category: 'bug' } });
    if (result.status === 'created') ids.push(result.itemId);
  }
  return ids;
}

/** The real worker at Slack's pace (the port's own limits), sleeping on the test clock. */
const pacedWorker = (h: SlackHarness) => new OutboxWorker({ db: h.ctx.db, config: h.ctx.config, clock: h.ctx.clock, logger: h.ctx.logger, ports: { slack: h.adapter.chat, discord: h.others, console: h.others }, sleep: async (ms) => void h.ctx.clock.advance(ms) });
const buttonIn = (post: Record<string, unknown>, actionId: string) =>
  ((post.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;

describe('a burst of new cards on Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('is posted as one combined card whose thread holds every item\'s card, each still actionable, then single cards resume', async () => {
    const h = await startSlack({ config: testConfig((c) => void (c.teams.product!.condense = { threshold: 5 })) });
    const limits = h.fake.enforceLimits(() => h.ctx.clock.now().getTime());
    const texts = Array.from({ length: 8 }, (_, i) => `Login fails after the update, report ${i + 1}\nsteps follow`);
    const items = await cardsFor(h.ctx, 'product', texts);
    const worker = pacedWorker(h);

    await worker.drain();

    const inChannel = h.fake.posts('C0PRODUCT').filter((p) => !p.thread_ts);
    expect(inChannel).toHaveLength(1);
    const combined = shown(inChannel[0]);
    // The test clock starts at 14:00 UTC, 09:00 in the organisation's timezone (New York).
    expect(combined).toContain('8 new items for Product since 09:00');
    for (const [i, id] of items.entries()) expect(combined).toContain(`#${id}> · _bug_ · Login fails after the update, report ${i + 1}`);
    expect(combined).toContain('each has its own card with its buttons in this thread');
    const thread = h.fake.posts('C0PRODUCT').filter((p) => p.thread_ts === inChannel[0]?.ts);
    expect(thread.map((p) => Number(/^#(\d+) for Product/.exec(String(p.text))?.[1]))).toEqual(items);

    // Priya acknowledges the third item from its card in the thread: that card, and only it, shows it.
    const card = thread[2] as Record<string, unknown> & { ts: string };
    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: card.ts, actionId: 'card:acknowledge', value: String(buttonIn(card, 'card:acknowledge')), responseUrl: `${h.fake.url}/respond/p` }));
    await h.adapter.idle();
    await worker.drain();
    const [routing] = await h.ctx.db.select().from(routings).where(eq(routings.itemId, items[2] as number));
    expect(routing?.status).toBe('acknowledged');
    const updates = h.fake.called('chat.update');
    expect(updates.map((u) => u.ts)).toEqual([card.ts]);
    expect(shown(updates[0])).toContain('Acknowledged');
    // The card's log goes in the same thread (a reply to a reply would not).
    const log = h.fake.posts('C0PRODUCT').filter((p) => p.thread_ts === inChannel[0]?.ts).at(-1);
    expect(String(log?.text)).toMatch(/acknowledged this/);

    // A reaction on a card in the thread counts too (Slack reports the reply's own ts).
    await h.event(eventCallback(reactionEvent('reaction_added', { user: 'U0PRIYA', reaction: 'raised_hand', channel: 'C0PRODUCT', ts: (thread[4] as { ts: string }).ts, eventTs: '1794840000.000300' })));
    await h.adapter.idle();
    const [owned] = await h.ctx.db.select().from(routings).where(eq(routings.itemId, items[4] as number));
    expect(owned?.status).toBe('owned');

    // Every item also has its page in the web app, with the card's actions.
    const priya = await browserAs(h.ctx, 'priya');
    const page = await priya.get(`/items/${items[5]}`);
    expect(page.status).toBe(200);
    expect(pageWords(page.html)).toContain('Login fails after the update, report 6');
    for (const label of ['Acknowledge', 'Take it', 'Resolve']) expect(pageWords(page.html)).toContain(label);

    // The burst is over: the next items get cards of their own in the channel.
    const later = await cardsFor(h.ctx, 'product', ['Export is slow', 'Search misses titles']);
    await worker.drain();
    const singles = h.fake.posts('C0PRODUCT').filter((p) => !p.thread_ts).slice(1);
    expect(singles.map((p) => Number(/^#(\d+) for Product/.exec(String(p.text))?.[1]))).toEqual(later);
    expect(limits.refusals).toEqual([]);
  });
});
