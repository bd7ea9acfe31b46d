import { describe, expect, it } from 'vitest';
import { alwaysOpen, businessCalendar, isBusinessTime } from '../../src/core/sla/business-calendar.js';
import { addBusinessTime, addWorkDuration, businessTimeBetween } from '../../src/core/sla/business-time.js';
import { atRiskAt } from '../../src/core/sla/due-times.js';

const HOUR = 3_600_000;
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[];
const newYork = businessCalendar({ timezone: 'America/New_York', days: weekdays, start: '09:00', end: '17:00' });
const berlin = businessCalendar({ timezone: 'Europe/Berlin', days: weekdays, start: '09:00', end: '17:00' });
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const work = (text: { days?: number; hours?: number }) => ({ weeks: 0, days: text.days ?? 0, ms: (text.hours ?? 0) * HOUR });

describe('business time on a Monday-to-Friday, nine-to-five calendar', () => {
  it('carries a target that runs past Friday closing over the weekend to Monday', () => {
    // Friday 20 November 2026, 15:00 in New York: two working hours left that day, two more on Monday.
    expect(iso(addBusinessTime(newYork, at('2026-11-20T20:00:00Z'), 4 * HOUR))).toBe('2026-11-23T16:00:00.000Z');
    expect(businessTimeBetween(newYork, at('2026-11-20T20:00:00Z'), at('2026-11-23T16:00:00Z'))).toBe(4 * HOUR);
  });

  it('is due at closing time, not at the next opening, when the time runs out exactly at the end of a day', () => {
    expect(iso(addBusinessTime(newYork, at('2026-11-16T14:00:00Z'), 8 * HOUR))).toBe('2026-11-16T22:00:00.000Z');
  });

  it('starts the clock at the next opening for feedback that arrives at the weekend', () => {
    // Saturday 21 November; one working hour is Monday 09:00–10:00.
    expect(iso(addBusinessTime(newYork, at('2026-11-21T15:00:00Z'), HOUR))).toBe('2026-11-23T15:00:00.000Z');
    expect(businessTimeBetween(newYork, at('2026-11-21T15:00:00Z'), at('2026-11-23T14:00:00Z'))).toBe(0);
  });

  it('counts working days at the same local time of day, and one day from a Saturday is Monday at closing', () => {
    expect(iso(addWorkDuration(newYork, at('2026-11-16T19:00:00Z'), work({ days: 2 })))).toBe('2026-11-18T19:00:00.000Z');
    expect(iso(addWorkDuration(newYork, at('2026-11-21T15:00:00Z'), work({ days: 1 })))).toBe('2026-11-23T22:00:00.000Z');
    expect(iso(addWorkDuration(newYork, at('2026-11-16T19:00:00Z'), { weeks: 1, days: 0, ms: 0 }))).toBe('2026-11-23T19:00:00.000Z');
  });

  it('skips holidays: a day from the Wednesday before Thanksgiving is the Monday after', () => {
    const withHolidays = businessCalendar({ timezone: 'America/New_York', days: weekdays, start: '09:00', end: '17:00' }, ['2026-11-26', '2026-11-27']);
    expect(iso(addWorkDuration(withHolidays, at('2026-11-25T15:00:00Z'), work({ days: 1 })))).toBe('2026-11-30T15:00:00.000Z');
    expect(iso(addBusinessTime(withHolidays, at('2026-11-25T21:00:00Z'), 2 * HOUR))).toBe('2026-11-30T15:00:00.000Z');
    expect(isBusinessTime(withHolidays, at('2026-11-26T15:00:00Z'))).toBe(false);
  });

  it('treats opening time as working and closing time as not', () => {
    expect(isBusinessTime(newYork, at('2026-11-16T14:00:00Z'))).toBe(true);
    expect(isBusinessTime(newYork, at('2026-11-16T22:00:00Z'))).toBe(false);
    expect(isBusinessTime(newYork, at('2026-11-21T15:00:00Z'))).toBe(false);
  });

  it('turns at risk once three quarters of the working time are used, even across a weekend', () => {
    // Four working hours from Friday 16:00: due Monday 12:00; at risk after three of them, Monday 11:00.
    const from = at('2026-11-20T21:00:00Z');
    const due = addBusinessTime(newYork, from, 4 * HOUR);
    expect(iso(due)).toBe('2026-11-23T17:00:00.000Z');
    expect(iso(atRiskAt(newYork, from, due, 0.75))).toBe('2026-11-23T16:00:00.000Z');
  });
});

