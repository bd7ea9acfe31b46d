import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { connect, migrateDatabase, type Database } from './client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedHealth } from './embedded.js';
import { describeTarget } from './socket-url.js';
import { oneLine, StartupError } from './startup-error.js';

export interface OpenDatabase extends Database {
  /** The embedded server's state; always ok with DATABASE_URL, whose outages `/readyz` reports instead. */
  health(): EmbeddedHealth;
  /** The embedded server this process started (undefined with DATABASE_URL, or when sharing a running Liaison's). */
  embedded?: EmbeddedDatabase;
  /**
   * Closes the pool, and stops the embedded server when we started one. Statements still running get a moment to
   * finish, none when `databaseDown` (they cannot).
   */
  shutdown(options?: { databaseDown?: boolean }): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  max?: number;
  /** `refuse` for `liaison start`; CLI commands share the embedded server of a Liaison already running. */
  beside?: 'share' | 'refuse';
}

/** A connection that does not answer within this is given up (then retried by the pool on the next query). */
export const CONNECT_TIMEOUT_SECONDS = 5;
/** The server cancels any statement running longer, so that one stuck query cannot hold a connection for ever. */
export const STATEMENT_TIMEOUT_MS = 30_000;
/**
 * A transaction whose client went quiet (a driver call never answered, a process paused) is ended by the server after
 * this, so that the locks it holds (the outbox's claim lock) do not stop every other worker. No transaction of ours
 * waits on anything but the database.
 */
export const IDLE_IN_TRANSACTION_MS = 60_000;

/** DATABASE_URL when set; otherwise Liaison's own embedded PostgreSQL under LIAISON_DATA_DIR. Migrations applied. */
export async function openDatabase(env: Env, logger: Logger, options: OpenOptions = {}): Promise<OpenDatabase> {
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(env.LIAISON_DATA_DIR, logger, 'liaison', { beside: options.beside ?? 'share' });
  const url = env.DATABASE_URL ?? (embedded as EmbeddedDatabase).socketUrl;
  const database = connect(url, { max: options.max, connectTimeoutSeconds: CONNECT_TIMEOUT_SECONDS, statementTimeoutMs: STATEMENT_TIMEOUT_MS, idleInTransactionMs: IDLE_IN_TRANSACTION_MS });
  try {
    if (options.migrate ?? true) await migrateDatabase(database);
    else await database.sql`select 1`;
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw unreachable(url, error);
  }
  return {
    ...database,
    health: () => embedded?.health() ?? { ok: true },
    embedded: embedded?.shared ? undefined : embedded,
    async shutdown({ databaseDown = false } = {}) {
      await database.close(databaseDown ? 0 : undefined);
      await embedded?.stop();
    },
  };
}

/** A database that cannot be reached or refuses us is said in one line naming where; anything else is a bug. */
function unreachable(url: string, error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  const connectionProblem = /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|CONNECT_TIMEOUT|CONNECTION_)/.test(code) || /^(28|3D|08|57P0|53)/.test(code);
  if (!connectionProblem) return error;
  return new StartupError(`Cannot use the database at ${describeTarget(url)}: ${oneLine((error as Error).message || code)}`);
}
