import { describe, expect, it } from 'vitest';
import { safeText } from '../../src/adapters/discord/discord-text.js';
import { loopReplyMessage } from '../../src/adapters/discord/presenters/loop-reply-message.js';
import { cardLogMessage } from '../../src/adapters/discord/presenters/notice-messages.js';
import { routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { BOT_USER, CHANNEL, type Json } from './fakes/fake-state.js';
import { modalSubmit, PEOPLE, userMessage } from './fakes/payloads.js';
import { view } from './helpers/card-view.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

const HOSTILE = 'Crash!! @everyone @here <@&7781> <@800000000000000011> \u202Egnp.exe\u202C [bank.example](https://evil.example) ||hidden|| nul:\u0000end';
/** Tokens that would ping, or hide or disguise text, if they reached Discord as written. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must not get through
const LIVE_TOKENS = [/(?<!\u200b)@everyone/, /(?<!\u200b)@here/, /<@&\d+>/, /<@\d+>/, /[\u202A-\u202E\u2066-\u2069]/, /\u0000/, /(?<!\\)\[bank\.example\]\(/, /(?<!\\)\|\|hidden/];

describe('text from outside stays inert on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('neutralises broadcasts, role and user mentions, bidi overrides, NUL, masked links and spoilers', () => {
    const shown = safeText(HOSTILE);
    for (const token of LIVE_TOKENS) expect(shown).not.toMatch(token);
    expect(shown).toContain('@\u200beveryone');
    expect(shown).toContain('<\u200b@&7781>');
    expect(shown).toContain('gnp.exe');
  });

  it('a reply pings its author and nobody else, whatever the team wrote in the reason', () => {
    const body = loopReplyMessage({ outcome: 'declined', team: 'Support', reason: 'ask <@800000000000000011> or @here', itemId: 3, organisation: 'Testco', authorId: PEOPLE.ann.user.id, replyTo: '1', dm: false }, '1');
    expect(body.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.ann.user.id], replied_user: false });
    expect(body.content?.match(/<@\d+>/g)).toEqual([`<@${PEOPLE.ann.user.id}>`]);
    expect(body.content).not.toMatch(/(?<!\u200b)@here/);
    expect(cardLogMessage({ actor: '@everyone', kind: 'resolve', team: 'Support' }).content).toBe('@\u200beveryone (Support) resolved this');
  });

  it('nothing Liaison posts about a hostile message can ping anyone but its author', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, HOSTILE));
    await h.deliver();
    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    // The team's reason comes from outside too: typed into the decline modal.
    await h.send('INTERACTION_CREATE', modalSubmit(h.discord.state, card!, view(card).button('Decline'), PEOPLE.sam, [{ id: 'reason', value: `Not a bug <@&7781> @everyone ${HOSTILE}` }]));
    expect((await h.ctx.db.select().from(routings))[0]?.declineReason).toBe(`Not a bug <@&7781> @everyone ${HOSTILE.replace('\u0000', '')}`);
    await h.deliver();

    const posted = [...h.discord.state.messages.values()].flatMap((m) => [...m.values()]).filter((m) => m.author.id === BOT_USER.id);
    expect(posted.length).toBeGreaterThanOrEqual(3);
    for (const message of posted) {
      const mentions = message.allowed_mentions_sent as Json;
      expect(mentions.parse).toEqual([]);
      expect(mentions.roles ?? []).toEqual([]);
      expect((mentions.users as string[] | undefined) ?? []).toEqual(message.channel_id === CHANNEL.source ? [PEOPLE.ann.user.id] : []);
      const text = [message.content, ...view(message).embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
      for (const token of LIVE_TOKENS) expect(text.replace(`<@${PEOPLE.ann.user.id}>`, '')).not.toMatch(token);
    }
  });
});
