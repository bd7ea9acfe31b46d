import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export interface ClassificationDetail {
  modelVersion: string;
  alternatives: { category: string; confidence: number }[];
  /** Words that weighed most for the chosen category, for "why was this routed here". */
  terms: string[];
  sentimentScore: number;
}

/** One piece of feedback. Duplicates are merged into one item; each captured message stays as a voice. */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key to communities (migration 0014): the capture statement takes the community from the item's
    // source row (sources.community_id has one), and neither communities nor sources are ever deleted.
    communityId: text('community_id').notNull(),
    // No foreign key to sources either (migration 0016): the capture statement, the only writer of items, looks the
    // source up itself (a lookup, where the check was a query and a row lock per item) and stores no item whose
    // source the table does not hold; sources are never deleted.
    sourceId: integer('source_id').notNull(),
    // No foreign key to members here, nor from voices and the ledger to items (migration 0013): the capture
    // statement inserts or finds the very rows they name, neither is ever deleted, and the checks (a lookup and a
    // row lock each) were a tenth of a capture's cost in the database (`npm run bench -- capture`).
    authorId: bigint('author_id', { mode: 'number' }).notNull(),
    title: text('title'),
    text: text('text').notNull(),
    /** Labels the community gave it where it was posted (a Discord forum post's tags), shown beside the text. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    category: text('category').notNull(),
    categoryConfidence: real('category_confidence').notNull(),
    sentiment: text('sentiment', { enum: ['negative', 'neutral', 'positive'] }).notNull(),
    urgency: text('urgency', { enum: ['low', 'normal', 'high', 'critical'] }).notNull(),
    priority: text('priority', { enum: ['normal', 'high', 'urgent'] }).notNull().default('normal'),
    classification: jsonb('classification').$type<ClassificationDetail>().notNull(),
    permalink: text('permalink'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('feedback_items_captured_at').on(t.capturedAt),
    index('feedback_items_author').on(t.authorId),
    index('feedback_items_community').on(t.communityId, t.capturedAt),
    index('feedback_items_merged_into').on(t.mergedIntoId).where(sql`merged_into_id is not null`),
    // Search by words (core/search-items.ts): the expression must match the query's exactly to use the index.
    index('feedback_items_search').using('gin', sql`to_tsvector('english', coalesce(${t.title}, '') || ' ' || ${t.text})`),
  ],
);

/**
 * One captured message: the original item's message and every duplicate merged into it. Each voice is someone who
 * hears the outcome. The unique source key (platform, channel, message) is what makes capture idempotent.
 */
export const voices = pgTable(
  'voices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Not foreign keys, for the reason given at feedback_items.author_id.
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    /** The author's ID on the platform of this message, to mention them (and only them) in the reply. */
    authorExternalId: text('author_external_id').notNull(),
    // Not a foreign key (migration 0014): the capture statement writes the voice's item with the same source, and
    // feedback_items.source_id checks it.
    sourceId: integer('source_id').notNull(),
    platform: text('platform', { enum: ['slack', 'discord', 'webhook', 'console'] }).notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id').notNull(),
    /** Where a reply belongs: a Slack thread_ts, a Discord thread (forum post) ID; null for a top-level message. */
    threadId: text('thread_id'),
    text: text('text').notNull(),
    permalink: text('permalink'),
    capturedVia: text('captured_via', { enum: ['message', 'reaction', 'shortcut', 'command', 'webhook', 'forum_post', 'web'] }).notNull(),
    capturedBy: text('captured_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('voices_source_key').on(t.platform, t.channelId, t.messageId), index('voices_item').on(t.itemId), index('voices_member').on(t.memberId)],
);
