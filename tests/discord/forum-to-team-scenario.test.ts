import { describe, expect, it } from 'vitest';
import { routings } from '../../src/db/schema/index.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, TAG, type Json } from './fakes/fake-state.js';
import { buttonClick, forumPost, PEOPLE } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

describe('a forum post handled by a team on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('becomes a card; a non-member’s click is refused privately, a member resolves it, and the author hears back in the post', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.discord = { forumTags: { resolved: 'Resolved' } })) });
    const { thread, starter } = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, 'App crashes on launch', 'Since 2.3 it crashes when I open it @everyone <@&7781>', [TAG.bug]);
    await h.send('THREAD_CREATE', thread);
    await h.send('MESSAGE_CREATE', starter);
    await h.deliver();

    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    if (!card) throw new Error('no card was posted');
    const { embed, rows, button } = view(card);
    expect(embed.title).toMatch(/^#\d+ for Support · Open$/);
    expect(embed.description).toContain('**App crashes on launch**');
    expect(embed.description).toContain('@\u200beveryone');
    // The role is named, not shown as an ID; the forum's tags are a field of their own, not part of the quote.
    expect(embed.description).toBe('**App crashes on launch**\n> Since 2.3 it crashes when I open it @\u200beveryone @Support');
    expect(embed.fields?.find((f) => f.name === 'Tags')?.value).toBe('Bug');
    expect(rows[0]).toEqual(['Acknowledge', 'Take it', 'Resolve', 'Decline', 'Pass on']);
    const resolve = button('Resolve');

    // Olive is not in Support: her click is acknowledged at once and she alone is told why.
    const refused = buttonClick(h.discord.state, card, resolve, PEOPLE.olive);
    await h.send('INTERACTION_CREATE', refused);
    expect(h.discord.rest.callsTo('POST', new RegExp(`^/interactions/${refused.id}/`))[0]?.body).toEqual({ type: 6 });
    const followUp = h.discord.rest.callsTo('POST', new RegExp(`^/webhooks/\\d+/${String(refused.token)}$`))[0]?.body as Json;
    expect(followUp).toMatchObject({ content: '⚠️ Only members of Support can resolve this.', flags: 64 });
    expect((await h.ctx.db.select().from(routings))[0]?.status).toBe('open');

    await h.send('INTERACTION_CREATE', buttonClick(h.discord.state, card, resolve, PEOPLE.sam));
    await h.deliver();

    expect((await h.ctx.db.select().from(routings))[0]?.status).toBe('resolved');
    const updated = view(h.discord.state.message(CHANNEL.supportHome, card.id));
    expect(updated.embed.title).toMatch(/· Resolved$/);
    expect(updated.rows[0]).toEqual(['Reopen']);
    const log = h.discord.state.botMessages(card.id);
    expect(log.map((m) => m.content)).toEqual(['Sam (Support) resolved this']);
    // The card's thread is named after the item, so the channel's thread list says what each is about.
    expect(h.discord.state.channels.get(card.id)?.name).toBe(`#${/#(\d+)/.exec(embed.title ?? '')?.[1]} · App crashes on launch`);

    const [reply] = h.discord.state.botMessages(thread.id);
    expect(reply?.content).toBe(`<@${PEOPLE.ann.user.id}> Support at Testco has resolved this. Thank you for telling us! (ref #${/#(\d+)/.exec(embed.title ?? '')?.[1]})`);
    expect(reply?.allowed_mentions_sent).toEqual({ parse: [], users: [PEOPLE.ann.user.id], replied_user: false });
    expect(reply?.message_reference).toEqual({ message_id: starter.id, fail_if_not_exists: false });
    expect(h.discord.state.channels.get(thread.id)?.applied_tags).toEqual([TAG.bug, TAG.resolved]);
    // The ambassador of the community is on Slack: that note goes to the Slack port, not Discord.
    expect(h.slack.kinds()).toEqual(['ambassador_note']);
  });
});
