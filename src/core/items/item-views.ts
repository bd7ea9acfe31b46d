import { asc, eq } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import { anyOf } from '../../db/any-of.js';
import type { DbOrTx } from '../../db/client.js';
import { actions, communities, feedbackItems, members, routings, voices } from '../../db/schema/index.js';
import type { ActorRef, RoutingReason, RoutingStatus } from '../../db/schema/routing.js';
import { routingSlaStatus, type SlaStatus } from '../sla/sla-status.js';

export interface RoutingView {
  id: number;
  team: { id: string; name: string };
  status: RoutingStatus;
  reason: RoutingReason;
  priority: 'normal' | 'high' | 'urgent';
  owner: ActorRef | null;
  declineReason: string | null;
  hops: number;
  acknowledgeDueAt: Date | null;
  resolveDueAt: Date | null;
  /** Always set by loadItemViews; optional so that views built by hand (presenter fixtures) stay valid. */
  acknowledgeAtRiskAt?: Date | null;
  resolveAtRiskAt?: Date | null;
  /** On track, at risk or breached at the moment the view was loaded, in the team's business time. */
  sla?: SlaStatus;
  firstActionAt: Date | null;
  resolvedAt: Date | null;
  snoozedUntil: Date | null;
  snoozeReason: string | null;
  createdAt: Date;
  version: number;
}

export interface ActionView {
  id: number;
  kind: string;
  via: string;
  actorName: string;
  team: string | null;
  toTeam: string | null;
  reason: string | null;
  createdAt: Date;
  routingId: number | null;
}

export interface ItemView {
  id: number;
  title: string | null;
  text: string;
  /** Labels from where it was posted (forum tags); optional so that views built by hand stay valid. */
  tags?: string[];
  category: string;
  confidence: number;
  terms: string[];
  sentiment: string;
  urgency: string;
  priority: string;
  permalink: string | null;
  postedAt: Date;
  capturedAt: Date;
  mergedIntoId: number | null;
  community: { id: string; name: string };
  author: { memberId: number; name: string };
  /** Oldest first: the first is the item's own message. `channelId` and `via` say where and how it was captured. */
  voices: { memberId: number; authorName: string; platform: string; permalink: string | null; capturedAt: Date; channelId?: string; via?: string }[];
  routings: RoutingView[];
  actions: ActionView[];
}

/** Items with everything that happened to them, in a handful of queries however many items are asked for. */
export async function loadItemViews(db: DbOrTx, config: LiaisonConfig, itemIds: number[], now: Date): Promise<ItemView[]> {
  if (itemIds.length === 0) return [];
  // Independent reads, sent together: on a pool they run side by side, in a transaction one after another.
  const [items, voiceRows, routingRows, actionRows] = await Promise.all([
    db
      .select({ item: feedbackItems, communityName: communities.name, authorName: members.displayName })
      .from(feedbackItems)
      .innerJoin(communities, eq(communities.id, feedbackItems.communityId))
      .innerJoin(members, eq(members.id, feedbackItems.authorId))
      .where(anyOf(feedbackItems.id, itemIds)),
    db.select({ voice: voices, name: members.displayName }).from(voices).innerJoin(members, eq(members.id, voices.memberId)).where(anyOf(voices.itemId, itemIds)).orderBy(asc(voices.id)),
    db.select().from(routings).where(anyOf(routings.itemId, itemIds)).orderBy(asc(routings.id)),
    db.select().from(actions).where(anyOf(actions.itemId, itemIds)).orderBy(asc(actions.id)),
  ]);
  const teamName = (id: string) => config.teams[id]?.name ?? id;
  const byId = new Map(items.map((row) => [row.item.id, row]));
  const voicesOf = groupBy(voiceRows, (v) => v.voice.itemId);
  const routingsOf = groupBy(routingRows, (r) => r.itemId);
  const actionsOf = groupBy(actionRows, (a) => a.itemId);
  return itemIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { item } = row;
    return [{
      id: item.id,
      title: item.title,
      text: item.text,
      tags: item.tags,
      category: item.category,
      confidence: item.categoryConfidence,
      terms: item.classification.terms ?? [],
      sentiment: item.sentiment,
      urgency: item.urgency,
      priority: item.priority,
      permalink: item.permalink,
      postedAt: item.postedAt,
      capturedAt: item.capturedAt,
      mergedIntoId: item.mergedIntoId,
      community: { id: item.communityId, name: row.communityName },
      author: { memberId: item.authorId, name: row.authorName },
      voices: (voicesOf.get(id) ?? []).map((v) => ({ memberId: v.voice.memberId, authorName: v.name, platform: v.voice.platform, permalink: v.voice.permalink, capturedAt: v.voice.capturedAt, channelId: v.voice.channelId, via: v.voice.capturedVia })),
      routings: (routingsOf.get(id) ?? []).map((r) => ({ id: r.id, team: { id: r.teamId, name: teamName(r.teamId) }, status: r.status, reason: r.reason, priority: r.priority, owner: r.owner, declineReason: r.declineReason, hops: r.hops, acknowledgeDueAt: r.acknowledgeDueAt, resolveDueAt: r.resolveDueAt, acknowledgeAtRiskAt: r.acknowledgeAtRiskAt, resolveAtRiskAt: r.resolveAtRiskAt, sla: routingSlaStatus(config, r, now), firstActionAt: r.firstActionAt, resolvedAt: r.resolvedAt, snoozedUntil: r.snoozedUntil, snoozeReason: r.snoozeReason, createdAt: r.createdAt, version: r.version })),
      actions: (actionsOf.get(id) ?? []).map((a) => ({ id: a.id, kind: a.kind, via: a.via, actorName: a.actorName, team: a.teamId && teamName(a.teamId), toTeam: a.toTeamId && teamName(a.toTeamId), reason: a.reason, createdAt: a.createdAt, routingId: a.routingId })),
    }];
  });
}

/** Rows by key, each list in the rows' order. */
function groupBy<T>(rows: T[], key: (row: T) => number | null): Map<number | null, T[]> {
  const out = new Map<number | null, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}
