/** Runs `run` until it succeeds, waiting `delaysMs[i]` before try i + 1; the last failure is thrown. */
export async function withRetries<T>(run: () => Promise<T>, delaysMs: number[], cancelled: () => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, delaysMs[attempt - 1]));
    if (attempt > 0 && cancelled()) throw new Error('cancelled');
    try {
      return await run();
    } catch (error) {
      if (attempt >= delaysMs.length || cancelled()) throw error;
    }
  }
}
