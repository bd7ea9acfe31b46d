import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Mirrors of the config file's teams and communities, so that history keeps its names after a config change. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  homePlatform: text('home_platform').notNull(),
  homeChannel: text('home_channel').notNull(),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communities = pgTable('communities', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One place feedback is captured: a Slack channel, a Discord channel or forum, a webhook key. */
export const sources = pgTable(
  'sources',
  {
    id: serial('id').primaryKey(),
    communityId: text('community_id').notNull().references(() => communities.id),
    platform: text('platform', { enum: ['slack', 'discord', 'webhook', 'console'] }).notNull(),
    kind: text('kind', { enum: ['channel', 'forum', 'webhook', 'manual'] }).notNull(),
    externalId: text('external_id').notNull(),
    guildId: text('guild_id'),
    active: boolean('active').notNull().default(true),
    /** The newest platform message seen here, so that messages posted during downtime can be fetched on start. */
    lastMessageId: text('last_message_id'),
    /**
     * When Liaison started watching this source (added to the config, or added back): a source with no message seen
     * yet is caught up from here. Sources older than this column count from the migration that added it.
     */
    watchedSince: timestamp('watched_since', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set while a catch-up after downtime is unfinished (it reads a bounded number of pages per run, oldest first):
     * everything up to this message was read, what came after it not all. The next run resumes here, whatever live
     * messages have moved `lastMessageId` on to meanwhile; null once a run has read up to the present.
     */
    catchUpFrom: text('catch_up_from'),
  },
  (t) => [uniqueIndex('sources_platform_external_id').on(t.platform, t.externalId), index('sources_community').on(t.communityId).where(sql`active`)],
);