describe('business time across daylight-saving changes', () => {
  it('keeps 09:00 opening in New York across the spring-forward weekend', () => {
    // Friday 6 March 2026 16:00 EST; clocks go forward on Sunday 8 March; Monday opens at 09:00 EDT (13:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-03-06T21:00:00Z'), 2 * HOUR))).toBe('2026-03-09T14:00:00.000Z');
    expect(businessTimeBetween(newYork, at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z'))).toBe(2 * HOUR);
  });

  it('keeps 09:00 opening in New York across the fall-back weekend', () => {
    // Friday 30 October 2026 16:00 EDT; clocks go back on Sunday 1 November; Monday opens at 09:00 EST (14:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-10-30T20:00:00Z'), 2 * HOUR))).toBe('2026-11-02T15:00:00.000Z');
    expect(iso(addWorkDuration(newYork, at('2026-10-30T14:00:00Z'), work({ days: 1 })))).toBe('2026-11-02T15:00:00.000Z');
  });

  it('keeps 09:00 opening in Berlin across the spring-forward and fall-back weekends', () => {
    // Spring: Friday 27 March 2026 16:00 CET (15:00Z); Monday 30 March opens 09:00 CEST (07:00Z).
    expect(iso(addBusinessTime(berlin, at('2026-03-27T15:00:00Z'), 2 * HOUR))).toBe('2026-03-30T08:00:00.000Z');
    // Autumn: Friday 23 October 2026 16:00 CEST (14:00Z); Monday 26 October opens 09:00 CET (08:00Z).
    expect(iso(addBusinessTime(berlin, at('2026-10-23T14:00:00Z'), 2 * HOUR))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('counts the 23-hour and 25-hour days of a round-the-clock team as they are, hour by hour', () => {
    const nyAllDay = alwaysOpen('America/New_York');
    // Saturday 7 March 12:00 EST to Monday 9 March 12:00 EDT is 47 real hours.
    expect(businessTimeBetween(nyAllDay, at('2026-03-07T17:00:00Z'), at('2026-03-09T16:00:00Z'))).toBe(47 * HOUR);
    expect(iso(addBusinessTime(nyAllDay, at('2026-03-07T17:00:00Z'), 24 * HOUR))).toBe('2026-03-08T17:00:00.000Z');
    const berlinAllDay = alwaysOpen('Europe/Berlin');
    // Saturday 24 October 12:00 CEST to Monday 26 October 12:00 CET is 49 real hours.
    expect(businessTimeBetween(berlinAllDay, at('2026-10-24T10:00:00Z'), at('2026-10-26T11:00:00Z'))).toBe(49 * HOUR);
  });

  it('gives a round-the-clock team "1d" as the same local time the next day, over a 23- or 25-hour day', () => {
    expect(iso(addWorkDuration(alwaysOpen('America/New_York'), at('2026-03-07T17:00:00Z'), work({ days: 1 })))).toBe('2026-03-08T16:00:00.000Z');
    expect(iso(addWorkDuration(alwaysOpen('Europe/Berlin'), at('2026-10-24T10:00:00Z'), work({ days: 1 })))).toBe('2026-10-25T11:00:00.000Z');
  });

  it('counts a night shift spanning the clock change at its real length', () => {
    // A team working 00:00–06:00 every day: on the spring-forward Sunday that shift is five real hours.
    const night = businessCalendar({ timezone: 'America/New_York', days: ['sun'], start: '00:00', end: '06:00' });
    expect(businessTimeBetween(night, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(5 * HOUR);
    const autumn = businessCalendar({ timezone: 'America/New_York', days: ['sun'], start: '00:00', end: '06:00' });
    expect(businessTimeBetween(autumn, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(7 * HOUR);
  });

  it('refuses, rather than hangs, on a calendar with no working time at all', () => {
    const never = businessCalendar({ timezone: 'UTC', days: ['mon'], start: '09:00', end: '17:00' }, Array.from({ length: 1200 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(() => addBusinessTime(never, at('2026-01-01T00:00:00Z'), HOUR)).toThrow(/no working time/);
  });
});

describe('business time over spans asked for in any order', () => {
  it('gives the same working time when the span grows earlier and later as when it was laid out at once', () => {
    // Two calendars with the same hours: one asked narrow-then-wider (as a quarter's report does), one widest first.
    // The far-off holiday makes them distinct calendars without changing any working day in the span.
    const grown = businessCalendar({ timezone: 'Europe/Berlin', days: weekdays, start: '09:00', end: '17:00' }, ['1990-01-01']);
    const atOnce = businessCalendar({ timezone: 'Europe/Berlin', days: weekdays, start: '09:00', end: '17:00' }, ['1990-01-02']);
    const spans: [string, string][] = [['2026-12-01T08:00:00Z', '2026-12-01T15:00:00Z'], ['2026-11-27T10:00:00Z', '2027-02-02T10:00:00Z'], ['2026-03-20T10:00:00Z', '2026-04-06T10:00:00Z'], ['2026-10-01T00:00:00Z', '2027-09-30T00:00:00Z']];
    expect(businessTimeBetween(atOnce, at('2026-03-01T00:00:00Z'), at('2027-10-01T00:00:00Z'))).toBeGreaterThan(0);
    for (const [from, to] of spans) expect(businessTimeBetween(grown, at(from), at(to))).toBe(businessTimeBetween(atOnce, at(from), at(to)));
    // Across the spring and autumn clock changes: 8 working hours a day, whatever the UTC offset.
    expect(businessTimeBetween(grown, at('2026-03-23T00:00:00Z'), at('2026-03-28T00:00:00Z'))).toBe(5 * 8 * HOUR);
    expect(businessTimeBetween(grown, at('2026-10-26T00:00:00Z'), at('2026-10-31T00:00:00Z'))).toBe(5 * 8 * HOUR);
  });
});
