import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { parsePeriod, weekContaining } from '../../src/core/digest/period.js';
import { publishDigest } from '../../src/core/publish-digest.js';
import { recordAction } from '../../src/core/record-action.js';
import { digestText } from '../../src/cli/reports.js';
import { routedMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const HOUR = 3_600_000;

describe('the weekly digest', () => {
  const database = useTestDatabase();

  it('reports what each team received and did, how fast, and what fell between silos', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-16T14:00:00Z' }); // Monday of 2026-W47, New York
    const sam = person(ctx.config, 'sam');
    const priya = person(ctx.config, 'priya');
    const [bug1] = await routedMessage(ctx, 'Login is broken');
    const [bug2] = await routedMessage(ctx, 'Export crashes on large gardens');
    const [idea] = await routedMessage(ctx, 'Would love a winter mode');
    await routedMessage(ctx, 'The pairing screen shows an error'); // nobody ever acts on this one
    ctx.clock.advance(2 * HOUR);
    await recordAction(ctx, { routingId: bug1!.id, kind: 'acknowledge', actor: sam, via: 'button' });
    ctx.clock.advance(2 * HOUR);
    await recordAction(ctx, { routingId: bug1!.id, kind: 'resolve', actor: sam, via: 'button' });
    await recordAction(ctx, { routingId: bug2!.id, kind: 'acknowledge', actor: sam, via: 'button' }); // 4h: late for a 1h target
    const passed = await recordAction(ctx, { routingId: idea!.id, kind: 'pass_on', toTeam: 'support', actor: priya, via: 'modal', reason: 'a how-to' });
    await recordAction(ctx, { routingId: passed.passedToRoutingId!, kind: 'pass_on', toTeam: 'sales', actor: sam, via: 'modal', reason: 'upsell' });

    ctx.clock.set('2026-11-23T14:00:00Z');
    const digest = await buildDigest(ctx);
    expect(digest.period.key).toBe('2026-W47');
    const support = digest.teams.find((t) => t.team === 'support')!;
    expect(support.metrics).toMatchObject({ received: 4, acknowledged: 2, resolved: 1, declined: 0, passedOn: 1 });
    // First responses: 2h (bug1), 4h (bug2), and 0h for the idea passed straight on to sales: the median is 2h.
    expect(support.metrics.medianFirstActionMs).toBe(2 * HOUR);
    expect(support.metrics.breaches.acknowledge).toBe(3);
    const product = digest.teams.find((t) => t.team === 'product')!;
    expect(product.metrics).toMatchObject({ received: 1, passedOn: 1 });
    expect(digest.handoffs).toEqual([{ from: 'product', to: 'support', count: 1 }, { from: 'support', to: 'sales', count: 1 }]);
    expect(digest.silos.counts).toEqual({ noAction: 1, passedAround: 1, acknowledgedNotResolved: 1, noActionPastTarget: 1 });
    expect(digest.silos.noAction[0]?.text).toBe('The pairing screen shows an error');
    expect(digest.silos.passedAround[0]).toMatchObject({ text: 'Would love a winter mode', path: ['Product', 'Support', 'Sales'] });
    expect(digest.silos.acknowledgedNotResolved[0]?.text).toBe('Export crashes on large gardens');
    expect(digest.totals.previous.received).toBe(0);
    // Four items, six team assignments (the idea went Product → Support → Sales): said apart, in words.
    expect(digest.items.current).toEqual({ items: 4, resolved: 1, declined: 0, inProgress: 2, untouched: 1 });
    const text = digestText(digest);
    expect(text).toContain('4 items of feedback came in (the week before: 0), assigned to teams 6 times (one item can go to several teams).');
    expect(text).toContain('Of those items, 1 is resolved, 0 declined, 2 in progress and 1 not yet answered.');
    expect(text).toContain('#3 Would love a winter mode — Product → Support → Sales (2 hand-offs)');
    expect(text).toContain('Nobody answered, past the acknowledge target (1):');
    expect(text).toContain('#4 The pairing screen shows an error — Support, waiting since Mon 16 Nov, 09:00');
    expect(text).toContain('Support  4 items assigned, 2 acknowledged or taken, 1 resolved, 0 declined, 1 passed on; first response 2 h, resolution 4 h (medians, business hours)');
    expect(text).toContain('Targets that fell due this week: 1 of 4 acknowledged in time (25 %), 1 of 3 resolved in time (33 %). Median lateness 24 h of business time.');
    expect(text).toContain('#4 missed its acknowledge target by 39 h of business time: The pairing screen shows an error');
    expect(text).not.toMatch(/\b\d+h\d+m\b|\b\d+d\d+h\b|\(=\)|\bin\s+\d|\back\s+\d/);
    // A preview printed on the terminal is one document, not a thread.
    expect(text).not.toContain('in this thread');
  });

  it('says there was no feedback in an empty week, rather than that every item got an answer', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-23T14:00:00Z' });
    const text = digestText(await buildDigest(ctx));
    expect(text).toContain('No feedback came in this week, and nothing was waiting on a team.');
    expect(text).toContain('No feedback came in, so nothing could fall between silos.');
    expect(text).not.toContain('every item');
  });

  it('does not list an item minutes old as one nobody acted on, and says the week is still running', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-17T15:00:00Z' });
    await routedMessage(ctx, 'Crash right now');
    ctx.clock.advance(10 * 60_000);
    const text = digestText(await buildDigest(ctx, { period: '2026-W47' }));
    expect(text).toContain('Not answered yet, still within the acknowledge target (1).');
    expect(text).not.toContain('Nobody answered');
    expect(text).toContain('This week has not ended: the figures are as they stood on Tue 17 Nov, 10:10 (America/New_York).');
  });

  it('refuses to post a week that has not ended, and keeps its slot for the real digest', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-17T15:00:00Z' });
    const running = await publishDigest(ctx, { kind: 'leadership' }, '2026-W47', ctx.clock.now());
    expect(running).toMatchObject({ published: false, refused: 'period_running' });
    ctx.clock.set('2026-11-23T14:00:00Z');
    expect((await publishDigest(ctx, { kind: 'leadership' }, '2026-W47', ctx.clock.now())).published).toBe(true);
  });

  it('does not count an acknowledgement that was undone', async () => {
    const ctx = await testContext(database.current().db);
    const [bug] = await routedMessage(ctx, 'Sync is broken');
    const sam = person(ctx.config, 'sam');
    await recordAction(ctx, { routingId: bug!.id, kind: 'acknowledge', actor: sam, via: 'reaction', idempotencyKey: 'r1' });
    await recordAction(ctx, { routingId: bug!.id, kind: 'undo', actor: sam, via: 'reaction', undoesKey: 'r1' });
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(digest.teams.find((t) => t.team === 'support')?.metrics.acknowledged).toBe(0);
  });

  it('compares with the previous week and limits a team digest to that team', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-10T15:00:00Z' }); // 2026-W46
    await routedMessage(ctx, 'Crash one');
    await routedMessage(ctx, 'Please add a feature');
    ctx.clock.set('2026-11-17T15:00:00Z');
    await routedMessage(ctx, 'Crash two');
    await routedMessage(ctx, 'Crash three');
    const digest = await buildDigest(ctx, { period: '2026-W47', team: 'support' });
    expect(digest.teams.map((t) => [t.team, t.metrics.received, t.previous.received])).toEqual([['support', 2, 1]]);
  });

  it('reports a week still running as it stands now, without counting targets not yet due as missed', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-17T15:00:00Z' });
    await routedMessage(ctx, 'Crash right now');
    ctx.clock.advance(30 * 60_000);
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(digest.asOf.toISOString()).toBe('2026-11-17T15:30:00.000Z');
    expect(digest.teams.find((t) => t.team === 'support')?.metrics.breaches.acknowledge).toBe(0);
  });

  it('refuses a period it cannot read', async () => {
    const ctx = await testContext(database.current().db);
    await expect(buildDigest(ctx, { period: 'last tuesday' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('digest periods', () => {
  it('are ISO weeks in local time, 167 hours long when the clocks go forward', () => {
    const week = parsePeriod('2026-W11', 'America/New_York')!; // DST starts Sunday 8 March 2026
    expect(week.start.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    const spring = weekContaining(new Date('2026-03-05T12:00:00Z'), 'America/New_York');
    expect((spring.end.getTime() - spring.start.getTime()) / HOUR).toBe(167);
    const autumn = weekContaining(new Date('2026-10-22T12:00:00Z'), 'Europe/Berlin') // DST ends Sunday 25 October 2026;
    expect((autumn.end.getTime() - autumn.start.getTime()) / HOUR).toBe(169);
  });
});

