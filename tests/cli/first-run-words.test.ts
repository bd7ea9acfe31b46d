import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseEnv } from '../../src/config/env.js';
import { startupBanner } from '../../src/cli/startup-banner.js';
import { processStatus, readPostmasterLock } from '../../src/db/data-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { buildLiaison, kill, runLiaison, whenListening, type LiaisonProcess } from '../lifecycle/helpers/liaison-process.js';

// "Tue 1 Dec, 12:36 America/New_York": the example organisation's times, naming their zone.
const NEW_YORK_TIME = /(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} America\/New_York/;

describe('the startup banner', () => {
  it('names the organisation\'s timezone and says when the digests are next posted, in it', async () => {
    const loaded = await loadConfig(undefined, {});
    const banner = startupBanner({ env: parseEnv({}), loaded, port: 3000, platforms: [], slack: false, discord: false, now: new Date('2026-12-01T15:02:00Z') });
    expect(banner).toContain("  timezone: America/New_York (the organisation's: business hours, digests and every time printed here)\n");
    // Monday 09:00 in New York is 14:00 UTC.
    expect(banner).toContain('  next digests: leadership and teams Mon 7 Dec, 09:00 America/New_York\n');
  });
});

describe('a fresh install, as a person reads it', () => {
  let root: string;
  let dataDir: string;
  let liaison: LiaisonProcess | undefined;
  beforeAll(async () => {
    root = await buildLiaison();
    dataDir = await mkdtemp(join(tmpdir(), 'liaison-first-run-'));
  }, 120_000);
  afterAll(async () => {
    await kill(liaison);
    const lock = readPostmasterLock(join(dataDir, 'pg'));
    if (lock && processStatus(lock.pid).alive) process.kill(lock.pid, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('shows every time with its timezone: the banner, send-example\'s answer and the card it routes', async () => {
    liaison = runLiaison(root, ['start'], { LIAISON_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const { httpPort } = await whenListening(dataDir, liaison, 120_000);
    await waitFor(() => liaison?.output().includes('next digests:') ?? false);
    const banner = liaison.output();
    expect(banner).toContain("  timezone: America/New_York (the organisation's: business hours, digests and every time printed here)");
    expect(banner).toMatch(new RegExp(`  next digests: leadership and teams ${NEW_YORK_TIME.source}`));

    const sent = runLiaison(root, ['send-example', '--url', `http://127.0.0.1:${httpPort}`], { LOG_LEVEL: '' });
    expect((await sent.exited).code).toBe(0);
    const [first, second] = sent.output().trim().split('\n');
    expect(first).toMatch(new RegExp(`^Sent “The garden planner crashes when I add a second raised bed\\.” to http://127\\.0\\.0\\.1:${httpPort}/intake/forum at ${NEW_YORK_TIME.source}\\.$`));
    expect(second).toBe(`Liaison captured it as item #1 and routed it to Support. The card is printed where Liaison runs; act on it at http://127.0.0.1:${httpPort}/items/1`);

    await waitFor(() => liaison?.output().includes('  SLA on track') ?? false, 30_000);
    expect(liaison.output()).toMatch(new RegExp(`  SLA on track: acknowledge by ${NEW_YORK_TIME.source} \\(\\w+ (left|overdue)\\)`));
  }, 180_000);
});
