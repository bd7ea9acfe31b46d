import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { routings, trackerIssues } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { enqueueDeliveries } from '../outbox.js';
import { parseInput } from '../parse-input.js';
import { bumpCard, teamTracker } from './enqueue-issue-request.js';
import { IssueRequestPayload, trackerPlace } from './issue-link.js';

export const FailIssueRequestInput = z.object({
  request: IssueRequestPayload,
  /** `refused`: the tracker said no (a token without permission, a bad label); `not_found`: no such issue to link; `gave_up`: it kept failing. */
  code: z.enum(['refused', 'not_found', 'gave_up']),
  /** The tracker's own explanation, shown to the person who asked. */
  reason: z.string().max(1000),
});
export type FailIssueRequestInput = z.input<typeof FailIssueRequestInput>;

/**
 * The tracker refused a create or a link, or kept failing until it was given up on. The card offers the buttons
 * again, and the person who pressed it is told why, privately. Nothing is retried after this.
 */
export async function failIssueRequest(ctx: Context, raw: FailIssueRequestInput): Promise<void> {
  const { request, code, reason } = parseInput(FailIssueRequestInput, raw);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [routing] = await tx.select().from(routings).where(eq(routings.id, request.routingId)).for('update');
    const [row] = await tx.select().from(trackerIssues).where(eq(trackerIssues.routingId, request.routingId)).for('update');
    // A later request (or a success) has taken over: this failure is old news.
    if (!routing || !row || row.status !== 'pending' || row.requests !== request.request) return;
    await tx.update(trackerIssues).set({ status: 'failed', lastError: reason, updatedAt: now }).where(eq(trackerIssues.id, row.id));
    await bumpCard(tx, ctx, routing, now);
    const { notify } = request;
    if (!notify) return;
    const tracker = teamTracker(ctx, routing.teamId);
    await enqueueDeliveries(tx, now, [{
      key: `notice:tracker:${request.op}:routing:${routing.id}:${request.request}`,
      kind: 'notice',
      target: { platform: notify.platform, channelId: notify.channelId },
      payload: { code: request.op === 'create' ? 'issue_not_created' : 'issue_not_linked', cause: code, userId: notify.userId, itemId: routing.itemId, tracker: tracker.kind, place: trackerPlace(tracker), ref: request.ref, reason, interaction: notify.interaction },
      itemId: routing.itemId,
      routingId: routing.id,
    }]);
  });
  ctx.logger.warn({ routingId: request.routingId, op: request.op, code, reason }, 'tracker issue request failed');
}
