import { describe, expect, it } from 'vitest';
import { distinctCount } from '../../src/core/digest/team-metrics.js';
import { businessCalendar } from '../../src/core/sla/business-calendar.js';
import { businessDurationsUntil, median } from '../../src/core/sla/business-durations.js';
import { businessTimeBetween } from '../../src/core/sla/business-time.js';

/** A fixed pseudo-random sequence, so that a failure can be replayed. */
function numbers(seed: number, count: number, spread: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x % spread;
  });
}

const sortedMedian = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : Math.round(((s[mid - 1] as number) + (s[mid] as number)) / 2);
};

describe('the arithmetic behind a period kept day by day', () => {
  it('takes the median as sorting would: odd and even counts, repeated values, nothing at all', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([4, 1])).toBe(3);
    expect(median([3, 3, 3, 1])).toBe(3);
    for (let seed = 1; seed <= 200; seed += 1) {
      const values = numbers(seed, seed % 37, seed % 3 === 0 ? 4 : 1_000_000);
      expect(median(values) ?? undefined).toBe(values.length === 0 ? undefined : sortedMedian(values));
    }
  });

  it('counts each routing once across days, however its IDs spread', () => {
    expect(distinctCount([[3, 5, 9], [5, 9, 12], [], [3]])).toBe(4);
    expect(distinctCount([[1], [70_000_001]])).toBe(2);
    expect(distinctCount([])).toBe(0);
  });

  it('measures many moments up to one end as businessTimeBetween does, one by one', () => {
    const calendar = businessCalendar({ timezone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }, ['2026-11-26']);
    const end = Date.parse('2026-12-01T18:30:00Z');
    const from = [...numbers(7, 300, 40 * 86_400_000).map((ms) => end - ms), end, end + 60_000];
    expect([...businessDurationsUntil(calendar, from, end)]).toEqual(from.map((f) => businessTimeBetween(calendar, new Date(f), new Date(end))));
  });
});
