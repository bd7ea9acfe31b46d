import type { IdentityRef } from '../core/members/identity-ref.js';

const QUALIFIED = /^(slack|discord|webhook|email):(\S+)$/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * A member as typed in a command: a mention on the platform the command came from (parsed by `mention`), or an
 * identity on any platform written `slack:U0123`, `discord:1234`, `webhook:topic-author` or as an e-mail address (a
 * webhook author).
 */
export function parseMemberReference(typed: string, mention: (text: string) => IdentityRef | undefined): IdentityRef | undefined {
  const text = typed.trim().replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1');
  const mentioned = mention(text);
  if (mentioned) return mentioned;
  const qualified = QUALIFIED.exec(text);
  if (qualified) {
    const platform = (qualified[1] as string).toLowerCase();
    return { platform: platform === 'email' ? 'webhook' : (platform as IdentityRef['platform']), id: qualified[2] as string };
  }
  return EMAIL.test(text) ? { platform: 'webhook', id: text } : undefined;
}

export const MEMBER_REFERENCE_HELP = 'a mention, slack:U0123, discord:1234 or an e-mail address';
