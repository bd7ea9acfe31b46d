import { describe, expect, it } from 'vitest';
import { routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, type Json } from './fakes/fake-state.js';
import { buttonClick, modalSubmit, PEOPLE, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

async function postedCard(h: DiscordHarness, text = 'The app crashes when I upload a photo') {
  const original = userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, text);
  await h.send('MESSAGE_CREATE', original);
  await h.deliver();
  const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
  if (!card) throw new Error('no card');
  return { card, original };
}
const callback = (h: DiscordHarness, interaction: Json) => h.discord.rest.callsTo('POST', new RegExp(`^/interactions/${String(interaction.id)}/`)).map((c) => c.body as Json);
const edits = (h: DiscordHarness, interaction: Json) => h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(interaction.token)}/messages/@original$`)).map((c) => c.body as Json);

describe('card modals', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('Decline asks for a reason in a modal, then declines with it and tells the author why', async () => {
    const h = await startDiscord();
    const { card, original } = await postedCard(h);
    const click = buttonClick(h.discord.state, card, view(card).button('Decline'), PEOPLE.sam);
    await h.send('INTERACTION_CREATE', click);
    const [modal] = callback(h, click);
    expect(modal).toMatchObject({ type: 9, data: { custom_id: view(card).button('Decline'), title: 'Decline this feedback' } });
    expect(JSON.stringify(modal)).toContain('"custom_id":"reason"');

    const submit = modalSubmit(h.discord.state, card, view(card).button('Decline'), PEOPLE.sam, [{ id: 'reason', value: 'Photos over 50 MB are not supported @everyone' }]);
    await h.send('INTERACTION_CREATE', submit);
    expect(callback(h, submit)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(edits(h, submit)[0]?.content).toBe('Declined for Support. The card and its thread show your reason.');
    const [routing] = await h.ctx.db.select().from(routings);
    expect(routing).toMatchObject({ status: 'declined', declineReason: 'Photos over 50 MB are not supported @everyone' });

    await h.deliver();
    const reply = h.discord.state.botMessages(CHANNEL.source).find((m) => m.message_reference);
    expect(reply?.content).toContain('looked at this and won\'t act on it for now: Photos over 50 MB are not supported @\u200beveryone');
    expect((reply?.message_reference as Json).message_id).toBe(original.id);
  });

  it('Pass on offers the other teams in a modal (not the card\'s own) and hands the item to the one chosen, with the note', async () => {
    const h = await startDiscord();
    const { card } = await postedCard(h);
    const click = buttonClick(h.discord.state, card, view(card).button('Pass on'), PEOPLE.sam);
    await h.send('INTERACTION_CREATE', click);
    const [modal] = callback(h, click) as [{ type: number; data: { components: { component: { custom_id: string; options?: { value: string }[] } }[] } }];
    expect(modal.type).toBe(9);
    expect(modal.data.components[0]?.component.options?.map((o) => o.value)).toEqual(['product', 'sales']);

    const submit = modalSubmit(h.discord.state, card, view(card).button('Pass on'), PEOPLE.sam, [{ id: 'team', values: ['product'] }, { id: 'note', value: 'Uploads are a product decision' }]);
    await h.send('INTERACTION_CREATE', submit);
    expect(edits(h, submit)[0]?.content).toBe('Passed on to Product. They have a card of their own now.');
    const rows = await h.ctx.db.select().from(routings).orderBy(routings.id);
    expect(rows.map((r) => [r.teamId, r.status])).toEqual([['support', 'passed_on'], ['product', 'open']]);
    await h.deliver();
    expect(h.slack.sent.find((m) => m.content.kind === 'card')).toMatchObject({ channelId: 'C0PRODUCT' });
    expect(view(h.discord.state.message(CHANNEL.supportHome, card.id)).embed.title).toMatch(/· Passed on$/);
  });

  it('a modal submitted by someone outside the team is refused in the reply, and nothing changes', async () => {
    const h = await startDiscord();
    const { card } = await postedCard(h);
    const submit = modalSubmit(h.discord.state, card, view(card).button('Decline'), PEOPLE.olive, [{ id: 'reason', value: 'not ours' }]);
    await h.send('INTERACTION_CREATE', submit);
    expect(edits(h, submit).map((e) => e.content)).toEqual(['⚠️ Only members of Support can decline this.']);
    expect((await h.ctx.db.select().from(routings))[0]?.status).toBe('open');
  });
});
