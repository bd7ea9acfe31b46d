import { describe, expect, it } from 'vitest';
import { RateBuckets, type RateLimit } from '../../src/delivery/rate-buckets.js';

const channel: RateLimit = { key: 'slack:channel:C1', scope: 'channel', perSecond: 1, burst: 1, ownLane: true };
const tier: RateLimit = { key: 'slack:method:chat.update', scope: 'method', perSecond: 1, burst: 1 };

describe('rate buckets', () => {
  it("a channel's next post counts from the platform's answer, so a slow answer never brings two posts closer than a second", () => {
    const buckets = new RateBuckets();
    buckets.take([channel], 0);
    // The answer came 300 ms later: Slack may have counted the post as late as that.
    buckets.answered([channel], 300);
    expect(buckets.waitMs([channel], 300)).toBe(1_000);
    expect(buckets.waitMs([channel], 1_300)).toBe(0);
  });

  it('a shared limit keeps counting from the departure, a little below the published rate', () => {
    const buckets = new RateBuckets();
    buckets.take([tier], 0);
    buckets.answered([tier], 300);
    // 0.95 of one a second: the next token is there after 1,053 ms, whatever the answer's delay.
    expect(buckets.waitMs([tier], 300)).toBe(753);
  });

  it("a 429 pauses only its bucket: another channel's next post is not held, the paused one waits what the platform said", () => {
    const buckets = new RateBuckets();
    const other: RateLimit = { ...channel, key: 'slack:channel:C2' };
    buckets.pause(channel, 30_000);
    expect(buckets.waitMs([channel], 0)).toBe(30_000);
    expect(buckets.waitMs([other], 0)).toBe(0);
    expect(buckets.waitMs([channel, tier], 29_000)).toBe(1_000);
  });
});
