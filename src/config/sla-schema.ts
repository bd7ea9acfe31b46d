import { DateTime } from 'luxon';
import { z } from 'zod';
import { Duration } from './duration.js';
import { Timezone } from './timezone.js';

/**
 * An SLA duration in business time: `m` and `h` are working minutes and hours, `d` is one working day and `w` one
 * working week (as many working days as the calendar has per week). "2d" from Monday 14:00 is Wednesday 14:00.
 */
export interface WorkDuration {
  weeks: number;
  days: number;
  ms: number;
}

export const WorkDuration = z
  .string()
  .regex(/^(\d+[mhdw])+$/, 'expected a duration in business time such as 30m, 4h, 2d (working days) or 1w')
  .transform((text): WorkDuration => {
    const out = { weeks: 0, days: 0, ms: 0 };
    for (const [, n, unit] of text.matchAll(/(\d+)([mhdw])/g)) {
      if (unit === 'w') out.weeks += Number(n);
      else if (unit === 'd') out.days += Number(n);
      else out.ms += Number(n) * (unit === 'h' ? 3_600_000 : 60_000);
    }
    return out;
  });

export const SlaTargets = z.strictObject({ acknowledge: WorkDuration.optional(), resolve: WorkDuration.optional() });
export type SlaTargets = z.infer<typeof SlaTargets>;

/** A team's targets, with tighter ones of its own for escalated items (otherwise `escalation.sla` applies). */
export const TeamSlaTargets = SlaTargets.extend({ high: SlaTargets.optional(), urgent: SlaTargets.optional() });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const Weekday = z.enum(WEEKDAYS, { error: 'expected a weekday: mon, tue, wed, thu, fri, sat or sun' });

/** "09:00"; "24:00" closes a day that works until midnight. */
const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day such as 09:00 or 17:30 (24:00 for midnight)');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-12-25')
  .refine((d) => DateTime.fromISO(d).isValid, 'not a date in the calendar');

/** Working hours, every field optional so that a team can change only what differs from the organisation. */
export const BusinessHours = z.strictObject({
  timezone: Timezone.optional(),
  days: z.array(Weekday).min(1, 'a calendar needs at least one working day').optional(),
  start: TimeOfDay.optional(),
  end: TimeOfDay.optional(),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

/** One rung of the breach ladder: a business-time delay after the previous rung, or `off`. */
const Rung = z.union([WorkDuration, z.literal('off')], { error: 'expected a delay in business time such as 0m, 1h or 1d, or off' });

export const Reminders = z.strictObject({
  enabled: z.boolean().optional(),
  /** One reminder window per this much wall-clock time, counted from the start of each working day. */
  every: Duration.refine((ms) => ms >= 15 * 60_000, 'remind at most every 15m').optional(),
});

/** The organisation's SLA settings; every field has a default, so that configs without `sla:` keep working. */
export const SlaSettings = z
  .strictObject({
    /** Targets for teams that set none of their own. */
    defaults: SlaTargets.default({}),
    businessHours: BusinessHours.default({}),
    holidays: z.array(IsoDate).default([]),
    /** A routing is at risk once this share of its business time is used. */
    atRiskShare: z.number().gt(0).lt(1).default(0.75),
    reminders: z.strictObject({ enabled: z.boolean().default(true), every: Reminders.shape.every.unwrap().prefault('2h') }).prefault({}),
    ladder: z
      .strictObject({ team: Rung.prefault('0m'), oncall: Rung.prefault('1h'), ambassador: Rung.prefault('4h'), leadership: Rung.prefault('1d') })
      .prefault({}),
  })
  .prefault({});
export type SlaSettings = z.infer<typeof SlaSettings>;

/** What a team may set beside its targets: its own hours, timezone, holidays and reminder cadence. */
export const TeamSlaFields = {
  businessHours: BusinessHours.optional(),
  /** Shorthand for businessHours.timezone. */
  timezone: Timezone.optional(),
  /** Replaces the organisation's holidays for this team (a team in another country keeps its own). */
  holidays: z.array(IsoDate).optional(),
  reminders: Reminders.optional(),
};
