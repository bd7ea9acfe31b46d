import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ClaimedRow } from './outbox-store.js';

/** Where a reply or an edit really goes when the message it is about is itself a reply (a card in a combined card's thread). */
export interface ReplyThread {
  /** A reply to a reply goes in the same thread: the thread's first message. */
  parentThread: string | null;
  /** The thread the edited message is in (Discord edits a thread's message through the thread). */
  editsThread: string | null;
}

/** One query for the rows that reply to or edit a message; the rest need none. */
export async function replyThreads(db: Db, rows: ClaimedRow[]): Promise<Map<number, ReplyThread>> {
  const ids = rows.filter((r) => r.parent_message_id !== null || r.edits_message_id !== null).map((r) => r.id);
  if (ids.length === 0) return new Map();
  const found = await db.execute<{ id: number | string; parent_thread: string | null; edits_thread: string | null }>(sql`
    select d.id, gp.message_id as parent_thread, ep.message_id as edits_thread
    from deliveries d
    left join deliveries p on p.id = d.parent_id
    left join deliveries gp on gp.id = p.parent_id
    left join deliveries e on e.id = d.edits_id
    left join deliveries ep on ep.id = e.parent_id
    where d.id = any(${sql.param(ids)}::bigint[]) and (gp.message_id is not null or ep.message_id is not null)`);
  return new Map(found.map((r) => [Number(r.id), { parentThread: r.parent_thread, editsThread: r.edits_thread }]));
}
