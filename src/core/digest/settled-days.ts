import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Context } from '../context.js';
import { cacheKey, computeInSnapshot, forgetStale, keep, raiseHorizon, type Covers } from './closed-period-cache.js';
import { dayContaining } from './period.js';
import type { Scope } from './scope.js';

/** What one span's figures are as of a moment, and until when they stay so (see SpanParts.stableUntil). */
export interface Judged<T> {
  value: T;
  stableUntil: number | null;
}

interface Kept<T> {
  asOf: number;
  stableUntil: number | null;
  value: T;
}

/** Days computed at once on a cold start: enough to use the pool, few enough to leave connections to the bot. */
const AT_ONCE = 4;

/**
 * A running period's figures in pieces that add up: each local day of it that is over, judged as of `asOf` (just
 * after now), and the day still running, computed fresh. A day's piece is kept in `report_cache` and used again
 * while nothing it read has changed (the same change log as core/digest/closed-period-cache.ts: any write to an
 * item, routing or action of that day spoils it) and while `asOf` has not passed the first moment its figures
 * compare with "now" (a due time, an undo, an answer recorded ahead of the clock: `stableUntil`). So a leader's
 * Impact page for the quarter reads ninety kept days and computes one, and its numbers are still those of one
 * query over the whole period (tests/impact/settled-days.test.ts holds them to it).
 */
export async function settledDayFigures<T>(
  ctx: Context,
  unit: { kind: string; span: Covers; timezone: string; scope: Scope },
  compute: (db: DbOrTx, span: Covers, asOf: Date, keeping: boolean) => Promise<Judged<T>>,
): Promise<T[]> {
  const asOf = unit.span.end;
  const today = dayContaining(ctx.clock.now(), unit.timezone).start;
  const days: Covers[] = [];
  for (let day = dayContaining(unit.span.start, unit.timezone); day.end <= today && day.start < asOf; day = dayContaining(day.end, unit.timezone)) {
    days.push({ start: new Date(Math.max(day.start.getTime(), unit.span.start.getTime())), end: day.end });
  }
  const tailStart = days.at(-1)?.end ?? unit.span.start;
  // Today is never kept, so how long its figures would hold is not asked.
  const tail = tailStart < asOf ? compute(ctx.db, { start: tailStart, end: asOf }, asOf, false).then((t) => t.value) : undefined;
  // Awaited below; should the kept days fail first, today's failure must not surface as an unhandled rejection.
  tail?.catch(() => {});
  const settled = days.length === 0 ? [] : await keptDays(ctx, unit, days, asOf, compute);
  return tail ? [...settled, await tail] : settled;
}

async function keptDays<T>(
  ctx: Context,
  unit: { kind: string; scope: Scope },
  days: Covers[],
  asOf: Date,
  compute: (db: DbOrTx, span: Covers, asOf: Date, keeping: boolean) => Promise<Judged<T>>,
): Promise<T[]> {
  const at = asOf.getTime();
  const keys = days.map((day) => cacheKey(ctx.config, { kind: `${unit.kind}@day`, key: day.start.toISOString(), covers: day, scope: unit.scope }));
  const kept = await readKept<T>(ctx.db, keys);
  const found = new Map([...kept].filter(([, k]) => k.asOf <= at && (k.stableUntil === null || at <= k.stableUntil)).map(([key, k]) => [key, k.value]));
  const missing = days.map((day, i) => ({ day, key: keys[i] as string })).filter((d) => !found.has(d.key));
  if (missing.length === 0) return keys.map((k) => found.get(k) as T);
  // The triggers must record changes to these days before their figures are read; on a busy moment they are not kept.
  const keeping = await raiseHorizon(ctx.db, (days.at(-1) as Covers).end);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, missing.length) }, async () => {
    while (next < missing.length) {
      const { day, key } = missing[next++] as { day: Covers; key: string };
      if (!keeping) {
        found.set(key, (await compute(ctx.db, day, asOf, false)).value);
        continue;
      }
      const { snapshot, value } = await computeInSnapshot(ctx.db, (tx) => compute(tx, day, asOf, true));
      await keep(ctx.db, key, day, snapshot, { asOf: at, stableUntil: value.stableUntil, value: value.value } satisfies Kept<T>);
      found.set(key, value.value);
    }
  }));
  if (keeping) await forgetStale(ctx.db);
  return keys.map((k) => found.get(k) as T);
}

/** Entries read before, by database: a day's parts of a quarter weigh tens of kilobytes, and are read on every visit. */
const held = new WeakMap<Db, Map<string, { stamp: string; kept: Kept<unknown> }>>();
const HELD_MAX = 400;
/**
 * Payloads crossing the wire right now, by entry and stamp: a visit arriving while the web app's warm-up (or another
 * visit) reads the same days waits for that read instead of fetching and parsing the same megabytes again.
 */
const reading = new WeakMap<Db, Map<string, Promise<Kept<unknown> | undefined>>>();

const fresh = sql`not exists (select 1 from report_changes ch where ch.touched && c.covers and not pg_visible_in_snapshot(ch.xid, c.snapshot))`;

/**
 * The entries for these keys that no change has spoilt. Their stamps (when computed, in which snapshot) are read
 * first; a payload crosses the wire only when this process does not already hold, or is not already reading, that
 * very entry.
 */
async function readKept<T>(db: Db, keys: string[]): Promise<Map<string, Kept<T>>> {
  const mine = held.get(db) ?? new Map<string, { stamp: string; kept: Kept<unknown> }>();
  held.set(db, mine);
  const underway = reading.get(db) ?? new Map<string, Promise<Kept<unknown> | undefined>>();
  reading.set(db, underway);
  const stamps = await db.execute<{ key: string; stamp: string }>(sql`
    select c.key, c.computed_at::text || ' ' || c.snapshot::text as stamp from report_cache c where c.key in ${keys} and ${fresh}`);
  const out = new Map<string, Kept<T>>();
  const wanted: { key: string; entry: string }[] = [];
  for (const { key, stamp } of stamps) {
    const known = mine.get(key);
    if (known?.stamp === stamp) out.set(key, known.kept as Kept<T>);
    else wanted.push({ key, entry: `${key} ${stamp}` });
  }
  if (wanted.length === 0) return out;
  const toFetch = wanted.filter((w) => !underway.has(w.entry));
  if (toFetch.length > 0) {
    const rows = db.execute<{ key: string; stamp: string; payload: Kept<T> }>(sql`
      select c.key, c.computed_at::text || ' ' || c.snapshot::text as stamp, c.payload from report_cache c where c.key in ${toFetch.map((w) => w.key)} and ${fresh}`)
      .then((found) => new Map(found.map((row) => [row.key, row])));
    for (const { key, entry } of toFetch) {
      const one = rows.then((found) => {
        const row = found.get(key);
        if (!row) return undefined;
        mine.delete(key);
        mine.set(key, { stamp: row.stamp, kept: row.payload });
        return row.payload as Kept<unknown>;
      }).finally(() => underway.delete(entry));
      underway.set(entry, one);
    }
  }
  const read = await Promise.all(wanted.map((w) => underway.get(w.entry) as Promise<Kept<unknown> | undefined>));
  wanted.forEach((w, i) => {
    const kept = read[i];
    if (kept) out.set(w.key, kept as Kept<T>);
  });
  // The oldest read go first.
  for (const key of mine.keys()) {
    if (mine.size <= HELD_MAX) break;
    mine.delete(key);
  }
  return out;
}
