import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { communities } from './organisation.js';

/**
 * How many automatic channel messages were skipped as chatter, per community and local day (in the config's
 * timezone, so that digest periods add up whole days). Only the count is kept: chatter's text is never stored.
 */
export const skippedChatter = pgTable(
  'skipped_chatter',
  {
    communityId: text('community_id').notNull().references(() => communities.id),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day] })],
);
