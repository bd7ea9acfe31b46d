import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { connect, migrateDatabase, type Database } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface OpenDatabase extends Database {
  /** Closes the pool, and stops the embedded server when we started one. */
  shutdown(): Promise<void>;
}

/** DATABASE_URL when set; otherwise Liaison's own embedded PostgreSQL under LIAISON_DATA_DIR. Migrations applied. */
export async function openDatabase(env: Env, logger: Logger, options: { migrate?: boolean; max?: number } = {}): Promise<OpenDatabase> {
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(env.LIAISON_DATA_DIR, logger);
  const database = connect(env.DATABASE_URL ?? (embedded as { url: string }).url, { max: options.max });
  try {
    if (options.migrate ?? true) await migrateDatabase(database);
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  return {
    ...database,
    async shutdown() {
      await database.close();
      await embedded?.stop();
    },
  };
}
