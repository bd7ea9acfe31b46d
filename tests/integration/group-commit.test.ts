import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { EARLY_BATCH } from '../../src/core/capture/group-commit.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('group commit of captures', () => {
  const database = useTestDatabase();

  it('captures arriving together share transactions, and each is stored by the time it is answered', async () => {
    const ctx = await testContext(database.current().db);
    // One first, so that the 40 find their source known and reach the database together rather than one by one.
    await captureFeedback(ctx, discordMessage('The planner crashes on start'));
    const answered = await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      const result = await captureNew(ctx, discordMessage(`Crash number ${i} in the planner`, {}, { id: `a${i % 7}`, name: `author ${i % 7}` }));
      // Read back at once, on whichever pooled connection comes: the commit has happened before the answer.
      const [row] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from routings where item_id = ${result.itemId}`);
      return row?.n;
    }));
    expect(answered.every((n) => n === 1)).toBe(true);
    const [{ items, transactions } = { items: 0, transactions: 0 }] = await ctx.db.execute<{ items: number; transactions: number }>(sql`select count(*)::int as items, count(distinct xmin::text)::int as transactions from feedback_items`);
    expect(items).toBe(41);
    expect(transactions).toBeLessThan(20);
  });

  it('captures started together leave together: the first does not go alone with the others queued behind it', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('The planner crashes on start'));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => captureFeedback(ctx, discordMessage(`Sync fails on device ${i}`))));
    expect(results.every((r) => r.status === 'created')).toBe(true);
    // The first EARLY_BATCH leave as soon as they are ready, the rest at the end of the same turn.
    const transactions = await ctx.db.execute<{ items: number }>(sql`
      select count(*)::int as items from feedback_items where text like 'Sync fails on device %' group by xmin::text order by 1 desc`);
    expect(transactions.map((t) => t.items)).toEqual([EARLY_BATCH, 10 - EARLY_BATCH]);
  });

  it('the same message arriving several times among others at once is stored once, and every answer names that item', async () => {
    const ctx = await testContext(database.current().db);
    const twice = discordMessage('The planner crashes when I add a second garden', {}, { id: '901', name: 'maker_bo' });
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => captureFeedback(ctx, i % 6 === 0 ? twice : discordMessage(`Sync fails on device ${i}`, {}, { id: '901', name: 'maker_bo' }))));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(21);
    const sameMessage = results.filter((_, i) => i % 6 === 0).map((r) => ('itemId' in r ? [r.status, r.itemId] : [r.status]));
    const itemId = sameMessage.find(([status]) => status === 'created')?.[1];
    expect(sameMessage.filter(([status]) => status === 'duplicate')).toEqual([['duplicate', itemId], ['duplicate', itemId], ['duplicate', itemId]]);
    const [{ items, cards, members } = { items: 0, cards: 0, members: 0 }] = await ctx.db.execute<{ items: number; cards: number; members: number }>(sql`
      select (select count(*)::int from feedback_items) as items, (select count(*)::int from deliveries where kind = 'card') as cards,
        (select count(distinct author_id)::int from feedback_items) as members`);
    expect({ items, cards, members }).toEqual({ items: 21, cards: 21, members: 1 });
  });

  it('one capture that cannot be stored does not take the others in its transaction down with it', async () => {
    const ctx = await testContext(database.current().db);
    // A team the config names but the database does not know yet (its sync has not run): storing its routing fails.
    ctx.config = testConfig((c) => void (c.teams.ghost = { name: 'Ghost', home: { slack: 'C0GHOST' }, members: { users: [{ console: 'gus' }] } }));
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) =>
      captureFeedback(ctx, { ...discordMessage(`Sync fails on device ${i}`), ...(i === 5 ? { overrides: { teams: ['ghost'] } } : {}) })));
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'created')).toHaveLength(11);
    expect(outcomes[5]?.status).toBe('rejected');
    const [{ items } = { items: 0 }] = await ctx.db.execute<{ items: number }>(sql`select count(*)::int as items from feedback_items`);
    expect(items).toBe(11);
  });
});
