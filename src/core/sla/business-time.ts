import { DateTime } from 'luxon';
import type { WorkDuration } from '../../config/sla-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { SEARCH_DAYS, timelineOf } from './business-timeline.js';

const DAY_MS = 86_400_000;

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
 * same business instant), so "1d" from Saturday is Monday's close. The timeline holds one interval per working
 * day, so this is an index step rather than a walk through Luxon day by day (it runs on every capture).
 */
export function addWorkingDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  if (days <= 0) return from;
  const at = from.getTime();
  for (let span = 62 * DAY_MS; span <= SEARCH_DAYS * DAY_MS; span *= 2) {
    const timeline = timelineOf(calendar, at - span, at + span);
    const i = timeline.indexAtOrBefore(at);
    if (i < 0) continue;
    const target = i + days;
    if (target >= timeline.starts.length) continue;
    const start = timeline.starts[target] as number;
    const end = timeline.ends[target] as number;
    // Outside working hours the anchor is the close of interval i; inside, its local time of day.
    if (at >= (timeline.ends[i] as number)) return new Date(end);
    // When neither day's working hours hold a clock change (each interval as long as the hours say), the same local
    // time of day is the same offset into the interval: no time zone arithmetic, which is most of a capture's CPU here.
    const nominal = (calendar.endMinute - calendar.startMinute) * 60_000;
    const first = timeline.starts[i] as number;
    if ((timeline.ends[i] as number) - first === nominal && end - start === nominal) return new Date(Math.min(start + (at - first), end));
    const local = DateTime.fromMillis(at, { zone: calendar.timezone });
    const moved = DateTime.fromMillis(start, { zone: calendar.timezone }).set({ hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond }).toMillis();
    // A local time the clocks skipped moves forward; keep it inside the day's hours.
    return new Date(Math.min(Math.max(moved, start), end));
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
