import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { feedbackItems } from './feedback.js';
import { teams } from './organisation.js';
import { routings } from './routing.js';

export const TRACKER_KINDS = ['github', 'linear', 'jira'] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];

/** Where a linked issue stands, in words every tracker maps to: still open, done, or closed without doing it. */
export const ISSUE_STATES = ['open', 'completed', 'not_planned'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/**
 * A routing's issue in its team's tracker: pending (the outbox holds a create or a link), linked (created or
 * attached), or failed (the tracker refused; the card offers Create issue again). `remoteUpdatedAt` is the
 * tracker's own time of the last state applied, so a webhook that arrives twice or late changes nothing.
 */
export const trackerIssues = pgTable(
  'tracker_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    routingId: bigint('routing_id', { mode: 'number' }).notNull().references(() => routings.id),
    itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => feedbackItems.id),
    teamId: text('team_id').notNull().references(() => teams.id),
    tracker: text('tracker', { enum: TRACKER_KINDS }).notNull(),
    status: text('status', { enum: ['pending', 'linked', 'failed'] }).notNull(),
    /** How people name it: `acme/app#42`, `ENG-123`, `PROJ-7`. */
    issueKey: text('issue_key'),
    /** The tracker's stable ID (GitHub issue ID, Linear UUID, Jira ID), which survives a move or a rename. */
    issueId: text('issue_id'),
    url: text('url'),
    title: text('title'),
    state: text('state', { enum: ISSUE_STATES }),
    /** The tracker's own name for the state ("In Progress", "Done"), shown on the card. */
    stateLabel: text('state_label'),
    /** True only for an issue anyone can read (a public GitHub repository): its link may go to the community. */
    public: boolean('public').notNull().default(false),
    remoteUpdatedAt: timestamp('remote_updated_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Create requests so far: each gets its own outbox key, so a retry after a failure is a new delivery. */
    requests: integer('requests').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tracker_issues_routing').on(t.routingId),
    index('tracker_issues_issue').on(t.teamId, t.tracker, t.issueId),
    index('tracker_issues_created').on(t.createdAt),
  ],
);

/**
 * The config's outbound webhooks, mirrored so that the database trigger which enqueues events (in the same
 * transaction as their cause, whatever the cause) knows who subscribes to what.
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  key: text('key').primaryKey(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
