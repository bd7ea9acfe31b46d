import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { signIntake } from '../../src/adapters/http/signature.js';
import { connect, type Database } from '../../src/db/client.js';
import { CONNECT_TIMEOUT_SECONDS, STATEMENT_TIMEOUT_MS } from '../../src/db/open-database.js';
import { voices } from '../../src/db/schema/index.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { PausableProxy } from './helpers/pausable-proxy.js';

const SECRET = 'a-test-secret-of-some-length';

function intake(ctx: TestContext, id: string): Request {
  const body = JSON.stringify({ id, text: 'The export crashes with big gardens', author: { name: 'Kim' } });
  const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
  return new Request('http://liaison.test/intake/forum', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, body) },
    body,
  });
}

/** The answer, or a failure naming the promise the code did not keep. */
async function answeredWithin(ms: number, response: Response | Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([response, late]).finally(() => clearTimeout(timer));
}

async function eventually(attempt: () => Promise<Response>, status: number, timeoutMs: number): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await attempt();
    if (response.status === status || Date.now() > until) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the database paused or gone while Liaison runs', () => {
  const database = useTestDatabase();
  let proxy: PausableProxy | undefined;
  let pool: Database | undefined;
  afterEach(async () => {
    // The pool ends first, while the proxy still passes its connections through: a connection the pool was still
    // opening when the proxy closed would have its start-up query (postgres.js' array types) refused with no one to
    // hear it, an unhandled rejection in the test process (porsager/postgres#1192; `liaison start` logs those).
    await pool?.sql.end({ timeout: 1 });
    await proxy?.close();
  });

  async function setup() {
    const direct = new URL(database.current().url);
    proxy = new PausableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.listen();
    pool = connect(proxy.url(database.current().url), { max: 4, connectTimeoutSeconds: CONNECT_TIMEOUT_SECONDS, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
    const ctx = await testContext(pool.db);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    return { ctx, app };
  }

  async function storedWithId(id: string): Promise<number> {
    return (await database.current().db.select().from(voices).where(eq(voices.messageId, id))).length;
  }

  it('paused: /readyz is 503 within 1 s, intake 503 with Retry-After within 2 s; once resumed both recover and the resend is stored once', async () => {
    const { ctx, app } = await setup();
    expect((await app.request(intake(ctx, 'before'))).status).toBe(202);
    proxy!.pause();

    const ready = await answeredWithin(1000, app.request('/readyz'));
    expect(ready.status).toBe(503);
    const refused = await answeredWithin(2000, app.request(intake(ctx, 'during')));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: 'the database is unavailable; try again shortly' });

    proxy!.resume();
    expect((await eventually(async () => app.request('/readyz'), 200, 10_000)).status).toBe(200);
    const resent = await eventually(async () => app.request(intake(ctx, 'during')), 202, 10_000);
    expect(resent.status).toBe(202);
    expect(['created', 'duplicate']).toContain(((await resent.json()) as { status: string }).status);
    expect(await storedWithId('during')).toBe(1);
  }, 60_000);

  it('paused: /metrics answers within about a second with the process figures, leaving out the ones it could not read', async () => {
    const { ctx, app } = await setup();
    await app.request(intake(ctx, 'counted'));
    const before = await (await app.request('/metrics')).text();
    expect(before).toMatch(/^liaison_outbox_pending \d+$/m);
    expect(before).toMatch(/^liaison_database_figures_up 1$/m);
    proxy!.pause();

    const during = await answeredWithin(1500, app.request('/metrics'));
    expect(during.status).toBe(200);
    const text = await during.text();
    expect(text).toMatch(/^liaison_database_figures_up 0$/m);
    expect(text).toMatch(/^liaison_intake_total\{source="forum",outcome="created"\} 1$/m);
    expect(text).toMatch(/^liaison_process_resident_memory_bytes \d+/m);
    // Not an old value passed off as current: the figures that need the database are left out.
    expect(text).not.toContain('liaison_outbox_pending');
    // A second scrape while paused is as quick: it waits on the read already under way, it does not add another.
    expect((await answeredWithin(1500, app.request('/metrics'))).status).toBe(200);

    proxy!.resume();
    const after = await eventually(async () => app.request('/metrics'), 200, 10_000);
    expect(await after.text()).toMatch(/^liaison_database_figures_up 1$/m);
  }, 60_000);

  it('gone (connections dropped and refused): intake 503 with Retry-After at once; back on the same port, it stores again by itself', async () => {
    const { ctx, app } = await setup();
    expect((await app.request(intake(ctx, 'before'))).status).toBe(202);
    await proxy!.drop();

    const refused = await answeredWithin(2000, app.request(intake(ctx, 'while-gone')));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await answeredWithin(1000, app.request('/readyz'))).status).toBe(503);
    expect(await storedWithId('while-gone')).toBe(0);

    await proxy!.listen(proxy!.port);
    const resent = await eventually(async () => app.request(intake(ctx, 'while-gone')), 202, 10_000);
    expect(resent.status).toBe(202);
    expect(await storedWithId('while-gone')).toBe(1);
  }, 60_000);
});
