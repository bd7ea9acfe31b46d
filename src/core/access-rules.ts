import type { LiaisonConfig } from '../config/schema.js';
import { IMPERATIVE } from './actions/transitions.js';
import type { Actor } from './actor.js';
import { DomainError } from './errors.js';

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

/** Throws `not_permitted`, with the sentence chat has always shown, when the actor may not do this. */
export function requirePermission(config: LiaisonConfig, actor: Actor, deed: Deed): void {
  const message = whyNot(config, actor, deed);
  if (message !== undefined) throw new DomainError('not_permitted', message, { deed: deed.kind, ...('team' in deed ? { team: deed.team } : {}) });
}

/** The sentence that says why not, or undefined when the actor may. */
export function whyNot(config: LiaisonConfig, actor: Actor, deed: Deed): string | undefined {
  const teamOnly = (team: string, cmMay: boolean, doing: string) => {
    if (!config.permissions.teamMembersOnly || actor.teams.includes(team)) return undefined;
    if (cmMay && actor.isCommunityManager) return undefined;
    return `Only members of ${config.teams[team]?.name ?? team} can ${doing}.`;
  };
  switch (deed.kind) {
    case 'routing_action':
      return teamOnly(deed.team, deed.action === 'reopen', `${IMPERATIVE[deed.action]} this`);
    case 'snooze':
      return teamOnly(deed.team, false, 'snooze this');
    case 'correct':
      return teamOnly(deed.team, true, 'correct this');
    case 'tracker_issue':
      return teamOnly(deed.team, false, `${deed.op} issues for this`);
    case 'merge': {
      // A team's members merge items that all reached their team: those are the duplicates on their own desk.
      if (actor.isCommunityManager || actor.teams.some((team) => deed.items.every((item) => item.teams.includes(team)))) return undefined;
      return `Only community managers, or members of a team that has all of them, can merge ${deed.items.map((item) => `#${item.id}`).join(' and ')}.`;
    }
    case 'escalate':
      return actor.isCommunityManager ? undefined : 'Only community managers can escalate.';
    case 'capture_by_hand':
      return actor.isCommunityManager ? undefined : 'Only community managers can send other people’s messages to Liaison.';
    case 'link_identities':
      return actor.isCommunityManager ? undefined : 'Only community managers can link member identities.';
    case 'unlink_identity':
      return actor.isCommunityManager ? undefined : 'Only community managers can unlink member identities.';
  }
}
