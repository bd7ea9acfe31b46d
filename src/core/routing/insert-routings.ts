import type { Tx } from '../../db/client.js';
import { routings } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome } from '../outbox.js';
import { dueTimes } from '../sla/due-times.js';
import type { PlannedRouting } from './plan-routing.js';

/** Routings and their cards, in the caller's transaction, for an item that is already stored (a pass-on, an escalation). */
export async function insertRoutings(tx: Tx, ctx: Context, itemId: number, communityId: string, planned: PlannedRouting[], now: Date, extra: { priority?: 'normal' | 'high' | 'urgent'; passedFromId?: number; hops?: number } = {}) {
  if (planned.length === 0) return [];
  const priority = extra.priority ?? 'normal';
  const rows = await tx
    .insert(routings)
    .values(planned.map((p) => ({ itemId, teamId: p.team, reason: p.reason, priority, passedFromId: extra.passedFromId, hops: extra.hops ?? 0, ...dueTimes(ctx.config, p.team, communityId, priority, now), createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: [routings.itemId, routings.teamId] })
    .returning({ id: routings.id, team: routings.teamId });
  await enqueueDeliveries(tx, now, rows.map((r) => ({ key: `card:routing:${r.id}`, kind: 'card', target: teamHome(ctx.config, r.team), payload: {}, itemId, routingId: r.id })));
  return rows;
}
