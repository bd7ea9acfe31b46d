import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { connect, migrateDatabase } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (any database); tests create their own databases on it. */
    serverUrl: string;
    /** A migrated database that each test clones with CREATE DATABASE ... TEMPLATE. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when given, otherwise the embedded server in a temporary
 * directory. Migrations run once into a template database; each test gets a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'liaison-test-'));
    const embedded = await startEmbeddedPostgres(dataDir, pino({ level: 'silent' }), 'liaison_test');
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const templateDatabase = `liaison_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
  const template = connect(withDatabase(serverUrl, templateDatabase), { max: 1 });
  await migrateDatabase(template);
  await template.close();
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
