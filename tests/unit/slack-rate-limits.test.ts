import { describe, expect, it } from 'vitest';
import { slackLimits } from '../../src/adapters/slack/slack-rate-limits.js';
import { RateBuckets } from '../../src/delivery/rate-buckets.js';

/** How many calls the buckets let through in `windowMs` when each goes the moment its token is there. */
function callsWithin(limits: ReturnType<typeof slackLimits>, windowMs: number): number {
  const buckets = new RateBuckets();
  let now = 0;
  let calls = 0;
  for (;;) {
    now += buckets.waitMs(limits, now);
    if (now >= windowMs) return calls;
    buckets.take(limits, now);
    buckets.answered(limits, now);
    calls += 1;
  }
}

describe("Slack's limits as the outbox spends them", () => {
  it('a steady stream of card updates stays within chat.update\'s Tier 3 (50 a minute) in its first minute, full bucket included', () => {
    const updates = slackLimits({ kind: 'card_update', channelId: 'C1' });
    expect(updates.map((l) => l.key)).toEqual(['slack:method:chat.update']);
    const first = callsWithin(updates, 60_000);
    expect(first).toBeLessThanOrEqual(50);
    expect(first).toBeGreaterThanOrEqual(45);
  });

  it('a retried post also spends the history (or, in a thread, the replies) lookup that looks for what an earlier attempt posted', () => {
    expect(slackLimits({ kind: 'card', channelId: 'C1' }).map((l) => l.key)).toEqual(['slack:channel:C1']);
    expect(slackLimits({ kind: 'card', channelId: 'C1', retry: true }).map((l) => l.key)).toEqual(['slack:channel:C1', 'slack:method:conversations.history']);
    expect(slackLimits({ kind: 'card_log', channelId: 'C1', retry: true, inThread: true }).map((l) => l.key)).toEqual(['slack:channel:C1', 'slack:method:conversations.replies']);
    expect(slackLimits({ kind: 'digest_summary', channelId: 'C1', retry: true }).map((l) => l.key)).toEqual(['slack:channel:C1', 'slack:method:conversations.history', 'slack:method:conversations.replies']);
  });

  it('a 429 names its bucket by method, so that only that method is paused', () => {
    const scopes = slackLimits({ kind: 'digest_chart', channelId: 'C1', retry: true, inThread: true }).map((l) => l.scope);
    expect(scopes).toEqual(['method:files.getUploadURLExternal', 'method:files.completeUploadExternal', 'channel', 'method:conversations.replies']);
  });
});
