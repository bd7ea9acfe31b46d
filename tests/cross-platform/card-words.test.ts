import { describe, expect, it } from 'vitest';
import { cardText } from '../../src/adapters/console/card-text.js';
import { routedCardMessage } from '../../src/adapters/discord/presenters/routed-card-message.js';
import { routedCardBlocks } from '../../src/adapters/slack/routed-card-blocks.js';
import { captureFeedback, type CaptureInput, type CaptureResult } from '../../src/core/capture-feedback.js';
import { loadRoutingCard, type RoutingCard } from '../../src/core/load-routing-card.js';
import { discordMessage } from '../helpers/capture.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

type Created = Extract<CaptureResult, { status: 'created' }>;

async function cardOf(ctx: TestContext, result: CaptureResult): Promise<RoutingCard> {
  const card = await loadRoutingCard(ctx.db, ctx.config, (result as Created).routings[0]!.id, ctx.clock.now());
  if (!card) throw new Error('no card');
  return card;
}

/** What a person reads on each platform's card, as plain strings. */
function everyPlatform(ctx: TestContext, card: RoutingCard) {
  const discord = routedCardMessage(card).embeds?.[0];
  const slack = routedCardBlocks(card, ctx.config.timezone, ctx.clock.now()).blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
  return {
    discordQuote: discord?.description ?? '',
    discordFields: Object.fromEntries((discord?.fields ?? []).map((f) => [f.name, f.value])),
    slackQuote: slack[1]?.text?.text ?? '',
    slackFields: slack.flatMap((b) => b.fields?.map((f) => f.text) ?? []),
    slackContext: slack.filter((b) => b.type === 'context').flatMap((b) => b.elements?.map((e) => e.text) ?? []),
    console: cardText(card, ctx.config.timezone, ctx.clock.now()),
  };
}

describe('what a card says, on every platform', () => {
  const database = useTestDatabase();

  it('shows a forum post\'s tags apart from the quoted feedback', async () => {
    const ctx = await testContext(database.current().db);
    const card = await cardOf(ctx, await captureFeedback(ctx, discordMessage('Export crashes with big files', { title: 'Crash on export', tags: ['Bug', 'Desktop'] })));
    const seen = everyPlatform(ctx, card);
    expect(seen.discordQuote).toBe('**Crash on export**\n> Export crashes with big files');
    expect(seen.discordFields.Tags).toBe('Bug, Desktop');
    expect(seen.slackQuote).toBe('*Crash on export*\n>Export crashes with big files');
    expect(seen.slackFields).toContain('*Tags*\nBug, Desktop');
    expect(seen.console).toContain('  tags: Bug, Desktop');
    expect(seen.console.filter((line) => line.startsWith('  > '))).toEqual(['  > Export crashes with big files']);
  });

  it('says when it was posted and is due in the reader’s own timezone on Slack and Discord, and names the zone wherever it writes the time out', async () => {
    const ctx = await testContext(database.current().db);
    const card = await cardOf(ctx, await captureFeedback(ctx, discordMessage('Export crashes with big files')));
    const seen = everyPlatform(ctx, card);
    const posted = Date.parse('2026-11-16T13:59:00Z') / 1000;
    // Slack draws the time for each reader; a client that cannot shows the organisation's time, naming its zone.
    expect(seen.slackContext).toContain(`posted <!date^${posted}^{date_short_pretty} at {time}|Mon 16 Nov, 08:59 America/New_York>`);
    expect(JSON.stringify(routedCardMessage(card))).toMatch(/<t:\d+:[fR]>/);
    expect(seen.console.some((line) => /by Mon 16 Nov, 10:00 America\/New_York/.test(line))).toBe(true);
  });

  it('links a message to its original, and /feedback (which has no message) to the channel it was typed in', async () => {
    const ctx = await testContext(database.current().db);
    const message = everyPlatform(ctx, await cardOf(ctx, await captureFeedback(ctx, discordMessage('Export crashes'))));
    expect(message.slackContext).toContain('<https://discord.com/channels/1100/1101/1|View original>');

    const command = (platform: 'slack' | 'discord', channelId: string): CaptureInput => ({
      community: 'makers', message: { platform, channelId, id: `command:${platform}`, text: 'Export crashes on big files', postedAt: '2026-11-16T13:59:00Z' },
      author: { platform, id: platform === 'slack' ? 'U0ANN' : '900', name: 'Ann' }, via: 'command',
    });
    const fromSlack = everyPlatform(ctx, await cardOf(ctx, await captureFeedback(ctx, command('slack', 'C0BIGCO'))));
    expect(fromSlack.slackContext).toContain('sent with /feedback in <#C0BIGCO>');
    expect(fromSlack.discordFields.From).toBe('Ann in Makers Discord · sent with /feedback on Slack');
    expect(fromSlack.console).toContain('  from Ann in Makers Discord · sent with /feedback');
    const fromDiscord = everyPlatform(ctx, await cardOf(ctx, await captureFeedback(ctx, command('discord', '1150'))));
    expect(fromDiscord.discordFields.From).toBe('Ann in Makers Discord · sent with /feedback in <#1150>');
    expect(fromDiscord.slackContext).toContain('sent with /feedback on Discord');
    for (const seen of [fromSlack, fromDiscord]) expect(seen.slackContext.join(' ')).not.toContain('View original');
  });

  it('says nothing about an original when there is none to open (a webhook without a link)', async () => {
    const ctx = await testContext(database.current().db);
    const hook: CaptureInput = { source: { platform: 'webhook', id: 'forum' }, message: { platform: 'webhook', channelId: 'forum', id: 'post-1', text: 'Export crashes', postedAt: '2026-11-16T13:59:00Z' }, author: { platform: 'webhook', id: 'ann@example.com', name: 'Ann' }, via: 'webhook' };
    const seen = everyPlatform(ctx, await cardOf(ctx, await captureFeedback(ctx, hook)));
    expect(seen.slackContext.join(' ')).not.toMatch(/original|feedback/);
    expect(seen.discordFields.From).toBe('Ann in Forum');
  });
});
