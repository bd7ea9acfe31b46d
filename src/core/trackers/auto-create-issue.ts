import { eq } from 'drizzle-orm';
import { trackerSettings } from '../../config/tracker-schema.js';
import type { Tx } from '../../db/client.js';
import { trackerIssues, type routings } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import type { Context } from '../context.js';
import { teamHome } from '../outbox.js';
import { enqueueIssueRequest } from './enqueue-issue-request.js';

/**
 * With `createOnTake`, taking a card asks for its issue in the same transaction, unless the card already has one
 * (or one on the way). The person who took it is the one told if the tracker refuses.
 */
export async function autoCreateIssue(tx: Tx, ctx: Context, effect: { routing: typeof routings.$inferSelect; actor: Actor; now: Date }): Promise<void> {
  const tracker = ctx.config.teams[effect.routing.teamId]?.tracker;
  if (!tracker || !trackerSettings(tracker).createOnTake) return;
  const [existing] = await tx.select({ status: trackerIssues.status }).from(trackerIssues).where(eq(trackerIssues.routingId, effect.routing.id));
  if (existing && existing.status !== 'failed') return;
  const home = teamHome(ctx.config, effect.routing.teamId);
  // Told on the card's channel, privately, when they took it on that platform; from the console, in the console.
  const notify = effect.actor.platform === home.platform ? { platform: home.platform, userId: effect.actor.id, channelId: home.channelId } : effect.actor.platform === 'console' ? { platform: 'console' as const, userId: effect.actor.id, channelId: 'console' } : undefined;
  await enqueueIssueRequest(tx, ctx, { routing: effect.routing, op: 'create', actor: effect.actor, via: 'system', notify, now: effect.now });
}
