import type { CsvProblem } from './classify/csv-problems.js';

/**
 * An expected failure the user should see ("Only Product members can resolve this"). Anything else thrown is a bug
 * or an outage: logged with context, shown to the user as a short generic message.
 *
 * The core says why as data (a `Refusal`: a reason and the facts it needs); presenters write the sentence
 * (src/delivery/error-words.ts). Only the edges (chat handlers, the CLI) still throw one with their own words.
 */
export type DomainErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'not_permitted'
  | 'already_done'
  | 'invalid_transition'
  | 'unknown_source'
  | 'not_captured';

/** Where a form shows the error: one field, or a message per field. */
type FieldHints = {
  field?: string;
  given?: string;
  fields?: Record<string, string>;
};

/** The routing's last team step, for the loser of a race: who did what, when, and whether it was the asker. */
export type LastStep = {
  by: string;
  kind: string;
  team: string | null;
  teamName: string | null;
  /** Set for a pass-on: the team it went to. */
  toTeamName: string | null;
  at: string;
  mine: boolean;
};

/** What a permission check refuses, and for what: `access-rules.ts` decides, presenters say it. */
export type PermissionRefusal =
  | { reason: 'not_team_member'; details: { deed: 'routing_action' | 'snooze' | 'correct' | 'tracker_issue'; doing: TeamDeedWords; team: string; teamName: string } }
  | { reason: 'not_merge_team'; details: { deed: 'merge'; items: number[] } }
  | { reason: 'not_community_manager'; details: { deed: 'escalate' | 'capture_by_hand' | 'link_identities' | 'unlink_identity' } };

/** The thing a team member was refused: a routing action by name, or snooze/correct, or creating/linking an issue. */
export type TeamDeedWords = 'acknowledge' | 'own' | 'resolve' | 'decline' | 'pass_on' | 'reopen' | 'undo' | 'snooze' | 'correct' | 'create_issue' | 'link_issue';

/** What training, evaluating or choosing a classifier model refuses (the CLI's `train`, `evaluate`, `models`). */
export type ModelRefusal =
  | { reason: 'not_a_category'; details: { label: string; category: string } }
  | { reason: 'bad_label_map'; details: { pair: string } }
  | { reason: 'no_label_column'; details: Record<string, never> }
  | { reason: 'missing_columns'; details: { missing: string[]; header: string[] } }
  | { reason: 'csv_problems'; details: { problems: CsvProblem[]; teams?: string[] } }
  | { reason: 'no_rows'; details: Record<string, never> }
  | { reason: 'too_few_teams'; details: { teams: string[] } }
  | { reason: 'not_a_model'; details: { ref: string } }
  | { reason: 'unknown_model'; details: { modelId: number } }
  | { reason: 'unusable_model'; details: { modelId: number; problem: string } };

export type Refusal =
  | PermissionRefusal
  | ModelRefusal
  | { reason: 'unknown_team'; details: { team: string } & FieldHints }
  | { reason: 'unknown_community'; details: { community: string; known?: string[] } & FieldHints }
  /** A capture by hand that names no community, from a place that is not a feedback source. */
  | { reason: 'community_needed'; details: FieldHints }
  | { reason: 'not_a_source'; details: { platform: string; id: string } }
  /** Feedback sent on purpose with nothing left to read once invisible characters are removed. */
  | { reason: 'no_text'; details: FieldHints }
  | { reason: 'unknown_item'; details: { itemId: number } }
  | { reason: 'unknown_items'; details: { itemIds: number[] } }
  | { reason: 'unknown_routing'; details: { routingId: number } }
  | { reason: 'unknown_member'; details: { memberId: number } & FieldHints }
  | { reason: 'unseen_identity'; details: { platform: string; id: string } }
  | { reason: 'unknown_delivery'; details: { deliveryId: number | string } }
  | { reason: 'not_a_card'; details: Record<string, never> }
  | { reason: 'not_feedback'; details: Record<string, never> }
  | { reason: 'item_not_yours'; details: { itemId: number } }
  | { reason: 'inbox_not_your_team'; details: { team: string; teamName: string } }
  | { reason: 'nothing_to_undo'; details: Record<string, never> }
  /** A step the routing's status no longer allows (`undoing` set for an undo); `last` is the step that got there first. */
  | { reason: 'too_late'; details: { action: string; undoing?: string; last?: LastStep } & Partial<Pick<LastStep, 'by' | 'kind' | 'team' | 'at'>> }
  | { reason: 'already_with_team'; details: FieldHints }
  | { reason: 'team_has_item'; details: { team: string; teamName: string } }
  | { reason: 'escalation_needs_team'; details: FieldHints }
  | { reason: 'snooze_closed'; details: Record<string, never> }
  | { reason: 'same_item'; details: Record<string, never> }
  | { reason: 'issue_on_closed_card'; details: Record<string, never> }
  | { reason: 'bad_issue_ref'; details: { ref: string; tracker: 'github' | 'linear' | 'jira'; place: string } & FieldHints }
  | { reason: 'no_tracker'; details: { team: string; teamName: string } }
  | { reason: 'issue_linked'; details: { tracker: 'github' | 'linear' | 'jira'; issue: string } }
  | { reason: 'issue_pending'; details: { issue: string | null; place: string } }
  | { reason: 'no_member_feedback'; details: Record<string, never> }
  | { reason: 'several_members'; details: { matches: string[] } }
  | { reason: 'already_linked'; details: { names: string[] } }
  | { reason: 'not_linked'; details: { name: string; platform: string } }
  | { reason: 'delivery_not_failed'; details: { deliveryId: number | string; status: string } }
  | { reason: 'bad_period'; details: { field: 'period'; given: string; reason: 'unparsed' | 'reversed' | 'too_long'; accepted: string[]; maxYears: number } };

export type RefusalReason = Refusal['reason'];

export class DomainError extends Error {
  /** Why, as data; undefined when an edge wrote the words itself (`message`). */
  readonly refusal: Refusal | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: DomainErrorCode, refusal: Refusal);
  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>);
  constructor(
    readonly code: DomainErrorCode,
    why: Refusal | string,
    details: Record<string, unknown> = {},
  ) {
    // The message of a refusal is for operators' logs and stack traces; users see the presenter's words.
    super(typeof why === 'string' ? why : `${code}: ${why.reason} ${JSON.stringify(why.details)}`);
    this.name = 'DomainError';
    this.refusal = typeof why === 'string' ? undefined : why;
    this.details = typeof why === 'string' ? details : why.details;
  }

  /** The refusal's reason, or 'worded' when the thrower wrote the words. */
  get reason(): RefusalReason | 'worded' {
    return this.refusal?.reason ?? 'worded';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
