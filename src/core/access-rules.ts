import type { LiaisonConfig } from '../config/schema.js';
import type { Actor } from './actor.js';
import { DomainError, type PermissionRefusal } from './errors.js';

/**
 * Who may see and do what: the one place that chat buttons, commands and the web app ask. Community managers may
 * do everything; a team's members act on their team's routings; leadership sees everything and acts on nothing
 * (unless also in a team); anyone else sees nothing in the web app.
 */
export type Deed =
  | { kind: 'routing_action'; action: 'acknowledge' | 'own' | 'resolve' | 'decline' | 'pass_on' | 'reopen' | 'undo'; team: string }
  | { kind: 'snooze'; team: string }
  | { kind: 'correct'; team: string }
  | { kind: 'tracker_issue'; op: 'create' | 'link'; team: string }
  /** Every item to merge, with the teams it reached. */
  | { kind: 'merge'; items: { id: number; teams: string[] }[] }
  | { kind: 'escalate' }
  | { kind: 'capture_by_hand' }
  | { kind: 'link_identities' }
  | { kind: 'unlink_identity' };

/** Why someone may not use the web app at all, or undefined when they may. */
export type WebRefusal = 'no_role';

export function webRefusal(actor: Actor): WebRefusal | undefined {
  return actor.isCommunityManager || actor.isLeadership || actor.teams.length > 0 ? undefined : 'no_role';
}

/** Leadership and community managers see every item; a team's members see the items routed to their teams. */
export function maySeeItem(actor: Actor, itemTeams: readonly string[]): boolean {
  if (actor.isCommunityManager || actor.isLeadership) return true;
  return itemTeams.some((team) => actor.teams.includes(team));
}

/** The teams whose items this actor sees, or 'all'. */
export function visibleTeams(actor: Actor): 'all' | string[] {
  return actor.isCommunityManager || actor.isLeadership ? 'all' : actor.teams;
}

/** Member dossiers, community dossiers and capture by hand are the community managers' (and leadership reads dossiers). */
export function maySeeDossiers(actor: Actor): boolean {
  return actor.isCommunityManager || actor.isLeadership;
}

/** Merging an item into any other (not only one on the viewer's own desk) is the community managers'. */
export function mayMergeAny(actor: Actor): boolean {
  return actor.isCommunityManager;
}

export function mayDo(config: LiaisonConfig, actor: Actor, deed: Deed): boolean {
  return whyNot(config, actor, deed) === undefined;
}

type TeamRefusal = Extract<PermissionRefusal, { reason: 'not_team_member' }>;

/** Throws `not_permitted`, saying why (presenters word it), when the actor may not do this. */
export function requirePermission(config: LiaisonConfig, actor: Actor, deed: Deed): void {
  const refusal = whyNot(config, actor, deed);
  if (refusal !== undefined) throw new DomainError('not_permitted', refusal);
}

/** Why not, as data for a presenter (src/delivery/error-words.ts), or undefined when the actor may. */
export function whyNot(config: LiaisonConfig, actor: Actor, deed: Deed): PermissionRefusal | undefined {
  const teamOnly = (on: Extract<Deed, { team: string }>, cmMay: boolean, doing: TeamRefusal['details']['doing']): PermissionRefusal | undefined => {
    const { team } = on;
    if (!config.permissions.teamMembersOnly || actor.teams.includes(team)) return undefined;
    if (cmMay && actor.isCommunityManager) return undefined;
    return { reason: 'not_team_member', details: { deed: on.kind, doing, team, teamName: config.teams[team]?.name ?? team } };
  };
  const managersOnly = (only: Extract<PermissionRefusal, { reason: 'not_community_manager' }>['details']['deed']): PermissionRefusal | undefined =>
    actor.isCommunityManager ? undefined : { reason: 'not_community_manager', details: { deed: only } };
  switch (deed.kind) {
    case 'routing_action':
      return teamOnly(deed, deed.action === 'reopen', deed.action);
    case 'snooze':
      return teamOnly(deed, false, 'snooze');
    case 'correct':
      return teamOnly(deed, true, 'correct');
    case 'tracker_issue':
      return teamOnly(deed, false, deed.op === 'create' ? 'create_issue' : 'link_issue');
    case 'merge': {
      // A team's members merge items that all reached their team: those are the duplicates on their own desk.
      if (actor.isCommunityManager || actor.teams.some((team) => deed.items.every((item) => item.teams.includes(team)))) return undefined;
      return { reason: 'not_merge_team', details: { deed: 'merge', items: deed.items.map((item) => item.id) } };
    }
    case 'escalate':
    case 'capture_by_hand':
    case 'link_identities':
    case 'unlink_identity':
      return managersOnly(deed.kind);
  }
}
