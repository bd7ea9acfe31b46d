/** One limit a platform enforces: at most `limit` calls per `windowMs`, counted per key (a channel, a method, the bot). */
export interface WindowLimit {
  key: string;
  limit: number;
  windowMs: number;
  /** How the platform names it in a 429: Slack's channel or method, Discord's route or global. */
  scope: string;
}

export interface Refusal { limit: WindowLimit; retryAfterMs: number }

/**
 * The rate limits of a loopback platform double, counted in sliding windows on the double's clock (the test's clock,
 * or the wall clock in a benchmark). A call over any of its limits is refused and counts against none of them, as on
 * the platforms: a refused call is not a posted message.
 */
export class PlatformRateLimits {
  private readonly accepted = new Map<string, number[]>();
  /** Every refusal, in order, for tests and benchmarks to count ("no 429 storm"). */
  readonly refusals: { key: string; scope: string; at: number }[] = [];

  constructor(private readonly now: () => number) {}

  /** The double's clock, for recording when calls came. */
  time(): number {
    return this.now();
  }

  /** Records the call if every limit has room, else says which limit is full and for how long. */
  admit(limits: WindowLimit[]): Refusal | undefined {
    const at = this.now();
    for (const limit of limits) {
      const recent = this.recent(limit, at);
      if (recent.length >= limit.limit) {
        const retryAfterMs = Math.max(1, (recent[0] as number) + limit.windowMs - at);
        this.refusals.push({ key: limit.key, scope: limit.scope, at });
        return { limit, retryAfterMs };
      }
    }
    for (const limit of limits) this.recent(limit, at).push(at);
    return undefined;
  }

  /** Spends a limit's room as a call from elsewhere would (another app posting in the channel, a person's client). */
  spend(limit: WindowLimit, times = 1): void {
    const at = this.now();
    for (let i = 0; i < times; i += 1) this.recent(limit, at).push(at);
  }

  private recent(limit: WindowLimit, at: number): number[] {
    const kept = (this.accepted.get(limit.key) ?? []).filter((t) => t > at - limit.windowMs);
    this.accepted.set(limit.key, kept);
    return kept;
  }
}
