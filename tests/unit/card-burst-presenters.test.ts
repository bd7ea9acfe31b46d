import { describe, expect, it } from 'vitest';
import { cardBurstText } from '../../src/adapters/console/card-burst-text.js';
import { cardBurstMessage } from '../../src/adapters/discord/presenters/card-burst-message.js';
import { assertWithinLimits } from '../../src/adapters/discord/presenters/embed-limits.js';
import { cardBurstBlocks } from '../../src/adapters/slack/card-burst-blocks.js';
import { MessageBlocks } from '../../src/adapters/slack/block-kit-limits.js';
import { BURST_LISTED, type CardBurst } from '../../src/core/bursts/card-burst.js';

/** The biggest burst a card can show: the most items listed, each first line as long as kept, written to provoke. */
const burst: CardBurst = {
  team: 'support',
  teamName: 'Support',
  since: '2026-11-16T15:02:00.000Z',
  total: 600,
  items: Array.from({ length: BURST_LISTED }, (_, i) => ({ itemId: 10_000 + i, routingId: 20_000 + i, category: 'feature_request', firstLine: `@here <!channel> @everyone [bank](https://evil.example) *bold* ${'long words '.repeat(7)}`.slice(0, 90) })),
};

describe('the combined card', () => {
  it('stays within Slack\'s Block Kit limits, pings no one, and says how many are not listed', () => {
    const { text, blocks } = cardBurstBlocks(burst, 'America/New_York', 'https://liaison.example.com');
    expect(MessageBlocks.safeParse(blocks).success).toBe(true);
    const drawn = JSON.stringify(blocks);
    expect(text).toBe('600 new items for Support since 10:02 America/New_York');
    expect(drawn).toContain('…and 575 more');
    expect(drawn).toContain('<https://liaison.example.com/items/10000|#10000> · _feature request_ ·');
    expect(drawn).toContain('<https://liaison.example.com/inbox?team=support|Open the inbox>');
    expect(drawn).not.toMatch(/<!(here|channel|everyone)>|<https:\/\/evil/);
  });

  it('stays within Discord\'s embed limits, pings no one, and links the inbox with a button', () => {
    const body = cardBurstMessage(burst, 'https://liaison.example.com');
    expect(() => assertWithinLimits(body)).not.toThrow();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const description = String(body.embeds?.[0]?.description);
    expect(description).toContain('…and 575 more');
    // Mentions are broken up and the masked link escaped, so it shows as text.
    expect(description).not.toMatch(/@(here|everyone)|(^|[^\\])\[bank\]/);
    expect(JSON.stringify(body.components)).toContain('https://liaison.example.com/inbox?team=support');
  });

  it('on the terminal, names the timezone and gives each item its page', () => {
    const lines = cardBurstText(burst, 'America/New_York', 'http://localhost:3000');
    expect(lines[0]).toBe('600 new items for Support since 10:02 America/New_York');
    expect(lines[1]).toMatch(/^ {2}#10000 · feature request · .* {2}http:\/\/localhost:3000\/items\/10000$/);
    expect(lines.at(-1)).toBe('  inbox: http://localhost:3000/inbox?team=support');
  });
});
