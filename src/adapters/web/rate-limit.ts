import type { Clock } from '../../core/clock.js';

/**
 * Counts attempts per address in fixed windows (sign-in links are unguessable; this only slows down the hopeless
 * and keeps the database quiet). Per process: several instances each allow their own share, which is still a limit.
 */
export class RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt; answers how long to wait (ms) when the address is over its limit, else 0. */
  hit(address: string): number {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(address);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(address, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? window.start + this.windowMs - now : 0;
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(address);
  }
}
