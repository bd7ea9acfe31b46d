import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { DeliveryPlatform } from '../db/schema/delivery.js';

export interface ClaimedRow {
  id: number;
  key: string;
  kind: string;
  platform: DeliveryPlatform;
  channel_id: string;
  thread_id: string | null;
  routing_id: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  parent_message_id: string | null;
  edits_message_id: string | null;
  /** Until when this claim is ours: after that another worker may take the delivery. */
  locked_until: Date;
}

/** How many deliveries of one channel a claim takes at most, per platform: about ten seconds of its pace. */
export type LaneCaps = Record<DeliveryPlatform, number>;

/** Serialises claims across workers (claims are one short statement each), so a channel has one owner at a time. */
const CLAIM_LOCK = 0x6c7a_6f62; // "lzob"

/**
 * Claims due deliveries for this worker, whole channels at a time: a channel with a delivery on its way (any worker's,
 * lease still running) is left alone, so one channel's deliveries go out in order from one worker while every other
 * channel goes on. SKIP LOCKED and the lease return a delivery to the pool if its worker dies mid-send. A reply waits
 * until its parent has been sent (it needs the parent's message reference), an update until the message it edits exists.
 *
 * A combined card's thread takes its cards at the channel's pace for minutes. Everything else the channel gets (a new
 * card, an update after an action, a card's log, a reply) goes first, and the thread's cards are claimed one at a time
 * when nothing else of the channel is due: whatever comes up meanwhile waits for at most the one thread card in hand.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number, caps?: LaneCaps): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  const cap = (platform: DeliveryPlatform) => caps?.[platform] ?? limit;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
    return tx.execute<ClaimedRow & Record<string, unknown>>(sql`
      with busy as (
        select distinct platform, channel_id from deliveries where status = 'sending' and locked_until >= ${at}
      ), due as (
        select d.id, d.platform, d.next_attempt_at, coalesce(d.kind = 'card' and p.kind = 'card_burst', false) as in_burst_thread,
          row_number() over (partition by d.platform, d.channel_id order by coalesce(d.kind = 'card' and p.kind = 'card_burst', false), d.next_attempt_at, d.id) as n
        from deliveries d
        left join deliveries p on p.id = d.parent_id
        left join deliveries e on e.id = d.edits_id
        where ((d.status = 'pending' and d.next_attempt_at <= ${at}) or (d.status = 'sending' and d.locked_until < ${at}))
          and (d.parent_id is null or p.status = 'sent')
          and (d.edits_id is null or e.status = 'sent')
          and not exists (select 1 from busy b where b.platform = d.platform and b.channel_id = d.channel_id)
      ), picked as (
        select id from due
        where n <= case platform when 'slack' then ${cap('slack')}::int when 'discord' then ${cap('discord')}::int when 'console' then ${cap('console')}::int
          when 'tracker' then ${cap('tracker')}::int else ${cap('webhook')}::int end
          -- A burst's thread card only when nothing else of its channel is due, one at a time (see above).
          and (not in_burst_thread or n = 1)
        order by next_attempt_at, id
        limit ${limit}
      ), locked as (
        select d.id from deliveries d where d.id in (select id from picked) for update of d skip locked
      )
      update deliveries d set status = 'sending', attempts = d.attempts + 1, locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}
      from locked where d.id = locked.id
      returning d.id, d.key, d.kind, d.platform, d.channel_id, d.thread_id, d.routing_id, d.payload, d.attempts, d.locked_until,
        (select message_id from deliveries p where p.id = d.parent_id) as parent_message_id,
        (select message_id from deliveries e where e.id = d.edits_id) as edits_message_id`);
  });
  return rows
    .map((r) => ({ ...r, id: Number(r.id), routing_id: r.routing_id === null ? null : Number(r.routing_id), attempts: Number(r.attempts), locked_until: new Date(r.locked_until as unknown as string) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * The rows of a batch statement, as typed arrays. `unnest` of parameters is estimated at a few rows, so the planner
 * looks each delivery up by its key; a JSON record set (estimated at 100) made it scan the table once per record.
 */
const bigints = (values: number[]) => sql`${sql.param(values)}::bigint[]`;
const ints = (values: number[]) => sql`${sql.param(values)}::int[]`;
const texts = (values: string[]) => sql`${sql.param(values)}::text[]`;

