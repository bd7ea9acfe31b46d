import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { trackerSettings } from '../../config/tracker-schema.js';
import { actions, routings, trackerIssues } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { parseInput } from '../parse-input.js';
import { cardDeliveryId } from '../actions/card-refresh.js';
import { cardSubject } from '../actions/card-subject.js';
import { enqueueDeliveries, teamHome } from '../outbox.js';
import { bumpCard } from './enqueue-issue-request.js';
import { IssueFacts, IssueRequestPayload } from './issue-link.js';
import { settleRouting } from './settle-routing.js';

export const RecordIssueInput = z.object({ request: IssueRequestPayload, issue: IssueFacts });
export type RecordIssueInput = z.input<typeof RecordIssueInput>;

/**
 * The tracker answered a create or a link: the routing has its issue, the ledger says who created or linked which
 * issue in which tracker, and the card shows it. Called again for the same request (an answer stored twice, a
 * retry that found the issue by its marker) it changes nothing. A linked issue that is already closed settles the
 * routing as a webhook would have.
 */
export async function recordIssue(ctx: Context, raw: RecordIssueInput): Promise<{ status: 'recorded' | 'duplicate'; key: string }> {
  const { request, issue } = parseInput(RecordIssueInput, raw);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [routing] = await tx.select().from(routings).where(eq(routings.id, request.routingId)).for('update');
    const [row] = await tx.select().from(trackerIssues).where(eq(trackerIssues.routingId, request.routingId)).for('update');
    if (!routing || !row) throw new Error(`tracker issue for routing ${request.routingId} vanished`);
    const key = `tracker:${request.op}:routing:${routing.id}:${request.request}`;
    if (row.status === 'linked' && row.issueId === issue.id) return { status: 'duplicate' as const, key: issue.key };
    const [updated] = await tx
      .update(trackerIssues)
      .set({ status: 'linked', issueKey: issue.key, issueId: issue.id, url: issue.url, title: issue.title, state: issue.state, stateLabel: issue.stateLabel, public: issue.public, remoteUpdatedAt: issue.updatedAt, lastError: null, updatedAt: now })
      .where(and(eq(trackerIssues.id, row.id)))
      .returning();
    const [entry] = await tx
      .insert(actions)
      .values({
        itemId: routing.itemId, routingId: routing.id, teamId: routing.teamId, kind: request.op === 'create' ? 'create_issue' : 'link_issue',
        via: request.via === 'system' ? 'system' : request.via, actorPlatform: request.requestedBy.platform, actorId: request.requestedBy.id, actorName: request.requestedBy.name,
        fromStatus: routing.status, toStatus: routing.status, data: { issue: { tracker: row.tracker, key: issue.key, url: issue.url, public: issue.public }, title: issue.title },
        idempotencyKey: key, createdAt: now,
      })
      .onConflictDoNothing({ target: actions.idempotencyKey, where: sql`idempotency_key is not null` })
      .returning({ id: actions.id });
    await bumpCard(tx, ctx, routing, now);
    const cardId = await cardDeliveryId(tx, routing.id);
    // Like every action, a line in the card's thread: who created or linked which issue.
    if (entry && cardId !== undefined) {
      await enqueueDeliveries(tx, now, [{ key: `card_log:action:${entry.id}`, kind: 'card_log', target: teamHome(ctx.config, routing.teamId), parentId: cardId, payload: { actor: request.requestedBy.name, kind: request.op === 'create' ? 'create_issue' : 'link_issue', team: ctx.config.teams[routing.teamId]?.name ?? routing.teamId, reason: issue.key, card: await cardSubject(tx, routing.itemId) }, itemId: routing.itemId, routingId: routing.id }]);
    }
    const tracker = ctx.config.teams[routing.teamId]?.tracker;
    if (tracker && issue.state !== 'open' && updated) {
      const [current] = await tx.select().from(routings).where(eq(routings.id, routing.id));
      if (current) await settleRouting(tx, ctx, { row: updated, routing: current, issue, previous: 'open', tracker: trackerSettings(tracker) });
    }
    ctx.logger.info({ routingId: routing.id, issue: issue.key, op: request.op }, 'tracker issue recorded');
    return { status: 'recorded' as const, key: issue.key };
  });
}
