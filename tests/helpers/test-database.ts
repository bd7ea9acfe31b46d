import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterEach, beforeEach, inject } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase extends Database {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own, cloned from the run's template: tests never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  const name = `liaison_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  const url = withDatabase(serverUrl, name);
  const database = connect(url, { max: 5 });
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Registers a fresh database per test; call `current()` inside a test. */
export function useTestDatabase(): { current(): TestDatabase } {
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  return {
    current() {
      if (!database) throw new Error('useTestDatabase: no database outside a test');
      return database;
    },
  };
}
