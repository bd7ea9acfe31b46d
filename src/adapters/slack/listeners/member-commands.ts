import type { Actor } from '../../../core/actor.js';
import { DomainError } from '../../../core/errors.js';
import { findItem } from '../../../core/find-item.js';
import { linkMemberIdentities } from '../../../core/link-member-identities.js';
import type { IdentityRef } from '../../../core/members/identity-ref.js';
import { mergeDuplicates } from '../../../core/merge-duplicates.js';
import { unlinkMemberIdentity } from '../../../core/unlink-member-identity.js';
import { MEMBER_REFERENCE_HELP, parseMemberReference } from '../../member-reference.js';
import { mergedText } from '../command-text.js';
import { userText } from '../mrkdwn.js';
import { tell, type SlackDeps } from '../slack-deps.js';
import { parseItemReference, parseMention } from '../slack-text.js';

/** `/liaison merge #a #b`, `/liaison link <member> <member>`, `/liaison unlink <member>`: the core checks who may. */
export async function runMemberCommand(deps: SlackDeps, sub: string, args: string[], actor: Actor, to: Parameters<typeof tell>[1]): Promise<void> {
  const { ctx } = deps;
  if (sub === 'merge') {
    const refs = args.map(parseItemReference);
    if (refs.length < 2 || refs.some((r) => r === undefined)) throw new DomainError('invalid_input', 'Usage: /liaison merge <#id or link> <#id or link> (the older item stays)');
    const items = await Promise.all(refs.map(async (ref) => (await findItem(ctx, ref as NonNullable<typeof ref>)).itemId));
    return tell(deps, to, mergedText(await mergeDuplicates(ctx, { duplicates: items, actor, via: 'command' })));
  }
  if (sub === 'link') {
    if (args.length !== 2) throw new DomainError('invalid_input', `Usage: /liaison link <member> <member>, each ${MEMBER_REFERENCE_HELP}`);
    const linked = await linkMemberIdentities(ctx, { identities: args.map(identity), actor });
    return tell(deps, to, `:link: Linked: ${linked.identities.map((i) => `${userText(i.name)} (${i.platform})`).join(', ')} are one person now, and their history is one.`);
  }
  if (args.length !== 1) throw new DomainError('invalid_input', `Usage: /liaison unlink <member>, ${MEMBER_REFERENCE_HELP}`);
  const unlinked = await unlinkMemberIdentity(ctx, { identity: identity(args[0] as string), actor });
  return tell(deps, to, `:scissors: Unlinked ${userText(unlinked.name)} (${unlinked.identity.platform}): a member of their own again, with what they said.`);
}

function identity(typed: string): IdentityRef {
  const found = parseMemberReference(typed, (text) => {
    const mention = parseMention(text);
    return mention ? { platform: 'slack', id: mention.id } : undefined;
  });
  if (!found) throw new DomainError('invalid_input', `Name a member as ${MEMBER_REFERENCE_HELP}; “${typed}” is none of these.`);
  return found;
}
