import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resolveActor } from '../../src/core/actor.js';
import { recordAction } from '../../src/core/record-action.js';
import { deliveries, routings } from '../../src/db/schema/index.js';
import { captureNew, slackMessage } from '../helpers/capture.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { buttonClick, PEOPLE, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

describe('items that cross between Discord and Slack', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('closes the loop in Discord when a Slack team resolves a Discord community’s item', async () => {
    const h = await startDiscord();
    const original = userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Would love a dark mode, please add it');
    await h.send('MESSAGE_CREATE', original);
    await h.deliver();
    // The card went to Product's Slack channel (the Slack port stands in for the Slack adapter).
    const card = h.slack.sent.find((m) => m.content.kind === 'card');
    expect(card).toMatchObject({ platform: 'slack', channelId: 'C0PRODUCT' });
    const [cardRow] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));

    // What the Slack adapter does on a click: resolve the Slack user to an actor, record the action by card.
    const priya = resolveActor(h.ctx.config, { platform: 'slack', id: 'U0PRIYA', name: 'Priya', groups: ['S0PROD'] });
    await recordAction(h.ctx, { card: { platform: 'slack', channelId: 'C0PRODUCT', messageId: cardRow?.messageId as string }, kind: 'resolve', actor: priya, via: 'button', idempotencyKey: 'slack:action:T1:123.456' });
    await h.deliver();

    const [reply] = h.discord.state.botMessages(CHANNEL.source);
    expect(reply?.content).toMatch(new RegExp(`^<@${PEOPLE.ann.user.id}> Product at Testco has resolved this\\.`));
    expect(reply?.message_reference).toEqual({ message_id: original.id, fail_if_not_exists: false });
    expect(reply?.allowed_mentions_sent).toEqual({ parse: [], users: [PEOPLE.ann.user.id], replied_user: false });
    expect(h.slack.kinds()).toEqual(expect.arrayContaining(['card', 'card_update', 'card_log', 'ambassador_note']));
    expect(h.slack.kinds()).not.toContain('loop_reply');
  });

  it('sends the reply to Slack when a Discord team resolves a Slack community’s item', async () => {
    const h = await startDiscord();
    await captureNew(h.ctx, slackMessage('The CSV export is broken'));
    await h.deliver();
    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    if (!card) throw new Error('no Discord card for Support');
    expect(view(card).embed.description).toContain('The CSV export is broken');

    await h.send('INTERACTION_CREATE', buttonClick(h.discord.state, card, view(card).button('Resolve'), PEOPLE.sam));
    await h.deliver();

    const support = (await h.ctx.db.select().from(routings)).find((r) => r.teamId === 'support');
    expect(support?.status).toBe('resolved');
    const reply = h.slack.sent.find((m) => m.content.kind === 'loop_reply');
    expect(reply).toMatchObject({ platform: 'slack', channelId: 'C0BIGCO' });
    expect(reply?.content.kind === 'loop_reply' && reply.content.reply).toMatchObject({ outcome: 'resolved', team: 'Support', authorId: 'U0CUST' });
    expect(h.discord.state.botMessages(CHANNEL.source)).toHaveLength(0);
  });
});
