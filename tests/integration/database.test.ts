import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/test-database.js';

describe('the database', () => {
  const database = useTestDatabase();

  it('starts each test with every table migrated and empty', async () => {
    const rows = await database.current().sql`select count(*)::int as n from feedback_items`;
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses to edit or delete a ledger entry', async () => {
    const { db } = database.current();
    await db.execute(sql`insert into communities (id, name) values ('c', 'C')`);
    await db.execute(sql`insert into sources (community_id, platform, kind, external_id) values ('c', 'console', 'manual', 'x')`);
    await db.execute(sql`insert into members (display_name) values ('Ann')`);
    await db.execute(sql`insert into feedback_items (community_id, source_id, author_id, text, category, category_confidence, sentiment, urgency, classification, posted_at, captured_at)
      values ('c', 1, 1, 't', 'bug', 1, 'neutral', 'normal', '{}', now(), now())`);
    await db.execute(sql`insert into actions (item_id, kind, via, actor_platform, actor_id, actor_name, created_at) values (1, 'capture', 'api', 'console', 'a', 'A', now())`);
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(db.execute(sql`update actions set actor_name = 'B'`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`delete from actions`)).rejects.toMatchObject(refused);
  });
});
