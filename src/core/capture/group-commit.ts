import { isDatabaseUnavailable, withinDeadline } from '../../db/availability.js';
import type { Db } from '../../db/client.js';
import { insertCapture, insertCaptures, type CaptureInsert, type CaptureRow } from './insert-capture.js';

/** Captures one transaction takes at most; more wait for the next. */
const MAX_BATCH = 64;
/**
 * Transactions in flight at once. Two let this process prepare one batch while the server writes the other; more
 * only split the same captures into smaller batches, and a batch's fixed cost (its round trip, statement and
 * commit: more than five captures' share of a full batch) is then paid more often (`npm run bench -- capture`).
 */
const IN_FLIGHT = 2;
/**
 * How long a batch may hold its slot. A statement the database (or the driver, on a connection that died) never
 * answers would otherwise hold it for ever, and with every slot held no capture is stored again until a restart.
 * Past this its captures are refused as "database unavailable" (the intake answers 503; a resend is harmless, even
 * if the statement commits later) and the slot is free. Well above the statement's normal milliseconds.
 */
export const WRITE_DEADLINE_MS = 10_000;
/**
 * With a slot free, this many queued captures leave at once instead of at the end of the turn. Callers answered
 * together (a commit answers its whole batch in one turn) come back together, and this process spends most of a
 * millisecond on each before it queues again (classification, routing): were they all to wait for the end of the
 * turn, the server would sit idle while this process prepared the next batch, then this process while the server
 * wrote it. Leaving in halves, the server writes one while this process prepares the other. At 16 captures at once
 * this took `npm run bench -- capture` from 152 to 198 items/s under a load average of 15–18 (batches of 8 instead
 * of 16: more statements, but no longer one side waiting for the other).
 */
export const EARLY_BATCH = 8;

interface Waiting { row: CaptureRow; resolve: (result: CaptureInsert) => void; reject: (error: unknown) => void }

/**
 * Group commit for captures: captures that arrive in the same turn of the event loop (up to EARLY_BATCH of them
 * while a slot is free), or while IN_FLIGHT batches are being written, queue up and then share one statement (one
 * round trip, one commit; see insertCaptures). Each caller is answered only once that statement has committed, so
 * "stored before 202" holds. If a shared statement fails, each of its captures is tried again on its own, so one
 * bad capture never takes the others down with it.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private pumpScheduled = false;

  constructor(private readonly db: Db) {}

  insert(row: CaptureRow): Promise<CaptureInsert> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= EARLY_BATCH && this.inFlight < IN_FLIGHT) this.pump();
      else this.schedulePump();
    });
  }

  /**
   * Captures started in the same turn of the event loop (the callers a commit just answered, a burst of requests
   * read together) arrive one microtask after another: they leave together, at the end of that turn, instead of the
   * first alone and the rest behind it. The wait is at most one turn.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.schedulePump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await withinDeadline(insertCaptures(this.db.$client, batch.map((w) => w.row)), WRITE_DEADLINE_MS, 'capture');
        batch.forEach((w, i) => w.resolve(results[i] as CaptureInsert));
        return;
      } catch (error) {
        // The database cannot take it now: trying each capture alone would only wait again.
        if (isDatabaseUnavailable(error)) return batch.forEach((w) => w.reject(error));
        // Otherwise fall through: one by one, each in its own transaction, each with its own outcome.
      }
    }
    await Promise.all(batch.map(async (w) => {
      try {
        w.resolve(await withinDeadline(insertWithRetry(this.db, w.row), WRITE_DEADLINE_MS, 'capture'));
      } catch (error) {
        w.reject(error);
      }
    }));
  }
}

/** Two first messages by a new author at once: the loser of the identity race tries again and finds the author. */
async function insertWithRetry(db: Db, row: CaptureRow): Promise<CaptureInsert> {
  try {
    return await insertCapture(db, row);
  } catch (error) {
    // 23502: the author's identity was being created by a concurrent capture, so this statement found none. (An
    // unknown source or team gives it too, see insert-capture.ts: it fails the same way again.)
    if ((error as { code?: string }).code !== '23502') throw error;
    return insertCapture(db, row);
  }
}

const writers = new WeakMap<Db, GroupCommit>();

/** The group committer of a database handle: every capture through it shares its batches. */
export function groupCommitFor(db: Db): GroupCommit {
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupCommit(db);
    writers.set(db, writer);
  }
  return writer;
}
