import { DateTime } from 'luxon';
import { workingInterval, type BusinessCalendar } from './business-calendar.js';

const DAY_MS = 86_400_000;
/** A calendar with no working day in three years (every day a holiday) is a config mistake, not a reason to hang. */
export const SEARCH_DAYS = 3 * 366;

/**
 * A calendar's working intervals over a span of days, as epoch milliseconds with running totals, so that "how much
 * working time lies between" and "when is this much working time used up" are binary searches instead of a walk
 * through Luxon day by day (a digest asks that of thousands of breaches). Built lazily and widened on demand.
 */
class Timeline {
  starts: number[] = [];
  ends: number[] = [];
  /** Working time before each interval, from the start of the covered span. */
  before: number[] = [];
  from = 0;
  to = 0;

  constructor(private readonly calendar: BusinessCalendar) {}

  /**
   * Makes sure [from, to) is covered (with a day's margin before and two months after). A wider span only lays out
   * the days it adds: a quarter's report widens it several times, and each day costs a few Luxon zone conversions.
   */
  cover(from: number, to: number): void {
    const empty = this.starts.length === 0 && this.to === this.from;
    if (!empty && from >= this.from && to <= this.to) return;
    const zone = this.calendar.timezone;
    const last = to + 62 * DAY_MS;
    if (empty) {
      const first = DateTime.fromMillis(from - DAY_MS, { zone }).startOf('day');
      const days = this.layOut(first, last);
      [this.starts, this.ends, this.from, this.to] = [days.starts, days.ends, first.toMillis(), days.to];
    } else {
      if (from < this.from) {
        const first = DateTime.fromMillis(from - DAY_MS, { zone }).startOf('day');
        const days = this.layOut(first, this.from);
        [this.starts, this.ends, this.from] = [[...days.starts, ...this.starts], [...days.ends, ...this.ends], first.toMillis()];
      }
      if (to > this.to) {
        const days = this.layOut(DateTime.fromMillis(this.to, { zone }), last);
        [this.starts, this.ends, this.to] = [[...this.starts, ...days.starts], [...this.ends, ...days.ends], days.to];
      }
    }
    this.before = [];
    let total = 0;
    for (let i = 0; i < this.starts.length; i += 1) {
      this.before.push(total);
      total += (this.ends[i] as number) - (this.starts[i] as number);
    }
  }

  /** The working intervals of the local days from `first` (a local midnight) until one starts at or after `until`. */
  private layOut(first: DateTime, until: number): { starts: number[]; ends: number[]; to: number } {
    const starts: number[] = [];
    const ends: number[] = [];
    let day = first;
    for (; day.toMillis() < until; day = day.plus({ days: 1 })) {
      const interval = workingInterval(this.calendar, day);
      if (!interval) continue;
      starts.push(interval.start.getTime());
      ends.push(interval.end.getTime());
    }
    return { starts, ends, to: day.toMillis() };
  }

  /** Working time from the start of the span up to `at`. */
  workedBefore(at: number): number {
    const i = lastAtOrBefore(this.starts, at);
    if (i < 0) return 0;
    return (this.before[i] as number) + Math.min(at, this.ends[i] as number) - (this.starts[i] as number);
  }

  /** The moment the running total reaches `worked`, or undefined beyond the span. */
  momentOf(worked: number): number | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    // The first interval whose end total reaches `worked`.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.before[mid] as number) + (this.ends[mid] as number) - (this.starts[mid] as number) >= worked) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found < 0 ? undefined : (this.starts[found] as number) + worked - (this.before[found] as number);
  }

  /** The last interval starting at or before `at` (-1 when none in the span). */
  indexAtOrBefore(at: number): number {
    return lastAtOrBefore(this.starts, at);
  }

  contains(at: number): boolean {
    const i = lastAtOrBefore(this.starts, at);
    return i >= 0 && at < (this.ends[i] as number);
  }
}

function lastAtOrBefore(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * One timeline per distinct calendar, not per calendar object: teams that keep the organisation's hours (most do)
 * share one, so a report over every team lays out each day once.
 */
const timelines = new Map<string, Timeline>();
/** A config holds a handful of calendars; a process that loads many configs (tests) drops the oldest. */
const TIMELINES_KEPT = 64;
const calendarKeys = new WeakMap<BusinessCalendar, string>();

function calendarKey(calendar: BusinessCalendar): string {
  let key = calendarKeys.get(calendar);
  if (key === undefined) {
    key = JSON.stringify([calendar.timezone, calendar.days, calendar.startMinute, calendar.endMinute, [...calendar.holidays].sort()]);
    calendarKeys.set(calendar, key);
  }
  return key;
}

export function timelineOf(calendar: BusinessCalendar, from: number, to: number): Timeline {
  const key = calendarKey(calendar);
  let timeline = timelines.get(key);
  if (!timeline) {
    timelines.set(key, (timeline = new Timeline(calendar)));
    if (timelines.size > TIMELINES_KEPT) timelines.delete(timelines.keys().next().value as string);
  }
  timeline.cover(from, to);
  return timeline;
}
