import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problems.js';
import { dueTimes } from '../../src/core/sla/due-times.js';
import { teamCalendar } from '../../src/core/sla/sla-policy.js';
import { testConfig } from '../helpers/test-config.js';

const MONDAY_9_NY = new Date('2026-11-16T14:00:00Z');
const iso = (d: Date | null) => d?.toISOString() ?? null;

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'liaison.yaml', {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const BASE = 'teams: { ops: { home: { slack: C0OPS } } }\ncommunities: { forum: { sources: [ { webhook: { key: forum, secret: a-secret-long-enough } } ] } }\nrouting: { fallback: ops }\n';

describe('SLA configuration', () => {
  it('keeps a config without an sla section working, on Monday-to-Friday nine-to-five in the organisation timezone', () => {
    const { config } = parseConfigText(`timezone: Europe/Berlin\n${BASE}`, 'liaison.yaml', {});
    const calendar = teamCalendar(config, 'ops');
    expect(calendar).toMatchObject({ timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 });
    expect(config.sla.ladder.oncall).toEqual({ weeks: 0, days: 0, ms: 3_600_000 });
    expect(config.sla.reminders).toEqual({ enabled: true, every: 7_200_000 });
  });

  it('names every SLA problem with its path', () => {
    const text = [
      'teams:',
      '  ops: { home: { slack: C0OPS }, businessHours: { start: "18:00" }, sla: { acknowledge: soon } }',
      '  web: { home: { slack: C0WEB }, timezone: Mars/Olympus, holidays: ["2026-02-30"] }',
      'communities: { forum: { sources: [ { webhook: { key: forum, secret: a-secret-long-enough } } ] } }',
      'routing: { fallback: ops }',
      'sla: { businessHours: { days: [monday] }, ladder: { oncall: later } }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'teams.ops.businessHours.start: the working day must end after it starts (18:00–17:00)',
      'teams.ops.sla.acknowledge: expected a duration in business time such as 30m, 4h, 2d (working days) or 1w',
      'teams.web.timezone: expected an IANA timezone such as America/New_York',
      'teams.web.holidays.0: not a date in the calendar',
      'sla.businessHours.days.0: expected a weekday: mon, tue, wed, thu, fri, sat or sun',
      'sla.ladder.oncall: expected a delay in business time such as 0m, 1h or 1d, or off',
    ]);
  });
});

describe('SLA policies', () => {
  it('counts a team target in the team own hours and timezone, over the organisation hours', () => {
    const config = testConfig((c) => {
      c.teams.support = { ...c.teams.support!, timezone: 'Europe/Berlin', businessHours: { start: '08:00', end: '16:00' } };
    });
    // Monday 16 November 14:00Z is 15:00 in Berlin: one hour left today, so a 1h target is due at 16:00 Berlin.
    expect(iso(dueTimes(config, 'support', 'makers', 'normal', MONDAY_9_NY).acknowledgeDueAt)).toBe('2026-11-16T15:00:00.000Z');
    const late = new Date('2026-11-16T15:30:00Z'); // 16:30 Berlin, closed: due 09:00 Tuesday Berlin
    expect(iso(dueTimes(config, 'support', 'makers', 'normal', late).acknowledgeDueAt)).toBe('2026-11-17T08:00:00.000Z');
  });

  it('lets an important community tighten a team target but never loosen it', () => {
    const config = testConfig((c) => {
      c.communities.bigco!.sla = { acknowledge: '30m', resolve: '60d' };
    });
    const due = dueTimes(config, 'product', 'bigco', 'normal', MONDAY_9_NY);
    expect(iso(due.acknowledgeDueAt)).toBe('2026-11-16T14:30:00.000Z');
    // Product resolves within 30 working days; the community's 60 days does not stretch that.
    expect(iso(due.resolveDueAt)).toBe(iso(dueTimes(config, 'product', 'makers', 'normal', MONDAY_9_NY).resolveDueAt));
  });

  it('tightens escalated items by priority, with a team own urgent target over the organisation one', () => {
    const config = testConfig((c) => {
      c.teams.sales!.sla = { acknowledge: '4h', urgent: { acknowledge: '5m' } };
    });
    expect(iso(dueTimes(config, 'support', 'makers', 'high', MONDAY_9_NY).acknowledgeDueAt)).toBe('2026-11-16T15:00:00.000Z');
    expect(iso(dueTimes(config, 'product', 'makers', 'urgent', MONDAY_9_NY).acknowledgeDueAt)).toBe('2026-11-16T14:15:00.000Z');
    expect(iso(dueTimes(config, 'sales', 'makers', 'urgent', MONDAY_9_NY).acknowledgeDueAt)).toBe('2026-11-16T14:05:00.000Z');
  });

  it('gives teams without targets the organisation defaults, and the at-risk moment at three quarters', () => {
    const config = testConfig((c) => {
      c.sla = { defaults: { resolve: '2d' } };
    });
    const due = dueTimes(config, 'sales', 'makers', 'normal', MONDAY_9_NY);
    expect(iso(due.resolveDueAt)).toBe('2026-11-18T14:00:00.000Z');
    // Sales acknowledges within 4 working hours: at risk after three, at 12:00 New York.
    expect(iso(due.acknowledgeAtRiskAt)).toBe('2026-11-16T17:00:00.000Z');
  });
});
