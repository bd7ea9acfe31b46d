import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ManualClock } from '../../src/core/clock.js';
import { parsePeriod } from '../../src/core/digest/period.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('npm run demo', () => {
  const database = useTestDatabase();

  it('plays every step of the week with the built-in model and prints a digest whose numbers match', async () => {
    const { config } = await loadConfig(undefined);
    const week = parsePeriod('2026-W46', config.timezone)!;
    let printed = '';
    const out = new Writable({ write: (chunk, _encoding, done) => { printed += String(chunk); done(); } });
    const ok = await runDemo({ db: database.current().db, config, clock: new ManualClock(week.start), logger: pino({ level: 'silent' }) }, week, out, false);
    expect(printed).not.toContain('does not match');
    expect(ok).toBe(true);
    expect(printed).toContain('Fernhill feedback digest · 2026-W46');
    expect(printed).toContain('Fell between silos · 2026-W46');
    expect(printed).toMatch(/The digest matches what happened this week/);
  });
});
