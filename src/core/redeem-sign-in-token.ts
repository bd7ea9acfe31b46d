import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { webSessions, webSignInTokens } from '../db/schema/index.js';
import type { Context } from './context.js';
import { parseInput } from './parse-input.js';
import { hashSecret, newSecret, SESSION_TTL_MS } from './sessions/session-tokens.js';

export const RedeemSignInInput = z.object({ token: z.string().min(1).max(200) });

export type RedeemSignInResult =
  | { status: 'signed_in'; sessionToken: string; expiresAt: Date; user: { platform: string; id: string; name: string } }
  /** `unknown`: no such link (mistyped, or swept); `used`: it signed someone in already; `expired`: older than ten minutes. */
  | { status: 'refused'; reason: 'unknown' | 'used' | 'expired' };

/**
 * Trades a sign-in link for a session, once: the link is marked used in the same statement that checks it, so two
 * clicks racing each other sign in one browser.
 */
export async function redeemSignInToken(ctx: Context, raw: z.input<typeof RedeemSignInInput>): Promise<RedeemSignInResult> {
  const { token } = parseInput(RedeemSignInInput, raw);
  const tokenHash = hashSecret(token);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(webSignInTokens)
      .set({ usedAt: now })
      .where(and(eq(webSignInTokens.tokenHash, tokenHash), isNull(webSignInTokens.usedAt), gt(webSignInTokens.expiresAt, now)))
      .returning();
    if (!link) {
      const [seen] = await tx.select().from(webSignInTokens).where(eq(webSignInTokens.tokenHash, tokenHash));
      const reason = !seen ? 'unknown' : seen.usedAt ? 'used' : 'expired';
      ctx.logger.info({ reason }, 'web sign-in refused');
      return { status: 'refused' as const, reason };
    }
    const sessionToken = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await tx.insert(webSessions).values({ tokenHash: hashSecret(sessionToken), csrfToken: newSecret(), platform: link.platform, userId: link.userId, userName: link.userName, groups: link.groups, createdAt: now, expiresAt });
    ctx.logger.info({ platform: link.platform, user: link.userId }, 'web sign-in');
    return { status: 'signed_in' as const, sessionToken, expiresAt, user: { platform: link.platform, id: link.userId, name: link.userName } };
  });
}
