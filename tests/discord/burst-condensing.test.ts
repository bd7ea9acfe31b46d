import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { routings } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { slackMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { buttonClick, PEOPLE, reaction } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

/** The real worker at Discord's pace (the port's own limits), sleeping on the test clock. */
const pacedWorker = (h: DiscordHarness) => new OutboxWorker({ db: h.ctx.db, config: h.ctx.config, clock: h.ctx.clock, logger: h.ctx.logger, ports: { discord: h.adapter.chat, slack: h.slack, console: new RecordingChat() }, sleep: async (ms) => void h.ctx.clock.advance(ms) });

describe('a burst of new cards on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('is one combined card that starts a thread holding every item\'s card, and a button there edits that card in the thread', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.teams.support!.condense = { threshold: 3 })) });
    const limits = h.discord.rest.enforceLimits(() => h.ctx.clock.now().getTime());
    const items: number[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const result = await captureFeedback(h.ctx, { ...slackMessage(`Sync stalls at 99 %, case ${i}`), overrides: { teams: ['support'], category: 'bug' } });
      if (result.status === 'created') items.push(result.itemId);
    }
    const worker = pacedWorker(h);
    await worker.drain();

    const inChannel = h.discord.state.botMessages(CHANNEL.supportHome);
    expect(inChannel).toHaveLength(1);
    const combined = view(inChannel[0]).embed;
    expect(combined.title).toBe('5 new items for Support');
    expect(combined.description).toMatch(/^Since <t:\d+:t>/);
    for (const [i, id] of items.entries()) expect(combined.description).toContain(`**#${id}** · *bug* · Sync stalls at 99 %, case ${i + 1}`);
    const threadId = String(inChannel[0]?.id);
    expect(h.discord.state.channels.get(threadId)?.name).toBe('5 new items for Support');
    const threadCards = h.discord.state.botMessages(threadId);
    expect(threadCards.map((m) => Number(/^#(\d+) for Support/.exec(String(view(m).embed.title))?.[1]))).toEqual(items);

    const card = threadCards[1];
    await h.send('INTERACTION_CREATE', buttonClick(h.discord.state, card!, view(card).button('Take it'), PEOPLE.sam));
    await worker.drain();
    const [routing] = await h.ctx.db.select().from(routings).where(eq(routings.itemId, items[1] as number));
    expect(routing?.status).toBe('owned');
    expect(view(h.discord.state.message(threadId, String(card?.id))).embed.title).toBe(`#${items[1]} for Support · Owned`);
    // The card's log goes in the same thread: a thread cannot be started from a message in a thread.
    expect(h.discord.state.botMessages(threadId).at(-1)?.content).toBe('Sam (Support) took this');
    expect(limits.refusals).toEqual([]);
  });

  it("an emoji on a card in the combined card's thread acts on that card's item, and taking it back undoes it", async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.teams.support!.condense = { threshold: 3 })) });
    const items: number[] = [];
    for (let i = 1; i <= 4; i += 1) {
      const result = await captureFeedback(h.ctx, { ...slackMessage(`Billing page times out, case ${i}`), overrides: { teams: ['support'], category: 'bug' } });
      if (result.status === 'created') items.push(result.itemId);
    }
    const worker = pacedWorker(h);
    await worker.drain();
    const threadId = String(h.discord.state.botMessages(CHANNEL.supportHome)[0]?.id);
    const card = h.discord.state.botMessages(threadId)[2];
    if (!card) throw new Error('no card in the thread');
    const statusOf = async (itemId: number) => (await h.ctx.db.select().from(routings).where(eq(routings.itemId, itemId)))[0]?.status;

    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '👀'));
    expect(await statusOf(items[2] as number)).toBe('acknowledged');
    expect(await statusOf(items[1] as number)).toBe('open');
    await worker.drain();
    expect(view(h.discord.state.message(threadId, card.id)).embed.title).toBe(`#${items[2]} for Support · Acknowledged`);
    expect(h.discord.state.botMessages(threadId).at(-1)?.content).toBe('Sam (Support) acknowledged this');

    await h.send('MESSAGE_REACTION_REMOVE', reaction('remove', card, PEOPLE.sam, '👀'));
    expect(await statusOf(items[2] as number)).toBe('open');
  });
});
