import { DateTime } from 'luxon';
import type { WorkDuration } from '../../config/sla-schema.js';
import { localDay, workingInterval, type BusinessCalendar } from './business-calendar.js';
import { SEARCH_DAYS, timelineOf } from './business-timeline.js';

function noWorkingTime(calendar: BusinessCalendar): Error {
  return new Error(`no working time within three years in ${calendar.timezone}: check the business hours and holidays`);
}

/** The moment `ms` of working time after `from`. A target that runs out at closing time is due at closing time. */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (ms <= 0) return from;
  const start = from.getTime();
  // Widen the span until the working time fits; a calendar with none in three years is refused.
  for (let span = 62 * 86_400_000; span <= SEARCH_DAYS * 86_400_000; span *= 2) {
    const timeline = timelineOf(calendar, start, start + span);
    const at = timeline.momentOf(timeline.workedBefore(start) + ms);
    if (at !== undefined) return new Date(at);
  }
  throw noWorkingTime(calendar);
}

/** Working time between two moments (0 when `to` is not after `from`). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  const timeline = timelineOf(calendar, from.getTime(), to.getTime());
  return timeline.workedBefore(to.getTime()) - timeline.workedBefore(from.getTime());
}

/**
 * `days` working days after `from`, at the same local time of day, so that "2d" from Monday 14:00 is Wednesday 14:00
 * even across a clock change. Outside working hours, `from` counts as the close of the previous working day (the
 * same business instant), so "1d" from Saturday is Monday's close.
 */
export function addWorkingDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  if (days <= 0) return from;
  const anchor = anchorOf(calendar, from);
  let day = anchor.day;
  for (let left = days, i = 0; left > 0; i += 1) {
    if (i > SEARCH_DAYS) throw noWorkingTime(calendar);
    day = day.plus({ days: 1 });
    if (workingInterval(calendar, day)) left -= 1;
  }
  const interval = workingInterval(calendar, day);
  if (!interval) throw noWorkingTime(calendar);
  if (anchor.time === 'close') return interval.end;
  const at = day.set(anchor.time).toJSDate();
  // A local time the clocks skipped moves forward; keep it inside the day's hours.
  return at > interval.end ? interval.end : at < interval.start ? interval.start : at;
}

type TimeOfDay = { hour: number; minute: number; second: number; millisecond: number };

function anchorOf(calendar: BusinessCalendar, from: Date): { day: DateTime; time: TimeOfDay | 'close' } {
  let day = localDay(calendar, from);
  const today = workingInterval(calendar, day);
  if (today && from >= today.start && from < today.end) {
    const local = DateTime.fromJSDate(from, { zone: calendar.timezone });
    return { day, time: { hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond } };
  }
  for (let i = 0; i < SEARCH_DAYS; i += 1, day = day.minus({ days: 1 })) {
    const interval = workingInterval(calendar, day);
    if (interval && interval.end <= from) return { day, time: 'close' };
  }
  throw noWorkingTime(calendar);
}

/** Working days first (they keep the local time of day), then working hours and minutes. */
export function addWorkDuration(calendar: BusinessCalendar, from: Date, duration: WorkDuration): Date {
  const days = duration.days + duration.weeks * calendar.days.length;
  return addBusinessTime(calendar, addWorkingDays(calendar, from, days), duration.ms);
}

/** A duration's nominal length in working time, for comparing two targets on one calendar. */
export function nominalMs(calendar: BusinessCalendar, duration: WorkDuration): number {
  const dayMs = (calendar.endMinute - calendar.startMinute) * 60_000;
  return (duration.days + duration.weeks * calendar.days.length) * dayMs + duration.ms;
}
