import { captureFeedback, type CaptureInput, type CaptureResult } from '../../src/core/capture-feedback.js';
import type { Context } from '../../src/core/context.js';

export type NewItem = Extract<CaptureResult, { status: 'created' }> & {
  /** The ID of the item's routing to `team`. */
  routing(team: string): number;
};

/** Captures a message the test means to be a new item (its ID and routings); stops the test at once if it was not. */
export async function captureNew(ctx: Context, input: CaptureInput): Promise<NewItem> {
  const result = await captureFeedback(ctx, input);
  if (result.status !== 'created') throw new Error(`expected a new item, got ${result.status}: ${input.message.text}`);
  return {
    ...result,
    routing(team) {
      const found = result.routings.find((r) => r.team === team);
      if (!found) throw new Error(`"${input.message.text}" was routed to ${result.routings.map((r) => r.team).join(', ')}, not ${team}`);
      return found.id;
    },
  };
}

/** A community message given by its words (on Discord, or in BigCo's Slack channel), captured as a new item: its routings. */
export async function routedMessage(ctx: Context, text: string, on: 'discord' | 'slack' = 'discord'): Promise<NewItem['routings']> {
  return (await captureNew(ctx, on === 'slack' ? slackMessage(text) : discordMessage(text))).routings;
}

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
    ids.push((await captureNew(ctx, { ...slackMessage(`${team} report ${i}`), overrides: { teams: [team] } })).itemId);
  }
  return ids;
}
