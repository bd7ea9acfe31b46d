import { SnowflakeUtil } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { sourceCursor, storedItemTexts } from '../helpers/stored-rows.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, TAG } from './fakes/fake-state.js';
import { forumPost, PEOPLE, userMessage } from './fakes/payloads.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

describe('gateway replays and downtime', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('captures a message once when Discord sends it twice', async () => {
    const h = await startDiscord();
    const seq = h.discord.gateway.dispatch('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Login is broken on Android'));
    h.discord.gateway.redispatch(seq);
    await h.settle();
    expect(await storedItemTexts(h.ctx.db)).toEqual(['Login is broken on Android']);
    expect(await h.ctx.db.$count(inboundEvents)).toBe(1);
    await h.deliver();
    expect(h.discord.state.botMessages(CHANNEL.supportHome)).toHaveLength(1);
  });

  it('resumes after a dropped connection and captures what was sent meanwhile, once', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Before the drop: sync is broken'));
    h.discord.gateway.dropConnection();
    // Sent while the client is away: the gateway keeps them for the resume.
    h.discord.gateway.dispatch('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'During the drop: the app crashes'));
    await h.settle();
    expect(h.discord.gateway.resumes).toHaveLength(1);
    expect(h.discord.gateway.identifies).toHaveLength(1);
    expect(await storedItemTexts(h.ctx.db)).toEqual(['Before the drop: sync is broken', 'During the drop: the app crashes']);
  });

  it('resumes when Discord asks it to reconnect, without capturing anything twice', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Export crashes'));
    h.discord.gateway.requestReconnect();
    await h.settle();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'Import crashes'));
    expect(h.discord.gateway.resumes).toHaveLength(1);
    expect(await storedItemTexts(h.ctx.db)).toEqual(['Export crashes', 'Import crashes']);
  });

  it('on first start, does not capture what was said before Liaison started watching', async () => {
    const h = await startDiscord({ connect: false });
    const before = SnowflakeUtil.generate({ timestamp: h.ctx.clock.now().getTime() - 86_400_000 }).toString();
    userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'An old complaint: it crashes', { id: before });
    await h.startAdapter();
    expect(await storedItemTexts(h.ctx.db)).toEqual([]);
    expect((await sourceCursor(h.ctx.db, CHANNEL.source)).lastMessageId).toBeNull();
  });

  it('catches up posts made while down in a source where nothing was captured yet, from when watching began', async () => {
    const h = await startDiscord();
    const before = SnowflakeUtil.generate({ timestamp: h.ctx.clock.now().getTime() - 86_400_000 }).toString();
    await h.restart({
      whileDown: () => {
        userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Before watching: it crashes', { id: before });
        h.ctx.clock.advance(60_000);
        userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'While down: sync is broken');
        void forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, 'Export broken', 'The export crashes');
      },
    });
    expect(await storedItemTexts(h.ctx.db)).toEqual(['While down: sync is broken', 'The export crashes']);
  });

  it('after downtime, captures every message posted meanwhile exactly once, paging past 100', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Seen live: it crashes'));
    const missed: string[] = [];
    await h.restart({
      whileDown: () => {
        for (let i = 1; i <= 105; i += 1) missed.push(userMessage(h.discord.state, CHANNEL.source, i % 2 ? PEOPLE.ann : PEOPLE.ben, `Missed ${i}: it crashes`).id);
      },
    });
    // The last one also arrives live after the restart: still one item.
    const last = h.discord.state.message(CHANNEL.source, missed.at(-1) as string);
    await h.send('MESSAGE_CREATE', { ...last, guild_id: '1100' });
    const texts = await storedItemTexts(h.ctx.db);
    expect(texts).toHaveLength(106);
    expect(new Set(texts).size).toBe(106);
    expect(texts.slice(0, 3)).toEqual(['Seen live: it crashes', 'Missed 1: it crashes', 'Missed 2: it crashes']);
    expect((await sourceCursor(h.ctx.db, CHANNEL.source)).lastMessageId).toBe(missed.at(-1));
    // One look at the start (nothing seen yet, nothing missed), then two pages after the restart.
    expect(h.discord.rest.callsTo('GET', /^\/channels\/1101\/messages$/).map((c) => c.query.get('limit'))).toEqual(['100', '100', '100']);

    await h.restart();
    expect(await storedItemTexts(h.ctx.db)).toHaveLength(106);
  });

  it('after downtime, waits out a 429 on the history and still captures what was missed', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Seen live: it crashes'));
    await h.restart({
      whileDown: () => {
        userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'Missed: sync is broken');
        // discord.js waits as long as Discord says (here 50 ms) and asks again.
        h.discord.rest.rateLimitNext('GET', /^\/channels\/1101\/messages$/, 0.05);
      },
    });
    expect(await storedItemTexts(h.ctx.db)).toEqual(['Seen live: it crashes', 'Missed: sync is broken']);
    expect(h.discord.rest.callsTo('GET', /^\/channels\/1101\/messages$/).length).toBeGreaterThanOrEqual(3);
  });

  it('after downtime, captures a forum post made meanwhile, with its title and tags', async () => {
    const h = await startDiscord();
    const first = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, 'Crash on save', 'It crashes on save');
    await h.send('THREAD_CREATE', first.thread);
    await h.send('MESSAGE_CREATE', first.starter);
    await h.restart({ whileDown: () => void forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ben, 'Sync broken', 'Sync is broken since Monday', [TAG.bug]) });
    const items = await h.ctx.db.select({ title: feedbackItems.title, text: feedbackItems.text, tags: feedbackItems.tags }).from(feedbackItems).orderBy(feedbackItems.id);
    expect(items).toEqual([
      { title: 'Crash on save', text: 'It crashes on save', tags: [] },
      { title: 'Sync broken', text: 'Sync is broken since Monday', tags: ['Bug'] },
    ]);
  });

  it('after a long downtime, captures a forum post made meanwhile that Discord has since archived', async () => {
    const h = await startDiscord();
    const first = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, 'Crash on save', 'It crashes on save');
    await h.send('THREAD_CREATE', first.thread);
    await h.send('MESSAGE_CREATE', first.starter);
    await h.restart({
      whileDown: () => {
        const quiet = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ben, 'Sync broken', 'Sync is broken since Monday');
        // Left alone for its auto-archive duration while Liaison was away.
        Object.assign(quiet.thread.thread_metadata as Record<string, unknown>, { archived: true, archive_timestamp: new Date(Date.now() + 1_000).toISOString() });
      },
    });
    const items = await h.ctx.db.select({ title: feedbackItems.title }).from(feedbackItems).orderBy(feedbackItems.id);
    expect(items).toEqual([{ title: 'Crash on save' }, { title: 'Sync broken' }]);
  });

  it('catches up after the gateway refuses to resume and a new session starts', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'First: it crashes'));
    h.discord.gateway.invalidateSession();
    h.discord.gateway.dropConnection();
    // Posted while the client is between sessions: a new session never sends it, only a fetch finds it.
    userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'Between sessions: it crashes');
    await waitFor(() => h.discord.gateway.identifies.length === 2);
    await h.settle();
    expect(await storedItemTexts(h.ctx.db)).toEqual(['First: it crashes', 'Between sessions: it crashes']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
