import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';

export type PeriodKind = 'week' | 'day' | 'month' | 'quarter' | 'range';

export interface Period {
  /** `2026-W47` (week), `2026-11-16` (day), `2026-11` (month), `2026-Q4` (quarter), `2026-10-01..2026-12-31` (range). */
  key: string;
  kind: PeriodKind;
  /** Half-open: from `start` (local midnight) up to, not including, `end`. */
  start: Date;
  end: Date;
  timezone: string;
}

/** What a period may be written as, for a presenter to list when one does not parse. */
export const PERIOD_FORMS = ['week', 'last-week', 'month', 'last-month', 'quarter', 'last-quarter', '2026-W47', '2026-11', '2026-Q4', '2026-11-16', '2026-10-01..2026-12-31'] as const;

/** A custom range may span at most this long: beyond it a page or digest would be neither readable nor quick. */
export const MAX_RANGE_YEARS = 2;

const local = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone });
const period = (key: string, kind: PeriodKind, start: DateTime, end: DateTime, timezone: string): Period => ({ key, kind, start: start.toJSDate(), end: end.toJSDate(), timezone });
const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week (Monday to Monday, local time) containing `at`. Local midnights make DST weeks 167 or 169 hours. */
export function weekContaining(at: Date, timezone: string): Period {
  const start = local(at, timezone).startOf('week');
  return period(`${start.weekYear}-W${pad(start.weekNumber)}`, 'week', start, start.plus({ weeks: 1 }), timezone);
}

export function dayContaining(at: Date, timezone: string): Period {
  const start = local(at, timezone).startOf('day');
  return period(start.toISODate() as string, 'day', start, start.plus({ days: 1 }), timezone);
}

export function monthContaining(at: Date, timezone: string): Period {
  const start = local(at, timezone).startOf('month');
  return period(`${start.year}-${pad(start.month)}`, 'month', start, start.plus({ months: 1 }), timezone);
}

export function quarterContaining(at: Date, timezone: string): Period {
  const start = local(at, timezone).startOf('quarter');
  return period(`${start.year}-Q${start.quarter}`, 'quarter', start, start.plus({ months: 3 }), timezone);
}

/** Local days `first` to `last`, both included. */
function dayRange(first: DateTime, last: DateTime, timezone: string): Period {
  return period(`${first.toISODate()}..${last.toISODate()}`, 'range', first, last.plus({ days: 1 }), timezone);
}

/** The period just before this one, of the same kind (a custom range: as many days, ending where it starts). */
export function previousPeriod(p: Period): Period {
  const before = new Date(p.start.getTime() - 1);
  switch (p.kind) {
    case 'week': return weekContaining(before, p.timezone);
    case 'day': return dayContaining(before, p.timezone);
    case 'month': return monthContaining(before, p.timezone);
    case 'quarter': return quarterContaining(before, p.timezone);
    case 'range': {
      const start = local(p.start, p.timezone);
      const days = Math.round(local(p.end, p.timezone).diff(start, 'days').days);
      return dayRange(start.minus({ days }), start.minus({ days: 1 }), p.timezone);
    }
  }
}

/** The last complete week before `at`: what a Monday-morning digest reports on. */
export function lastCompleteWeek(at: Date, timezone: string): Period {
  return previousPeriod(weekContaining(at, timezone));
}

const RELATIVE: Record<string, (now: Date, timezone: string) => Period> = {
  week: weekContaining,
  'last-week': (now, tz) => previousPeriod(weekContaining(now, tz)),
  month: monthContaining,
  'last-month': (now, tz) => previousPeriod(monthContaining(now, tz)),
  quarter: quarterContaining,
  'last-quarter': (now, tz) => previousPeriod(quarterContaining(now, tz)),
};

const isoDay = (text: string, timezone: string) => {
  const day = DateTime.fromISO(text, { zone: timezone });
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && day.isValid ? day.startOf('day') : undefined;
};

/**
 * Parses a period in the organisation's timezone: `2026-W47`, `2026-11-16` (a day), `2026-11`, `2026-Q4`,
 * `2026-10-01..2026-12-31` (both days included), or `week`, `month`, `quarter` (the one running at `now`) and
 * `last-week`, `last-month`, `last-quarter`. Undefined when it does not parse or a range is reversed or too long.
 */
export function parsePeriod(key: string, timezone: string, now: Date = new Date()): Period | undefined {
  return readPeriodOrReason(key.trim(), timezone, now).period;
}

/** As parsePeriod, but a period that does not parse is a user error whose details name the accepted forms. */
export function readPeriod(key: string, timezone: string, now: Date): Period {
  const { period: found, reason } = readPeriodOrReason(key.trim(), timezone, now);
  if (found) return found;
  throw new DomainError('invalid_input', { reason: 'bad_period', details: { field: 'period', given: key, reason: reason ?? 'unparsed', accepted: [...PERIOD_FORMS], maxYears: MAX_RANGE_YEARS } });
}

function readPeriodOrReason(key: string, timezone: string, now: Date): { period?: Period; reason?: 'unparsed' | 'reversed' | 'too_long' } {
  const relative = RELATIVE[key.toLowerCase()];
  if (relative) return { period: relative(now, timezone) };
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const start = DateTime.fromObject({ weekYear: Number(week[1]), weekNumber: Number(week[2]), weekday: 1 }, { zone: timezone });
    return start.isValid && start.weekNumber === Number(week[2]) ? { period: weekContaining(start.toJSDate(), timezone) } : { reason: 'unparsed' };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const start = DateTime.fromObject({ year: Number(month[1]), month: Number(month[2]), day: 1 }, { zone: timezone });
    return start.isValid ? { period: monthContaining(start.toJSDate(), timezone) } : { reason: 'unparsed' };
  }
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(key);
  if (quarter) return { period: quarterContaining(DateTime.fromObject({ year: Number(quarter[1]), month: 3 * Number(quarter[2]) - 2, day: 1 }, { zone: timezone }).toJSDate(), timezone) };
  const range = /^(\S+?)\s*\.\.\s*(\S+)$/.exec(key);
  if (range) {
    const first = isoDay(range[1] as string, timezone);
    const last = isoDay(range[2] as string, timezone);
    if (!first || !last) return { reason: 'unparsed' };
    if (last < first) return { reason: 'reversed' };
    if (last.plus({ days: 1 }) > first.plus({ years: MAX_RANGE_YEARS })) return { reason: 'too_long' };
    return { period: dayRange(first, last, timezone) };
  }
  const day = isoDay(key, timezone);
  return day ? { period: dayContaining(day.toJSDate(), timezone) } : { reason: 'unparsed' };
}

/** The ISO weeks that overlap a period, oldest first: the buckets of a chart by week. */
export function weeksOverlapping(p: Period): Period[] {
  const weeks: Period[] = [];
  for (let week = weekContaining(p.start, p.timezone); week.start < p.end; week = weekContaining(week.end, p.timezone)) weeks.push(week);
  return weeks;
}
