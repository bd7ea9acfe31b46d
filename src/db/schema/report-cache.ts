import { bigserial, customType, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });
const tstzmultirange = customType<{ data: string }>({ dataType: () => 'tstzmultirange' });
const pgSnapshot = customType<{ data: string }>({ dataType: () => 'pg_snapshot' });
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Figures of periods that are over, computed once (core/digest/closed-period-cache.ts). `covers` is the span of
 * time the figures read; `snapshot` the database snapshot they were computed in, so that a change the
 * computation did not see (report_changes) makes the entry stale, however the two raced.
 */
export const reportCache = pgTable('report_cache', {
  key: text('key').primaryKey(),
  covers: tstzrange('covers').notNull(),
  snapshot: pgSnapshot('snapshot').notNull(),
  payload: jsonb('payload').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Written by triggers on feedback_items, routings and actions (drizzle/0007): the moments a change touched, for
 * changes that reach back before the newest cached period's end (the `report_horizon_ms` sequence); later
 * changes cannot alter a cached figure and are not written.
 */
export const reportChanges = pgTable(
  'report_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    touched: tstzmultirange('touched').notNull(),
    xid: xid8('xid').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_changes_touched').using('gist', t.touched)],
);
