import { eq } from 'drizzle-orm';
import { userKey } from '../../config/refs.js';
import type { Tx } from '../../db/client.js';
import { feedbackItems, voices, type routings } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome, type NewDelivery } from '../outbox.js';
import { autoCreateIssue } from '../trackers/auto-create-issue.js';
import type { IssueLink } from '../trackers/issue-link.js';
import { excerpt } from '../inert-text.js';
import { cardDeliveryId, enqueueCardRefresh } from './card-refresh.js';
import { cardSubject } from './card-subject.js';
import { correctLoopReplies } from './loop-corrections.js';

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
        payload: { actor: effect.actor.name, kind: effect.kind, team: teamName(ctx, routing.teamId), reason: effect.reason, toTeam: effect.toTeam && teamName(ctx, effect.toTeam), card: await cardSubject(tx, routing.itemId) },
        itemId: routing.itemId,
        routingId: routing.id,
      },
    ]);
  }
  if (effect.undoneId !== undefined || effect.kind === 'reopen') await correctLoopReplies(tx, effect.now, { routingId: routing.id, undoneId: effect.undoneId });
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
  const message = { outcome, team: teamName(ctx, routing.teamId), reason: outcome === 'declined' ? effect.reason : undefined, itemId: routing.itemId, organisation: ctx.config.organisation.name, ...(item ? { quote: firstLine(item.text) } : {}), ...(shipped ? { shipped } : {}) };
  // Held for the grace period: an undo (or a reopen) in that time withdraws them before anyone reads them.
  const notBefore = new Date(now.getTime() + ctx.config.closeTheLoop.grace);
  const replies = repliesToVoices(heard, mode, message, routing, `loop:action:${effect.actionId}`).map((reply) => ({ ...reply, notBefore }));
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
      notBefore,
    });
  }
  await enqueueDeliveries(tx, now, replies);
}

type Voice = typeof voices.$inferSelect;
type LoopMessage = { outcome: string; team: string; reason?: string; itemId: number; organisation: string; quote?: string; shipped?: { tracker: string; key: string; url: string | null } };

/** The feedback's first line, short: what a direct message is about. */
function firstLine(text: string): string {
  return excerpt(text.split('\n').find((line) => line.trim() !== '') ?? text, 100);
}

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

function teamName(ctx: Context, team: string): string {
  return ctx.config.teams[team]?.name ?? team;
}

