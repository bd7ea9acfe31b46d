import pino from 'pino';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { signIntake } from '../../src/adapters/http/signature.js';
import { connect, type Database } from '../../src/db/client.js';
import { parseEnv } from '../../src/config/env.js';
import { CONNECT_TIMEOUT_SECONDS, openDatabase, STATEMENT_TIMEOUT_MS } from '../../src/db/open-database.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const SECRET = 'a-test-secret-of-some-length';

function intake(ctx: TestContext, id: string): Request {
  const body = JSON.stringify({ id, text: 'The export crashes with big gardens', author: { name: `Kim ${id}` } });
  const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
  return new Request('http://liaison.test/intake/forum', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, body) },
    body,
  });
}

describe('the database ending Liaison’s connections under load', () => {
  const database = useTestDatabase();
  let pool: Database | undefined;
  let admin: postgres.Sql | undefined;
  afterEach(async () => {
    await pool?.sql.end({ timeout: 1 });
    await admin?.end({ timeout: 1 });
  });

  it('every intake is answered within 2 s (202 stored, or 503 to retry) while its connections are killed, and intake stores again by itself', async () => {
    // Named, so that only this pool's connections are ended (not the test's own).
    const url = new URL(database.current().url);
    url.searchParams.set('application_name', 'liaison-under-test');
    pool = connect(url.toString(), { max: 4, connectTimeoutSeconds: CONNECT_TIMEOUT_SECONDS, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
    admin = postgres(database.current().url, { max: 1, onnotice: () => {} });
    const ctx = await testContext(pool.db);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    expect((await app.request(intake(ctx, 'warm-up'))).status).toBe(202);

    const answers: { id: string; status: number; ms: number }[] = [];
    const send = async (id: string) => {
      const started = performance.now();
      const response = await Promise.race([app.request(intake(ctx, id)), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000))]);
      answers.push({ id, status: response?.status ?? 0, ms: performance.now() - started });
    };
    let killing = true;
    // Only connections past their first second: one killed while the driver reads its types after connecting
    // makes postgres.js reject a promise nobody holds (start.ts logs those), which would fail this test.
    let killed = 0;
    const killer = (async () => {
      for (let round = 0; round < 400 && killing; round += 1) {
        const ended = await admin!`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'liaison-under-test' and backend_start < now() - interval '1 second'`;
        killed += ended.length;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    // At least 40 posts each, and on until some connections have been killed: on a quiet machine 320 posts can be
    // over before any connection is a second old (bounded: 400 each at most).
    await Promise.all(Array.from({ length: 8 }, async (_, sender) => {
      for (let n = 0; n < 400 && (n < 40 || killed < 3); n += 1) await send(`load-${sender}-${n}`);
    }));
    killing = false;
    await killer;

    expect(killed).toBeGreaterThan(0);
    const late = answers.filter((a) => a.ms > 2000 || ![202, 503].includes(a.status));
    expect(late).toEqual([]);
    // Once the connections are left alone, intake stores again without anyone restarting anything.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 202; attempt += 1) {
      status = (await app.request(intake(ctx, 'after'))).status;
      if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(202);
    const stored = await admin`select message_id from voices where platform = 'webhook'`;
    const storedIds = new Set(stored.map((row) => row.message_id as string));
    // "202" means stored: never an answer of 202 for something that is not there.
    expect(answers.filter((a) => a.status === 202 && !storedIds.has(a.id))).toEqual([]);
  }, 120_000);

  it('a transaction left open by a client that went quiet is ended by the server, so its locks do not stop everyone else', async () => {
    // Liaison's own pool asks the server for this (a minute).
    const opened = await openDatabase(parseEnv({ DATABASE_URL: database.current().url }), pino({ level: 'silent' }), { migrate: false });
    try {
      const [setting] = await opened.sql`show idle_in_transaction_session_timeout`;
      expect(setting).toEqual({ idle_in_transaction_session_timeout: '1min' });
    } finally {
      await opened.shutdown();
    }
    // The same with a shorter wait: a transaction that took the outbox's kind of lock, and whose client never goes on.
    pool = connect(database.current().url, { max: 1, idleInTransactionMs: 300 });
    admin = postgres(database.current().url, { max: 1, onnotice: () => {} });
    await pool.sql.unsafe('begin; select pg_advisory_xact_lock(4242)').catch(() => undefined);
    const lockFree = async () => (await admin!`select pg_try_advisory_lock(4242) as got`)[0]?.got === true;
    const heldAtFirst = !(await lockFree());
    await waitFor(lockFree, 10_000);
    expect(heldAtFirst).toBe(true);
  }, 60_000);
});
