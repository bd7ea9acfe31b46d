import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_BATCH, GroupCommit, WRITE_DEADLINE_MS } from '../../src/core/capture/group-commit.js';
import { CAPTURE_FIELDS, type CaptureRow } from '../../src/core/capture/insert-capture.js';
import { DatabaseUnavailable } from '../../src/db/availability.js';
import type { Db } from '../../src/db/client.js';

function row(id: string): CaptureRow {
  const at = new Date('2026-03-02T10:00:00Z');
  return {
    source: { id: 1, communityId: 'gardeners' },
    author: { platform: 'webhook', id: `author-${id}`, name: 'Kim' },
    message: { platform: 'webhook', channelId: 'forum', id, text: 'The export crashes', postedAt: at },
    via: 'webhook',
    classification: { category: 'bug', confidence: 0.9, sentiment: 'negative', urgency: 'normal', detail: {} as CaptureRow['classification']['detail'] },
    ledger: { via: 'system', actor: { platform: 'webhook', id: `author-${id}`, name: 'Kim' } },
    plan: [],
    now: at,
  };
}

/** The captures of the capture statement's parameter (each an array of values, see CAPTURE_FIELDS), by name. */
function captures(json: string): { n: number; message_id: string }[] {
  return (JSON.parse(json) as unknown[][]).map((values) => Object.fromEntries(CAPTURE_FIELDS.map((name, i) => [name, values[i]])) as { n: number; message_id: string });
}

/**
 * A database that never answers a statement (what postgres.js does with some statements on a connection that died
 * under them) until `answerAgain()`; from then on it stores each capture as item 100, 101...
 */
function databaseThatLosesStatements(): { db: Db; answerAgain(): void } {
  let answering = false;
  let item = 100;
  const unsafe = (_text: string, [json]: [string]) => {
    if (!answering) return new Promise(() => {});
    const batch = captures(json);
    return Promise.resolve(batch.map((r) => ({ n: r.n, item_id: String(item++), routings: [] })));
  };
  return { db: { $client: { unsafe } } as unknown as Db, answerAgain: () => void (answering = true) };
}

/** A database that stores every batch as soon as `commit()` is called, and says which batches it was sent. */
function databaseThatCommitsOnCue(): { db: Db; sent: number[][]; commit(): void } {
  const sent: number[][] = [];
  const waiting: (() => void)[] = [];
  let item = 100;
  const unsafe = (_text: string, [json]: [string]) => {
    const batch = captures(json);
    sent.push(batch.map((r) => Number(r.message_id)));
    return new Promise((resolve) => waiting.push(() => resolve(batch.map((r) => ({ n: r.n, item_id: String(item++), routings: [] })))));
  };
  return { db: { $client: { unsafe } } as unknown as Db, sent, commit: () => waiting.splice(0).forEach((answer) => answer()) };
}

/** Captures arriving one turn of the event loop apart, so that each leaves in a batch of its own while slots are free. */
async function oneByOne(writer: GroupCommit, ids: string[]): Promise<Promise<unknown>[]> {
  const inserts: Promise<unknown>[] = [];
  for (const id of ids) {
    inserts.push(writer.insert(row(id)));
    await vi.advanceTimersByTimeAsync(1);
  }
  return inserts;
}

describe('group commit when the database never answers a statement', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses the captures of an unanswered statement as "database unavailable" and frees its slot, so later captures are stored', async () => {
    vi.useFakeTimers();
    const database = databaseThatLosesStatements();
    const writer = new GroupCommit(database.db);
    // More captures than there are slots: every slot is held by a lost statement, and the rest wait behind them.
    const outcomes = Promise.allSettled(await oneByOne(writer, ['lost-0', 'lost-1', 'lost-2', 'lost-3', 'lost-4']));
    await vi.advanceTimersByTimeAsync(3 * WRITE_DEADLINE_MS);
    const settled = await outcomes;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(DatabaseUnavailable);

    // Once more, then the database answers again.
    const more = Promise.allSettled(await oneByOne(writer, ['also-lost-0', 'also-lost-1', 'also-lost-2']));
    await vi.advanceTimersByTimeAsync(3 * WRITE_DEADLINE_MS);
    expect((await more).every((s) => s.status === 'rejected')).toBe(true);

    database.answerAgain();
    const stored = writer.insert(row('after'));
    await vi.advanceTimersByTimeAsync(1);
    await expect(stored).resolves.toEqual({ created: true, itemId: 100, routings: [] });
  });
});

describe('group commit of captures started together', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends each EARLY_BATCH at once while a slot is free, so the database writes them while the rest are still being prepared', async () => {
    vi.useFakeTimers();
    const database = databaseThatCommitsOnCue();
    const writer = new GroupCommit(database.db);
    const count = 2 * EARLY_BATCH + 3;
    const inserts = Array.from({ length: count }, (_, i) => writer.insert(row(String(i))));
    // Still in the same turn, each batch left as soon as it was full, in order; with both slots busy, the last
    // three wait for a commit, then leave together.
    expect(database.sent).toEqual([Array.from({ length: EARLY_BATCH }, (_, i) => i), Array.from({ length: EARLY_BATCH }, (_, i) => EARLY_BATCH + i)]);
    await vi.advanceTimersByTimeAsync(1);
    expect(database.sent.map((b) => b.length)).toEqual([EARLY_BATCH, EARLY_BATCH]);
    let answered = 0;
    inserts.forEach((insert) => void insert.then(() => (answered += 1)));
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(0);
    database.commit();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(2 * EARLY_BATCH);
    expect(database.sent.map((b) => b.length)).toEqual([EARLY_BATCH, EARLY_BATCH, 3]);
    database.commit();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(count);
    expect((await Promise.all(inserts)).map((r) => (r as { itemId: number }).itemId)).toEqual(Array.from({ length: count }, (_, i) => 100 + i));
  });
});
