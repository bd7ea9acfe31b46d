import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit, WRITE_DEADLINE_MS } from '../../src/core/capture/group-commit.js';
import type { CaptureRow } from '../../src/core/capture/insert-capture.js';
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

/**
 * A database whose first `hanging` statements are never answered (what postgres.js does with some statements on a
 * connection that died under them); the later ones store each capture as item 100, 101...
 */
function databaseThatLosesStatements(hanging: number): Db {
  let calls = 0;
  let item = 100;
  const unsafe = (_text: string, [json]: [string]) => {
    calls += 1;
    if (calls <= hanging) return new Promise(() => {});
    const batch = JSON.parse(json) as { n: number }[];
    return Promise.resolve(batch.map((r) => ({ n: r.n, item_id: String(item++), routings: [] })));
  };
  return { $client: { unsafe } } as unknown as Db;
}

describe('group commit when the database never answers a statement', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses the captures of an unanswered statement as "database unavailable" and frees its slot, so later captures are stored', async () => {
    vi.useFakeTimers();
    // Enough lost statements to hold every slot (and the one-by-one retries).
    const writer = new GroupCommit(databaseThatLosesStatements(8));
    const first = Array.from({ length: 4 }, (_, n) => writer.insert(row(`lost-${n}`)));
    const outcomes = Promise.allSettled(first);
    await vi.advanceTimersByTimeAsync(WRITE_DEADLINE_MS + 10);
    const settled = await outcomes;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(DatabaseUnavailable);

    // Four more slots' worth of lost statements, then the database answers again.
    const more = Promise.allSettled(Array.from({ length: 4 }, (_, n) => writer.insert(row(`also-lost-${n}`))));
    await vi.advanceTimersByTimeAsync(WRITE_DEADLINE_MS + 10);
    expect((await more).every((s) => s.status === 'rejected')).toBe(true);

    const stored = writer.insert(row('after'));
    await vi.advanceTimersByTimeAsync(1);
    await expect(stored).resolves.toEqual({ created: true, itemId: 100, routings: [] });
  });
});
