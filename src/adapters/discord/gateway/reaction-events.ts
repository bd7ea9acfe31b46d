import { mayDo } from '../../../core/access-rules.js';
import { randomUUID } from 'node:crypto';
import type { Channel, Message, MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { z } from 'zod';
import type { Actor } from '../../../core/actor.js';
import { reactToCard } from '../../../core/react-to-card.js';
import { actorOf, type DiscordPerson } from '../actor-of.js';
import { configEmojiKey, emojiKey } from './emoji.js';
import { inboundDeps, type GatewayDeps } from './gateway-deps.js';
import { receiveInbound } from './inbound.js';
import { captureMessageByHand } from './hand-capture.js';
import type { CaptureResult } from '../../../core/capture-feedback.js';
import { captureReceiptMessage, captureRefusalMessage } from '../presenters/capture-receipt-message.js';
import type { MessageBody } from '../presenters/embed-limits.js';
import { isDomainError } from '../../../core/errors.js';
import { errorWords } from '../../../delivery/error-words.js';

export const REACTION_EVENT = 'discord.reaction';

const ReactionFacts = z.object({
  op: z.enum(['add', 'remove']),
  guildId: z.string(),
  channelId: z.string(),
  messageId: z.string(),
  userId: z.string(),
  emoji: z.string(),
  /** The team home a message in a thread belongs to (a card in a combined card's thread, a note in a card's thread). */
  homeId: z.string().optional(),
});
type ReactionFacts = z.infer<typeof ReactionFacts>;

/** Which emoji mean something, from the config: card actions in team homes, capture anywhere in a community. */
export function reactionMeanings(config: GatewayDeps['ctx']['config']) {
  return {
    actions: new Map(Object.entries(config.reactions).map(([emoji, action]) => [configEmojiKey(emoji), action] as const)),
    capture: new Set(config.capture.reactions.map(configEmojiKey)),
  };
}

/** A reaction as the gateway told of it, whichever way it reached Liaison. */
export interface ReactionSeen {
  op: 'add' | 'remove';
  guildId: string;
  channelId: string;
  messageId: string;
  userId: string;
  /** The emoji as the config knows it (see emojiKey). */
  emoji: string;
  userIsBot: boolean;
  /** The person, when the event or the cache says who they are: enough to know whether they may capture. */
  member?: DiscordPerson;
  /** The team home the message is in; `unknown` when its channel is not cached (it is looked up when handled). */
  home: string | 'none' | 'unknown';
}

/** A reaction discord.js emitted: its channel is cached, so the team home is known now. */
export async function onReaction(deps: GatewayDeps, op: 'add' | 'remove', reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser): Promise<void> {
  const { guildId } = reaction.message;
  if (!guildId) return;
  const known = reaction.message.guild?.members.cache.get(user.id);
  await noteReaction(deps, {
    op, guildId, channelId: reaction.message.channelId, messageId: reaction.message.id, userId: user.id, emoji: emojiKey(reaction.emoji),
    userIsBot: Boolean(user.bot),
    ...(known ? { member: { id: known.id, username: known.user.username, roles: known.roles.cache.keys() } } : {}),
    home: teamHomeOf(deps, reaction.message.channel) ?? 'none',
  });
}

/**
 * Only meaningful reactions are stored: an action emoji on a message in a team home, or a capture emoji. Reactions
 * carry no event ID; the core makes them idempotent by state (a replayed add changes nothing).
 */
export async function noteReaction(deps: GatewayDeps, seen: ReactionSeen): Promise<void> {
  if (seen.userIsBot || seen.userId === deps.client.user?.id) return;
  const { op, emoji } = seen;
  const meanings = reactionMeanings(deps.ctx.config);
  const isAction = seen.home !== 'none' && meanings.actions.has(emoji);
  const isCapture = op === 'add' && meanings.capture.has(emoji);
  if (!isAction && !isCapture) return;
  // Anyone in a public community can add the capture emoji; when we already know they are not a community manager,
  // there is nothing worth storing.
  if (!isAction && seen.member && !mayDo(deps.ctx.config, actorOf(deps.ctx.config, seen.member), { kind: 'capture_by_hand' })) return;
  const facts: ReactionFacts = { op, guildId: seen.guildId, channelId: seen.channelId, messageId: seen.messageId, userId: seen.userId, emoji, ...(seen.home === 'none' || seen.home === 'unknown' ? {} : { homeId: seen.home }) };
  await receiveInbound(inboundDeps(deps), { key: `discord:reaction:${op}:${facts.messageId}:${facts.userId}:${emoji}:${randomUUID()}`, kind: REACTION_EVENT, payload: facts }, reactionHandler(deps));
}

/** The team home a message is in: the channel itself, or the channel a thread was started in. */
function teamHomeOf(deps: GatewayDeps, channel: Channel): string | undefined {
  if (deps.sources.teamHomes.has(channel.id)) return channel.id;
  const parentId = channel.isThread() ? channel.parentId : null;
  return parentId && deps.sources.teamHomes.has(parentId) ? parentId : undefined;
}

/** The team home of a channel known only by ID: fetched (from the cache when it is there, else from Discord). */
async function teamHomeById(deps: GatewayDeps, channelId: string): Promise<string | undefined> {
  if (deps.sources.teamHomes.has(channelId)) return channelId;
  const channel = await deps.client.channels.fetch(channelId);
  return channel ? teamHomeOf(deps, channel) : undefined;
}

export function reactionHandler(deps: GatewayDeps) {
  return async (payload: Record<string, unknown>): Promise<void> => {
    const facts = ReactionFacts.parse(payload);
    const guild = await deps.client.guilds.fetch(facts.guildId);
    const member = await guild.members.fetch(facts.userId);
    const actor = actorOf(deps.ctx.config, { id: member.id, username: member.user.username, globalName: member.user.globalName, nick: member.nickname, roles: member.roles.cache.keys() });
    const meanings = reactionMeanings(deps.ctx.config);
    const action = meanings.actions.get(facts.emoji);
    // A reaction in a channel that was not cached when it came names no home: its channel is looked up now.
    const homeId = facts.homeId ?? (action ? await teamHomeById(deps, facts.channelId) : undefined);
    if (action && homeId) {
      if (action === 'pass_on') return; // Passing on needs a team and a note: that is the button's modal, not an emoji.
      const result = await reactToCard(deps.ctx, {
        // A card is known by the team home it was delivered to, also when Discord shows it in one of its threads.
        card: { platform: 'discord', channelId: homeId, messageId: facts.messageId },
        kind: action,
        actor,
        reactionKey: `discord:reaction:${facts.messageId}:${facts.userId}:${facts.emoji}`,
        removed: facts.op === 'remove',
      });
      deps.logger.info({ messageId: facts.messageId, actor: actor.id, action, op: facts.op, status: result.status }, 'card reaction handled');
      return;
    }
    if (facts.op === 'add' && meanings.capture.has(facts.emoji)) await captureByReaction(deps, facts, actor);
  };
}

/** A community manager's capture emoji sends the message to Liaison, wherever in the community it was posted. */
async function captureByReaction(deps: GatewayDeps, facts: ReactionFacts, actor: Actor): Promise<void> {
  const channel = await deps.client.channels.fetch(facts.channelId);
  if (!channel?.isTextBased() || channel.isDMBased()) return;
  const message = await channel.messages.fetch(facts.messageId);
  if (!message.inGuild()) return;
  let result: CaptureResult;
  try {
    result = await captureMessageByHand(deps, message, actor, 'reaction');
  } catch (error) {
    // A community manager hears why nothing was captured; anyone else's emoji is just an emoji, and gets no DM.
    if (isDomainError(error) && error.code !== 'not_permitted') await tellPrivately(deps, facts.userId, message, captureRefusalMessage(errorWords(error), message.url));
    throw error;
  }
  deps.logger.info({ messageId: facts.messageId, actor: actor.id, status: result.status }, 'message captured by reaction');
  await confirmCapture(deps, facts.userId, message, result);
}

/**
 * A reaction gets no answer of its own, and on Discord only an interaction can be answered ephemerally: the
 * community manager is told by direct message (a reply in the channel would tell the community). Closed DMs lose
 * only the confirmation, never the capture.
 */
async function confirmCapture(deps: GatewayDeps, userId: string, message: Message<true>, result: CaptureResult): Promise<void> {
  const captured = { authorName: message.member?.displayName ?? message.author.displayName, channelName: 'name' in message.channel ? message.channel.name : null, link: message.url };
  await tellPrivately(deps, userId, message, captureReceiptMessage(result, captured, (team) => deps.ctx.config.teams[team]?.name ?? team, deps.publicUrl));
}

async function tellPrivately(deps: GatewayDeps, userId: string, message: Message<true>, body: MessageBody): Promise<void> {
  try {
    await deps.client.users.send(userId, { content: body.content, allowedMentions: { parse: [] } });
  } catch (error) {
    deps.logger.info({ userId, messageId: message.id, err: error }, 'could not DM a community manager about their capture (their DMs may be closed)');
  }
}
