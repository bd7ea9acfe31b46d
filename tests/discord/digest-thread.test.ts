import { describe, expect, it } from 'vitest';
import { publishDigest } from '../../src/core/publish-digest.js';
import type { OutboundMessage } from '../../src/delivery/chat-port.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, type FakeMessage } from './fakes/fake-state.js';
import { PEOPLE, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

const descriptions = (messages: FakeMessage[]) => messages.flatMap((m) => view(m).embeds.map((e) => e.description ?? '')).join('\n');

describe('the leadership digest in Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('posts the summary, then a thread from it with one message per team and one for what fell between silos', async () => {
    const h = await startDiscord({ config: testConfig((c) => void (c.digests = { leadership: { home: { discord: CHANNEL.elsewhere } } })) });
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Checkout crashes on Safari'));
    h.ctx.clock.set('2026-11-23T15:00:00Z'); // the week has ended: a running week is never posted
    await publishDigest(h.ctx, { kind: 'leadership' }, '2026-W47', h.ctx.clock.now());
    await h.deliver();

    const [summary, ...others] = h.discord.state.botMessages(CHANNEL.elsewhere);
    expect(others).toHaveLength(0);
    expect(view(summary).embed.title).toBe('Testco feedback digest · 2026-W47');
    expect(view(summary).embed.fields?.map((f) => f.name)).toEqual(['Product', 'Sales', 'Support']);
    const thread = h.discord.state.channels.get(summary!.id);
    expect(thread).toMatchObject({ type: 11, parent_id: CHANNEL.elsewhere, name: 'Feedback digest 2026-W47' });
    const parts = h.discord.state.botMessages(summary!.id);
    expect(parts.map((m) => view(m).embed.title)).toEqual(['Product · 2026-W47', 'Sales · 2026-W47', 'Support · 2026-W47', 'Fell between silos · 2026-W47', 'Feedback and hand-offs · 2026-W47']);
    expect(descriptions(parts.slice(3))).toContain('#1 Checkout crashes on Safari — Support, waiting since');
  });

  it('sends a silo list too big for one message as several messages in the thread, in order, each item once', async () => {
    const h = await startDiscord();
    const parent = userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.maya, 'summary stand-in');
    const items = Array.from({ length: 200 }, (_, i) => ({ itemId: i + 1, text: `Item ${i + 1} ${'is long and keeps going '.repeat(6)}`, community: 'makers', permalink: null, capturedAt: '2026-11-10T10:00:00.000Z', teams: ['support'], hops: 0 }));
    const message: OutboundMessage = {
      id: 77, key: 'digest:test:silos', platform: 'discord', channelId: CHANNEL.elsewhere, threadId: parent.id, editsMessageId: null, attempt: 1,
      content: { kind: 'digest_silos', digest: { period: '2026-W46', noAction: items, passedAround: [], acknowledgedNotResolved: [], counts: { noAction: 200, passedAround: 0, acknowledgedNotResolved: 0 } } },
    };
    const { messageId } = await h.adapter.chat.deliver(message);
    const posted = h.discord.state.botMessages(parent.id);
    expect(posted.length).toBeGreaterThan(1);
    expect(messageId).toBe(posted[0]?.id);
    const ids = [...descriptions(posted).matchAll(/#(\d+) Item/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(items.map((i) => i.itemId));
    // Sent again (a crash before it was marked sent): Discord recognises every part's nonce.
    await h.adapter.chat.deliver({ ...message, attempt: 2 });
    expect(h.discord.state.botMessages(parent.id)).toHaveLength(posted.length);
  });
});
