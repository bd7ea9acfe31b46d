import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { warmUpImpact } from '../../src/adapters/web/impact/warm-up-impact.js';
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

  async function start(roles: Role[]) {
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
    });
    cleanups.push(() => running.stop());
    return { running, lines };
  }

  it('readies the Impact page in the background and says so in the log, and a leader then sees it', async () => {
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

  it('says in one line, without a stack trace, when the warm-up fails, and nothing crashes', async () => {
    const ctx = await testContext(database.current().db);
    // Nothing listens on port 1: every query of the warm-up fails at once.
    const unreachable = connect('postgres://postgres@127.0.0.1:1/none', { max: 1, connectTimeoutSeconds: 2 });
    cleanups.push(() => unreachable.close());
    const { logger, lines } = capturedLog();
    const stop = warmUpImpact({ ...ctx, db: unreachable.db, logger });
    cleanups.push(stop);
    await waitFor(() => lines.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'web app warm-up failed; the first Impact visit computes its figures itself' });
    expect(lines[0]?.reason).toMatch(/ECONNREFUSED|connect/i);
    expect(lines[0]?.err).toBeUndefined();
  });
});
