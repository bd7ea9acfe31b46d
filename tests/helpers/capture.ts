import { captureFeedback, type CaptureInput } from '../../src/core/capture-feedback.js';
import type { Context } from '../../src/core/context.js';

let counter = 0;

/** A community message in a configured source; each call is a new message unless `id` is given. */
export function discordMessage(text: string, overrides: Partial<CaptureInput['message']> = {}, author = { id: '900', name: 'maker_ann' }): CaptureInput {
  counter += 1;
  return {
    source: { platform: 'discord', id: '1101' },
    message: { platform: 'discord', channelId: '1101', id: `m${counter}-${Date.now()}`, text, postedAt: '2026-11-16T13:59:00Z', permalink: 'https://discord.com/channels/1100/1101/1', ...overrides },
    author: { platform: 'discord', ...author },
    via: 'message',
  };
}

export function slackMessage(text: string, channel = 'C0BIGCO', overrides: Partial<CaptureInput['message']> = {}): CaptureInput {
  counter += 1;
  return {
    source: { platform: 'slack', id: channel },
    message: { platform: 'slack', channelId: channel, id: `17000000${counter}.000100`, text, postedAt: '2026-11-16T13:59:00Z', ...overrides },
    author: { platform: 'slack', id: 'U0CUST', name: 'Casey (BigCo)' },
    via: 'message',
  };
}

/** Captures `count` Slack messages routed straight to `team` (so each gets a card there); answers their item ids. */
export async function cardsFor(ctx: Context, team: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const result = await captureFeedback(ctx, { ...slackMessage(`${team} report ${i}`), overrides: { teams: [team] } });
    if (result.status === 'created') ids.push(result.itemId);
  }
  return ids;
}
