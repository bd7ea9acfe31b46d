import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actions, feedbackItems } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, type Json } from './fakes/fake-state.js';
import { buttonClick, PEOPLE, slashCommand, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const S = 3;
const replyOf = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(i.token)}/messages/@original$`)).map((c) => c.body as { content: string }).at(-1)?.content;
const followUpOf = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('POST', new RegExp(`^/webhooks/\\d+/${String(i.token)}$`)).map((c) => c.body as { content: string }).at(-1)?.content;
const sub = (name: string, options: { name: string; value: string }[]) => [{ type: 1, name, options: options.map((o) => ({ type: S, ...o })) }];

describe('duplicates and identities on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('a second report of the same problem shows "Looks like #1 — merge?"; a support member merges it with one click', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Sync is broken since Monday, readings stopped'));
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'sync broken here too, my readings stopped'));
    await h.deliver();
    const [, second] = h.discord.state.botMessages(CHANNEL.supportHome);
    const card = view(second);
    expect(card.embed.fields?.find((f) => f.name === 'Looks like #1 — merge?')?.value).toBe('“Sync is broken since Monday, readings stopped” · Makers Discord');
    expect(card.rows.at(-1)).toEqual(['Merge with #1']);

    const outsider = buttonClick(h.discord.state, second!, card.button('Merge with #1'), PEOPLE.olive);
    await h.send('INTERACTION_CREATE', outsider);
    expect(followUpOf(h, outsider)).toBe('⚠️ Only community managers, or members of a team that has all of them, can merge #1 and #2.');
    const click = buttonClick(h.discord.state, second!, card.button('Merge with #1'), PEOPLE.sam);
    await h.send('INTERACTION_CREATE', click);
    expect(followUpOf(h, click)).toBe('Merged **#2** into **#1**: one item, 2 voices. Everyone who said it will hear the outcome.');
    await h.deliver();
    const redrawn = view(h.discord.state.message(CHANNEL.supportHome, second!.id));
    expect(redrawn.embed.title).toMatch(/· Merged$/);
    expect(redrawn.buttons).not.toContain('Merge with #1');
  });

  it('/liaison merge, link and unlink answer in words, and only community managers may link', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Export crashes'));
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ben, 'Import crashes'));
    const run = async (who: (typeof PEOPLE)[keyof typeof PEOPLE], name: string, options: { name: string; value: string }[]) => {
      const interaction = slashCommand(h.discord.state, 'liaison', sub(name, options), who, CHANNEL.elsewhere);
      await h.send('INTERACTION_CREATE', interaction);
      return replyOf(h, interaction);
    };
    const pair = [{ name: 'member', value: `<@${PEOPLE.ann.user.id}>` }, { name: 'other', value: `discord:${PEOPLE.ben.user.id}` }];
    expect(await run(PEOPLE.sam, 'link', pair)).toBe('⚠️ Only community managers can link member identities.');
    expect(await run(PEOPLE.maya, 'link', pair)).toBe('Linked: Ann (discord), Ben (discord) are one person now, and their history is one.');
    expect(await run(PEOPLE.maya, 'unlink', [{ name: 'member', value: PEOPLE.ben.user.id }])).toBe('Unlinked Ben (discord): a member of their own again, with what they said.');
    expect(await run(PEOPLE.maya, 'merge', [{ name: 'item', value: '#2' }, { name: 'with', value: '#1' }])).toBe('Merged **#2** into **#1**: one item, 2 voices. Everyone who said it will hear the outcome.');
    expect((await h.ctx.db.select().from(feedbackItems).where(eq(feedbackItems.id, 2)))[0]?.mergedIntoId).toBe(1);
    expect((await h.ctx.db.select().from(actions).where(eq(actions.actorName, 'Maya')).orderBy(actions.id)).map((a) => a.kind)).toEqual(['link', 'unlink', 'merge', 'merge']);
  });
});
