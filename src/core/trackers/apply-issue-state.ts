import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { trackerSettings } from '../../config/tracker-schema.js';
import { routings, trackerIssues } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { parseInput } from '../parse-input.js';
import { bumpCard } from './enqueue-issue-request.js';
import { IssueFacts, TrackerKind } from './issue-link.js';
import { settleRouting } from './settle-routing.js';

export const ApplyIssueStateInput = z.object({ team: z.string(), tracker: TrackerKind, issue: IssueFacts });
export type ApplyIssueStateInput = z.input<typeof ApplyIssueStateInput>;

export interface ApplyIssueStateResult {
  /** `unknown`: no routing is linked to this issue; `stale`: Liaison already holds this state or a later one. */
  status: 'applied' | 'unknown' | 'stale';
  /** The routings whose state changed, and how. */
  changed: { routingId: number; kind: string }[];
}

/**
 * A tracker's webhook said an issue changed. Each routing linked to it takes the new state, once: a change no newer
 * than the one already applied (the same webhook again, or a close arriving after a later reopen) changes nothing.
 */
export async function applyIssueState(ctx: Context, raw: ApplyIssueStateInput): Promise<ApplyIssueStateResult> {
  const { team, tracker, issue } = parseInput(ApplyIssueStateInput, raw);
  const settings = ctx.config.teams[team]?.tracker;
  const linked = await ctx.db
    .select({ id: trackerIssues.id, routingId: trackerIssues.routingId })
    .from(trackerIssues)
    .where(and(eq(trackerIssues.teamId, team), eq(trackerIssues.tracker, tracker), eq(trackerIssues.status, 'linked'), or(eq(trackerIssues.issueId, issue.id), sql`lower(${trackerIssues.issueKey}) = lower(${issue.key})`)));
  if (linked.length === 0 || !settings) {
    ctx.logger.info({ team, tracker, issue: issue.key }, 'tracker webhook about an issue Liaison has not linked: ignored');
    return { status: 'unknown', changed: [] };
  }
  const now = ctx.clock.now();
  const changed: ApplyIssueStateResult['changed'] = [];
  let applied = false;
  for (const link of linked) {
    await ctx.db.transaction(async (tx) => {
      // Routing first, as every other writer locks it, then its issue row.
      const [routing] = await tx.select().from(routings).where(eq(routings.id, link.routingId)).for('update');
      const [row] = await tx.select().from(trackerIssues).where(eq(trackerIssues.id, link.id)).for('update');
      if (!routing || !row || (row.remoteUpdatedAt && issue.updatedAt <= row.remoteUpdatedAt)) return;
      applied = true;
      const [updated] = await tx
        .update(trackerIssues)
        .set({ state: issue.state, stateLabel: issue.stateLabel, title: issue.title, url: issue.url, issueKey: issue.key, issueId: issue.id, public: issue.public, remoteUpdatedAt: issue.updatedAt, updatedAt: now })
        .where(eq(trackerIssues.id, row.id))
        .returning();
      const result = updated && (await settleRouting(tx, ctx, { row: updated, routing, issue, previous: row.state, tracker: trackerSettings(settings) }));
      if (result?.status === 'recorded') changed.push({ routingId: routing.id, kind: issue.state === 'completed' ? 'resolve' : issue.state === 'not_planned' ? 'decline' : 'reopen' });
      // No action to redraw it, but the card shows the issue's state: redraw it for that.
      else if (row.stateLabel !== issue.stateLabel || row.state !== issue.state) await bumpCard(tx, ctx, routing, now);
    });
  }
  ctx.logger.info({ team, tracker, issue: issue.key, state: issue.state, changed }, applied ? 'tracker issue state applied' : 'tracker issue state already known');
  return { status: applied ? 'applied' : 'stale', changed };
}
