import { lt } from 'drizzle-orm';
import { webSignInTokens } from '../db/schema/index.js';
import { webRefusal, type WebRefusal } from './access-rules.js';
import { resolveActor } from './actor.js';
import type { Context } from './context.js';
import { parseInput } from './parse-input.js';
import { hashSecret, newSecret, SIGN_IN_TTL_MS, WebUser } from './sessions/session-tokens.js';

export type IssueSignInResult = { status: 'issued'; token: string; expiresAt: Date } | { status: 'refused'; reason: WebRefusal };

/**
 * A one-time sign-in link's secret for a chat user (asked for privately in chat, or printed by the CLI). The caller
 * builds the link; only the secret's hash is stored. Someone with no team or role is refused here, since the web app
 * would show them nothing. Links that expired a day ago are swept on the way.
 */
export async function issueSignInToken(ctx: Context, raw: WebUser): Promise<IssueSignInResult> {
  const user = parseInput(WebUser, raw);
  const refusal = webRefusal(resolveActor(ctx.config, user));
  if (refusal) return { status: 'refused', reason: refusal };
  const now = ctx.clock.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TTL_MS);
  await ctx.db.delete(webSignInTokens).where(lt(webSignInTokens.expiresAt, new Date(now.getTime() - 86_400_000)));
  await ctx.db.insert(webSignInTokens).values({ tokenHash: hashSecret(token), platform: user.platform, userId: user.id, userName: user.name, groups: user.groups, createdAt: now, expiresAt });
  ctx.logger.info({ platform: user.platform, user: user.id }, 'web sign-in link issued');
  return { status: 'issued', token, expiresAt };
}
