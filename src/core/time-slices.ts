import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * For long loops on the one event-loop thread (a backlog's cards, a batch of duplicate lookups): call the returned
 * function before each step; once more than `sliceMs` of work has gone by since the last turn, it gives the event
 * loop a turn (intake answers wait behind nothing longer) and resolves true, otherwise at once with false.
 * Measured on performance.now(), not the injected clock: it bounds real CPU time, not the product's notion of time.
 */
export function timeSlices(sliceMs: number): () => Promise<boolean> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= sliceMs) return false;
    await nextTurn();
    sliceStart = performance.now();
    return true;
  };
}
