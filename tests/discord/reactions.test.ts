import { describe, expect, it } from 'vitest';
import { actions, feedbackItems, routings, voices } from '../../src/db/schema/index.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { PEOPLE, reaction, userMessage } from './fakes/payloads.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

async function postedCard(h: DiscordHarness) {
  await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Search crashes every time'));
  await h.deliver();
  const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
  if (!card) throw new Error('no card');
  return card;
}
const status = async (h: DiscordHarness) => (await h.ctx.db.select().from(routings))[0]?.status;
const ledger = async (h: DiscordHarness) => (await h.ctx.db.select().from(actions).orderBy(actions.id)).filter((a) => a.kind !== 'capture').map((a) => `${a.kind} by ${a.actorName} via ${a.via}`);

describe('reactions', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('a team member’s 👀 on a card acknowledges it, removing it undoes that, and adding it again acknowledges again', async () => {
    const h = await startDiscord();
    const card = await postedCard(h);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '👀'));
    expect(await status(h)).toBe('acknowledged');
    await h.send('MESSAGE_REACTION_REMOVE', reaction('remove', card, PEOPLE.sam, '👀'));
    expect(await status(h)).toBe('open');
    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '👀'));
    expect(await status(h)).toBe('acknowledged');
    expect(await ledger(h)).toEqual(['acknowledge by Sam via reaction', 'undo by Sam via reaction', 'acknowledge by Sam via reaction']);
    await h.deliver();
    expect(h.discord.state.botMessages(card.id).map((m) => m.content)).toEqual([
      'Sam (Support) acknowledged this',
      'Sam (Support) took back their last step on this',
      'Sam (Support) acknowledged this',
    ]);
  });

  it('records a reaction Discord delivers twice once', async () => {
    const h = await startDiscord();
    const card = await postedCard(h);
    const seq = h.discord.gateway.dispatch('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '✅'));
    h.discord.gateway.redispatch(seq);
    await h.settle();
    expect(await status(h)).toBe('resolved');
    expect(await ledger(h)).toEqual(['resolve by Sam via reaction']);
  });

  it('removing a reaction after the card has moved on leaves the later action standing', async () => {
    const h = await startDiscord();
    const card = await postedCard(h);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '👀'));
    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.sam, '✋'));
    await h.send('MESSAGE_REACTION_REMOVE', reaction('remove', card, PEOPLE.sam, '👀'));
    // The 👀 acknowledgement is no longer the current state, so it cannot be undone; "take it" stands.
    expect(await status(h)).toBe('owned');
    expect(await ledger(h)).toEqual(['acknowledge by Sam via reaction', 'own by Sam via reaction']);
  });

  it('ignores action emoji from people outside the team', async () => {
    const h = await startDiscord();
    const card = await postedCard(h);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', card, PEOPLE.olive, '✅'));
    expect(await status(h)).toBe('open');
    expect(await ledger(h)).toEqual([]);
  });

  it('a community manager’s 📣 captures a message outside the source channels and tells them so by DM; anyone else’s does nothing', async () => {
    const h = await startDiscord();
    const message = userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.ben, 'Pricing page shows the wrong currency');
    const other = userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.ben, 'The invoice total is wrong');
    await h.send('MESSAGE_CREATE', message);
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', other, PEOPLE.ann, '📣'));
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    await h.send('MESSAGE_REACTION_ADD', reaction('add', message, PEOPLE.maya, '📣'));
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item).toMatchObject({ text: 'Pricing page shows the wrong currency', communityId: 'makers' });
    const [voice] = await h.ctx.db.select().from(voices);
    expect(voice).toMatchObject({ capturedVia: 'reaction', capturedBy: 'Maya', authorExternalId: PEOPLE.ben.user.id, channelId: CHANNEL.elsewhere });
    // Maya alone hears that it worked, by DM: which message, its number linked to the item, and where it went.
    const dms = (who: string) => [...h.discord.state.channels.values()].filter((c) => c.type === 1 && (c.recipients as { id: string }[])[0]?.id === who).flatMap((c) => h.discord.state.botMessages(c.id));
    const [dm] = dms(PEOPLE.maya.user.id);
    expect(dm?.content).toBe(`📣 You sent [Ben’s message](<https://discord.com/channels/1100/${CHANNEL.elsewhere}/${message.id}>) in #general to Liaison.\nCaptured as [#${item?.id}](<http://localhost:3000/items/${item?.id}>) and sent to Sales.`);
    expect(dm?.allowed_mentions_sent).toEqual({ parse: [] });
    expect(dms(PEOPLE.ann.user.id)).toEqual([]);
    expect(h.discord.state.botMessages(CHANNEL.elsewhere)).toEqual([]);
    // A second capture emoji on the same message says it is already there.
    await h.send('MESSAGE_REACTION_ADD', reaction('add', message, PEOPLE.maya, '📣'));
    expect(dms(PEOPLE.maya.user.id).at(-1)?.content).toContain(`Liaison already has this as [#${item?.id}](<http://localhost:3000/items/${item?.id}>).`);
  });

  it('a community manager whose 📣 cannot be captured (a server that is no community\'s) is told why by DM', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.communities.makers!.sources = [{ discord: { guild: '9999', channels: [CHANNEL.source] } }])) });
    const message = userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.ben, 'Pricing page shows the wrong currency');
    await h.send('MESSAGE_REACTION_ADD', reaction('add', message, PEOPLE.maya, '📣'));
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    const [dm] = [...h.discord.state.channels.values()].filter((c) => c.type === 1).flatMap((c) => h.discord.state.botMessages(c.id));
    expect(dm?.content).toBe(`⚠️ Nothing was captured from [this message](<https://discord.com/channels/1100/${CHANNEL.elsewhere}/${message.id}>): Say which community this feedback comes from.`);
  });
});
