import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { parsePeriod, previousPeriod, readPeriod } from '../../src/core/digest/period.js';
import { buildImpact, type ImpactReport } from '../../src/core/impact/build-impact.js';
import { buildSilosReport } from '../../src/core/impact/build-silos-report.js';
import type { Figure } from '../../src/core/impact/item-filter.js';
import { listFilteredItems } from '../../src/core/impact/list-filtered-items.js';
import { recordAction } from '../../src/core/record-action.js';
import { routedMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { shipThroughJira, withJira } from './ship-through-jira.js';

const HOUR = 3_600_000;

/** A week at Testco (2026-W47): answered, late, passed around, untouched, a lead, and one item the week before. */
async function aWeek(ctx: TestContext) {
  const sam = person(ctx.config, 'sam');
  const priya = person(ctx.config, 'priya');
  const lena = person(ctx.config, 'lena');
  ctx.clock.set('2026-11-10T15:00:00Z');
  await routedMessage(ctx, 'Crash in the week before');
  ctx.clock.set('2026-11-16T14:00:00Z');
  const [bug1] = await routedMessage(ctx, 'Login is broken');
  const [bug2] = await routedMessage(ctx, 'Export crashes on large gardens');
  const [idea] = await routedMessage(ctx, 'Would love a winter mode');
  await routedMessage(ctx, 'The pairing screen shows an error');
  const quote = (await routedMessage(ctx, 'Can we get a quote for 40 sensors?', 'slack')).find((r) => r.team === 'sales');
  ctx.clock.advance(2 * HOUR);
  await recordAction(ctx, { routingId: bug1!.id, kind: 'acknowledge', actor: sam, via: 'button' });
  ctx.clock.advance(2 * HOUR);
  await recordAction(ctx, { routingId: bug1!.id, kind: 'resolve', actor: sam, via: 'button' });
  await recordAction(ctx, { routingId: bug2!.id, kind: 'acknowledge', actor: sam, via: 'button' });
  const passed = await recordAction(ctx, { routingId: idea!.id, kind: 'pass_on', toTeam: 'support', actor: priya, via: 'modal', reason: 'a how-to' });
  ctx.clock.advance(HOUR);
  const toSales = await recordAction(ctx, { routingId: passed.passedToRoutingId!, kind: 'pass_on', toTeam: 'sales', actor: sam, via: 'modal', reason: 'upsell' });
  await recordAction(ctx, { routingId: quote!.id, kind: 'decline', actor: lena, via: 'modal', reason: 'not a fit' });
  // With Sales on Jira: Lena links the winter mode (passed to Sales) to an issue, which ships two days later.
  if (ctx.config.teams.sales?.tracker) await shipThroughJira(ctx, toSales.passedToRoutingId!, '2026-11-18T14:00:00Z');
  ctx.clock.set('2026-11-23T14:00:00Z');
}

/** Every figure in a report, with where it sits, so each can be held to the items it lists. */
function figures(report: ImpactReport): [string, Figure][] {
  const out: [string, Figure][] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && 'filter' in value && 'value' in value && 'counts' in value) out.push([path, value as Figure]);
    else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk({ volume: report.volume, sentiment: report.sentiment, outcomes: report.outcomes, silos: report.silos, leads: report.leads, teams: report.teams }, 'impact');
  return out;
}

