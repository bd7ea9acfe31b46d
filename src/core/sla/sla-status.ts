import type { LiaisonConfig } from '../../config/schema.js';
import type { RoutingStatus } from '../../db/schema/routing.js';
import type { BusinessCalendar } from './business-calendar.js';
import { atRiskAt } from './due-times.js';
import { teamCalendar } from './sla-policy.js';

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'none';

export interface SlaStatus {
  state: SlaState;
  /** What the team owes next: a first response while open, a resolution once acknowledged or owned. */
  target: 'acknowledge' | 'resolve' | null;
  dueAt: Date | null;
  snoozedUntil: Date | null;
}

/** At risk once this share of the business time allowed is used (the config's `sla.atRiskShare` by default). */
export const AT_RISK_SHARE = 0.75;

export interface RoutingTimes {
  status: RoutingStatus;
  createdAt: Date;
  acknowledgeDueAt: Date | null;
  resolveDueAt: Date | null;
  /** Stored when the due time was set (business time from that moment); computed for rows that lack it. */
  acknowledgeAtRiskAt?: Date | null;
  resolveAtRiskAt?: Date | null;
  snoozedUntil: Date | null;
}

/** Which target a routing owes now; closed routings owe nothing. */
export function currentTarget(routing: Pick<RoutingTimes, 'status'>): 'acknowledge' | 'resolve' | null {
  return routing.status === 'open' ? 'acknowledge' : routing.status === 'acknowledged' || routing.status === 'owned' ? 'resolve' : null;
}

/**
 * Where a routing stands against its SLA at `now`: on track, at risk (the share of business time used) or
 * breached. Without a calendar the threshold falls back to wall-clock time, for rows written before business hours.
 */
export function slaStatus(routing: RoutingTimes, now: Date, calendar?: BusinessCalendar, share = AT_RISK_SHARE): SlaStatus {
  const snoozedUntil = routing.snoozedUntil && routing.snoozedUntil > now ? routing.snoozedUntil : null;
  const target = currentTarget(routing);
  const dueAt = target === 'acknowledge' ? routing.acknowledgeDueAt : target === 'resolve' ? routing.resolveDueAt : null;
  if (!target || !dueAt) return { state: 'none', target, dueAt: null, snoozedUntil };
  const stored = target === 'acknowledge' ? routing.acknowledgeAtRiskAt : routing.resolveAtRiskAt;
  const riskAt = stored ?? (calendar ? atRiskAt(calendar, routing.createdAt, dueAt, share) : new Date(routing.createdAt.getTime() + share * (dueAt.getTime() - routing.createdAt.getTime())));
  const state: SlaState = now > dueAt ? 'breached' : now >= riskAt ? 'at_risk' : 'on_track';
  return { state, target, dueAt, snoozedUntil };
}

/** A routing's status on its team's calendar and with the organisation's at-risk share. */
export function routingSlaStatus(config: LiaisonConfig, routing: RoutingTimes & { teamId: string }, now: Date): SlaStatus {
  return slaStatus(routing, now, teamCalendar(config, routing.teamId), config.sla.atRiskShare);
}
