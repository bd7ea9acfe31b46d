import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { teams } from './organisation.js';
import { routings, SLA_STATES } from './routing.js';

/**
 * Each change of a routing's SLA state, recorded once: the unique key (routing, target, due time, state) makes a
 * second instance or a retried check find it taken. Kept out of the ledger, which records what people (and the
 * breach ladder) did; these are derived facts, several per routing, that would crowd a card's history.
 */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    routingId: bigint('routing_id', { mode: 'number' }).notNull().references(() => routings.id),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    teamId: text('team_id').notNull(),
    target: text('target', { enum: ['acknowledge', 'resolve'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    fromState: text('from_state', { enum: SLA_STATES }).notNull(),
    state: text('state', { enum: SLA_STATES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sla_events_once').on(t.routingId, t.target, t.dueAt, t.state), index('sla_events_team_at').on(t.teamId, t.at)],
);

/**
 * The latest moment each team's SLA pass ran for. A pass for an earlier moment (an instance whose tick started
 * before another's, or whose clock lags) is skipped, so that states never step back and old windows never reopen.
 */
export const slaChecks = pgTable('sla_checks', {
  teamId: text('team_id').primaryKey().references(() => teams.id),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
