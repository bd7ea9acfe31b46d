import type { LiaisonConfig, Priority } from '../../config/schema.js';
import type { WorkDuration } from '../../config/sla-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addBusinessTime, addWorkDuration, businessTimeBetween } from './business-time.js';
import { slaPolicy } from './sla-policy.js';

/** Column values for a routing's targets: when each is due, and when it turns at risk. */
export interface DueTimes {
  acknowledgeDueAt: Date | null;
  resolveDueAt: Date | null;
  acknowledgeAtRiskAt: Date | null;
  resolveAtRiskAt: Date | null;
}

/** The moment the given share of the business time between `from` and `dueAt` is used. */
export function atRiskAt(calendar: BusinessCalendar, from: Date, dueAt: Date, share: number): Date {
  return addBusinessTime(calendar, from, Math.floor(share * businessTimeBetween(calendar, from, dueAt)));
}

/** Due times counted in business time on the team's calendar from `from` (capture, hand-off or escalation). */
export function dueTimes(config: LiaisonConfig, team: string, community: string, priority: Priority, from: Date): DueTimes {
  const policy = slaPolicy(config, team, community, priority);
  const due = (target: WorkDuration | undefined) => (target === undefined ? null : addWorkDuration(policy.calendar, from, target));
  const risk = (dueAt: Date | null) => (dueAt === null ? null : atRiskAt(policy.calendar, from, dueAt, policy.atRiskShare));
  const acknowledgeDueAt = due(policy.acknowledge);
  const resolveDueAt = due(policy.resolve);
  return { acknowledgeDueAt, resolveDueAt, acknowledgeAtRiskAt: risk(acknowledgeDueAt), resolveAtRiskAt: risk(resolveDueAt) };
}
