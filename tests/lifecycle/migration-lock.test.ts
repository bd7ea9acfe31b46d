import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { connect, migrateDatabase } from '../../src/db/client.js';
import { withDatabase } from '../helpers/global-setup.js';

describe('migrations on an empty database', () => {
  it('three instances migrating at once all succeed, and the schema is applied once', async () => {
    const serverUrl = inject('serverUrl');
    const name = `liaison_empty_${randomBytes(5).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const instances = [0, 1, 2].map(() => connect(withDatabase(serverUrl, name), { max: 2 }));
    try {
      const outcomes = await Promise.allSettled(instances.map((instance) => migrateDatabase(instance)));
      expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const rows = await instances[0]!.sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
