import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { feedbackItems, type routings } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { dueTimes } from '../sla/due-times.js';

/**
 * A reopened routing is open again, so the team owes a first response and then a resolution; both targets run from
 * the moment it was reopened, as for a routing reopened by an escalation or a pass-on. The old ones fell due while
 * everyone thought the item was done, and would page people about it at once.
 */
export async function reopenedTargets(tx: Tx, ctx: Context, routing: typeof routings.$inferSelect, now: Date) {
  const [item] = await tx.select({ communityId: feedbackItems.communityId }).from(feedbackItems).where(eq(feedbackItems.id, routing.itemId));
  return dueTimes(ctx.config, routing.teamId, (item as { communityId: string }).communityId, routing.priority, now);
}
