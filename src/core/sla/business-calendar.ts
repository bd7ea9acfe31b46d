import { DateTime } from 'luxon';

/** When a team works: weekdays, local opening hours in its timezone, and days off. */
export interface BusinessCalendar {
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes after local midnight; `endMinute` may be 1440 (works until midnight). */
  startMinute: number;
  endMinute: number;
  /** Local dates (`2026-12-25`) that are not worked. */
  holidays: ReadonlySet<string>;
}

export interface WorkingInterval {
  start: Date;
  end: Date;
}

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;
const toMinutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function businessCalendar(hours: { timezone: string; days: (keyof typeof WEEKDAY_NUMBER)[]; start: string; end: string }, holidays: string[] = []): BusinessCalendar {
  return { timezone: hours.timezone, days: hours.days.map((d) => WEEKDAY_NUMBER[d]), startMinute: toMinutes(hours.start), endMinute: toMinutes(hours.end), holidays: new Set(holidays) };
}

/** Around the clock, every day: business time is elapsed time. */
export function alwaysOpen(timezone = 'UTC'): BusinessCalendar {
  return { timezone, days: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440, holidays: new Set() };
}

/** Local midnight of the day `at` falls on, in the calendar's timezone. */
export function localDay(calendar: BusinessCalendar, at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: calendar.timezone }).startOf('day');
}

/**
 * The working hours of one local day, or undefined on a day off. Times are set on the local date (not added to
 * midnight), so that 09:00 stays 09:00 on the days the clocks change.
 */
export function workingInterval(calendar: BusinessCalendar, day: DateTime): WorkingInterval | undefined {
  if (!calendar.days.includes(day.weekday) || calendar.holidays.has(day.toISODate() ?? '')) return undefined;
  const at = (minute: number) =>
    minute >= 1440 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
  return { start: at(calendar.startMinute).toJSDate(), end: at(calendar.endMinute).toJSDate() };
}

export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const interval = workingInterval(calendar, localDay(calendar, at));
  return interval !== undefined && at >= interval.start && at < interval.end;
}

/** The working interval `at` falls in, if any. */
export function intervalAt(calendar: BusinessCalendar, at: Date): WorkingInterval | undefined {
  const interval = workingInterval(calendar, localDay(calendar, at));
  return interval && at >= interval.start && at < interval.end ? interval : undefined;
}
