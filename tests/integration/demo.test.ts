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
    const ok = await runDemo({ db: database.current().db, config, clock: new ManualClock(week.start), logger: pino({ level: 'silent' }) }, week, out, { verbose: false });
    expect(printed).not.toContain('does not match');
    expect(ok).toBe(true);
    expect(printed).toContain('Fernhill feedback digest · 2026-W46');
    expect(printed).toContain('Fell between silos · 2026-W46');
    expect(printed).toMatch(/The digest matches what happened this week/);
  });

  it('links each card it prints to the item page of the web app it will serve', async () => {
    const { config } = await loadConfig(undefined);
    const week = parsePeriod('2026-W46', config.timezone)!;
    let printed = '';
    const out = new Writable({ write: (chunk, _encoding, done) => { printed += String(chunk); done(); } });
    await runDemo({ db: database.current().db, config, clock: new ManualClock(week.start), logger: pino({ level: 'silent' }) }, week, out, { verbose: false, web: 'http://localhost:3001' });
    const cards = printed.split('\n── ').filter((block) => block.includes('why here:'));
    expect(cards.length).toBeGreaterThan(0);
    // A card is its header, its headline, then its indented lines; the demo's own narration follows.
    const lastLine = (block: string) => { const lines = block.split('\n').slice(2); const end = lines.findIndex((l) => !l.startsWith('  ')); return lines.slice(0, end === -1 ? lines.length : end).at(-1); };
    for (const card of cards) expect(lastLine(card)).toMatch(/^ {2}(act on it|see it) in the web app: http:\/\/localhost:3001\/items\/\d+$/);
  });

  it('prints no links when it will not serve its database (they would lead nowhere)', async () => {
    const { config } = await loadConfig(undefined);
    const week = parsePeriod('2026-W46', config.timezone)!;
    let printed = '';
    const out = new Writable({ write: (chunk, _encoding, done) => { printed += String(chunk); done(); } });
    await runDemo({ db: database.current().db, config, clock: new ManualClock(week.start), logger: pino({ level: 'silent' }) }, week, out, { verbose: false });
    expect(printed).toContain('why here:');
    expect(printed).not.toMatch(/localhost|in the web app:/);
  });
});
