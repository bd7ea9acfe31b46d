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

  /** Makes sure [from, to) is covered, rebuilding a wider span (with a margin either side) when it is not. */
  cover(from: number, to: number): void {
    if (this.starts.length > 0 || this.to > this.from) {
      if (from >= this.from && to <= this.to) return;
      from = Math.min(from, this.from);
      to = Math.max(to, this.to);
    }
    const zone = this.calendar.timezone;
    let day = DateTime.fromMillis(from - DAY_MS, { zone }).startOf('day');
    const last = to + 62 * DAY_MS;
    this.starts = [];
    this.ends = [];
    this.before = [];
    this.from = day.toMillis();
    let total = 0;
    for (; day.toMillis() < last; day = day.plus({ days: 1 })) {
      const interval = workingInterval(this.calendar, day);
      if (!interval) continue;
      this.starts.push(interval.start.getTime());
      this.ends.push(interval.end.getTime());
      this.before.push(total);
      total += interval.end.getTime() - interval.start.getTime();
    }
    this.to = day.toMillis();
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

const timelines = new WeakMap<BusinessCalendar, Timeline>();

export function timelineOf(calendar: BusinessCalendar, from: number, to: number): Timeline {
  let timeline = timelines.get(calendar);
  if (!timeline) timelines.set(calendar, (timeline = new Timeline(calendar)));
  timeline.cover(from, to);
  return timeline;
}
