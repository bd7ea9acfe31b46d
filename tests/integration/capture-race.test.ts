import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { memberIdentities, feedbackItems, members } from '../../src/db/schema/index.js';
import { discordMessage } from '../helpers/capture.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('a new author’s first messages', () => {
  const database = useTestDatabase();

  it('arriving at the same moment are all captured, under one member', async () => {
    const ctx = await testContext(database.current().db);
    const author = { id: '990', name: 'first_timer' };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => captureFeedback(ctx, discordMessage(`Crash number ${i} on the planner`, {}, author))));
    expect(results.every((r) => r.status === 'created')).toBe(true);
    expect(await ctx.db.$count(feedbackItems)).toBe(8);
    const identities = await ctx.db.select().from(memberIdentities);
    expect(identities).toHaveLength(1);
    const authors = new Set((await ctx.db.select({ author: feedbackItems.authorId }).from(feedbackItems)).map((r) => r.author));
    expect(authors).toEqual(new Set([identities[0]?.memberId]));
    // And no member is left over from the captures that lost the race to create them.
    expect((await ctx.db.select().from(members)).map((m) => m.id)).toEqual([identities[0]?.memberId]);
  });
});
