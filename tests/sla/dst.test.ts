import { describe, expect, it } from 'vitest';
import type { LiaisonConfig } from '../../src/config/schema.js';
import { discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, ladderSteps, remindersSent, tickThrough } from './sla-helpers.js';

/** Support works round the clock in `timezone` and hears hourly: every window of a 23- or 25-hour night shows. */
function roundTheClock(timezone: string): LiaisonConfig {
  return testConfig((c) => {
    c.teams.support = { ...c.teams.support!, timezone, businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }, reminders: { every: '1h' } };
  });
}

describe('reminders and the ladder across daylight-saving changes', () => {
  const database = useTestDatabase();

  it('New York, autumn: the repeated 01:00 hour gets its own window, and nothing is sent twice', async () => {
    const ctx = await testContext(database.current().db, { config: roundTheClock('America/New_York'), now: '2026-11-01T02:00:00Z' }); // Sat 22:00 EDT
    const { routingId } = await capturedRouting(ctx, discordMessage('Login is broken')); // due 23:00 EDT
    await tickThrough(ctx, '2026-11-01T03:00:00Z', '2026-11-01T08:59:00Z', 5); // 23:00 EDT to 03:59 EST: six real hours
    expect((await remindersSent(ctx)).map((s) => s.reminder.window)).toEqual([
      '2026-10-31T23:00-04:00', '2026-11-01T00:00-04:00', '2026-11-01T01:00-04:00', '2026-11-01T01:00-05:00', '2026-11-01T02:00-05:00', '2026-11-01T03:00-05:00',
    ]);
    // On-call one real hour after the team step, not one wall-clock hour: 01:05 EDT, before the clocks go back.
    expect((await ladderSteps(ctx)).slice(0, 2)).toEqual([`${routingId}:team@2026-11-01T03:05:00.000Z`, `${routingId}:oncall@2026-11-01T04:05:00.000Z`]);
  });

  it('New York, spring: the skipped 02:00 hour has no window, and no other window is lost', async () => {
    const ctx = await testContext(database.current().db, { config: roundTheClock('America/New_York'), now: '2026-03-08T03:00:00Z' }); // Sat 22:00 EST
    await capturedRouting(ctx, discordMessage('Login is broken'));
    await tickThrough(ctx, '2026-03-08T04:00:00Z', '2026-03-08T08:59:00Z', 5); // 23:00 EST to 04:59 EDT: five real hours
    expect((await remindersSent(ctx)).map((s) => s.reminder.window)).toEqual([
      '2026-03-07T23:00-05:00', '2026-03-08T00:00-05:00', '2026-03-08T01:00-05:00', '2026-03-08T03:00-04:00', '2026-03-08T04:00-04:00',
    ]);
  });

  it('Berlin, autumn: one window per real hour through the repeated 02:00 hour', async () => {
    const autumn = await testContext(database.current().db, { config: roundTheClock('Europe/Berlin'), now: '2026-10-24T22:00:00Z' }); // Sun 00:00 CEST
    await capturedRouting(autumn, discordMessage('Export crashes'));
    await tickThrough(autumn, '2026-10-24T23:00:00Z', '2026-10-25T02:59:00Z', 5); // 01:00 CEST to 03:59 CET: four real hours
    expect((await remindersSent(autumn)).map((s) => s.reminder.window)).toEqual(['2026-10-25T01:00+02:00', '2026-10-25T02:00+02:00', '2026-10-25T02:00+01:00', '2026-10-25T03:00+01:00']);
  });

  it('Berlin, spring: one window per real hour, none for the skipped 02:00 hour', async () => {
    const spring = await testContext(database.current().db, { config: roundTheClock('Europe/Berlin'), now: '2026-03-28T23:00:00Z' }); // Sun 00:00 CET
    await capturedRouting(spring, discordMessage('Sync is broken'));
    await tickThrough(spring, '2026-03-29T00:00:00Z', '2026-03-29T02:59:00Z', 5); // 01:00 CET to 04:59 CEST: three real hours
    expect((await remindersSent(spring)).map((s) => s.reminder.window)).toEqual(['2026-03-29T01:00+01:00', '2026-03-29T03:00+02:00', '2026-03-29T04:00+02:00']);
  });
});
