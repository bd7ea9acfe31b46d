import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { slaEvents } from '../../db/schema/index.js';
import { enqueueCardRefreshes } from '../actions/card-refresh.js';
import type { Context } from '../context.js';
import type { WatchedRow } from './attention.js';

export interface SlaChange {
  routingId: number;
  from: string;
  to: string;
  target: 'acknowledge' | 'resolve';
  dueAt: Date;
}

/** Whether a row's state now differs from the one recorded (a new deadline in the same bad state counts). */
export function stateChanged({ routing, sla }: WatchedRow): boolean {
  if (!sla.target || !sla.dueAt || sla.state === 'none') return false;
  const sameDeadline = routing.slaStateDueAt?.getTime() === sla.dueAt.getTime();
  return !(sla.state === routing.slaState && (sla.state === 'on_track' || sameDeadline));
}

const redraws = (row: WatchedRow) => row.sla.state === 'at_risk' || row.sla.state === 'breached';

/**
 * Writes each change of SLA state once: on the routing (the state now) and in sla_events (the history, unique per
 * routing, target, due time and state). A new deadline in the same bad state counts as a change; a new deadline
 * that is on track does not. A routing turning at risk or breached gets its card redrawn, since nothing else would.
 * A routing someone changed since it was read (its version moved: answered, snoozed, escalated) is left for the next
 * pass, which reads it as it is now, rather than given a state worked out from times it no longer has. One
 * statement of each kind for a whole page: a first pass over a large backlog records thousands of changes.
 */
export async function recordSlaChanges(tx: Tx, ctx: Context, rows: WatchedRow[], now: Date): Promise<SlaChange[]> {
  const changed = rows.filter(stateChanged);
  if (changed.length === 0) return [];
  const wanted = changed.map((row) => ({ id: row.routing.id, version: row.routing.version, state: row.sla.state, due: (row.sla.dueAt as Date).toISOString(), redraw: redraws(row) }));
  const updated = await tx.execute<{ id: string | number; version: number }>(sql`
    update routings r set sla_state = w.state, sla_state_due_at = w.due, version = r.version + case when w.redraw then 1 else 0 end
    from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(id bigint, version int, state text, due timestamptz, redraw boolean)
    where r.id = w.id and r.version = w.version
    returning r.id, r.version`);
  const versions = new Map([...updated].map((u) => [Number(u.id), Number(u.version)]));
  const written = changed.filter((row) => versions.has(row.routing.id));
  if (written.length === 0) return [];
  const inserted = await tx
    .insert(slaEvents)
    .values(written.map(({ routing, sla }) => ({ routingId: routing.id, itemId: routing.itemId, teamId: routing.teamId, target: sla.target as 'acknowledge' | 'resolve', dueAt: sla.dueAt as Date, fromState: routing.slaState, state: sla.state, at: now })))
    .onConflictDoNothing()
    .returning({ routingId: slaEvents.routingId });
  await enqueueCardRefreshes(tx, ctx, written.filter(redraws).map((row) => ({ ...row.routing, version: versions.get(row.routing.id) as number })), now);
  const recorded = new Set(inserted.map((e) => e.routingId));
  const changes = written
    .filter((row) => recorded.has(row.routing.id))
    .map(({ routing, sla }) => ({ routingId: routing.id, from: routing.slaState, to: sla.state, target: sla.target as 'acknowledge' | 'resolve', dueAt: sla.dueAt as Date }));
  if (changes.length > 0) ctx.logger.info({ changes: changes.map((c) => `${c.routingId}:${c.from}->${c.to}`) }, 'sla states changed');
  return changes;
}
