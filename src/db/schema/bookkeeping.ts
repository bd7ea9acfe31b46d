import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Inbound events, stored before any work that can fail ("persist before you forget"). The key is the platform's
 * identity of the event (for example `slack:event:Ev123`), so a retry or a replay is recognised as a duplicate.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    key: text('key').primaryKey(),
    platform: text('platform').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'done', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('inbound_events_pending').on(t.receivedAt).where(sql`status = 'pending'`)],
);

/** One row per scheduled effect and period (`digest:leadership:2026-W47`): the unique key makes it happen once. */
export const scheduledRuns = pgTable('scheduled_runs', {
  key: text('key').primaryKey(),
  job: text('job').notNull(),
  period: text('period').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  result: jsonb('result').$type<Record<string, unknown>>(),
});

/** Trained routing models, versioned; the active one classifies new items. */
export const classifierModels = pgTable('classifier_models', {
  id: serial('id').primaryKey(),
  trainedAt: timestamp('trained_at', { withTimezone: true }).notNull(),
  origin: text('origin').notNull(),
  exampleCount: integer('example_count').notNull(),
  metrics: jsonb('metrics').$type<Record<string, unknown>>(),
  model: jsonb('model').$type<Record<string, unknown>>().notNull(),
  active: boolean('active').notNull().default(false),
  /**
   * Labelled examples imported from a file (prepared text and category), kept so that a later retrain from the
   * ledger's corrections can rebuild the model without the file. Null for models trained without a file.
   */
  examples: jsonb('examples').$type<{ text: string; category: string }[]>(),
});

/** Facts about this installation, such as when the scheduler first ran (digests are caught up from then on). */
export const installation = pgTable('installation', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
