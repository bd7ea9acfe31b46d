/** Every wait in the fault suite is bounded in time and in count: a fault that is not recovered ends the test, not the suite. */

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const elapsed = (since: number) => Date.now() - since;

/**
 * Calls `check` every `everyMs` until it says true, for at most `boundMs`. `'stop'` gives up at once (the thing
 * waited for cannot happen any more). Returns whether it happened.
 */
export async function bounded(boundMs: number, everyMs: number, check: () => Promise<boolean | 'stop'>): Promise<boolean> {
  const until = Date.now() + boundMs;
  for (let round = 0; round < Math.ceil(boundMs / everyMs) + 1 && Date.now() <= until; round += 1) {
    const result = await check();
    if (result === 'stop') return false;
    if (result) return true;
    await pause(everyMs);
  }
  return false;
}
