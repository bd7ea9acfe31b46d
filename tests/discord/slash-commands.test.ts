import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAction } from '../../src/core/record-action.js';
import { actions, feedbackItems, routings, voices } from '../../src/db/schema/index.js';
import { person } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, ROLE, type Json } from './fakes/fake-state.js';
import { autocomplete, messageCommand, PEOPLE, slashCommand, userMessage } from './fakes/payloads.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const S = 3;
const USER = 6;
const SUB = 1;
const responses = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('POST', new RegExp(`^/interactions/${String(i.id)}/`)).map((c) => c.body as Json);
const replyOf = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(i.token)}/messages/@original$`)).map((c) => c.body as { content: string; embeds: Json[]; allowed_mentions: Json }).at(-1);

async function run(h: DiscordHarness, interaction: Json) {
  await h.send('INTERACTION_CREATE', interaction);
  // Every command is acknowledged first, privately, before any work.
  expect(responses(h, interaction)[0]).toEqual({ type: 5, data: { flags: 64 } });
  return replyOf(h, interaction);
}

describe('slash commands', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('/feedback captures what a member types, from them, and says where it went', async () => {
    const h = await startDiscord();
    const reply = await run(h, slashCommand(h.discord.state, 'feedback', [{ type: S, name: 'text', value: 'The mobile app crashes on login' }], PEOPLE.ben, CHANNEL.elsewhere));
    expect(reply?.content).toBe('Captured as **#1** and sent to Support.');
    expect(reply?.allowed_mentions).toEqual({ parse: [] });
    const [voice] = await h.ctx.db.select().from(voices);
    expect(voice).toMatchObject({ authorExternalId: PEOPLE.ben.user.id, capturedVia: 'command', channelId: CHANNEL.elsewhere });
  });

  it('/feedback names the people, roles and channels its text mentions, as Discord shows them', async () => {
    const h = await startDiscord();
    const text = `<@${PEOPLE.ann.user.id}> says <@&${ROLE.support}> should see <#${CHANNEL.elsewhere}>: exports crash`;
    await run(h, slashCommand(h.discord.state, 'feedback', [{ type: S, name: 'text', value: text }], PEOPLE.ben, CHANNEL.elsewhere));
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item?.text).toBe('@Ann says @Support should see #general: exports crash');
  });

  it('/feedback on someone else’s behalf is for community managers only', async () => {
    const h = await startDiscord();
    const options = [{ type: S, name: 'text', value: 'Ann says exports crash' }, { type: USER, name: 'from', value: PEOPLE.ann.user.id }];
    const refused = await run(h, slashCommand(h.discord.state, 'feedback', options, PEOPLE.ben, CHANNEL.elsewhere, [PEOPLE.ann]));
    expect(refused?.content).toBe('⚠️ Only community managers can send other people’s messages to Liaison.');
    const accepted = await run(h, slashCommand(h.discord.state, 'feedback', options, PEOPLE.maya, CHANNEL.elsewhere, [PEOPLE.ann]));
    expect(accepted?.content).toBe('Captured as **#1** and sent to Support.');
    expect((await h.ctx.db.select().from(voices))[0]).toMatchObject({ authorExternalId: PEOPLE.ann.user.id, capturedBy: 'Maya' });
  });

  it('/escalate by a community manager pages the on-call role under the card, pinging only that role', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Payments crash for everyone'));
    await h.deliver();
    const options = [{ type: S, name: 'item', value: '#1' }, { type: S, name: 'reason', value: 'Three more reports in an hour' }, { type: S, name: 'priority', value: 'urgent' }];
    const refused = await run(h, slashCommand(h.discord.state, 'escalate', options, PEOPLE.sam, CHANNEL.supportHome));
    expect(refused?.content).toBe('⚠️ Only community managers can escalate.');
    const reply = await run(h, slashCommand(h.discord.state, 'escalate', options, PEOPLE.maya, CHANNEL.supportHome));
    expect(reply?.content).toMatch(/^Escalated \*\*#1\*\* as \*\*urgent\*\*\. On-call is paged under the card\. They should acknowledge it by <t:\d+:f>\.$/);
    await h.deliver();
    const [card, page] = h.discord.state.botMessages(CHANNEL.supportHome);
    expect(page?.content).toMatch(new RegExp(`^<@&${ROLE.oncall}> 🚨 #1 was escalated to \\*\\*urgent\\*\\* by Maya: Three more reports in an hour\\.`));
    expect(page?.allowed_mentions_sent).toEqual({ parse: [], roles: [ROLE.oncall], replied_user: false });
    expect(page?.message_reference).toMatchObject({ message_id: card?.id });
    // The card's thread, its history, notes the escalation too: who, how high, why; it pings nobody there.
    const [note] = h.discord.state.botMessages(card?.id ?? '');
    expect(note?.content).toBe('🚨 Maya escalated this to urgent priority: Three more reports in an hour');
    expect(note?.allowed_mentions_sent).toEqual({ parse: [] });
    expect(h.discord.state.channels.get(card?.id ?? '')?.name).toBe('#1 · Payments crash for everyone');
  });

  it('/liaison status, history and help answer privately', async () => {
    const h = await startDiscord();
    const original = userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Dark mode crashes the settings page');
    await h.send('MESSAGE_CREATE', original);
    const link = `https://discord.com/channels/1100/${CHANNEL.source}/${original.id}`;
    const status = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'status', options: [{ type: S, name: 'item', value: link }] }], PEOPLE.sam, CHANNEL.supportHome));
    expect(status?.embeds[0]).toMatchObject({ title: '#1 · bug', fields: expect.arrayContaining([expect.objectContaining({ name: 'Support: Open' })]) });
    const history = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'history', options: [{ type: USER, name: 'member', value: PEOPLE.ann.user.id }] }], PEOPLE.maya, CHANNEL.supportHome, [PEOPLE.ann]));
    expect(String(history?.embeds[0]?.description)).toContain('**#1** Dark mode crashes the settings page — Waiting for Support');
    const help = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'help', options: [] }], PEOPLE.ben, CHANNEL.elsewhere));
    expect(help?.content).toContain('/escalate');
  });

  it("/liaison status lists the latest steps in the words Liaison uses everywhere, an issue's link said of the item", async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Dark mode crashes the settings page'));
    const [routing] = await h.ctx.db.select().from(routings);
    if (!routing) throw new Error('no routing');
    await recordAction(h.ctx, { routingId: routing.id, kind: 'own', actor: person(h.ctx.config, 'sam'), via: 'button' });
    // As the tracker integration records it when someone files the item as an issue.
    await h.ctx.db.insert(actions).values({ itemId: routing.itemId, routingId: routing.id, teamId: routing.teamId, kind: 'create_issue', via: 'tracker', actorPlatform: 'console', actorId: 'sam', actorName: 'Sam', reason: 'SUP-12', createdAt: h.ctx.clock.now() });

    const status = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'status', options: [{ type: S, name: 'item', value: '#1' }] }], PEOPLE.sam, CHANNEL.supportHome));

    const latest = String((status?.embeds[0]?.fields as { name: string; value: string }[]).find((f) => f.name === 'Latest')?.value).split('\n').map((line) => line.replace(/^<t:\d+:R> /, ''));
    expect(latest.slice(-2)).toEqual(['Sam took (Support)', 'Sam created an issue for it (Support): SUP-12']);
  });

  it('/liaison snooze pauses reminders for the member’s own team and says until when', async () => {
    const h = await startDiscord();
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Upload crashes on big files'));
    const reply = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'snooze', options: [{ type: S, name: 'item', value: '1' }, { type: S, name: 'for', value: '2d' }, { type: S, name: 'reason', value: 'Waiting for the vendor' }] }], PEOPLE.sam, CHANNEL.supportHome));
    expect(reply?.content).toMatch(/^Reminders about #1 for Support are paused until <t:\d+:f>\.$/);
    expect((await h.ctx.db.select().from(routings))[0]?.snoozeReason).toBe('Waiting for the vendor');
    const bad = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'snooze', options: [{ type: S, name: 'item', value: '1' }, { type: S, name: 'for', value: 'soon' }, { type: S, name: 'reason', value: 'x' }] }], PEOPLE.sam, CHANNEL.supportHome));
    expect(bad?.content).toBe('⚠️ Say how long as a duration such as 4h, 2d or 1w.');
  });

  it('/liaison digest previews the summary embed', async () => {
    const h = await startDiscord();
    const reply = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'digest', options: [{ type: S, name: 'period', value: '2026-W46' }] }], PEOPLE.maya, CHANNEL.supportHome));
    expect(reply?.content).toBe('Preview of the 2026-W46 digest (only you can see this).');
    expect(reply?.embeds[0]).toMatchObject({ title: 'Testco feedback digest · 2026-W46' });
    expect(reply?.embeds[0]?.description).toContain('No feedback came in this week, and nothing was waiting on a team.');
    expect(JSON.stringify(reply)).not.toContain('thread');
  });

  it('offers teams and communities from the config as autocomplete choices', async () => {
    const h = await startDiscord();
    const interaction = autocomplete(h.discord.state, 'escalate', [{ type: S, name: 'item', value: '1' }, { type: S, name: 'team', value: 'sa', focused: true }], PEOPLE.maya, CHANNEL.supportHome);
    await h.send('INTERACTION_CREATE', interaction);
    expect(responses(h, interaction)).toEqual([{ type: 8, data: { choices: [{ name: 'Sales', value: 'sales' }] } }]);
  });

  it('"Send to Liaison" captures the message for a community manager and refuses anyone else', async () => {
    const h = await startDiscord();
    const message = userMessage(h.discord.state, CHANNEL.elsewhere, PEOPLE.ben, 'Would love an offline mode');
    const refused = await run(h, messageCommand(h.discord.state, message, PEOPLE.sam));
    expect(refused?.content).toBe('⚠️ Only community managers can send other people’s messages to Liaison.');
    const reply = await run(h, messageCommand(h.discord.state, message, PEOPLE.maya));
    expect(reply?.content).toBe('Captured as **#1** and sent to Product.');
    const again = await run(h, messageCommand(h.discord.state, message, PEOPLE.maya));
    expect(again?.content).toBe('Liaison already has this as **#1**.');
    expect((await h.ctx.db.select().from(voices))[0]).toMatchObject({ capturedVia: 'shortcut', messageId: message.id });
  });

  it('turns the deferred reply into an error message with a reference when something breaks, and logs it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) }));
    const h = await startDiscord({ logger });
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Sync crashes'));
    // The database loses a table mid-flight: an outage, not a user error.
    await h.ctx.db.execute(sql`alter table ${feedbackItems} rename to feedback_items_gone`);
    const reply = await run(h, slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'status', options: [{ type: S, name: 'item', value: '#1' }] }], PEOPLE.sam, CHANNEL.supportHome));
    const ref = /\(ref ([0-9a-f]{6})\)/.exec(reply?.content ?? '')?.[1];
    expect(reply?.content).toBe(`⚠️ Something went wrong on our side and it has been logged (ref ${ref}). Please try again in a moment.`);
    const logged = lines.map((l) => JSON.parse(l) as Json).find((l) => l.msg === 'discord interaction failed');
    expect(logged).toMatchObject({ ref, what: 'command liaison', user: PEOPLE.sam.user.id, platform: 'discord' });
    await h.ctx.db.execute(sql`alter table feedback_items_gone rename to feedback_items`);
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
  });
});
