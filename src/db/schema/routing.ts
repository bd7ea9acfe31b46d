import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { members } from './members.js';
import { teams } from './organisation.js';

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'none'] as const;

/** `merged`: closed because its item was merged into another item that already reached this team. */
export const ROUTING_STATUSES = ['open', 'acknowledged', 'owned', 'resolved', 'declined', 'passed_on', 'merged'] as const;
export type RoutingStatus = (typeof ROUTING_STATUSES)[number];

/**
 * Why an item reached a team: the rule that matched, the classifier's words, the fallback, a person's hand. Stored as
 * facts; the presenters write the sentence (`src/delivery/routing-reason-words.ts`).
 */
export interface RoutingReason {
  kind: 'rule' | 'classifier' | 'fallback' | 'unsure' | 'pass_on' | 'manual' | 'escalation';
  /** The sentence as versions before reasons were facts stored it; shown as it is when the facts below are absent. */
  summary?: string;
  rule?: string;
  /** For a rule: its conditions as they held for this item (each present only when the rule sets it). */
  matched?: RuleMatch;
  /** For kinds `unsure` and `fallback`: what the classifier took the item for (`noise`: chatter), and how sure it was. */
  guess?: { category: string; confidence: number };
  /** For source `team_model`: the team whose earlier items this one resembles. */
  team?: string;
  /** For kinds `pass_on`, `escalation`, `manual`: who did it (a `manual` capture may have no one), from which team (`pass_on`), and their note. */
  by?: string;
  from?: string;
  note?: string;
  /** The words or phrases that weighed most (never filler), for presenters to show. */
  terms?: string[];
  /** For kind `classifier`: what decided the team, the category rules, a model of the organisation's own teams trained on an exported history, or earlier hand-offs. */
  source?: 'category' | 'team_model' | 'hand_offs';
  /** For kind `classifier`: how sure that model was, 0..1. */
  confidence?: number;
  /** When the classifier was unsure: the two best teams, offered on the card as one-click choices. */
  suggestions?: { team: string; category: string; confidence: number }[];
}

/** A routing rule's conditions as they held: the category with the classifier's confidence and telling words, the keywords found, the community, the urgency. */
export interface RuleMatch {
  category?: { category: string; confidence: number; terms: string[] };
  mentions?: string[];
  community?: string;
  urgency?: string;
}

export interface ActorRef {
  platform: string;
  id: string;
  name: string;
}

/** The assignment of an item to one team, with that team's own status. */
export const routings = pgTable(
  'routings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Not a foreign key, for the reason given at feedback_items.author_id.
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    // No foreign key (migration 0016): routings are written for teams of the config (core/routing/insert-routings.ts
    // and the capture statement, which looks each team up itself and stores no routing to a team the teams table
    // does not hold), the config's teams are synced into that table before anything runs, and none is ever deleted.
    teamId: text('team_id').notNull(),
    status: text('status', { enum: ROUTING_STATUSES }).notNull().default('open'),
    reason: jsonb('reason').$type<RoutingReason>().notNull(),
    priority: text('priority', { enum: ['normal', 'high', 'urgent'] }).notNull().default('normal'),
    passedFromId: bigint('passed_from_id', { mode: 'number' }),
    /** How many hand-offs brought the item here: 0 when routed directly. */
    hops: integer('hops').notNull().default(0),
    owner: jsonb('owner').$type<ActorRef>(),
    declineReason: text('decline_reason'),
    acknowledgeDueAt: timestamp('acknowledge_due_at', { withTimezone: true }),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
    /** When each target turns at risk, computed in business time with its due time, so checks need no calendar. */
    acknowledgeAtRiskAt: timestamp('acknowledge_at_risk_at', { withTimezone: true }),
    resolveAtRiskAt: timestamp('resolve_at_risk_at', { withTimezone: true }),
    /** The SLA state last recorded by the SLA check, and the due time it was about; a change goes to sla_events. */
    slaState: text('sla_state', { enum: SLA_STATES }).notNull().default('on_track'),
    slaStateDueAt: timestamp('sla_state_due_at', { withTimezone: true }),
    firstActionAt: timestamp('first_action_at', { withTimezone: true }),
    /** Reminders pause until then; the card shows it and digests count it. */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    snoozeReason: text('snooze_reason'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Bumped on every change, so that a card can be refreshed idempotently per state. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('routings_item_team').on(t.itemId, t.teamId),
    // Routings received in a period (core/digest/team-metric-parts.ts), for one team or all: a team's is a range of
    // this index, and all teams' a range per team (the query names them), so no second index on created_at alone
    // costs every capture an entry (migration 0015).
    index('routings_team_created').on(t.teamId, t.createdAt),
    index('routings_open').on(t.teamId, t.createdAt).where(sql`status in ('open', 'acknowledged', 'owned')`),
    // A team's inbox in its order (core/list-inbox.ts: SLA risk first, then due time, then age), so that a page of
    // 50 out of thousands of open routings is read from the index rather than sorted. The order's own columns are
    // carried too (INCLUDE, migration 0010), so that counting the inbox needs no visit to the table.
    index('routings_inbox').on(
      t.teamId,
      sql`(case when status = 'open' then acknowledge_at_risk_at else resolve_at_risk_at end) nulls last`,
      sql`(case when status = 'open' then acknowledge_due_at else resolve_due_at end) nulls last`,
      t.createdAt,
      t.id,
    ).where(sql`status in ('open', 'acknowledged', 'owned')`),
    // Digests look up routings by when they were answered, resolved or fell due. Partial, so that a new routing
    // (not yet answered) costs no entry: capture is the hot path.
    index('routings_first_action').on(t.firstActionAt).where(sql`first_action_at is not null`),
    index('routings_resolved').on(t.resolvedAt).where(sql`resolved_at is not null`),
    index('routings_acknowledge_due').on(t.acknowledgeDueAt),
    index('routings_resolve_due').on(t.resolveDueAt),
  ],
);

