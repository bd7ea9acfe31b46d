import { DateTime } from 'luxon';

export interface Period {
  /** `2026-W47` for a week, `2026-11-16` for a day. */
  key: string;
  kind: 'week' | 'day';
  start: Date;
  end: Date;
  timezone: string;
}

/** The ISO week (Monday to Monday, local time) containing `at`. Local midnights make DST weeks 167 or 169 hours. */
export function weekContaining(at: Date, timezone: string): Period {
  const start = DateTime.fromJSDate(at, { zone: timezone }).startOf('week');
  const end = start.plus({ weeks: 1 });
  return { key: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`, kind: 'week', start: start.toJSDate(), end: end.toJSDate(), timezone };
}

export function dayContaining(at: Date, timezone: string): Period {
  const start = DateTime.fromJSDate(at, { zone: timezone }).startOf('day');
  return { key: start.toISODate() as string, kind: 'day', start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate(), timezone };
}

/** The period before this one. */
export function previousPeriod(period: Period): Period {
  const before = new Date(period.start.getTime() - 1);
  return period.kind === 'week' ? weekContaining(before, period.timezone) : dayContaining(before, period.timezone);
}

/** The last complete week before `at`: what a Monday-morning digest reports on. */
export function lastCompleteWeek(at: Date, timezone: string): Period {
  return previousPeriod(weekContaining(at, timezone));
}

/** Parses `2026-W47` or `2026-11-16` (a day), in the organisation's timezone. */
export function parsePeriod(key: string, timezone: string): Period | undefined {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const start = DateTime.fromObject({ weekYear: Number(week[1]), weekNumber: Number(week[2]), weekday: 1 }, { zone: timezone });
    return start.isValid && start.weekNumber === Number(week[2]) ? weekContaining(start.toJSDate(), timezone) : undefined;
  }
  const day = DateTime.fromISO(key, { zone: timezone });
  return /^\d{4}-\d{2}-\d{2}$/.test(key) && day.isValid ? dayContaining(day.toJSDate(), timezone) : undefined;
}
