import type { RoutingStatus } from '../db/schema/routing.js';

/** What people call each action, as on the buttons ("Take it", not "own"). */
export const IMPERATIVE: Record<string, string> = { acknowledge: 'acknowledge', own: 'take', resolve: 'resolve', decline: 'decline', pass_on: 'pass on', reopen: 'reopen', undo: 'undo' };

export const PAST_TENSE: Record<string, string> = {
  acknowledge: 'acknowledged',
  own: 'took',
  resolve: 'resolved',
  decline: 'declined',
  pass_on: 'passed on',
  reopen: 'reopened',
  undo: 'undid',
  escalate: 'escalated',
  merge: 'merged',
  recategorize: 'recategorised',
  capture: 'captured',
  snooze: 'snoozed',
  sla_ladder: 'flagged as overdue',
  create_issue: 'created an issue for',
  link_issue: 'linked an issue to',
};

/** A routing's status as cards, lists and pages name it. */
export const STATUS_LABEL: Record<RoutingStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  owned: 'Owned',
  resolved: 'Resolved',
  declined: 'Declined',
  passed_on: 'Passed on',
  merged: 'Merged',
};
