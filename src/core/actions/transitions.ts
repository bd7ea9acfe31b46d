import type { RoutingStatus } from '../../db/schema/routing.js';

export type TeamAction = 'acknowledge' | 'own' | 'resolve' | 'decline' | 'pass_on' | 'reopen';

const ACTIVE: RoutingStatus[] = ['open', 'acknowledged', 'owned'];

/** Which statuses each action may start from, and where it leads. */
export const TRANSITIONS: Record<TeamAction, { from: RoutingStatus[]; to: RoutingStatus }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  own: { from: ['open', 'acknowledged'], to: 'owned' },
  resolve: { from: ACTIVE, to: 'resolved' },
  decline: { from: ACTIVE, to: 'declined' },
  pass_on: { from: ACTIVE, to: 'passed_on' },
  reopen: { from: ['resolved', 'declined'], to: 'open' },
};

/** Actions that count as a team's response for "time to first action". */
export const RESPONSES = new Set<string>(['acknowledge', 'own', 'resolve', 'decline', 'pass_on']);
/** Actions an undo can reverse: pass-on is not among them, because the next team may already be at work. */
export const UNDOABLE = new Set<string>(['acknowledge', 'own', 'resolve', 'decline']);

export function isActive(status: RoutingStatus): boolean {
  return ACTIVE.includes(status);
}
