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

export const SlaTargets = z
  .strictObject({
    acknowledge: WorkDuration.optional().describe('Time to a first answer (any action on the card), in business time, such as 4h or 2d.'),
    resolve: WorkDuration.optional().describe('Time to resolve or decline, in business time, such as 3d or 2w.'),
  })
  .describe('Targets in business time: m and h are working minutes and hours, d a working day, w a working week.');
export type SlaTargets = z.infer<typeof SlaTargets>;

/** A team's targets, with tighter ones of its own for escalated items (otherwise `escalation.sla` applies). */
export const TeamSlaTargets = SlaTargets.extend({
  high: SlaTargets.optional().describe("The team's own targets for items escalated as high (otherwise escalation.sla.high applies)."),
  urgent: SlaTargets.optional().describe("The team's own targets for items escalated as urgent (otherwise escalation.sla.urgent applies)."),
});

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const Weekday = z.enum(WEEKDAYS, { error: 'expected a weekday: mon, tue, wed, thu, fri, sat or sun' });

/** "09:00"; "24:00" closes a day that works until midnight. */
const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day such as 09:00 or 17:30 (24:00 for midnight)');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-12-25')
  .refine((d) => DateTime.fromISO(d).isValid, 'not a date in the calendar');

/** Working hours, every field optional so that a team can change only what differs from the organisation. */
export const BusinessHours = z
  .strictObject({
    timezone: Timezone.optional().describe("The calendar's IANA timezone (default: the organisation's)."),
    days: z.array(Weekday).min(1, 'a calendar needs at least one working day').optional().describe('Working days (default mon to fri).'),
    start: TimeOfDay.optional().describe('When a working day starts, such as "09:00" (quoted; default 09:00).'),
    end: TimeOfDay.optional().describe('When a working day ends, such as "17:00" ("24:00" for midnight; default 17:00).'),
  })
  .describe('Working hours: SLA targets count only this time.');
export type BusinessHours = z.infer<typeof BusinessHours>;

/** One rung of the breach ladder: a business-time delay after the previous rung, or `off`. */
const Rung = z.union([WorkDuration, z.literal('off')], { error: 'expected a delay in business time such as 0m, 1h or 1d, or off' });

const RemindersEnabled = z.boolean().describe('Remind the team of routings at risk or overdue (default true).');
const RemindEvery = Duration.refine((ms) => ms >= 15 * 60_000, 'remind at most every 15m').describe(
  'One reminder window per this much wall-clock time, counted from the start of each working day (default 2h, at least 15m).',
);

export const Reminders = z
  .strictObject({ enabled: RemindersEnabled.optional(), every: RemindEvery.optional() })
  .describe("Reminders in the team's home channel of what is at risk or overdue, once per window.");

/** The organisation's SLA settings; every field has a default, so that configs without `sla:` keep working. */
export const SlaSettings = z
  .strictObject({
    defaults: SlaTargets.default({}).describe('Targets for teams that set none of their own (default: none).'),
    businessHours: BusinessHours.default({}).describe("The organisation's working hours; teams inherit what they do not set."),
    holidays: z.array(IsoDate).default([]).describe('Days off for every team that does not list its own, such as "2026-12-25".'),
    atRiskShare: z.number().gt(0).lt(1).default(0.75).describe('A routing is at risk once this share of its business time is used (default 0.75).'),
    reminders: z
      .strictObject({ enabled: RemindersEnabled.default(true), every: RemindEvery.prefault('2h') })
      .prefault({})
      .describe('Reminders of what is at risk or overdue, once per window (default every 2h).'),
    ladder: z
      .strictObject({
        team: Rung.prefault('0m').describe("When a target is missed, tell the team's home channel after this business-time delay (default 0m), or off."),
        oncall: Rung.prefault('1h').describe("Then mention the team's on-call, this long after the previous step (default 1h), or off."),
        ambassador: Rung.prefault('4h').describe("Then tell the community's ambassador by direct message, this long after the previous step (default 4h), or off."),
        leadership: Rung.prefault('1d').describe('Then list it first in the leadership digest, this long after the previous step (default 1d), or off.'),
      })
      .prefault({})
      .describe('Who is told when a target is missed, one after the other, each once, until someone acts.'),
  })
  .prefault({});
export type SlaSettings = z.infer<typeof SlaSettings>;

/** What a team may set beside its targets: its own hours, timezone, holidays and reminder cadence. */
export const TeamSlaFields = {
  businessHours: BusinessHours.optional().describe("The team's own working hours, only what differs from the organisation's."),
  timezone: Timezone.optional().describe("Shorthand for businessHours.timezone: the team's calendar timezone."),
  holidays: z.array(IsoDate).optional().describe("Replaces the organisation's holidays for this team (a team in another country keeps its own)."),
  reminders: Reminders.optional().describe("The team's own reminder settings."),
};
