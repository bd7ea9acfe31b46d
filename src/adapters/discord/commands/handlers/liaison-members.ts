import { DomainError } from '../../../../core/errors.js';
import { findItem } from '../../../../core/find-item.js';
import { linkMemberIdentities } from '../../../../core/link-member-identities.js';
import type { IdentityRef } from '../../../../core/members/identity-ref.js';
import { mergeDuplicates } from '../../../../core/merge-duplicates.js';
import { unlinkMemberIdentity } from '../../../../core/unlink-member-identity.js';
import { MEMBER_REFERENCE_HELP, parseMemberReference } from '../../../member-reference.js';
import { safeText } from '../../discord-text.js';
import { actorOfInteraction, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';
import type { ArgsOf } from '../command-types.js';
import type { LiaisonCommand } from '../definitions/liaison.js';
import { itemReference } from '../item-reference.js';
import type { Interaction } from 'discord.js';

type Sub<Name extends string> = Extract<ArgsOf<typeof LiaisonCommand>, { subcommand: Name }>['args'];

/** What the person who merged is told, here and after a card's merge button; the cards say the rest. */
export function mergedReply(merged: { itemId: number; merged: number[]; voices: number }): string {
  return `Merged ${merged.merged.map((id) => `**#${id}**`).join(', ')} into **#${merged.itemId}**: one item, ${merged.voices} voices. Everyone who said it will hear the outcome.`;
}

export async function mergeReply(deps: InteractionDeps, interaction: Interaction, args: Sub<'merge'>): Promise<Reply> {
  const [a, b] = await Promise.all([findItem(deps.ctx, itemReference(args.item)), findItem(deps.ctx, itemReference(args.with))]);
  const merged = await mergeDuplicates(deps.ctx, { duplicates: [a.itemId, b.itemId], actor: actorOfInteraction(deps, interaction), via: 'command' });
  return { content: mergedReply(merged) };
}

export async function linkReply(deps: InteractionDeps, interaction: Interaction, args: Sub<'link'>): Promise<Reply> {
  const linked = await linkMemberIdentities(deps.ctx, { identities: [identity(args.member), identity(args.other)], actor: actorOfInteraction(deps, interaction) });
  const where = linked.identities.map((i) => `${safeText(i.name)} (${i.platform})`).join(', ');
  return { content: `Linked: ${where} are one person now, and their history is one.` };
}

export async function unlinkReply(deps: InteractionDeps, interaction: Interaction, args: Sub<'unlink'>): Promise<Reply> {
  const unlinked = await unlinkMemberIdentity(deps.ctx, { identity: identity(args.member), actor: actorOfInteraction(deps, interaction) });
  return { content: `Unlinked ${safeText(unlinked.name)} (${unlinked.identity.platform}): a member of their own again, with what they said.` };
}

const DISCORD_MENTION = /^<@!?(\d{15,22})>$/;

function identity(typed: string): IdentityRef {
  const found = parseMemberReference(typed, (text) => {
    const id = DISCORD_MENTION.exec(text)?.[1] ?? (/^\d{15,22}$/.test(text) ? text : undefined);
    return id ? { platform: 'discord', id } : undefined;
  });
  if (!found) throw new DomainError('invalid_input', `Name a member as ${MEMBER_REFERENCE_HELP}; “${safeText(typed)}” is none of these.`);
  return found;
}
