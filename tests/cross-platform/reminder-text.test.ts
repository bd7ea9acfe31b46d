import { describe, expect, it } from 'vitest';
import { reminderText } from '../../src/adapters/console/reminder-text.js';
import { reminderMessages } from '../../src/adapters/discord/presenters/reminder-messages.js';
import { reminderBlocks } from '../../src/adapters/slack/thread-note-blocks.js';
import type { Reminder } from '../../src/delivery/content.js';

// The SLA job lists the 25 oldest items and counts the rest (src/core/sla/reminder-items.ts).
const reminder = (step?: Reminder['step']): Reminder => ({
  team: 'support', teamName: 'Support', window: '2026-11-16T14', omitted: 7, ...(step ? { step } : {}),
  items: Array.from({ length: 25 }, (_, i) => ({ itemId: i + 1, routingId: i + 1, excerpt: `Item ${i + 1}`, state: 'breached', target: 'acknowledge', dueAt: '2026-11-16T15:00:00.000Z', permalink: null })),
});

const everyPlatform = (r: Reminder) => ({
  console: reminderText(r, 'Europe/London').join('\n'),
  slack: JSON.stringify(reminderBlocks(r, 'Europe/London')),
  discord: JSON.stringify(reminderMessages(r)),
});

describe('a reminder with more items than it lists', () => {
  it('counts every item and says how many more there are, on every platform', () => {
    for (const [platform, text] of Object.entries(everyPlatform(reminder()))) {
      expect(text, platform).toContain('32 items need an answer');
      expect(text, platform).toContain('…and 7 more');
    }
  });

  it('says "1 item needs an answer" for one item, on every platform', () => {
    const one: Reminder = { ...reminder(), omitted: 0, items: reminder().items.slice(0, 1) };
    for (const [platform, text] of Object.entries(everyPlatform(one))) expect(text, platform).toContain('1 item needs an answer');
  });

  it('says why a step of the breach ladder is sent, in the same words everywhere', () => {
    for (const [platform, text] of Object.entries(everyPlatform(reminder('oncall')))) {
      expect(text, platform).toContain('32 items still overdue, nobody has acted: on-call, please pick these up');
    }
  });
});
