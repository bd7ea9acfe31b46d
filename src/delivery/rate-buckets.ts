/**
 * One platform limit a delivery spends from: a channel's posting rate, a method's tier, Discord's global budget.
 * `scope` names it the way a 429 does (the port tags its errors with it), so that a 429 pauses only its own bucket.
 */
export interface RateLimit {
  key: string;
  scope: string;
  perSecond: number;
  burst: number;
  /**
   * Spent by one lane only (a channel's own limit): its next token is counted from the platform's answer to the last
   * call, so that two calls can never arrive closer than the rate allows however the network delays them, and no
   * headroom is needed. Shared limits (a method's tier, Discord's global one) are counted from the departures.
   */
  ownLane?: boolean;
  /**
   * How many calls one delivery makes against it (1 when unsaid): a reminder looks up the links of all its cards. A
   * cost above the burst waits for a full bucket and leaves it in debt, so the calls after wait for what was spent.
   */
  cost?: number;
}

/**
 * Shared limits are spent a little below the published rates: the platform counts arrivals, we count departures, and
 * the network moves them by a few milliseconds. 0.95 of the rate keeps them near the limit without a 429 on every jitter.
 */
const HEADROOM = 0.95;

const rateOf = (limit: RateLimit) => limit.perSecond * (limit.ownLane ? 1 : HEADROOM);

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
      const needed = Math.min(limit.cost ?? 1, limit.burst);
      const empty = bucket.tokens >= needed ? 0 : Math.ceil(((needed - bucket.tokens) / rateOf(limit)) * 1000);
      wait = Math.max(wait, paused, empty);
    }
    return wait;
  }

  /** Spends each limit's cost (one token unless it says more). */
  take(limits: RateLimit[], now: number): void {
    for (const limit of limits) this.refilled(limit, now).tokens -= limit.cost ?? 1;
  }

  /** The platform answered a call that spent these limits: a lane's own limits count their next token from now. */
  answered(limits: RateLimit[], now: number): void {
    for (const limit of limits) {
      if (!limit.ownLane) continue;
      const bucket = this.refilled(limit, now);
      // What refilled while the call was on its way is not there yet: the platform counted the call at its arrival.
      bucket.tokens = Math.min(bucket.tokens, Math.max(0, limit.burst - 1));
      bucket.at = now;
    }
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
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * rateOf(limit));
      bucket.at = now;
    }
    return bucket;
  }
}
