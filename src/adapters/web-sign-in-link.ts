import { issueSignInToken } from '../core/issue-sign-in-token.js';
import type { Context } from '../core/context.js';
import type { WebUser } from '../core/sessions/session-tokens.js';

export type SignInLink = { url: string; expiresAt: Date } | { refused: string };

/** Why someone gets no link, in the words every platform shows. */
export const NO_ROLE_WORDS = 'You are not in any team, among the community managers or in leadership in Liaison’s config, so the web app has nothing to show you. Ask whoever runs Liaison to add you (`roles.leadership` gives read-only access).';

/** A one-time sign-in link to the web app for a chat user, or the sentence that says why there is none. */
export async function signInLink(ctx: Context, publicUrl: string, user: WebUser): Promise<SignInLink> {
  const issued = await issueSignInToken(ctx, user);
  if (issued.status === 'refused') return { refused: NO_ROLE_WORDS };
  return { url: `${publicUrl}/sign-in/${issued.token}`, expiresAt: issued.expiresAt };
}