describe('the Impact read model', () => {
  const database = useTestDatabase();

  it('has the digest’s numbers for the same week: per team volumes, medians, attainment, silos, hand-offs and trackers', async () => {
    const ctx = await testContext(database.current().db, { config: withJira() });
    await aWeek(ctx);
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    const impact = await buildImpact(ctx, { period: '2026-W47' });
    for (const team of digest.teams) {
      const mine = impact.teams.find((t) => t.team === team.team)!;
      const m = team.metrics;
      expect([mine.received.value, mine.acknowledged.value, mine.resolved.value, mine.declined.value, mine.passedOn.value]).toEqual([m.received, m.acknowledged, m.resolved, m.declined, m.passedOn]);
      expect([mine.medianFirstActionMs, mine.medianResolutionMs]).toEqual([m.medianFirstActionMs, m.medianResolutionMs]);
      expect([mine.attainment.acknowledgeDue.value, mine.attainment.acknowledgedInTime.value, mine.attainment.resolveDue.value, mine.attainment.resolvedInTime.value]).toEqual([m.attainment.acknowledgeDue, m.attainment.acknowledgedInTime, m.attainment.resolveDue, m.attainment.resolvedInTime]);
      expect(mine.previous.received).toBe(team.previous.received);
      expect(mine.tracker && { issues: mine.tracker.issues.value, shipped: mine.tracker.shipped.value, medianToShippedMs: mine.tracker.medianToShippedMs }).toEqual(team.tracker);
    }
    // Sales has a tracker: the winter mode became an issue and shipped 48 h 1 min after it was posted (13:59 on the 16th).
    expect(digest.teams.find((t) => t.team === 'sales')?.tracker).toEqual({ issues: 1, shipped: 1, medianToShippedMs: 48 * HOUR + 60_000 });
    expect(impact.teams.find((t) => t.team === 'support')?.tracker).toBeUndefined();
    expect(impact.silos.current.noAction.value).toBe(digest.silos.counts.noAction);
    expect(impact.silos.current.passedAround.value).toBe(digest.silos.counts.passedAround);
    expect(impact.silos.current.acknowledgedNotResolved.value).toBe(digest.silos.counts.acknowledgedNotResolved);
    expect(impact.handoffs.map(({ from, to, count }) => ({ from, to, count }))).toEqual(digest.handoffs);
    expect(impact.totals.received).toBe(digest.totals.current.received);
    // And what a leader reads: five items this week, one the week before; two resolved (the login, and the winter
    // mode through Jira), one untouched, and the quote in progress: Sales declined it, but Support (it reached both)
    // has not answered.
    expect(impact.outcomes.current.items.value).toBe(5);
    expect(impact.outcomes.previous.items.value).toBe(1);
    expect([impact.outcomes.current.resolved.value, impact.outcomes.current.declined.value, impact.outcomes.current.untouched.value, impact.outcomes.current.inProgress.value]).toEqual([2, 0, 1, 2]);
  });

  it('lists, for every figure on the page, exactly as many items (or team assignments) as the figure says', async () => {
    const ctx = await testContext(database.current().db, { config: withJira() });
    await aWeek(ctx);
    const impact = await buildImpact(ctx, { period: '2026-W47' });
    const all = figures(impact);
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter(([path]) => path.includes('.tracker.')).map(([path, f]) => [path, f.value])).toEqual([['impact.teams.1.tracker.issues', 1], ['impact.teams.1.tracker.shipped', 1]]);
    for (const [path, figure] of all) {
      const listed = await listFilteredItems(ctx, { filter: figure.filter, pageSize: 200 });
      expect({ path, value: listed.total[figure.counts] }).toEqual({ path, value: figure.value });
    }
  });

  it('limits every figure to a community or a team, and their items with them', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const bigco = await buildImpact(ctx, { period: '2026-W47', community: 'bigco' });
    expect(bigco.outcomes.current.items.value).toBe(1);
    expect(bigco.teams.find((t) => t.team === 'sales')?.declined.value).toBe(1);
    const listed = await listFilteredItems(ctx, { filter: bigco.teams.find((t) => t.team === 'sales')!.declined.filter });
    expect(listed.items.map((i) => i.excerpt)).toEqual(['Can we get a quote for 40 sensors?']);
    const support = await buildImpact(ctx, { period: '2026-W47', team: 'support' });
    expect(support.teams.map((t) => t.team)).toEqual(['support']);
    // Every item of the week reached Support: four directly, the winter mode passed on from Product.
    expect(support.outcomes.current.items.value).toBe(5);
  });

  it('refuses a period that does not parse or spans more than two years, naming the forms it accepts', async () => {
    const ctx = await testContext(database.current().db);
    await expect(buildImpact(ctx, { period: 'last tuesday' })).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'unparsed', accepted: expect.arrayContaining(['2026-Q4', '2026-10-01..2026-12-31', 'quarter']) } });
    await expect(buildImpact(ctx, { period: '2024-01-01..2026-01-02' })).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'too_long', maxYears: 2 } });
    await expect(buildImpact(ctx, { period: '2026-12-31..2026-10-01' })).rejects.toMatchObject({ details: { reason: 'reversed' } });
    await expect(buildImpact(ctx, { team: 'marketing' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('periods for the web app', () => {
  it('are weeks, months, quarters and day ranges in local time, each compared with the one before it', () => {
    const tz = 'America/New_York';
    const now = new Date('2026-11-18T15:00:00Z');
    const q = readPeriod('2026-Q4', tz, now);
    expect([q.start.toISOString(), q.end.toISOString()]).toEqual(['2026-10-01T04:00:00.000Z', '2027-01-01T05:00:00.000Z']);
    expect(previousPeriod(q).key).toBe('2026-Q3');
    expect(readPeriod('quarter', tz, now).key).toBe('2026-Q4');
    expect(readPeriod('last-month', tz, now).key).toBe('2026-10');
    expect(previousPeriod(readPeriod('2026-11', tz, now)).key).toBe('2026-10');
    const range = readPeriod('2026-10-01..2026-10-14', tz, now);
    expect(previousPeriod(range).key).toBe('2026-09-17..2026-09-30');
    expect(parsePeriod('2024-12-01..2026-11-30', tz)?.kind).toBe('range');
  });
});

describe('the Silos read model', () => {
  const database = useTestDatabase();

  it('shows an item passed around with its path in the order it happened, and every hand-off cell lists its items', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const silos = await buildSilosReport(ctx, { period: '2026-W47' });
    expect(silos.passedAround.total.value).toBe(1);
    expect(silos.passedAround.items[0]).toMatchObject({ excerpt: 'Would love a winter mode', path: ['Product', 'Support', 'Sales'] });
    expect(silos.handoffs.cells.map((c) => [c.from, c.to, c.count])).toEqual([['product', 'support', 1], ['support', 'sales', 1]]);
    for (const cell of silos.handoffs.cells) expect((await listFilteredItems(ctx, { filter: cell.filter })).total.routings).toBe(cell.count);
    expect(silos.acknowledgedNotResolved.items.map((i) => i.excerpt)).toEqual(['Export crashes on large gardens']);
    // Nobody answered these before their first-response target: Support on the pairing screen and the quote, Sales on the winter mode it was handed.
    expect(silos.untouchedPastSla.items.map((i) => i.excerpt).sort()).toEqual(['Can we get a quote for 40 sensors?', 'The pairing screen shows an error', 'Would love a winter mode']);
  });
});
