import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A sign-in link works once, for ten minutes: long enough to click from chat, short enough to be useless when leaked. */
export const SIGN_IN_TTL_MS = 10 * 60_000;
/** A session lasts a week from sign-in; signing out (or `revokeSessions`) ends it sooner. */
export const SESSION_TTL_MS = 7 * 86_400_000;

/** Who a link or a session is for: a chat user and the groups (Slack user groups, Discord roles) they held. */
export const WebUser = z.object({
  platform: z.enum(['slack', 'discord', 'console']),
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  groups: z.array(z.string().max(100)).max(200).default([]),
});
export type WebUser = z.input<typeof WebUser>;

/** 256 random bits, URL-safe: unguessable, so the rate limit only has to slow down the hopeless. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes are stored: a read of the database signs nobody in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
