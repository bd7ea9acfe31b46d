/** How long to wait before attempt `attempt + 1`: exponential from 2 s to 1 h, with jitter, never before Retry-After. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = Math.min(3_600_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.75 + random() * 0.5);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}

/** After this many attempts (about two days of backoff) a delivery is marked failed and an operator must look. */
export const MAX_ATTEMPTS = 60;
