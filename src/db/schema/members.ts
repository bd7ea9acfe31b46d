import { bigserial, bigint, pgTable, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';

/** An outside person. Their platform identities point here; linking two identities makes them one member. */
export const members = pgTable('members', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  displayName: text('display_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberIdentities = pgTable(
  'member_identities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => members.id),
    platform: text('platform', { enum: ['slack', 'discord', 'webhook', 'console'] }).notNull(),
    /** Slack user ID, Discord user ID, or an e-mail address / external author ID from a webhook. */
    externalId: text('external_id').notNull(),
    displayName: text('display_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('member_identities_platform_external').on(t.platform, t.externalId), index('member_identities_member').on(t.memberId)],
);