/** Settles many sent deliveries in one statement; as with markSent, only the claim's own attempt counts. */
export async function markSentMany(db: Db, sent: { id: number; attempt: number; messageId: string }[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  await db.execute(sql`update deliveries d set status = 'sent', message_id = x.message_id, sent_at = ${now.toISOString()}, locked_until = null, last_error = null
    from unnest(${bigints(sent.map((s) => s.id))}, ${ints(sent.map((s) => s.attempt))}, ${texts(sent.map((s) => s.messageId))}) as x(id, attempt, message_id)
    where d.id = x.id and d.attempts = x.attempt and d.status = 'sending'`);
}

/**
 * Extends the lease on deliveries this worker still holds (same attempt, still sending), so that a slow channel's
 * queue is not taken over mid-batch by another worker. Returns the ids still held: a row missing from the answer
 * was taken back after its lease ran out, and its new holder sends it.
 */
export async function renewLease(db: Db, held: { id: number; attempts: number }[], until: Date): Promise<Set<number>> {
  if (held.length === 0) return new Set();
  const rows = await db.execute<{ id: number | string }>(sql`
    update deliveries d set locked_until = ${until.toISOString()}
    from unnest(${bigints(held.map((h) => h.id))}, ${ints(held.map((h) => h.attempts))}) as h(id, attempts)
    where d.id = h.id and d.attempts = h.attempts and d.status = 'sending'
    returning d.id`);
  return new Set(rows.map((r) => Number(r.id)));
}

/** Only the worker holding the claim (same attempt) may settle it: a stale worker's late answer is ignored. */
export async function markSent(db: Db, id: number, attempt: number, messageId: string, now: Date): Promise<void> {
  await db.execute(sql`update deliveries set status = 'sent', message_id = ${messageId}, sent_at = ${now.toISOString()}, locked_until = null, last_error = null
    where id = ${id} and attempts = ${attempt} and status = 'sending'`);
}

export async function markRetry(db: Db, id: number, attempt: number, nextAttemptAt: Date, error: string): Promise<void> {
  await db.execute(sql`update deliveries set status = 'pending', next_attempt_at = ${nextAttemptAt.toISOString()}, locked_until = null, last_error = ${error}
    where id = ${id} and attempts = ${attempt} and status = 'sending'`);
}

/** Gives claimed deliveries back for later without counting the attempt against them (nothing was tried). */
export async function markRetryMany(db: Db, rows: { id: number; attempt: number }[], nextAttemptAt: Date, error: string): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`update deliveries d set status = 'pending', next_attempt_at = ${nextAttemptAt.toISOString()}, locked_until = null, last_error = ${error}, attempts = d.attempts - 1
    from unnest(${bigints(rows.map((r) => r.id))}, ${ints(rows.map((r) => r.attempt))}) as x(id, attempt)
    where d.id = x.id and d.attempts = x.attempt and d.status = 'sending'`);
}

export async function markFailed(db: Db, id: number, attempt: number, error: string): Promise<void> {
  await db.execute(sql`update deliveries set status = 'failed', locked_until = null, last_error = ${error}
    where id = ${id} and attempts = ${attempt} and status = 'sending'`);
}

/** Replies and updates whose parent will never be sent cannot be sent either; say so instead of waiting forever. */
export async function skipOrphans(db: Db): Promise<number> {
  const rows = await db.execute(sql`
    update deliveries d set status = 'skipped', last_error = 'the message it depends on was not sent'
    from deliveries p
    where d.status = 'pending' and p.id = coalesce(d.parent_id, d.edits_id) and p.status in ('failed', 'skipped')
      -- A card in a combined card's thread is not lost with it: condensing gives it back to the channel.
      and (p.kind <> 'card_burst' or d.kind <> 'card')
    returning d.id`);
  return rows.length;
}

/** Figures for /metrics and /readyz. */
export async function outboxDepth(db: Db, now: Date): Promise<{ pending: number; due: number; failed: number; oldestDueMs: number }> {
  const [row] = await db.execute<Record<string, unknown>>(sql`
    select count(*) filter (where status in ('pending', 'sending')) as pending,
      count(*) filter (where status = 'pending' and next_attempt_at <= ${now.toISOString()}) as due,
      count(*) filter (where status = 'failed') as failed,
      coalesce(extract(epoch from ${now.toISOString()}::timestamptz - min(next_attempt_at) filter (where status = 'pending')) * 1000, 0) as oldest
    from deliveries where status in ('pending', 'sending', 'failed')`);
  return { pending: Number(row?.pending ?? 0), due: Number(row?.due ?? 0), failed: Number(row?.failed ?? 0), oldestDueMs: Math.max(0, Number(row?.oldest ?? 0)) };
}
