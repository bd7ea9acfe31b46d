import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { impactWarmUp, type ImpactWarmUp } from '../../src/adapters/web/impact/warm-up-impact.js';
import { parseEnv } from '../../src/config/env.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { ManualClock } from '../../src/core/clock.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { connect } from '../../src/db/client.js';
import { startLiaison, type Role } from '../../src/main.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { BASE, signInOver, webApp } from './web-http.js';

type LogLine = { level: number; msg: string; ms?: number; period?: string; reason?: string; err?: unknown };

/** A logger whose lines a test can read. */
function capturedLog(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('the web app after a start', () => {
  const database = useTestDatabase();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(roles: Role[], warmUpDelayMs?: number) {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-warm-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { logger, lines } = capturedLog();
    const db = database.current();
    const clock = new ManualClock('2026-11-16T14:00:00Z');
    const running = await startLiaison({
      env: parseEnv({ PORT: '0', HOST: '127.0.0.1', LIAISON_DATA_DIR: dataDir }),
      loaded: { config: testConfig(), path: 'test', isExample: false, webhookSecrets: new Map(), trackers: new Map(), outboundWebhooks: new Map() },
      database: { ...db, health: () => ({ ok: true }), shutdown: async () => {} },
      logger,
      routingModel: { classifier: keywordClassifier(), refresh: async () => undefined },
      platforms: async () => [],
      roles: new Set(roles),
      out: new PassThrough(),
      clock,
      warmUpDelayMs: warmUpDelayMs ?? 0,
    });
    cleanups.push(() => running.stop());
    return { running, lines };
  }

  it('readies the Impact page in the background once the web server listens, says so in the log, and a leader then sees it', async () => {
    const db = database.current();
    await captureFeedback(await testContext(db.db), discordMessage('The export crashes on large gardens'));
    const { running, lines } = await start(['web', 'worker']);
    await waitFor(() => lines.some((l) => l.msg.startsWith('web app warmed up')));
    const warmed = lines.find((l) => l.msg.startsWith('web app warmed up'));
    expect(warmed).toMatchObject({ level: 30, msg: 'web app warmed up: the Impact page is ready', period: '2026-Q4' });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);

    const base = `http://127.0.0.1:${running.port}`;
    const issued = await issueSignInToken(running.ctx, { platform: 'console', id: 'lee', name: 'Lee' });
    if (issued.status !== 'issued') throw new Error('no link');
    const signedIn = await fetch(`${base}/sign-in/${issued.token}`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Feedback per week, by category');
    expect(html).toContain('<svg');
  });

  it('begins only once the delay it is given is over', async () => {
    // On a database nothing listens for: the prompt one fails at once, and is over before the test ends.
    const unreachable = connect('postgres://postgres@127.0.0.1:1/none', { max: 1, connectTimeoutSeconds: 2 });
    cleanups.push(() => unreachable.close());
    const ctx = { ...(await testContext(database.current().db)), db: unreachable.db };
    const held = impactWarmUp(ctx, { delayMs: 60_000 });
    const prompt = impactWarmUp(ctx, { delayMs: 0 });
    cleanups.push(() => held.stop());
    held.start();
    prompt.start();
    await new Promise((resolve) => setImmediate(resolve));
    const underWay = prompt.underWay();
    expect(underWay).toBeInstanceOf(Promise);
    expect(held.underWay()).toBeUndefined();
    await underWay;
  });

  it('waits while the process is busy (an intake burst) and begins in the first quiet moment', async () => {
    // On a database nothing listens for: once begun it fails at once and says so, which is what the test waits for.
    const unreachable = connect('postgres://postgres@127.0.0.1:1/none', { max: 1, connectTimeoutSeconds: 2 });
    cleanups.push(() => unreachable.close());
    const { logger, lines } = capturedLog();
    const busyShares = [0.9, 0.5, 0.1];
    const seenWhileLooking: unknown[] = [];
    const warmUp = impactWarmUp({ ...(await testContext(database.current().db)), db: unreachable.db, logger }, {
      delayMs: 1,
      busy: () => {
        seenWhileLooking.push(warmUp.underWay());
        return busyShares[seenWhileLooking.length - 1] ?? 0;
      },
    });
    cleanups.push(() => warmUp.stop());
    warmUp.start();
    await waitFor(() => lines.length > 0);
    // Looked at three times, begun after the third (the loop busy 10 % of the time), never while it was busier.
    expect(seenWhileLooking).toEqual([undefined, undefined, undefined]);
    expect(lines[0]).toMatchObject({ msg: 'web app warm-up failed; the first Impact visit computes its figures itself' });
  });

  it('gives a leader who opens the home page during the warm-up its page, not a second computation beside it', async () => {
    const url = database.current().url;
    // A pool of its own, larger than the test database's: the warm-up's queries wait below while a visit signs in.
    const own = connect(url, { max: 20 });
    cleanups.push(() => own.close());
    const base = await testContext(own.db);
    await captureFeedback(base, discordMessage('The export crashes on large gardens'));
    const { logger, lines } = capturedLog();
    const ctx = { ...base, logger };
    // The kept figures' table locked: the warm-up begins (its figures as of 09:00 in New York) and waits there.
    const locker = postgres(url, { max: 1, onnotice: () => {} });
    cleanups.push(() => locker.end());
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = locker.begin(async (tx) => {
      await tx`lock table report_cache in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    const warmUp = impactWarmUp(ctx, { delayMs: 0 });
    let asked: () => void = () => {};
    const visitAsked = new Promise<void>((resolve) => (asked = resolve));
    const watched: ImpactWarmUp = { ...warmUp, underWay: () => (asked(), warmUp.underWay()) };
    cleanups.push(() => warmUp.stop());
    const app = webApp(ctx, BASE, watched);
    warmUp.start();
    await waitFor(async () => (await own.sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)[0]?.n > 0);

    // An hour later the leader arrives: a page of their own would say "as of 10:00".
    ctx.clock.advance(3_600_000);
    const { cookie } = await signInOver(app, ctx, 'lee');
    const visit = app.request(`${BASE}/`, { headers: { cookie } });
    await visitAsked;
    release();
    await holding;
    const html = await (await visit).text();
    expect(html).toContain('as of 16 Nov 2026, 09:00');
    expect(html).not.toContain('10:00');
    expect(html).toContain('Feedback per week, by category');
    expect(lines.filter((l) => l.msg.startsWith('web app warmed up'))).toHaveLength(1);

    // Once it is done, a visit draws its own page, as of now.
    expect(await (await app.request(`${BASE}/`, { headers: { cookie } })).text()).toContain('as of 16 Nov 2026, 10:00');
  });

  it('says in one line, without a stack trace, when the warm-up fails, and nothing crashes', async () => {
    const ctx = await testContext(database.current().db);
    // Nothing listens on port 1: every query of the warm-up fails at once.
    const unreachable = connect('postgres://postgres@127.0.0.1:1/none', { max: 1, connectTimeoutSeconds: 2 });
    cleanups.push(() => unreachable.close());
    const { logger, lines } = capturedLog();
    const warmUp = impactWarmUp({ ...ctx, db: unreachable.db, logger }, { delayMs: 0 });
    cleanups.push(() => warmUp.stop());
    warmUp.start();
    await waitFor(() => lines.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'web app warm-up failed; the first Impact visit computes its figures itself' });
    expect(lines[0]?.reason).toMatch(/ECONNREFUSED|connect/i);
    expect(lines[0]?.err).toBeUndefined();
    // A visit then is not kept waiting on it.
    expect(warmUp.underWay()).toBeUndefined();
  });
});
