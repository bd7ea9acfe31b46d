import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { members, trackerIssues, voices } from '../db/schema/index.js';
import { mayDo, mayMergeAny, maySeeItem } from './access-rules.js';
import { isActive } from './actions/transitions.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { similarOpenItems, type SimilarItem } from './duplicates/similar-open-items.js';
import { DomainError } from './errors.js';
import { itemAndMerged, loadLedger, type LedgerEntry } from './inbox/item-ledger.js';
import { loadReplies, type ReplyToAuthor } from './inbox/item-replies.js';
import { undoableByViewer } from './inbox/undoable-by-viewer.js';
import { routingMoves, type RoutingMoves } from './inbox/viewer-moves.js';
import { loadItemViews, type ItemView, type RoutingView } from './items/item-views.js';
import { parseInput } from './parse-input.js';
import { loadCardIssue, type CardIssue } from './trackers/card-issue.js';

export const LoadItemStoryInput = z.object({ itemId: z.number().int().positive(), viewer: Actor });
export type LoadItemStoryInput = z.input<typeof LoadItemStoryInput>;

export interface VoiceStory {
  id: number;
  memberId: number;
  authorName: string;
  platform: string;
  text: string;
  permalink: string | null;
  capturedVia: string;
  postedAt: Date;
  capturedAt: Date;
  /** The replies sent (or on their way) to this voice's author. */
  replies: ReplyToAuthor[];
}

export interface RoutingStory extends RoutingView {
  moves: RoutingMoves;
  issue?: CardIssue;
  /** Why the last create or link request failed, when it did. */
  issueFailure?: string;
}

export interface ItemStory {
  item: Omit<ItemView, 'routings' | 'actions' | 'voices'>;
  voices: VoiceStory[];
  routings: RoutingStory[];
  ledger: LedgerEntry[];
  /** Replies no voice claims (a direct message to an author since merged away, for instance). */
  otherReplies: ReplyToAuthor[];
  /** Items merged into this one. */
  mergedFrom: number[];
  /** Open items that read like this one, for "Looks like #12 — merge?"; empty once it is closed or merged. */
  similar: (SimilarItem & { mayMerge: boolean })[];
  /** What this person may do beyond the routings' own moves. */
  may: { escalate: boolean; merge: boolean };
  teams: { id: string; name: string }[];
  now: Date;
}

const SHOWN_SIMILAR = 5;

/**
 * The whole story of one item for one person: its words and every voice, each team's routing with its SLA state,
 * the ledger, every reply to the authors with its delivery state, and what this person may do next. Refused to
 * someone whose teams it never reached (community managers see every item).
 */
export async function loadItemStory(ctx: Context, raw: LoadItemStoryInput): Promise<ItemStory> {
  const { itemId, viewer } = parseInput(LoadItemStoryInput, raw);
  const { config, db } = ctx;
  const now = ctx.clock.now();
  const [view] = await loadItemViews(db, config, [itemId], now);
  if (!view) throw new DomainError('not_found', { reason: 'unknown_item', details: { itemId } });
  if (!maySeeItem(viewer, view.routings.map((r) => r.team.id))) {
    throw new DomainError('not_permitted', { reason: 'item_not_yours', details: { itemId } });
  }
  const family = await itemAndMerged(db, itemId);
  const routingIds = view.routings.map((r) => r.id);
  const [voiceRows, ledger, replies, undoable, failures] = await Promise.all([
    db.select({ voice: voices, name: members.displayName }).from(voices).innerJoin(members, eq(members.id, voices.memberId)).where(eq(voices.itemId, itemId)).orderBy(asc(voices.id)),
    loadLedger(db, config, family),
    loadReplies(db, family),
    undoableByViewer(db, viewer, routingIds),
    routingIds.length === 0 ? [] : db.select({ routingId: trackerIssues.routingId, lastError: trackerIssues.lastError }).from(trackerIssues).where(inArray(trackerIssues.routingId, routingIds)),
  ]);
  const routings: RoutingStory[] = [];
  for (const r of view.routings) {
    const { issue } = await loadCardIssue(db, config, { id: r.id, teamId: r.team.id, status: r.status });
    const failed = failures.find((f) => f.routingId === r.id && !issue && f.lastError);
    routings.push({ ...r, moves: routingMoves(config, viewer, { teamId: r.team.id, status: r.status }, { undo: undoable.get(r.id), hasIssue: Boolean(issue) }), ...(issue ? { issue } : {}), ...(failed?.lastError ? { issueFailure: failed.lastError } : {}) });
  }
  const open = !view.mergedIntoId && view.routings.some((r) => isActive(r.status));
  const similar = open ? await similarOpenItems(db, config, { text: `${view.title ?? ''} ${view.text}`, excludeItemId: itemId, limit: SHOWN_SIMILAR }, now) : [];
  const claimed = new Set<number>();
  const voiceStories = voiceRows.map(({ voice, name }) => {
    const mine = replies.filter((reply) => reply.replyTo === voice.messageId && reply.platform === voice.platform);
    for (const reply of mine) claimed.add(reply.id);
    return { id: voice.id, memberId: voice.memberId, authorName: name, platform: voice.platform, text: voice.text, permalink: voice.permalink, capturedVia: voice.capturedVia, postedAt: voice.postedAt, capturedAt: voice.capturedAt, replies: mine };
  });
  const { routings: _r, actions: _a, voices: _v, ...item } = view;
  return {
    item,
    voices: voiceStories,
    routings,
    ledger,
    otherReplies: replies.filter((reply) => !claimed.has(reply.id)),
    mergedFrom: family.filter((id) => id !== itemId),
    // The merge verb's own rule: community managers, or members of a team both items reached.
    similar: similar.map((s) => ({ ...s, mayMerge: mayDo(config, viewer, { kind: 'merge', items: [{ id: itemId, teams: view.routings.map((r) => r.team.id) }, { id: s.itemId, teams: s.teams }] }) })),
    may: { escalate: mayDo(config, viewer, { kind: 'escalate' }) && !view.mergedIntoId, merge: mayMergeAny(viewer) && !view.mergedIntoId },
    teams: Object.entries(config.teams).map(([id, t]) => ({ id, name: t.name ?? id })),
    now,
  };
}
