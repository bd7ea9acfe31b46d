import { DateTime } from 'luxon';
import { intervalAt, type BusinessCalendar } from './business-calendar.js';

export interface ReminderWindow {
  /** Local start with its UTC offset (`2026-11-23T09:00-05:00`): unique even when the clocks go back. */
  key: string;
  start: Date;
}

/**
 * The reminder window `now` falls in: working days are cut into windows of `everyMs` real time from opening, so a
 * team hears at most once per window, never outside its hours, and a 23- or 25-hour day neither skips nor repeats one.
 */
export function reminderWindow(calendar: BusinessCalendar, everyMs: number, now: Date): ReminderWindow | undefined {
  const interval = intervalAt(calendar, now);
  if (!interval) return undefined;
  const index = Math.floor((now.getTime() - interval.start.getTime()) / everyMs);
  const start = new Date(interval.start.getTime() + index * everyMs);
  const key = DateTime.fromJSDate(start, { zone: calendar.timezone }).toISO({ suppressSeconds: true, suppressMilliseconds: true, includeOffset: true });
  return { key: key ?? start.toISOString(), start };
}
