import { GatewayIntentBits } from 'discord.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackItems, voices } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, ROLE, TAG } from './fakes/fake-state.js';
import { forumPost, PEOPLE, userMessage } from './fakes/payloads.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

describe('capturing from Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('identifies with exactly the intents it needs, MessageContent included', async () => {
    const h = await startDiscord();
    const expected = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent | GatewayIntentBits.GuildMessageReactions;
    expect(h.discord.gateway.identifies).toHaveLength(1);
    expect(h.discord.gateway.identifies[0]).toMatchObject({ token: 'fake-discord-bot-token-for-tests', intents: expected });
  });

  it('captures a message in a source channel and posts its card to the team’s Discord channel', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'The sync is broken since the update'));
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item).toMatchObject({ text: 'The sync is broken since the update', category: 'bug' });
    await h.deliver();
    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    expect(card?.embeds[0]).toMatchObject({ title: `#${item?.id} for Support · Open` });
    const [voice] = await h.ctx.db.select().from(voices).where(eq(voices.itemId, item?.id ?? 0));
    expect(voice).toMatchObject({ platform: 'discord', channelId: CHANNEL.source, authorExternalId: PEOPLE.ann.user.id });
  });

  it('shows mentions by the name of the user, role or channel, never as IDs, and still pings nobody', async () => {
    const h = await startDiscord();
    const ben = { ...PEOPLE.ben.user, discriminator: '0', avatar: null };
    const text = `<@${PEOPLE.ben.user.id}> and <@&${ROLE.support}>: sync is broken, see <#${CHANNEL.elsewhere}> <:sadparrot:1300000000000000001> (ask <@&1300000000000000009>)`;
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, text, { mentions: [ben], mention_roles: [ROLE.support] }));
    const [item] = await h.ctx.db.select().from(feedbackItems);
    // A role the guild does not have (deleted since) cannot be named: it stays as written, and is shown inert.
    expect(item?.text).toBe('@Ben and @Support: sync is broken, see #general :sadparrot: (ask <@&1300000000000000009>)');
    await h.deliver();
    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    expect((card?.embeds[0] as { description: string }).description).toBe('> @Ben and @Support: sync is broken, see #general :sadparrot: (ask <\u200b@&1300000000000000009>)');
    expect(card?.allowed_mentions_sent).toEqual({ parse: [] });
  });
});

describe('forum posts seen before their thread', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('captures a forum post whose starter message arrives before the thread is known, and not its replies', async () => {
    const h = await startDiscord();
    const { thread, starter } = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, 'Crash on export', 'Export crashes with big files', [TAG.bug]);
    await h.send('MESSAGE_CREATE', starter);
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, thread.id, PEOPLE.ben, 'Same here, it crashes for me too'));
    const items = await h.ctx.db.select().from(feedbackItems);
    expect(items.map((i) => [i.title, i.text, i.tags])).toEqual([['Crash on export', 'Export crashes with big files', ['Bug']]]);
    const [voice] = await h.ctx.db.select().from(voices);
    expect(voice).toMatchObject({ channelId: thread.id, messageId: starter.id, capturedVia: 'forum_post' });
  });

  it('ignores bots and messages outside the sources', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', { ...userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Crash report from a bot'), author: { id: '700', username: 'ci-bot', bot: true } });
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.ann, 'It crashes in general too'));
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
  });
});
