import { and, eq, inArray, like, or } from 'drizzle-orm';
import { userKey } from '../../config/refs.js';
import type { Tx } from '../../db/client.js';
import { deliveries, feedbackItems, voices, type routings } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome, type NewDelivery } from '../outbox.js';
import { autoCreateIssue } from '../trackers/auto-create-issue.js';
import type { IssueLink } from '../trackers/issue-link.js';
import { cardDeliveryId, enqueueCardRefresh } from './card-refresh.js';

type Routing = typeof routings.$inferSelect;

export interface ActionEffects {
  actionId: number;
  kind: string;
  undoneId?: number;
  routing: Routing;
  actor: Actor;
  reason?: string;
  toTeam?: string;
  /** Set when the tracker took the action: the authors hear that it shipped, with the link if the issue is public. */
  issue?: IssueLink;
  now: Date;
}

/** What an action changes outside the database: the card, its thread log, and the people waiting for an answer. */
export async function enqueueActionEffects(tx: Tx, ctx: Context, effect: ActionEffects): Promise<void> {
  const { routing, now } = effect;
  const cardId = await cardDeliveryId(tx, routing.id);
  await enqueueCardRefresh(tx, ctx, routing, now, cardId);
  if (cardId !== undefined) {
    await enqueueDeliveries(tx, now, [
      {
        key: `card_log:action:${effect.actionId}`,
        kind: 'card_log',
        target: teamHome(ctx.config, routing.teamId),
        parentId: cardId,
        payload: { actor: effect.actor.name, kind: effect.kind, team: teamName(ctx, routing.teamId), reason: effect.reason, toTeam: effect.toTeam && teamName(ctx, effect.toTeam) },
        itemId: routing.itemId,
        routingId: routing.id,
      },
    ]);
  }
  if (effect.undoneId !== undefined) await withdrawUnsent(tx, effect.undoneId);
  if (effect.kind === 'own') await autoCreateIssue(tx, ctx, effect);
  await closeTheLoop(tx, ctx, effect);
}

/** Replies under each original message (every merged voice hears it) and a note to the community's ambassador. */
async function closeTheLoop(tx: Tx, ctx: Context, effect: ActionEffects): Promise<void> {
  const outcome = effect.routing.status;
  const mode =
    outcome === 'resolved' ? ctx.config.closeTheLoop.onResolved
    : outcome === 'declined' ? ctx.config.closeTheLoop.onDeclined
    : outcome === 'acknowledged' && effect.kind === 'acknowledge' ? ctx.config.closeTheLoop.onAcknowledged
    : 'none';
  if (mode === 'none' || effect.kind === 'undo' || effect.kind === 'reopen') return;
  const { routing, now } = effect;
  const [item] = await tx.select({ communityId: feedbackItems.communityId, text: feedbackItems.text }).from(feedbackItems).where(eq(feedbackItems.id, routing.itemId));
  const heard = await tx.select().from(voices).where(eq(voices.itemId, routing.itemId));
  const shipped = outcome === 'resolved' && effect.issue ? { tracker: effect.issue.tracker, key: effect.issue.key, url: effect.issue.public ? effect.issue.url : null } : undefined;
  const message = { outcome, team: teamName(ctx, routing.teamId), reason: outcome === 'declined' ? effect.reason : undefined, itemId: routing.itemId, organisation: ctx.config.organisation.name, ...(shipped ? { shipped } : {}) };
  const replies = repliesToVoices(heard, mode, message, routing, `loop:action:${effect.actionId}`);
  const community = item ? ctx.config.communities[item.communityId] : undefined;
  if (ctx.config.closeTheLoop.tellAmbassador && community?.ambassador) {
    const who = userKey(community.ambassador);
    replies.push({
      key: `ambassador:action:${effect.actionId}`,
      kind: 'ambassador_note',
      target: { platform: who.platform, channelId: who.id },
      payload: { ...message, community: community.name ?? item?.communityId, excerpt: item?.text.slice(0, 300), voices: heard.length, unreachable: heard.filter((v) => v.platform === 'webhook').length },
      itemId: routing.itemId,
      routingId: routing.id,
    });
  }
  await enqueueDeliveries(tx, now, replies);
}

type Voice = typeof voices.$inferSelect;
type LoopMessage = { outcome: string; team: string; reason?: string; itemId: number; organisation: string; shipped?: { tracker: string; key: string; url: string | null } };

/** One reply per voice (under its message, or by DM), keyed `<key>:voice:<id>`; webhook authors cannot be answered. */
export function repliesToVoices(heard: Voice[], mode: 'reply' | 'dm', message: LoopMessage, routing: { id: number; itemId: number }, key: string): NewDelivery[] {
  return heard.flatMap((voice) => {
    if (voice.platform === 'webhook') return [];
    const target = { platform: voice.platform as 'slack' | 'discord' | 'console', channelId: mode === 'dm' ? voice.authorExternalId : voice.channelId };
    return [{
      key: `${key}:voice:${voice.id}`,
      kind: 'loop_reply' as const,
      target,
      threadId: mode === 'dm' ? undefined : (voice.threadId ?? voice.messageId),
      payload: { ...message, authorId: voice.authorExternalId, replyTo: voice.messageId, dm: mode === 'dm' },
      itemId: routing.itemId,
      routingId: routing.id,
    }];
  });
}

/** An undone action's replies that have not gone out yet never will. */
async function withdrawUnsent(tx: Tx, undoneId: number): Promise<void> {
  await tx
    .update(deliveries)
    .set({ status: 'skipped', lastError: `withdrawn: action ${undoneId} was undone` })
    .where(and(inArray(deliveries.status, ['pending']), or(like(deliveries.key, `loop:action:${undoneId}:%`), eq(deliveries.key, `ambassador:action:${undoneId}`))));
}

function teamName(ctx: Context, team: string): string {
  return ctx.config.teams[team]?.name ?? team;
}

