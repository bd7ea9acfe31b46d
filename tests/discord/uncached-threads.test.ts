import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { actions, routings, voices } from '../../src/db/schema/index.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { inboundRetryJob } from '../../src/jobs/inbound-retry-job.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { slackMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, GUILD_ID, type Json } from './fakes/fake-state.js';
import { buttonClick, messageCommand, PEOPLE, reaction, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const condensing = testConfig((c) => void (c.teams.support!.condense = { threshold: 3 }));

/** The real worker at Discord's pace (the port's own limits), so that a burst is condensed; it sleeps on the test clock. */
const pacedWorker = (h: DiscordHarness) => new OutboxWorker({ db: h.ctx.db, config: h.ctx.config, clock: h.ctx.clock, logger: h.ctx.logger, ports: { discord: h.adapter.chat, slack: h.slack, console: new RecordingChat() }, sleep: async (ms) => void h.ctx.clock.advance(ms) });

/** Four new items at once: one combined card in Support's home, whose thread holds each item's card. */
async function cardsInAThread(h: DiscordHarness) {
  const items: number[] = [];
  for (let i = 1; i <= 4; i += 1) {
    const result = await captureFeedback(h.ctx, { ...slackMessage(`Webhooks arrive twice, case ${i}`), overrides: { teams: ['support'], category: 'bug' } });
    if (result.status === 'created') items.push(result.itemId);
  }
  await pacedWorker(h).drain();
  const threadId = String(h.discord.state.botMessages(CHANNEL.supportHome)[0]?.id);
  const cards = h.discord.state.botMessages(threadId);
  if (cards.length !== items.length) throw new Error(`expected ${items.length} cards in the thread, found ${cards.length}`);
  return { items, threadId, cards };
}

const statusOf = async (h: DiscordHarness, itemId: number) => (await h.ctx.db.select().from(routings).where(eq(routings.itemId, itemId)))[0]?.status;
const reactionLedger = async (h: DiscordHarness) => (await h.ctx.db.select().from(actions).orderBy(actions.id)).filter((a) => a.via === 'reaction').map((a) => `${a.kind} #${a.itemId} by ${a.actorName}`);

describe('reactions in threads the Discord client has not cached', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('a ✅ on a card in a thread the client never heard of resolves that card, once', async () => {
    const h = await startDiscord({ config: condensing });
    // Discord does not tell this client of the thread (no THREAD_CREATE), so it is in no cache.
    h.discord.rest.onThreadStarted = undefined;
    const { items, threadId, cards } = await cardsInAThread(h);

    await h.send('MESSAGE_REACTION_ADD', reaction('add', cards[1]!, PEOPLE.sam, '✅'));
    expect(await statusOf(h, items[1]!)).toBe('resolved');
    expect(await statusOf(h, items[0]!)).toBe('open');
    expect(await reactionLedger(h)).toEqual([`resolve #${items[1]} by Sam`]);
    await pacedWorker(h).drain();
    expect(h.discord.state.botMessages(threadId).at(-1)?.content).toBe('Sam (Support) resolved this');

    // The next reaction there finds the thread known, and taking the ✅ back undoes the resolve.
    await h.send('MESSAGE_REACTION_REMOVE', reaction('remove', cards[1]!, PEOPLE.sam, '✅'));
    expect(await statusOf(h, items[1]!)).toBe('open');
    expect(await reactionLedger(h)).toEqual([`resolve #${items[1]} by Sam`, `undo #${items[1]} by Sam`]);
  });

  it('a ✅ in a thread that was archived while Liaison was down is acted on after the restart, once', async () => {
    const h = await startDiscord({ config: condensing });
    const { items, threadId, cards } = await cardsInAThread(h);
    await h.restart({
      whileDown: () => {
        const thread = h.discord.state.channels.get(threadId);
        (thread?.thread_metadata as Json).archived = true;
      },
    });
    // Discord lists only active threads when the client connects, so the archived one is not cached.

    const seq = h.discord.gateway.dispatch('MESSAGE_REACTION_ADD', reaction('add', cards[2]!, PEOPLE.sam, '✅'));
    h.discord.gateway.redispatch(seq);
    await h.settle();
    expect(await statusOf(h, items[2]!)).toBe('resolved');
    expect(await reactionLedger(h)).toEqual([`resolve #${items[2]} by Sam`]);
  });

  it('a reaction in an uncached thread whose channel cannot be fetched is logged in one line and retried, not lost', async () => {
    const lines: Json[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Json) });
    const h = await startDiscord({ config: condensing, logger });
    h.discord.rest.onThreadStarted = undefined;
    const { items, threadId, cards } = await cardsInAThread(h);
    // Discord's REST client tries a 500 three more times before giving up.
    h.discord.rest.failNext('GET', new RegExp(`^/channels/${threadId}$`), { status: 500, body: { message: 'Internal Server Error', code: 0 } }, 4);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', cards[0]!, PEOPLE.sam, '✅'));
    expect(await statusOf(h, items[0]!)).toBe('open');
    const failures = lines.filter((l) => Number(l.level) >= 40);
    expect(failures.map((l) => l.msg)).toEqual(['discord event failed; it will be retried']);

    h.ctx.clock.advance(61_000);
    await inboundRetryJob(h.ctx.db, h.ctx.clock, h.ctx.logger, h.adapter.inboundHandlers).run();
    expect(await statusOf(h, items[0]!)).toBe('resolved');
    expect(await reactionLedger(h)).toEqual([`resolve #${items[0]} by Sam`]);
  });

  it('a button on a card in a thread the client never heard of acts on that card', async () => {
    const h = await startDiscord({ config: condensing });
    h.discord.rest.onThreadStarted = undefined;
    const { items, cards } = await cardsInAThread(h);
    await h.send('INTERACTION_CREATE', buttonClick(h.discord.state, cards[3]!, view(cards[3]).button('Take it'), PEOPLE.sam));
    expect(await statusOf(h, items[3]!)).toBe('owned');
  });
});

describe('"Send to Liaison" in a thread the Discord client has not cached', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('captures a message in a thread that was archived while Liaison was down', async () => {
    const h = await startDiscord();
    // A thread in #general, which is no source: the client is never told of it, and it is archived.
    const thread = h.discord.state.addChannel({ id: h.discord.state.snowflake(), type: 11, guild_id: GUILD_ID, parent_id: CHANNEL.elsewhere, name: 'Sync question', owner_id: PEOPLE.ann.user.id, thread_metadata: { archived: true, auto_archive_duration: 4320, locked: false, archive_timestamp: new Date().toISOString() } });
    const reply = userMessage(h.discord.state, thread.id, PEOPLE.ben, 'Sync drops my settings every time');

    const interaction = messageCommand(h.discord.state, reply, PEOPLE.maya);
    await h.send('INTERACTION_CREATE', interaction);
    const answer = h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(interaction.token)}/messages/@original$`)).at(-1)?.body as Json | undefined;
    expect(answer?.content).toMatch(/^Captured as \*\*#1\*\*/);
    expect((await h.ctx.db.select().from(voices)).map((v) => [v.capturedVia, v.messageId])).toContainEqual(['shortcut', reply.id]);
  });
});
