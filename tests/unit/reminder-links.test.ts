import { describe, expect, it } from 'vitest';
import { reminderText } from '../../src/adapters/console/reminder-text.js';
import { reminderMessages } from '../../src/adapters/discord/presenters/reminder-messages.js';
import { reminderBlocks } from '../../src/adapters/slack/thread-note-blocks.js';
import type { Reminder } from '../../src/delivery/content.js';
import { reminderLinks } from '../../src/delivery/reminder-links.js';

const item = (itemId: number, card?: Reminder['items'][number]['card']): Reminder['items'][number] => ({
  itemId, routingId: itemId * 10, excerpt: `Item ${itemId}`, state: 'breached', target: 'acknowledge', dueAt: '2026-11-16T15:00:00.000Z', permalink: 'https://discord.com/channels/1100/1101/5', ...(card ? { card } : {}),
});
const reminder: Reminder = {
  team: 'support', teamName: 'Support', window: '2026-11-16T14', step: 'ambassador', mention: { slackUser: 'U0AMBER' },
  items: [item(1, { platform: 'slack', channelId: 'C0SALES', messageId: '1.2' }), item(2, { platform: 'discord', channelId: '1203', messageId: '77' }), item(3)],
};

describe('where a reminder line takes its reader', () => {
  it('a card on the reader\'s platform opens; one elsewhere, or not posted yet, opens the item in Liaison; never the community message', async () => {
    const links = await reminderLinks(reminder, 'slack', async (card) => `https://testco.slack.com/archives/${card.channelId}/p${card.messageId.replace('.', '')}`, 'https://liaison.example');
    expect([...links.entries()]).toEqual([
      [10, { url: 'https://testco.slack.com/archives/C0SALES/p12', to: 'card' }],
      [20, { url: 'https://liaison.example/items/2', to: 'item' }],
      [30, { url: 'https://liaison.example/items/3', to: 'item' }],
    ]);
    const slack = JSON.stringify(reminderBlocks(reminder, 'Europe/London', links));
    expect(slack).toContain('<https://testco.slack.com/archives/C0SALES/p12|#1>');
    expect(slack).toContain('<https://liaison.example/items/2|#2>');
    expect(slack).not.toContain('1101');
  });

  it('a card whose address cannot be found opens the item in Liaison', async () => {
    const links = await reminderLinks(reminder, 'discord', async () => null, 'https://liaison.example');
    const discord = reminderMessages(reminder, links)[0]?.embeds?.[0]?.description ?? '';
    expect(discord).toContain('**#2** acknowledge by');
    expect(discord).toContain('· [open in Liaison](<https://liaison.example/items/2>)');
    expect(discord).not.toContain('1101');
    expect(reminderText(reminder, 'Europe/London', links)[2]).toMatch(/#2 acknowledge by .*: Item 2 · https:\/\/liaison\.example\/items\/2$/);
  });
});
