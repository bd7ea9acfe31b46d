import type { TrackerSettings } from '../../config/tracker-schema.js';
import type { Db, Tx } from '../../db/client.js';
import type { IssueState, routings, trackerIssues } from '../../db/schema/index.js';
import { isActive } from '../actions/transitions.js';
import type { Context } from '../context.js';
import { isDomainError } from '../errors.js';
import { recordAction, type RecordActionResult } from '../record-action.js';
import type { IssueFacts } from './issue-link.js';
import { trackerActor } from './tracker-actor.js';

/**
 * What an issue's state means for its routing: done resolves it, closed without doing declines it with the
 * tracker's reason, and reopened (after a close) reopens it. The action is the tracker's own, recorded in the
 * caller's transaction with a key per issue change, so the same change applied twice records it once. A routing
 * that has moved on (resolved by a person, passed on) is left as it is.
 */
export async function settleRouting(tx: Tx, ctx: Context, args: { row: typeof trackerIssues.$inferSelect; routing: typeof routings.$inferSelect; issue: IssueFacts; previous: IssueState | null; tracker: TrackerSettings }): Promise<RecordActionResult | undefined> {
  const { row, routing, issue, previous, tracker } = args;
  const kind =
    issue.state === 'completed' && isActive(routing.status) ? 'resolve'
    : issue.state === 'not_planned' && isActive(routing.status) ? 'decline'
    : issue.state === 'open' && previous !== null && previous !== 'open' && (routing.status === 'resolved' || routing.status === 'declined') ? 'reopen'
    : undefined;
  if (!kind) return undefined;
  // recordAction opens a savepoint in this transaction, so the state stored here and the action commit together.
  const inTx: Context = { ...ctx, db: tx as unknown as Db };
  try {
    return await recordAction(inTx, {
      routingId: routing.id,
      kind,
      actor: trackerActor(tracker, routing.teamId),
      via: 'tracker',
      reason: kind === 'decline' ? (issue.reason ?? 'not planned') : undefined,
      issue: { tracker: row.tracker, key: issue.key, url: issue.url, public: issue.public },
      idempotencyKey: `tracker:issue:${row.id}:${issue.updatedAt.toISOString()}:${issue.state}`,
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    ctx.logger.info({ routingId: routing.id, issue: issue.key, code: error.code }, 'tracker change left the routing as it was');
    return undefined;
  }
}
