import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { recordAction } from '../../src/core/record-action.js';
import { snoozeRouting } from '../../src/core/snooze-routing.js';
import { digestTeamText } from '../../src/adapters/console/digest-text.js';
import type { DigestTeamPart } from '../../src/delivery/content.js';
import { discordMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting } from './sla-helpers.js';

const HOUR = 3_600_000;

describe('SLA figures in the digest', () => {
  const database = useTestDatabase();

  it('measures lateness in business time: due Wednesday at closing, answered Thursday at 10:00, is an hour late', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-18T21:00:00Z' }); // Wednesday 16:00 New York
    const late = await capturedRouting(ctx, discordMessage('Login is broken')); // due Wednesday 17:00
    const evening = await capturedRouting(ctx, discordMessage('Export crashes'));
    ctx.clock.set('2026-11-18T23:30:00Z'); // 18:30: after the due time, but no working time has passed since
    await recordAction(ctx, { routingId: evening.routingId, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
    ctx.clock.set('2026-11-19T15:00:00Z'); // Thursday 10:00: 17 hours after the due time, one of them working
    await recordAction(ctx, { routingId: late.routingId, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
    ctx.clock.set('2026-11-23T15:00:00Z');
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    const support = digest.teams.find((t) => t.team === 'support')!;
    // Both resolutions (due Friday 16:00) are an hour late as of Friday's close too: every missed target is an hour.
    expect(support.metrics.attainment).toMatchObject({ acknowledgeDue: 2, acknowledgedInTime: 1, medianLatenessMs: HOUR });
    expect(support.metrics.breaches.acknowledge).toBe(1);
    const missedFirstResponses = digest.breaches.filter((b) => b.target === 'acknowledge');
    expect(missedFirstResponses.map((b) => [b.routingId, b.lateByMs])).toEqual([[late.routingId, HOUR]]);
  });

  it('counts a target still open at the end of the week as missed, late only by the working time that passed', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-20T21:00:00Z' }); // Friday 16:00
    const { routingId } = await capturedRouting(ctx, discordMessage('Sync is broken')); // due Friday 17:00
    ctx.clock.set('2026-11-23T15:00:00Z'); // read on Monday 10:00, before anyone answered
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(digest.teams.find((t) => t.team === 'support')?.metrics.breaches.acknowledge).toBe(1);
    expect(digest.breaches.map((b) => [b.routingId, b.lateByMs])).toEqual([[routingId, 0]]);
  });

  it('reports the median lateness of missed targets in working hours', async () => {
    const ctx = await testContext(database.current().db); // Monday 09:00; Support acknowledges within 1h
    const a = await capturedRouting(ctx, discordMessage('Login is broken'));
    const b = await capturedRouting(ctx, discordMessage('Export crashes'));
    const sam = person(ctx.config, 'sam');
    ctx.clock.set('2026-11-16T16:00:00Z'); // 11:00: an hour late
    await recordAction(ctx, { routingId: a.routingId, kind: 'acknowledge', actor: sam, via: 'button' });
    await recordAction(ctx, { routingId: a.routingId, kind: 'resolve', actor: sam, via: 'button' }); // well within two days
    ctx.clock.set('2026-11-17T16:00:00Z'); // Tuesday 11:00: 7h on Monday and 2h on Tuesday, 9 working hours late
    await recordAction(ctx, { routingId: b.routingId, kind: 'acknowledge', actor: sam, via: 'button' });
    await recordAction(ctx, { routingId: b.routingId, kind: 'resolve', actor: sam, via: 'button' });
    ctx.clock.set('2026-11-23T15:00:00Z');
    const support = (await buildDigest(ctx, { period: '2026-W47' })).teams.find((t) => t.team === 'support')!;
    expect(support.metrics.attainment).toMatchObject({ acknowledgeDue: 2, acknowledgedInTime: 0, resolveDue: 2, resolvedInTime: 2, medianLatenessMs: 5 * HOUR });
  });

  it('counts snoozes per team and shows them in the team digest text', async () => {
    const ctx = await testContext(database.current().db);
    const a = await capturedRouting(ctx, discordMessage('Login is broken'));
    const b = await capturedRouting(ctx, discordMessage('Export crashes'));
    const sam = person(ctx.config, 'sam');
    await snoozeRouting(ctx, { routingId: a.routingId, forMs: HOUR, reason: 'waiting on logs', actor: sam });
    await snoozeRouting(ctx, { routingId: a.routingId, forMs: 2 * HOUR, reason: 'still waiting', actor: sam });
    await snoozeRouting(ctx, { routingId: b.routingId, forMs: HOUR, reason: 'vendor issue', actor: sam });
    ctx.clock.set('2026-11-23T15:00:00Z');
    const digest = await buildDigest(ctx, { period: '2026-W47', team: 'support' });
    expect(digest.teams[0]?.metrics.snoozed).toBe(2);
    expect(digest.totals.current.snoozed).toBe(2);
    const part = JSON.parse(JSON.stringify({ ...digest.teams[0], period: '2026-W47', breaches: digest.breaches })) as DigestTeamPart;
    expect(digestTeamText(part)[1]).toContain('passed on, 2 with reminders paused.');
  });
});
