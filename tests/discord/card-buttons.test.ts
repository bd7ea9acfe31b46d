import { describe, expect, it } from 'vitest';
import { routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, type Json } from './fakes/fake-state.js';
import { buttonClick, PEOPLE, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const followUps = (h: DiscordHarness, click: Json) => h.discord.rest.callsTo('POST', new RegExp(`^/webhooks/\\d+/${String(click.token)}$`)).map((c) => c.body?.content);

async function cardFor(h: DiscordHarness, text: string) {
  await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, text));
  await h.deliver();
  const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
  if (!card) throw new Error('no card');
  return card;
}

describe('card buttons', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('tells the loser of a race who won, only them, and changes nothing more', async () => {
    const h = await startDiscord();
    const card = await cardFor(h, 'Notifications crash the app');
    const first = buttonClick(h.discord.state, card, view(card).button('Resolve'), PEOPLE.sam);
    const second = buttonClick(h.discord.state, card, view(card).button('Take it'), PEOPLE.sid);
    await h.send('INTERACTION_CREATE', first);
    await h.send('INTERACTION_CREATE', second);
    expect(followUps(h, first)).toEqual([]);
    expect(followUps(h, second)).toEqual(['⚠️ You cannot take this now: Sam (Support) already resolved it at 14:00 UTC.']);
    expect((await h.ctx.db.select().from(routings))[0]?.status).toBe('resolved');
    // Sam clicking again is told about what he did himself, not about "Sam".
    const again = buttonClick(h.discord.state, card, view(card).button('Take it'), PEOPLE.sam);
    await h.send('INTERACTION_CREATE', again);
    expect(followUps(h, again)).toEqual(['⚠️ You already resolved this at 14:00 UTC.']);
  });

  it('offers the classifier’s other guesses on an unsure card, and one click sends the item there', async () => {
    const h = await startDiscord();
    const card = await cardFor(h, 'hmm, about the thing from yesterday');
    const { rows, embed } = view(card);
    expect(embed.fields?.find((f) => f.name === 'Not sure this is yours?')?.value).toMatch(/^It may be for /);
    const suggestion = rows[1]?.find((label) => label.startsWith('Send to '));
    if (!suggestion) throw new Error(`no suggestion buttons: ${JSON.stringify(rows)}`);
    await h.send('INTERACTION_CREATE', buttonClick(h.discord.state, card, view(card).button(suggestion), PEOPLE.sam));
    const all = await h.ctx.db.select().from(routings).orderBy(routings.id);
    const team = suggestion.replace('Send to ', '').toLowerCase();
    expect(all.map((r) => [r.teamId, r.status])).toEqual([['support', 'passed_on'], [team, 'open']]);
  });

  it('a click on a button that is not Liaison’s is answered, not left hanging', async () => {
    const h = await startDiscord();
    const card = await cardFor(h, 'Printing crashes');
    const click = buttonClick(h.discord.state, card, 'someone-elses-button', PEOPLE.sam);
    await h.send('INTERACTION_CREATE', click);
    expect(h.discord.rest.callsTo('POST', new RegExp(`^/interactions/${String(click.id)}/`)).map((c) => c.body)).toEqual([{ type: 4, data: expect.objectContaining({ content: 'This button is not one of Liaison’s.', flags: 64 }) }]);
  });
});