export const ACTION_KINDS = [
  'acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'undo', 'escalate', 'merge', 'recategorize', 'capture', 'snooze',
  'sla_ladder', 'create_issue', 'link_issue', 'link', 'unlink',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** `tracker`: the team's issue tracker changed the routing (an issue closed or reopened there). */
/** `web`: a person acting in the web app, through the same verbs as the chat buttons. */
export const ACTION_VIAS = ['button', 'reaction', 'command', 'modal', 'api', 'system', 'tracker', 'web'] as const;
export type ActionVia = (typeof ACTION_VIAS)[number];

/** The append-only ledger: who, for which team, did what, through what, when. A trigger forbids updates. */
export const actions = pgTable(
  'actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The item acted on; null only for actions about a member (linking and unlinking identities). */
    // Not a foreign key, for the reason given at feedback_items.author_id.
    itemId: bigint('item_id', { mode: 'number' }),
    /** For link and unlink: the member whose identities changed. */
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    routingId: bigint('routing_id', { mode: 'number' }).references(() => routings.id),
    teamId: text('team_id').references(() => teams.id),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    via: text('via', { enum: ACTION_VIAS }).notNull(),
    actorPlatform: text('actor_platform').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    toTeamId: text('to_team_id'),
    /** For an undo: the action it reverses. */
    undoesId: bigint('undoes_id', { mode: 'number' }),
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** Interaction ID, reaction key or command key: the same click delivered twice records one action. */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('actions_idempotency_key').on(t.idempotencyKey).where(sql`idempotency_key is not null`),
    index('actions_routing').on(t.routingId, t.id).where(sql`routing_id is not null`),
    index('actions_item').on(t.itemId),
    // Queries by time are about what people and the tracker did, never about captures (the items' own capture time
    // answers those): a capture's ledger row costs no entry here (migration 0015). A query using it must say
    // `kind <> 'capture'` or name its kinds, so that PostgreSQL can tell the index holds every row it wants.
    index('actions_created').on(t.createdAt).where(sql`kind <> 'capture'`),
    index('actions_undoes').on(t.undoesId).where(sql`undoes_id is not null`),
    // Breach-ladder steps are few among many actions: the SLA pass and digests find them by routing or by time.
    index('actions_sla_ladder_routing').on(t.routingId).where(sql`kind = 'sla_ladder'`),
    index('actions_sla_ladder_created').on(t.createdAt).where(sql`kind = 'sla_ladder'`),
    index('actions_member').on(t.memberId).where(sql`member_id is not null`),
    // Tracker entries (core/trackers/tracker-figures.ts) are few among a quarter's hundreds of thousands of actions.
    index('actions_tracker_created').on(t.createdAt).where(sql`kind in ('create_issue', 'link_issue') or (kind = 'resolve' and via = 'tracker')`),
    check('actions_about_item_or_member', sql`item_id is not null or member_id is not null`),
  ],
);
