import type { z } from 'zod';

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});
const minutes = (time: unknown, fallback: string) => {
  const [h, m] = String(typeof time === 'string' ? time : fallback).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * A working day must end after it starts. Checked on the merged hours (a team may set only `start` and inherit the
 * organisation's `end`), so the problem is reported where the offending value was written. Defensive: the value
 * may be partly invalid here.
 */
export function checkBusinessHours(config: unknown, ctx: z.RefinementCtx): void {
  const org = record(record(record(config).sla).businessHours);
  const check = (hours: Loose, path: (string | number)[]) => {
    const start = minutes(hours.start ?? org.start, '09:00');
    const end = minutes(hours.end ?? org.end, '17:00');
    if (end <= start) {
      const where = hours.end !== undefined ? 'end' : 'start';
      ctx.addIssue({ code: 'custom', path: [...path, where], message: `the working day must end after it starts (${String(hours.start ?? org.start ?? '09:00')}–${String(hours.end ?? org.end ?? '17:00')})` });
    }
  };
  check(org, ['sla', 'businessHours']);
  for (const [key, team] of Object.entries(record(record(config).teams))) {
    const hours = record(record(team).businessHours);
    if (hours.start !== undefined || hours.end !== undefined) check(hours, ['teams', key, 'businessHours']);
  }
}
