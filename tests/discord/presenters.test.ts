import { describe, expect, it } from 'vitest';
import { cardCustomId, parseCardCustomId } from '../../src/adapters/discord/custom-ids.js';
import { assertWithinLimits } from '../../src/adapters/discord/presenters/embed-limits.js';
import { cardThreadName } from '../../src/adapters/discord/presenters/card-thread.js';
import { pageMessage } from '../../src/adapters/discord/presenters/notice-messages.js';
import { reminderMessages } from '../../src/adapters/discord/presenters/reminder-messages.js';
import type { Reminder } from '../../src/delivery/content.js';

const reminder = (count: number, mention: Reminder['mention']): Reminder => ({
  team: 'support', teamName: 'Support', window: '2026-11-16T14', mention, step: mention ? 'oncall' : 'team',
  items: Array.from({ length: count }, (_, i) => ({ itemId: i + 1, routingId: i + 1, excerpt: `Item ${i + 1} @everyone ${'waits '.repeat(30)}`, state: i % 2 ? 'at_risk' : 'breached', target: 'acknowledge', dueAt: '2026-11-16T15:00:00.000Z', permalink: 'https://discord.com/channels/1/2/3' })),
});

describe('Discord presenters', () => {
  it('a reminder pings the on-call role once, on its first message, and lists every item', () => {
    const messages = reminderMessages(reminder(120, { discordRole: '7782' }));
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(assertWithinLimits);
    expect(messages[0]).toMatchObject({ content: '<@&7782>', allowed_mentions: { parse: [], roles: ['7782'] } });
    expect(messages.slice(1).every((m) => m.content === undefined && m.allowed_mentions.parse.length === 0 && !m.allowed_mentions.roles)).toBe(true);
    const listed = messages.flatMap((m) => m.embeds ?? []).map((e) => e.description).join('\n');
    expect([...listed.matchAll(/\*\*#(\d+)\*\*/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(listed).not.toMatch(/(?<!\u200b)@everyone/);
  });

  it('a reminder or page for an on-call rota that lives on Slack pings nobody on Discord', () => {
    expect(reminderMessages(reminder(2, { slackUserGroup: 'S0ONCALL' }))[0]?.allowed_mentions).toEqual({ parse: [] });
    const page = pageMessage({ itemId: 4, team: 'Product', priority: 'high', reason: 'VIP', by: 'Maya', oncall: { slackUserGroup: 'S0ONCALL' }, acknowledgeDueAt: null }, '55');
    expect(page.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(page.content).toBe('🚨 #4 was escalated to **high** by Maya: VIP.');
  });

  it('a card thread is named after its item, cut on a word with "…" within Discord\'s 100 characters', () => {
    expect(cardThreadName({ itemId: 12, subject: 'Export crashes' })).toBe('#12 · Export crashes');
    const long = cardThreadName({ itemId: 12, subject: 'Export crashes when the file is larger than two gigabytes and the disk is nearly full, every single time, on both laptops' });
    expect(long).toBe('#12 · Export crashes when the file is larger than two gigabytes and the disk is nearly full, every…');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(cardThreadName({ itemId: 3, subject: 'Crash\u202Eon\nlogin' })).toBe('#3 · Crashon login');
    // A thread log queued before cards kept their subject.
    expect(cardThreadName(undefined)).toBe('Activity on this card');
  });

  it('reads back only the button IDs it wrote', () => {
    expect(parseCardCustomId(cardCustomId('suggest', 12, 'product'))).toEqual({ verb: 'suggest', routingId: 12, team: 'product' });
    expect(parseCardCustomId(cardCustomId('resolve', 7))).toEqual({ verb: 'resolve', routingId: 7 });
    for (const foreign of ['lz:delete:1', 'lz:resolve:abc', 'lz:resolve:1:Product', 'lz:resolve:1:a:b', 'other:resolve:1']) expect(parseCardCustomId(foreign)).toBeUndefined();
  });
});
