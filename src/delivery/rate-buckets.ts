/**
 * One platform limit a delivery spends from: a channel's posting rate, a method's tier, Discord's global budget.
 * `scope` names it the way a 429 does (the port tags its errors with it), so that a 429 pauses only its own bucket.
 */
export interface RateLimit {
  key: string;
  scope: string;
  perSecond: number;
  burst: number;
}

/**
 * Sent a little below the published rates: the platform counts arrivals, we count departures, and the network moves
 * them by a few milliseconds. 0.95 of the rate keeps a busy channel near its limit without a 429 on every jitter.
 */
const HEADROOM = 0.95;

interface Bucket { tokens: number; at: number; pausedUntil: number }

/** Token buckets shared by every lane of a worker, keyed by limit. Time is passed in, so tests step through it. */
export class RateBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** How long until every limit has a token to spend (0: now). */
  waitMs(limits: RateLimit[], now: number): number {
    let wait = 0;
    for (const limit of limits) {
      const bucket = this.refilled(limit, now);
      const paused = bucket.pausedUntil - now;
      const empty = bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / (limit.perSecond * HEADROOM)) * 1000);
      wait = Math.max(wait, paused, empty);
    }
    return wait;
  }

  /** Spends one token from each limit. */
  take(limits: RateLimit[], now: number): void {
    for (const limit of limits) this.refilled(limit, now).tokens -= 1;
  }

  /** The platform said "wait": nothing goes through this bucket before `until`, and it starts again empty. */
  pause(limit: RateLimit, until: number): void {
    const bucket = this.refilled(limit, until);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    bucket.tokens = Math.min(bucket.tokens, 1);
  }

  private refilled(limit: RateLimit, now: number): Bucket {
    let bucket = this.buckets.get(limit.key);
    if (!bucket) {
      bucket = { tokens: limit.burst, at: now, pausedUntil: 0 };
      this.buckets.set(limit.key, bucket);
    }
    if (now > bucket.at) {
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond * HEADROOM);
      bucket.at = now;
    }
    return bucket;
  }
}
