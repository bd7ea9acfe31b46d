import type { ServerType } from '@hono/node-server';
import type { Logger } from 'pino';

/**
 * Stopping Liaison step by step (see main.ts), each step within a bound: a step waiting on a database that is gone or
 * paused, or on a client that keeps its connection busy, is let go so that the process still ends well inside the
 * 10 s orchestrators give it. Letting a step go loses nothing: an intake post is answered 202 only once stored, a
 * delivery in hand returns to the outbox when its lease ends, a job's transaction rolls back.
 */
export type StopStep = (() => Promise<unknown>) & { step: string; boundMs: number; needsDatabase: boolean };

export interface StepOptions {
  boundMs?: number;
  /** What the step waits for is database work (the worker's last round, a job): pointless while the database is down. */
  needsDatabase?: boolean;
}

export function named(step: string, stop: () => Promise<unknown>, { boundMs = 2000, needsDatabase = false }: StepOptions = {}): StopStep {
  return Object.assign(stop, { step, boundMs, needsDatabase });
}

/** How long a step that needs the database is waited for when the database is known to be down. */
const DATABASE_DOWN_BOUND_MS = 300;

/**
 * Runs the steps in order, each for at most its bound (shorter for database work when `databaseDown`: nothing that
 * needs it can finish); logs (debug) how long each took, and (warn) which were let go.
 */
export async function runStops(steps: StopStep[], logger: Logger, { databaseDown = false } = {}): Promise<void> {
  for (const stop of steps) {
    const started = Date.now();
    const boundMs = databaseDown && stop.needsDatabase ? Math.min(stop.boundMs, DATABASE_DOWN_BOUND_MS) : stop.boundMs;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      stop().then(() => 'stopped' as const, (error: unknown) => (logger.warn({ err: error, step: stop.step }, 'error while stopping'), 'stopped' as const)),
      new Promise<'let go'>((resolve) => (timer = setTimeout(() => resolve('let go'), boundMs))),
    ]).finally(() => clearTimeout(timer));
    if (outcome === 'let go') logger.warn({ step: stop.step, ms: boundMs, databaseDown }, 'a shutdown step did not finish in time; going on without it');
    else logger.debug({ step: stop.step, ms: Date.now() - started }, 'stopped');
  }
}

/**
 * Stops taking connections, closes the idle ones, and gives the requests under way `graceMs` to be answered (each is
 * bounded: intake answers within 2 s) before closing what is left: a client sending request after request on one
 * keep-alive connection would otherwise keep the server open for as long as it sends.
 */
export function closeHttpServer(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
    const force = setTimeout(() => http.closeAllConnections?.(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
