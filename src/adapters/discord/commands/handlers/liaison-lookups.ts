import { communityHistory } from '../../../../core/community-history.js';
import { describeItem } from '../../../../core/describe-item.js';
import { DomainError } from '../../../../core/errors.js';
import { findItem } from '../../../../core/find-item.js';
import { memberHistory } from '../../../../core/member-history.js';
import type { InteractionDeps, Reply } from '../../interactions/interaction-deps.js';
import { communityHistoryEmbeds, itemStatusEmbed, memberHistoryEmbeds } from '../../presenters/item-embeds.js';
import type { ArgsOf } from '../command-types.js';
import type { LiaisonCommand } from '../definitions/liaison.js';
import { itemReference } from '../item-reference.js';

type Sub<Name extends string> = Extract<ArgsOf<typeof LiaisonCommand>, { subcommand: Name }>['args'];

export async function historyReply(deps: InteractionDeps, args: Sub<'history'>): Promise<Reply> {
  if (args.member) return { embeds: memberHistoryEmbeds(await memberHistory(deps.ctx, { member: { platform: 'discord', id: args.member.id } })) };
  if (args.community) return { embeds: communityHistoryEmbeds(await communityHistory(deps.ctx, { community: args.community })) };
  if (args.name) return { embeds: memberHistoryEmbeds(await memberHistory(deps.ctx, { member: { name: args.name } })) };
  throw new DomainError('invalid_input', 'Name a member, a community, or someone’s name or ID.');
}

export async function statusReply(deps: InteractionDeps, args: Sub<'status'>): Promise<Reply> {
  const { itemId } = await findItem(deps.ctx, itemReference(args.item));
  return { embeds: [itemStatusEmbed(await describeItem(deps.ctx, { itemId }))] };
}

export const HELP = [
  '**Liaison** routes community feedback to the teams that should act on it, records what each team did, and tells the person who gave it.',
  '• **Cards** arrive in your team’s channel: *Acknowledge*, *Take it*, *Resolve*, *Decline* (with a reason) or *Pass on* (to another team). Reactions work too: 👀 acknowledge, ✋ take it, ✅ resolve; removing yours undoes it.',
  '• **Capture**: messages in community channels and forum posts are captured on their own. Community managers can also react with 📣 or use *Apps → Send to Liaison* on any message; anyone can use `/feedback`.',
  '• `/escalate` raises an item (community managers). `/liaison status #42` shows where it stands; `/liaison history` shows a member’s or a community’s history; `/liaison snooze` pauses reminders with a reason; `/liaison digest` previews the weekly digest.',
  '• `/liaison web` gives you a sign-in link to Liaison’s web app (impact, your team’s inbox, item stories), visible only to you.',
  '• A card that says *Looks like #12 — merge?* has a button to make the two one item; `/liaison merge` does it by number. Community managers link one person’s identities with `/liaison link` (and `/liaison unlink`).',
].join('\n');
