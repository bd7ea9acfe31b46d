import type { LiaisonConfig } from '../../config/schema.js';
import type { RoutingStatus } from '../../db/schema/routing.js';
import { isActive, TRANSITIONS, type TeamAction } from '../actions/transitions.js';
import { mayDo, visibleTeams as teamsVisibleTo, type Deed } from '../access-rules.js';
import type { Actor } from '../actor.js';
import type { UndoableAction } from './undoable-by-viewer.js';

/** What one person may do to one routing right now: the buttons a card would offer them. */
export interface RoutingMoves {
  /** State changes, in the card's order. */
  actions: TeamAction[];
  /** Their own latest reversible action here, while the routing still stands where it left it. */
  undo: UndoableAction | null;
  snooze: boolean;
  /** Their team has a tracker and the routing has no issue yet. */
  createIssue: boolean;
}

const CARD_ORDER: TeamAction[] = ['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen'];

/** The rules the verbs apply (core/access-rules.ts): members of the routed team act on it; community managers may also reopen. */
export function mayActFor(config: LiaisonConfig, actor: Actor, team: string, action: TeamAction | 'snooze' | 'undo' | 'create_issue'): boolean {
  const deed: Deed = action === 'snooze' ? { kind: 'snooze', team } : action === 'create_issue' ? { kind: 'tracker_issue', op: 'create', team } : { kind: 'routing_action', action, team };
  return mayDo(config, actor, deed);
}

export function routingMoves(config: LiaisonConfig, actor: Actor, routing: { teamId: string; status: RoutingStatus }, extra: { undo?: UndoableAction; hasIssue: boolean }): RoutingMoves {
  const undo = extra.undo && extra.undo.toStatus === routing.status && mayActFor(config, actor, routing.teamId, 'undo') ? extra.undo : null;
  const active = isActive(routing.status);
  return {
    actions: CARD_ORDER.filter((a) => TRANSITIONS[a].from.includes(routing.status) && mayActFor(config, actor, routing.teamId, a)),
    undo,
    snooze: active && mayActFor(config, actor, routing.teamId, 'snooze'),
    createIssue: active && !extra.hasIssue && Boolean(config.teams[routing.teamId]?.tracker) && mayActFor(config, actor, routing.teamId, 'create_issue'),
  };
}

/** The teams whose routings a person sees: community managers and leadership see every team, others their own. */
export function visibleTeams(config: LiaisonConfig, actor: Actor): string[] {
  const teams = teamsVisibleTo(actor);
  return teams === 'all' ? Object.keys(config.teams) : teams.filter((t) => t in config.teams);
}
