import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const DELIVERY_KINDS = [
  'card', 'card_update', 'card_log', 'card_burst', 'loop_reply', 'ambassador_note', 'digest_summary', 'digest_team', 'digest_silos', 'digest_chart',
  'reminder', 'page', 'tracker_issue', 'webhook_event', 'notice',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/** Chat platforms, plus the two targets that are not chat: a team's issue tracker and outbound webhook receivers. */
export const DELIVERY_PLATFORMS = ['slack', 'discord', 'console', 'tracker', 'webhook'] as const;
export type DeliveryPlatform = (typeof DELIVERY_PLATFORMS)[number];

/**
 * The outbox: every outbound chat message, written in the same transaction as the change that caused it.
 * `key` names the cause and the target, so that a retried cause never enqueues a second message.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    platform: text('platform', { enum: DELIVERY_PLATFORMS }).notNull(),
    channelId: text('channel_id').notNull(),
    /** A reply waits for this delivery to be sent, then threads under its message. */
    parentId: bigint('parent_id', { mode: 'number' }),
    /** A reply to a message Liaison did not send (the original feedback): its thread or message ID. */
    threadId: text('thread_id'),
    /** For an update: the delivery whose message is edited in place. */
    editsId: bigint('edits_id', { mode: 'number' }),
    itemId: bigint('item_id', { mode: 'number' }),
    routingId: bigint('routing_id', { mode: 'number' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** The platform's reference for the posted message (Slack ts, Discord message ID). */
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_key').on(t.key),
    index('deliveries_due').on(t.nextAttemptAt, t.id).where(sql`status in ('pending', 'sending')`),
    index('deliveries_message').on(t.platform, t.channelId, t.messageId).where(sql`message_id is not null`),
    index('deliveries_routing').on(t.routingId, t.kind),
    index('deliveries_parent').on(t.parentId).where(sql`parent_id is not null`),
    index('deliveries_failed').on(t.id).where(sql`status = 'failed'`),
    // Webhook events chain per receiver and item (each waits for the one before): the trigger finds the last link here.
    index('deliveries_webhook_chain').on(t.channelId, t.id).where(sql`platform = 'webhook'`),
  ],
);
