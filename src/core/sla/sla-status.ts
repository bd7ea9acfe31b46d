import type { RoutingStatus } from '../../db/schema/routing.js';

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'none';

export interface SlaStatus {
  state: SlaState;
  /** What the team owes next: a first response while open, a resolution once acknowledged or owned. */
  target: 'acknowledge' | 'resolve' | null;
  dueAt: Date | null;
  snoozedUntil: Date | null;
}

/** At risk once this share of the time allowed is used. */
export const AT_RISK_SHARE = 0.75;

interface RoutingTimes {
  status: RoutingStatus;
  createdAt: Date;
  acknowledgeDueAt: Date | null;
  resolveDueAt: Date | null;
  snoozedUntil: Date | null;
}

/** Where a routing stands against its SLA at `now`: on track, at risk (75 % of the time used) or breached. */
export function slaStatus(routing: RoutingTimes, now: Date): SlaStatus {
  const snoozedUntil = routing.snoozedUntil && routing.snoozedUntil > now ? routing.snoozedUntil : null;
  const target = routing.status === 'open' ? 'acknowledge' : routing.status === 'acknowledged' || routing.status === 'owned' ? 'resolve' : null;
  const dueAt = target === 'acknowledge' ? routing.acknowledgeDueAt : target === 'resolve' ? routing.resolveDueAt : null;
  if (!target || !dueAt) return { state: 'none', target, dueAt: null, snoozedUntil };
  const allowed = dueAt.getTime() - routing.createdAt.getTime();
  const used = now.getTime() - routing.createdAt.getTime();
  const state: SlaState = now > dueAt ? 'breached' : used >= AT_RISK_SHARE * allowed ? 'at_risk' : 'on_track';
  return { state, target, dueAt, snoozedUntil };
}
