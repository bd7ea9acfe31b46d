import { DateTime } from 'luxon';
import type { Period } from '../../core/digest/period.js';

type PeriodLike = Pick<Period, 'key' | 'kind' | 'start' | 'end' | 'timezone'>;

const local = (at: Date | string, tz: string) => DateTime.fromJSDate(new Date(at), { zone: tz });

/** The days a period covers, said once: "9 – 15 Nov 2026", "5 Oct – 29 Nov 2026", "28 Dec 2026 – 3 Jan 2027". */
export function daySpan(p: Pick<Period, 'start' | 'end' | 'timezone'>): string {
  const first = local(p.start, p.timezone);
  const last = local(new Date(new Date(p.end).getTime() - 1), p.timezone);
  if (first.hasSame(last, 'day')) return first.toFormat('d LLL yyyy');
  if (first.hasSame(last, 'month')) return `${first.toFormat('d')} – ${last.toFormat('d LLL yyyy')}`;
  if (first.hasSame(last, 'year')) return `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${first.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
}

/** A period's name as people say it: "Week 47 of 2026", "November 2026", "Q4 2026"; a custom range is its days. */
export function periodName(p: PeriodLike): string {
  switch (p.kind) {
    case 'quarter': return p.key.replace(/^(\d{4})-(Q\d)$/, '$2 $1');
    case 'week': return p.key.replace(/^(\d{4})-W(\d{2})$/, (_m, y: string, w: string) => `Week ${Number(w)} of ${y}`);
    case 'month': return local(p.start, p.timezone).toFormat('LLLL yyyy');
    default: return daySpan(p);
  }
}

/** "Q4 2026 · 1 Oct – 31 Dec 2026", "Week 47 of 2026 · 16 – 22 Nov 2026"; a day or a custom range is its days alone. */
export function periodLabel(p: PeriodLike): string {
  return p.kind === 'day' || p.kind === 'range' ? daySpan(p) : `${periodName(p)} · ${daySpan(p)}`;
}

/** The period a report is compared with: "Week 46 of 2026 · 9 – 15 Nov 2026", or "10 Aug – 4 Oct 2026, the 8 weeks before". */
export function previousPeriodLabel(previous: PeriodLike): string {
  if (previous.kind !== 'range') return periodLabel(previous);
  const days = Math.round(local(previous.end, previous.timezone).diff(local(previous.start, previous.timezone), 'days').days);
  const length = days % 7 === 0 ? (days === 7 ? 'week' : `${days / 7} weeks`) : days === 1 ? 'day' : `${days} days`;
  return `${daySpan(previous)}, the ${length} before`;
}
