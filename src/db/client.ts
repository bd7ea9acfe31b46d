import { fileURLToPath } from 'node:url';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import { driverTarget } from './socket-url.js';

/** Drizzle over postgres.js; `$client` is the postgres.js pool, for the few statements sent prepared by hand. */
export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction handle has the same query API; verbs accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  url: string;
  db: Db;
  sql: postgres.Sql;
  /** Ends the pool, waiting up to `waitSeconds` (default 2) for statements still running. */
  close(waitSeconds?: number): Promise<void>;
}

export interface ConnectOptions {
  max?: number;
  /** Seconds to wait for a connection to be ready for queries (postgres.js's `connect_timeout`). */
  connectTimeoutSeconds?: number;
  /** The server cancels any statement running longer (PostgreSQL's `statement_timeout`); unset: no limit. */
  statementTimeoutMs?: number;
  /** The server ends a session that leaves a transaction open and quiet longer (`idle_in_transaction_session_timeout`). */
  idleInTransactionMs?: number;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** A postgres.js pool; a `?host=/dir` URL goes through the Unix socket in that directory (socket-url.ts), any other over TCP. */
function pool(url: string, options: postgres.Options<Record<string, never>>): postgres.Sql {
  const target = driverTarget(url);
  return postgres(target.url, target.path ? { ...options, path: target.path } : options);
}

export function connect(url: string, options: ConnectOptions = {}): Database {
  const sql = pool(url, {
    max: options.max ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 30,
    onnotice: () => {},
    connection: {
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.idleInTransactionMs ? { idle_in_transaction_session_timeout: options.idleInTransactionMs } : {}),
    },
  });
  const db = drizzle(sql, { schema });
  // Closing comes after the work that used the pool has stopped: a statement still running then is a straggler
  // (or one the driver lost with its connection), not worth holding a shutdown for.
  return { url, db, sql, close: (waitSeconds = 2) => sql.end({ timeout: waitSeconds }) };
}

/** Any number fixed for Liaison: the advisory lock that lets one process at a time apply migrations. */
const MIGRATION_LOCK = 7_140_311_011;

/**
 * Applies the committed migrations. Several processes starting at once on an empty database would race on
 * `CREATE TABLE`: each takes a session advisory lock first (on a connection of its own, released when it closes),
 * so the first migrates and the others find nothing left to do.
 */
export async function migrateDatabase(database: Pick<Database, 'url'>, options: { lockTimeoutMs?: number } = {}): Promise<void> {
  const session = pool(database.url, {
    max: 1,
    connect_timeout: 30,
    onnotice: () => {},
    // Waiting for another process's migrations is bounded by lock_timeout, not by a statement timeout.
    connection: { statement_timeout: 0, lock_timeout: options.lockTimeoutMs ?? 120_000 },
  });
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(session, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await session.end({ timeout: 5 });
  }
}
