import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { webSessions } from '../db/schema/index.js';
import type { Context } from './context.js';
import { parseInput } from './parse-input.js';
import { hashSecret } from './sessions/session-tokens.js';

export const RevokeSessionsInput = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ user: z.object({ platform: z.enum(['slack', 'discord', 'console']), id: z.string().min(1) }) }),
  /** Signing out: the session the cookie names. */
  z.object({ sessionToken: z.string().min(1).max(200) }),
]);
export type RevokeSessionsInput = z.input<typeof RevokeSessionsInput>;

/** Ends sessions now (sign out, a person who left, a lost laptop); their next request sees the sign-in page. */
export async function revokeSessions(ctx: Context, raw: RevokeSessionsInput): Promise<{ revoked: number }> {
  const input = parseInput(RevokeSessionsInput, raw);
  const which: SQL | undefined =
    'all' in input ? undefined
      : 'user' in input ? and(eq(webSessions.platform, input.user.platform), eq(webSessions.userId, input.user.id))
        : eq(webSessions.tokenHash, hashSecret(input.sessionToken));
  const rows = await ctx.db.update(webSessions).set({ revokedAt: ctx.clock.now() }).where(and(isNull(webSessions.revokedAt), which)).returning({ id: webSessions.id });
  ctx.logger.info({ revoked: rows.length }, 'web sessions revoked');
  return { revoked: rows.length };
}
