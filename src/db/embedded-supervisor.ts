import type { ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import { endLeftoverServerProcesses, stopProcess } from './running-server.js';
import { StartupError } from './startup-error.js';
import { withRetries } from './with-retries.js';

export interface EmbeddedHealth {
  ok: boolean;
  reason?: string;
}

/** Waits between restarts of a server that died while running: about 15 s in all before giving up. */
export const RESTART_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export interface Supervisor {
  health(): EmbeddedHealth;
  onFatal(listener: (error: Error) => void): void;
  /** The server process running now (a restart replaces it). */
  current(): ChildProcess;
  /** From now on an exit is expected: nothing is restarted, and a restart under way stops what it started. */
  standDown(): void;
}

/**
 * Watches the embedded server: one that dies while running is restarted on the same port (the pool reconnects by
 * itself) after ending what is left of it; if it cannot be restarted, `onFatal` listeners are told.
 */
export function superviseServer(first: ChildProcess, start: () => Promise<ChildProcess>, databaseDir: string, logger: Logger): Supervisor {
  let state: EmbeddedHealth = { ok: true };
  let standingDown = false;
  let child = first;
  const fatalListeners: ((error: Error) => void)[] = [];
  const watch = (running: ChildProcess) => {
    running.once('exit', (code, signal) => {
      if (standingDown) return;
      state = { ok: false, reason: `the embedded PostgreSQL server stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it` };
      logger.error({ code, signal }, state.reason);
      const restart = async () => {
        const ended = await endLeftoverServerProcesses(databaseDir);
        if (ended > 0) logger.warn({ processes: ended }, 'ended what was left of the embedded PostgreSQL server before restarting it');
        return start();
      };
      void withRetries(restart, RESTART_DELAYS_MS, () => standingDown).then(
        (restarted) => {
          // Stopped while this restart was under way: the new server must not outlive us.
          if (standingDown) return void stopProcess(restarted.pid ?? 0, restarted);
          child = restarted;
          watch(restarted);
          state = { ok: true };
          logger.warn('embedded PostgreSQL restarted');
        },
        (error: unknown) => {
          if (standingDown) return;
          const reason = `the embedded PostgreSQL server could not be restarted: ${error instanceof Error ? error.message : String(error)}`;
          state = { ok: false, reason };
          logger.error(reason);
          for (const listener of fatalListeners) listener(new StartupError(reason));
        },
      );
    });
  };
  watch(first);
  return {
    health: () => state,
    onFatal: (listener) => void fatalListeners.push(listener),
    current: () => child,
    standDown: () => void (standingDown = true),
  };
}
