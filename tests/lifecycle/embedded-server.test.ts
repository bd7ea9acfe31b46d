import { mkdtemp, rm, stat, readFile, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/client.js';
import { processStatus, readPostmasterLock } from '../../src/db/data-dir.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { StartupError } from '../../src/db/startup-error.js';
import { waitFor } from '../helpers/wait-for.js';

const silent = pino({ level: 'silent' });

/** Logs in and runs one query; the error's SQLSTATE (28P01 is a wrong password) when it cannot. */
async function tryLogin(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await sql`select 1`;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

describe('the embedded PostgreSQL server', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function dataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'liaison-embedded-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }
  async function start(dir: string): Promise<EmbeddedDatabase> {
    const server = await startEmbeddedPostgres(dir, silent);
    cleanups.push(() => server.stop());
    return server;
  }

  it('gets a password of its own, kept in a file only its owner can read; the old fixed password is refused', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const password = (await readFile(join(dir, 'pg-password'), 'utf8')).trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect((await stat(join(dir, 'pg-password'))).mode & 0o777).toBe(0o600);
    expect(new URL(server.url).password).toBe(password);
    expect(await tryLogin(server.url)).toBe('ok');
    expect(await tryLogin(withPassword(server.url, 'liaison'))).toBe('28P01');
    // Connection details for CLI commands beside a running bot: owner only too.
    expect((await stat(join(dir, 'running.json'))).mode & 0o777).toBe(0o600);
  });

  it('moves a data directory made with the old fixed password to a password of its own, keeping its data', async () => {
    const dir = await dataDir();
    const first = await startEmbeddedPostgres(dir, silent);
    // What an older Liaison left: password liaison/liaison, no pg-password file, some data.
    const old = postgres(first.url, { max: 1, onnotice: () => {} });
    await old`create table kept (note text)`;
    await old`insert into kept values ('from before')`;
    await old`alter role liaison password 'liaison'`;
    await old.end();
    await first.stop();
    await unlink(join(dir, 'pg-password'));

    const server = await start(dir);
    const sql = postgres(server.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => sql.end());
    expect(await sql`select note from kept`).toEqual([{ note: 'from before' }]);
    expect(new URL(server.url).password).not.toBe('liaison');
    expect(await tryLogin(withPassword(server.url, 'liaison'))).toBe('28P01');
  });

  it('restarts by itself after being killed, reporting itself unhealthy meanwhile, and the pool carries on', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const sql = postgres(server.url, { max: 2, connect_timeout: 5, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 1 }));
    await sql`create table notes (text text)`;
    expect(server.health()).toEqual({ ok: true });
    const lock = readPostmasterLock(join(dir, 'pg'));
    process.kill(lock!.pid, 'SIGKILL');
    await waitFor(() => !server.health().ok, 5000);
    expect(server.health().reason).toMatch(/stopped unexpectedly \(SIGKILL\); restarting/);
    await waitFor(() => server.health().ok, 30_000);
    // The first query may meet a connection the crash closed; the pool reconnects to the same port.
    await sql`insert into notes values ('after')`.catch(() => sql`insert into notes values ('after')`);
    expect(await sql`select text from notes`).toEqual([{ text: 'after' }]);
  }, 60_000);

  it('restarts after being killed even while a backend of the dead server lingers (a loaded machine), ending the leftovers', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const sql = postgres(server.url, { max: 1, connect_timeout: 5, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 1 }));
    const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const backend = row!.pid;
    // A stopped backend cannot notice that its postmaster died: it keeps the old shared memory attached, which
    // makes a new server refuse to start until it is gone.
    process.kill(backend, 'SIGSTOP');
    cleanups.push(async () => {
      try {
        process.kill(backend, 'SIGKILL');
      } catch {
        // ended by the restart, as it should be
      }
    });
    process.kill(readPostmasterLock(join(dir, 'pg'))!.pid, 'SIGKILL');
    await waitFor(() => !server.health().ok, 5000);
    await waitFor(() => server.health().ok, 30_000);
    expect(processStatus(backend).alive).toBe(false);
    await sql`select 1`.catch(() => sql`select 1`);
  }, 60_000);

  it('serves Liaison\'s pool through a Unix socket in the data directory, only its user can enter; TCP for any client', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    expect(new URL(server.socketUrl).searchParams.get('host')).toBe(join(dir, 'socket'));
    expect((await stat(join(dir, 'socket'))).mode & 0o777).toBe(0o700);
    const pool = connect(server.socketUrl, { max: 1 });
    cleanups.push(() => pool.close());
    // inet_server_addr() is null through a Unix socket.
    expect(await pool.sql`select inet_server_addr() as addr`).toEqual([{ addr: null }]);
    expect(await tryLogin(server.url)).toBe('ok');
  }, 60_000);

  it('stays on TCP when the data directory\'s path is too long for a socket address', async () => {
    const dir = await mkdtemp(join(tmpdir(), `liaison-embedded-${'d'.repeat(90)}-`));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const server = await start(dir);
    expect(server.socketUrl).toBe(server.url);
    expect(await tryLogin(server.url)).toBe('ok');
  }, 60_000);

  it('says in one line why it did not start, in the server\'s own words', async () => {
    const dir = await dataDir();
    const server = await startEmbeddedPostgres(dir, silent);
    await server.stop();
    // A data directory from another PostgreSQL major version.
    await writeFile(join(dir, 'pg', 'PG_VERSION'), '9\n');
    const error = await startEmbeddedPostgres(dir, silent).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/^The embedded PostgreSQL server in .*pg did not start: FATAL: database files are incompatible with server/);
    expect((error as Error).message).not.toContain('\n');
  }, 60_000);
});
