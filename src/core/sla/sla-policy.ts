import type { LiaisonConfig, Priority } from '../../config/schema.js';
import type { SlaTargets, WorkDuration } from '../../config/sla-schema.js';
import { businessCalendar, type BusinessCalendar } from './business-calendar.js';
import { nominalMs } from './business-time.js';

export type SlaTarget = 'acknowledge' | 'resolve';

/** What a routing is promised: targets in business time on its team's calendar. */
export interface SlaPolicy {
  calendar: BusinessCalendar;
  acknowledge?: WorkDuration;
  resolve?: WorkDuration;
  atRiskShare: number;
}

const calendars = new WeakMap<LiaisonConfig, Map<string, BusinessCalendar>>();

/**
 * A team's calendar: its own hours field by field over the organisation's, its timezone (team, its hours, the
 * organisation's hours, the organisation), and its own holidays instead of the organisation's when it lists any.
 */
export function teamCalendar(config: LiaisonConfig, team: string): BusinessCalendar {
  let cache = calendars.get(config);
  if (!cache) calendars.set(config, (cache = new Map()));
  const known = cache.get(team);
  if (known) return known;
  const org = config.sla.businessHours;
  const own = config.teams[team];
  const hours = own?.businessHours ?? {};
  const calendar = businessCalendar(
    {
      timezone: own?.timezone ?? hours.timezone ?? org.timezone ?? config.timezone,
      days: hours.days ?? org.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: hours.start ?? org.start ?? '09:00',
      end: hours.end ?? org.end ?? '17:00',
    },
    own?.holidays ?? config.sla.holidays,
  );
  cache.set(team, calendar);
  return calendar;
}

/**
 * The targets for a routing: the team's own (or the organisation's defaults), tightened by its community's and by
 * its priority's. A community or a priority can only shorten a team's promise, never lengthen it.
 */
export function slaPolicy(config: LiaisonConfig, team: string, community: string, priority: Priority): SlaPolicy {
  const calendar = teamCalendar(config, team);
  const own = config.teams[team]?.sla;
  const byPriority: SlaTargets | undefined = priority === 'normal' ? config.escalation.sla.normal : { ...config.escalation.sla[priority], ...stripUndefined(own?.[priority]) };
  const pick = (target: SlaTarget) => {
    const candidates = [own?.[target] ?? config.sla.defaults[target], config.communities[community]?.sla?.[target], byPriority?.[target]];
    return candidates.reduce<WorkDuration | undefined>((best, next) => (next === undefined ? best : best === undefined || nominalMs(calendar, next) < nominalMs(calendar, best) ? next : best), undefined);
  };
  return { calendar, acknowledge: pick('acknowledge'), resolve: pick('resolve'), atRiskShare: config.sla.atRiskShare };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How often a team hears about its at-risk and overdue items: the team's setting over the organisation's. */
export function reminderSettings(config: LiaisonConfig, team: string): { enabled: boolean; everyMs: number } {
  const own = config.teams[team]?.reminders;
  return { enabled: own?.enabled ?? config.sla.reminders.enabled, everyMs: own?.every ?? config.sla.reminders.every };
}
