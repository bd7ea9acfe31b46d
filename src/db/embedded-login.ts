import type { Logger } from 'pino';
import postgres from 'postgres';
import { oneLine, StartupError } from './startup-error.js';

/*
 * The embedded server's credentials: one superuser, `liaison`, whose password is the data directory's own (kept in
 * `pg-password`, owner only; see data-dir.ts), listening on 127.0.0.1 only.
 */

export const EMBEDDED_USER = 'liaison';
/** The password every data directory had before each got its own; kept only to move such directories to theirs. */
export const LEGACY_PASSWORD = 'liaison';

export function embeddedUrl(password: string, port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/${database}`;
}

/**
 * Logs in with the data directory's password. A directory made before each had its own (or whose first start was
 * cut short) still has the old fixed password: log in with that once and replace it. Then makes `database`.
 */
export async function ensureLogin(port: number, password: string, database: string, logger: Logger): Promise<void> {
  const open = (secret: string) => postgres({ host: '127.0.0.1', port, user: EMBEDDED_USER, password: secret, database: 'postgres', max: 1, connect_timeout: 10, onnotice: () => {} });
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
    await admin.unsafe(`ALTER ROLE ${EMBEDDED_USER} PASSWORD '${password.replace(/[^0-9a-f]/g, '')}'`);
    logger.info('embedded PostgreSQL now uses the password kept in pg-password');
  }
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
}
