import { describe, expect, it } from 'vitest';
import { cardText } from '../../src/adapters/console/card-text.js';
import { routedCardMessage } from '../../src/adapters/discord/presenters/routed-card-message.js';
import { routedCardBlocks } from '../../src/adapters/slack/routed-card-blocks.js';
import { captureFeedback, type CaptureResult } from '../../src/core/capture-feedback.js';
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
});
