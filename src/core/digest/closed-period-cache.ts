import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { Db, Tx } from '../../db/client.js';
import type { Context } from '../context.js';
import type { Scope } from './scope.js';

/** The span of time a cached figure reads: half-open, like periods. */
export interface Covers {
  start: Date;
  end: Date;
}

/**
 * Figures of a period that is over, computed once and kept in `report_cache` until something they read changes.
 *
 * Why it stays correct: triggers on feedback_items, routings and actions (drizzle/0007) write the moments each
 * change touched to `report_changes` whenever one reaches back before the newest cached period's end (the
 * `report_horizon_ms` sequence). An entry keeps the database snapshot it was computed in, and is used only while
 * no change it could not see touches its span. A change committed while the figures were being computed is not
 * in their snapshot, so it spoils the entry even though it raced; the horizon is raised, and every writer that
 * might have read the old one has finished, before the snapshot is taken. The config's share of the figures
 * (teams, their calendars, the timezone) is part of the key.
 *
 * A period still running (its end after now) is computed fresh, on `ctx.db`; core/digest/settled-days.ts keeps
 * its days that are over.
 */
export async function closedPeriodFigures<T>(
  ctx: Context,
  unit: { kind: string; key: string; covers: Covers; scope: Scope },
  compute: (db: Db | Tx) => Promise<T>,
): Promise<T> {
  if (unit.covers.end.getTime() > ctx.clock.now().getTime()) return compute(ctx.db);
  const key = cacheKey(ctx.config, unit);
  const [hit] = await ctx.db.execute<{ payload: T }>(sql`
    select c.payload from report_cache c
    where c.key = ${key} and not exists (
      select 1 from report_changes ch where ch.touched && c.covers and not pg_visible_in_snapshot(ch.xid, c.snapshot))`);
  if (hit) return hit.payload;
  if (!(await raiseHorizon(ctx.db, unit.covers.end))) return compute(ctx.db);
  const { snapshot, value } = await computeInSnapshot(ctx.db, compute);
  await keep(ctx.db, key, unit.covers, snapshot, value);
  await forgetStale(ctx.db);
  return value;
}

/** Runs report queries in one read-only snapshot, and answers which one (an entry is stale for changes it did not see). */
export async function computeInSnapshot<T>(db: Db, compute: (db: Tx) => Promise<T>): Promise<{ snapshot: string; value: T }> {
  return db.transaction(
    async (tx) => {
      // Report queries over a quarter: JIT compilation costs more than it saves, and sorts should stay in memory.
      await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`set local work_mem = '32MB'`);
      const [row] = await tx.execute<{ snapshot: string }>(sql`select pg_current_snapshot()::text as snapshot`);
      return { snapshot: (row as { snapshot: string }).snapshot, value: await compute(tx) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export async function keep(db: Db, key: string, covers: Covers, snapshot: string, payload: unknown): Promise<void> {
  await db.execute(sql`
    insert into report_cache (key, covers, snapshot, payload) values (${key}, ${rangeOf(covers)}::tstzrange, ${snapshot}::pg_snapshot, ${JSON.stringify(payload)}::jsonb)
    on conflict (key) do update set covers = excluded.covers, snapshot = excluded.snapshot, payload = excluded.payload, computed_at = now()`);
}

export const rangeOf = (covers: Covers) => `[${covers.start.toISOString()},${covers.end.toISOString()})`;

/** What the figures read from the config, so that changing a team's hours or the timezone computes them afresh. */
const fingerprints = new WeakMap<LiaisonConfig, string>();
function configFingerprint(config: LiaisonConfig): string {
  let known = fingerprints.get(config);
  if (!known) {
    known = createHash('sha256').update(JSON.stringify({ timezone: config.timezone, sla: config.sla, teams: config.teams })).digest('hex').slice(0, 16);
    fingerprints.set(config, known);
  }
  return known;
}

export function cacheKey(config: LiaisonConfig, unit: { kind: string; key: string; covers: Covers; scope: Scope }): string {
  return [unit.kind, unit.key, rangeOf(unit.covers), `team=${unit.scope.team ?? ''}`, `community=${unit.scope.community ?? ''}`, configFingerprint(config)].join(' ');
}

/**
 * Makes the triggers record changes reaching back before `end`. Raised under an advisory lock (it only goes up),
 * then a SHARE lock on the three tables waits for writers still running, which may have read the old horizon and
 * so not recorded their change. The lock waits briefly: on a busy moment the figures are computed uncached.
 */
export async function raiseHorizon(db: Db, end: Date): Promise<boolean> {
  const [current] = await db.execute<{ ms: string }>(sql`select last_value::text as ms from report_horizon_ms`);
  if (Number(current?.ms ?? 0) >= end.getTime()) return true;
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '200ms'`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_horizon_ms'))`);
      await tx.execute(sql`select setval('report_horizon_ms', greatest(${end.getTime()}::bigint, (select last_value from report_horizon_ms)))`);
      await tx.execute(sql`lock table feedback_items, routings, actions in share mode`);
    });
    return true;
  } catch (error) {
    // lock_not_available: writers were busy (drizzle wraps the driver's error in its own, with the cause).
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === '55P03') return false;
    throw error;
  }
}

/**
 * Entries spoilt by a change are dropped, and changes every remaining entry has seen (an hour old, longer than any
 * computation runs) are no longer needed.
 */
export async function forgetStale(db: Db): Promise<void> {
  await db.execute(sql`
    delete from report_cache c where exists (
      select 1 from report_changes ch where ch.touched && c.covers and not pg_visible_in_snapshot(ch.xid, c.snapshot))`);
  await db.execute(sql`
    delete from report_changes ch where ch.recorded_at < now() - interval '1 hour'
      and not exists (select 1 from report_cache c where not pg_visible_in_snapshot(ch.xid, c.snapshot))`);
}
