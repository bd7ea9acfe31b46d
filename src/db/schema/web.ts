import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Who a web sign-in is for: a chat user, with the user groups or roles the platform gave them when they asked. */
const webUser = {
  platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
  userId: text('user_id').notNull(),
  userName: text('user_name').notNull(),
  groups: jsonb('groups').$type<string[]>().notNull().default([]),
};

/** One-time sign-in links. Only a hash of the token is kept, so a database dump signs nobody in. */
export const webSignInTokens = pgTable(
  'web_sign_in_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    ...webUser,
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('web_sign_in_tokens_expires').on(t.expiresAt)],
);

/** Signed-in browsers. The cookie holds the secret; the row holds its hash and the form token (CSRF) of the session. */
export const webSessions = pgTable(
  'web_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    csrfToken: text('csrf_token').notNull(),
    ...webUser,
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('web_sessions_user').on(t.platform, t.userId)],
);
