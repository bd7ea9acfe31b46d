import { and, eq, gt, isNull } from 'drizzle-orm';
import { resolveActor, type Actor } from './actor.js';
import type { Context } from './context.js';
import { webSessions } from '../db/schema/index.js';
import { hashSecret } from './sessions/session-tokens.js';

export interface WebSession {
  id: number;
  actor: Actor;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The live session a browser's cookie names, or undefined (unknown, expired or revoked). The actor is resolved
 * against today's config, with the groups the platform reported at sign-in.
 */
export async function findSession(ctx: Context, sessionToken: string): Promise<WebSession | undefined> {
  if (!sessionToken || sessionToken.length > 200) return undefined;
  const [row] = await ctx.db
    .select()
    .from(webSessions)
    .where(and(eq(webSessions.tokenHash, hashSecret(sessionToken)), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, ctx.clock.now())));
  if (!row) return undefined;
  const actor = resolveActor(ctx.config, { platform: row.platform, id: row.userId, name: row.userName, groups: row.groups });
  return { id: row.id, actor, csrfToken: row.csrfToken, createdAt: row.createdAt, expiresAt: row.expiresAt };
}
