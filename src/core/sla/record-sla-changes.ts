import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { routings, slaEvents } from '../../db/schema/index.js';
import { enqueueCardRefresh } from '../actions/card-refresh.js';
import type { Context } from '../context.js';
import type { AttentionRow } from './attention.js';

export interface SlaChange {
  routingId: number;
  from: string;
  to: string;
  target: 'acknowledge' | 'resolve';
  dueAt: Date;
}

/**
 * Writes each change of SLA state once: on the routing (the state now) and in sla_events (the history, unique per
 * routing, target, due time and state). A new deadline in the same bad state counts as a change; a new deadline
 * that is on track does not. A routing turning at risk or breached gets its card redrawn, since nothing else would.
 */
export async function recordSlaChanges(tx: Tx, ctx: Context, rows: AttentionRow[], now: Date): Promise<SlaChange[]> {
  const changes: SlaChange[] = [];
  for (const row of rows) {
    const { routing, sla } = row;
    if (!sla.target || !sla.dueAt || sla.state === 'none') continue;
    const sameDeadline = routing.slaStateDueAt?.getTime() === sla.dueAt.getTime();
    if (sla.state === routing.slaState && (sla.state === 'on_track' || sameDeadline)) continue;
    const redraw = sla.state === 'at_risk' || sla.state === 'breached';
    const [updated] = await tx
      .update(routings)
      .set({ slaState: sla.state, slaStateDueAt: sla.dueAt, version: redraw ? sql`${routings.version} + 1` : undefined })
      .where(eq(routings.id, routing.id))
      .returning({ version: routings.version });
    const inserted = await tx
      .insert(slaEvents)
      .values({ routingId: routing.id, itemId: routing.itemId, teamId: routing.teamId, target: sla.target, dueAt: sla.dueAt, fromState: routing.slaState, state: sla.state, at: now })
      .onConflictDoNothing()
      .returning({ id: slaEvents.id });
    if (redraw && updated) await enqueueCardRefresh(tx, ctx, { ...routing, version: updated.version }, now);
    if (inserted.length > 0) changes.push({ routingId: routing.id, from: routing.slaState, to: sla.state, target: sla.target, dueAt: sla.dueAt });
  }
  if (changes.length > 0) ctx.logger.info({ changes: changes.map((c) => `${c.routingId}:${c.from}->${c.to}`) }, 'sla states changed');
  return changes;
}
