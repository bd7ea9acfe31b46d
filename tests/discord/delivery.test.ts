import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resolveActor } from '../../src/core/actor.js';
import { recordAction } from '../../src/core/record-action.js';
import type { OutboundMessage } from '../../src/delivery/chat-port.js';
import { deliveries, routings } from '../../src/db/schema/index.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { PEOPLE, userMessage } from './fakes/payloads.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const cardPosts = (h: DiscordHarness) => h.discord.rest.callsTo('POST', /^\/channels\/1203\/messages$/);
const samActor = (h: DiscordHarness) => resolveActor(h.ctx.config, { platform: 'discord', id: PEOPLE.sam.user.id, name: 'Sam', groups: [...PEOPLE.sam.roles] });

async function captured(h: DiscordHarness, text = 'The editor crashes on paste') {
  const original = userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, text);
  await h.send('MESSAGE_CREATE', original);
  return original;
}

describe('delivering to Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('waits as long as a 429’s retry_after says, then posts the card once', async () => {
    const h = await startDiscord();
    await captured(h);
    h.discord.rest.rateLimitNext('POST', /^\/channels\/1203\/messages$/, 30);
    await h.deliver();
    expect(h.discord.state.botMessages(CHANNEL.supportHome)).toHaveLength(0);
    const [pending] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));
    expect(pending).toMatchObject({ status: 'pending', lastError: 'rate limited (/channels/1203/messages)' });
    expect(pending!.nextAttemptAt.getTime() - h.ctx.clock.now().getTime()).toBeGreaterThanOrEqual(30_000);
    h.ctx.clock.advance(29_000);
    await h.deliver();
    expect(cardPosts(h)).toHaveLength(1);
    h.ctx.clock.advance(2_000);
    await h.deliver();
    expect(cardPosts(h)).toHaveLength(2);
    expect(h.discord.state.botMessages(CHANNEL.supportHome)).toHaveLength(1);
  });

  it('retries after a 500 and gives up at once on a channel that does not exist', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.teams.product!.home = { discord: '1299' })) });
    await captured(h);
    await captured(h, 'Would love a dark mode, please add it');
    h.discord.rest.failNext('POST', /^\/channels\/1203\/messages$/, { status: 500, body: { message: 'oops', code: 0 } });
    await h.deliver();
    const rows = await h.ctx.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => [r.channelId, r.status])).toEqual([['1203', 'pending'], ['1299', 'failed']]);
    expect(rows[1]?.lastError).toBe('discord 404 10003: Unknown Channel');
    h.ctx.clock.advance(10_000);
    await h.deliver();
    expect(h.discord.state.botMessages(CHANNEL.supportHome)).toHaveLength(1);
  });

  it('does not post twice when a delivery is sent again after a crash (nonce)', async () => {
    const h = await startDiscord();
    const message: OutboundMessage = {
      id: 4242, key: 'loop:test', platform: 'discord', channelId: CHANNEL.source, threadId: null, editsMessageId: null, attempt: 1,
      content: { kind: 'loop_reply', reply: { outcome: 'resolved', team: 'Support', itemId: 7, organisation: 'Testco', authorId: PEOPLE.ann.user.id, replyTo: '1', dm: false } },
    };
    const first = await h.adapter.chat.deliver(message);
    const second = await h.adapter.chat.deliver({ ...message, attempt: 2 });
    expect(second.messageId).toBe(first.messageId);
    expect(h.discord.rest.callsTo('POST', /^\/channels\/1101\/messages$/).map((c) => c.body?.nonce)).toEqual(['lz39u', 'lz39u']);
    expect(h.discord.state.botMessages(CHANNEL.source)).toHaveLength(1);
  });

  it('closes the loop by DM when the config says so, and tells a Discord ambassador by DM', async () => {
    const h = await startDiscord({ config: testConfig((c) => {
      c.closeTheLoop = { onResolved: 'dm', grace: '0m' };
      c.communities.makers!.ambassador = { discord: PEOPLE.maya.user.id };
    }) });
    await captured(h);
    const [routing] = await h.ctx.db.select().from(routings);
    await recordAction(h.ctx, { routingId: routing!.id, kind: 'resolve', actor: samActor(h), via: 'api' });
    await h.deliver();
    const opened = h.discord.rest.callsTo('POST', /^\/users\/@me\/channels$/).map((c) => c.body?.recipient_id);
    expect(opened.sort()).toEqual([PEOPLE.ann.user.id, PEOPLE.maya.user.id].sort());
    const dms = [...h.discord.state.channels.values()].filter((c) => c.type === 1).flatMap((c) => h.discord.state.botMessages(c.id).map((m) => m.content));
    expect(dms).toEqual(expect.arrayContaining([
      'About your feedback “The editor crashes on paste” (ref #1): Support at Testco has resolved this. Thank you for telling us!',
      expect.stringMatching(/^\*\*Support\*\* resolved #1 from Makers Discord/),
    ]));
    expect(h.discord.state.botMessages(CHANNEL.source)).toHaveLength(0);
  });

  it('with dmOnClose, replies where the author wrote and also sends them a DM', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.discord = { dmOnClose: true })) });
    const original = await captured(h);
    const [routing] = await h.ctx.db.select().from(routings);
    await recordAction(h.ctx, { routingId: routing!.id, kind: 'resolve', actor: samActor(h), via: 'api' });
    await h.deliver();
    expect(h.discord.state.botMessages(CHANNEL.source)[0]?.message_reference).toMatchObject({ message_id: original.id });
    expect(h.discord.rest.callsTo('POST', /^\/users\/@me\/channels$/).map((c) => c.body?.recipient_id)).toEqual([PEOPLE.ann.user.id]);
  });
});
