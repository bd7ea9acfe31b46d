import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { connect, migrateDatabase, type Database } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

/** A fresh, migrated PostgreSQL for one benchmark: embedded in a temporary directory, or BENCH_DATABASE_URL. */
export async function benchDatabase(max = 20): Promise<Database & { url: string; dispose(): Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL;
  const dataDir = given ? undefined : await mkdtemp(join(tmpdir(), 'liaison-bench-'));
  const embedded = dataDir ? await startEmbeddedPostgres(dataDir, pino({ level: 'silent' }), 'liaison_bench') : undefined;
  // Through the embedded server's Unix socket, as the bot connects to its own (a `?host=/dir` URL: see connect()).
  const url = given ?? (embedded as { socketUrl: string }).socketUrl;
  const database = connect(url, { max });
  await migrateDatabase(database);
  return {
    ...database,
    url,
    async dispose() {
      await database.close();
      await embedded?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
