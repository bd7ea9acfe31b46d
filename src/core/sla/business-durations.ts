import type { BusinessCalendar } from './business-calendar.js';
import { businessTimeBetween } from './business-time.js';
import { timelineOf } from './business-timeline.js';

/** The middle value (the mean of the two middle ones for an even count, rounded), as SQL's percentile_cont(0.5). */
export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  // Selection, not a sort: a quarter's medians are taken over 100,000 values on every visit.
  const copy = Float64Array.from(values);
  const mid = Math.floor(copy.length / 2);
  const upper = select(copy, mid);
  if (copy.length % 2 === 1) return upper;
  // The element just below the middle is the largest of the part that selection left before it.
  let lower = -Infinity;
  for (let i = 0; i < mid; i += 1) lower = Math.max(lower, copy[i] as number);
  return Math.round((lower + upper) / 2);
}

/** The k-th smallest value (from 0), reordering `a` so that everything before index k is at most it (Hoare's selection). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i += 1;
      while ((a[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/** SQL that aggregates a timestamp column into epoch milliseconds (-1 for null), for `businessDurations`. */
export const epochArray = (column: string, filter: string) => `array_agg(coalesce(date_part('epoch', ${column}) * 1000, -1)) filter (where ${filter})`;

/**
 * Business milliseconds between pairs of moments on one calendar. Queries hand over epoch arrays (one row per
 * team) rather than a row per routing: a quarter holds hundreds of thousands, and a row each costs far more to
 * send and parse than a number.
 */
export function businessDurations(calendar: BusinessCalendar, from: number[] | null, to: number[] | null): number[] {
  if (!from || !to) return [];
  return from.map((start, i) => businessTimeBetween(calendar, new Date(start), new Date(to[i] as number)));
}

/**
 * Business milliseconds from each moment to one end (0 for moments at or after it), as `businessTimeBetween` gives
 * them: one timeline and one lookup per moment, for the tens of thousands of targets a quarter leaves unanswered.
 */
export function businessDurationsUntil(calendar: BusinessCalendar, from: ArrayLike<number>, to: number): Float64Array {
  const out = new Float64Array(from.length);
  if (from.length === 0) return out;
  let first = to;
  for (let i = 0; i < from.length; i += 1) first = Math.min(first, from[i] as number);
  const timeline = timelineOf(calendar, first, to);
  const end = timeline.workedBefore(to);
  for (let i = 0; i < from.length; i += 1) {
    const start = from[i] as number;
    out[i] = start >= to ? 0 : end - timeline.workedBefore(start);
  }
  return out;
}
