import { eq, sql } from 'drizzle-orm';
import { trackerSettings, type TrackerSettings } from '../../config/tracker-schema.js';
import type { Tx } from '../../db/client.js';
import { routings, trackerIssues } from '../../db/schema/index.js';
import { enqueueCardRefresh } from '../actions/card-refresh.js';
import { requirePermission } from '../access-rules.js';
import type { Actor } from '../actor.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { enqueueDeliveries } from '../outbox.js';
import { trackerPlace, type IssueRequestPayload, type Notify } from './issue-link.js';

/** A person waits for the answer: a tracker that keeps failing for this long is given up on, and they are told. */
export const ISSUE_GIVE_UP_MS = 60 * 60_000;

type Routing = typeof routings.$inferSelect;

export interface IssueRequestArgs {
  routing: Routing;
  op: 'create' | 'link';
  ref?: string;
  actor: Actor;
  via: IssueRequestPayload['via'];
  notify?: Notify;
  now: Date;
}

/** The team's tracker, or a refusal that says there is none. */
export function teamTracker(ctx: Context, team: string): TrackerSettings {
  const tracker = ctx.config.teams[team]?.tracker;
  if (!tracker) throw new DomainError('invalid_input', { reason: 'no_tracker', details: { team, teamName: ctx.config.teams[team]?.name ?? team } });
  return trackerSettings(tracker);
}

/**
 * Puts a create (or a link) in the outbox, in the caller's transaction, with the routing locked by the caller. One
 * request at a time per routing: the card shows it pending, and a second press is told what is already happening.
 */
export async function enqueueIssueRequest(tx: Tx, ctx: Context, args: IssueRequestArgs): Promise<{ tracker: TrackerSettings; place: string; request: number }> {
  const { routing, actor, now } = args;
  const tracker = teamTracker(ctx, routing.teamId);
  const place = trackerPlace(tracker);
  requirePermission(ctx.config, actor, { kind: 'tracker_issue', op: args.op === 'create' ? 'create' : 'link', team: routing.teamId });
  const [existing] = await tx.select().from(trackerIssues).where(eq(trackerIssues.routingId, routing.id)).for('update');
  if (existing?.status === 'linked') throw new DomainError('already_done', { reason: 'issue_linked', details: { tracker: existing.tracker, issue: existing.issueKey as string } });
  if (existing?.status === 'pending') throw new DomainError('already_done', { reason: 'issue_pending', details: { issue: existing.issueKey, place } });
  const values = { status: 'pending' as const, tracker: tracker.kind, issueKey: args.ref ?? null, issueId: null, url: null, title: null, state: null, stateLabel: null, lastError: null, updatedAt: now };
  const [row] = await tx
    .insert(trackerIssues)
    .values({ ...values, routingId: routing.id, itemId: routing.itemId, teamId: routing.teamId, requests: 1, createdAt: now })
    .onConflictDoUpdate({ target: trackerIssues.routingId, set: { ...values, requests: sql`${trackerIssues.requests} + 1` } })
    .returning({ requests: trackerIssues.requests });
  const request = (row as { requests: number }).requests;
  const payload: IssueRequestPayload = {
    op: args.op, routingId: routing.id, itemId: routing.itemId, team: routing.teamId, request, ref: args.ref,
    requestedBy: { platform: actor.platform, id: actor.id, name: actor.name }, via: args.via,
    requestedAt: now.toISOString(), giveUpAt: new Date(now.getTime() + ISSUE_GIVE_UP_MS).toISOString(), notify: args.notify,
  };
  await enqueueDeliveries(tx, now, [{
    key: `tracker:${args.op}:routing:${routing.id}:${request}`,
    kind: 'tracker_issue',
    // One queue per team and item: a link and a create for the same item never race each other.
    target: { platform: 'tracker', channelId: `${routing.teamId}/item:${routing.itemId}` },
    payload: payload as unknown as Record<string, unknown>,
    itemId: routing.itemId,
    routingId: routing.id,
  }]);
  await bumpCard(tx, ctx, routing, now);
  ctx.logger.info({ routingId: routing.id, team: routing.teamId, tracker: tracker.kind, op: args.op, request }, 'tracker issue requested');
  return { tracker, place, request };
}

/** The card shows the issue (pending, linked, failed): a new routing version redraws it. */
export async function bumpCard(tx: Tx, ctx: Context, routing: { id: number }, now: Date): Promise<void> {
  const [bumped] = await tx.update(routings).set({ version: sql`${routings.version} + 1`, updatedAt: now }).where(eq(routings.id, routing.id)).returning();
  if (bumped) await enqueueCardRefresh(tx, ctx, bumped, now);
}
