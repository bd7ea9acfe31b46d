import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadRoutingCard } from '../../src/core/load-routing-card.js';
import { cardText } from '../../src/adapters/console/card-text.js';
import { routings } from '../../src/db/schema/index.js';
import { itemPageAs } from '../helpers/item-page.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('why an item reached a team, on its page and its card', () => {
  const database = useTestDatabase();

  it('words the rule that matched from the facts stored with the routing', async () => {
    const { ctx, item, words } = await itemPageAs(database.current().db, 'maya', 'Would love an enterprise plan with SSO');
    const sales = item.routing('sales');
    const [row] = await ctx.db.select({ reason: routings.reason }).from(routings).where(eq(routings.id, sales));
    expect(row?.reason).toEqual({ kind: 'rule', rule: 'money', matched: { mentions: ['enterprise plan'] } });
    expect(await words()).toContain('Why here: Rule "money": mentions "enterprise plan"');
    const card = await loadRoutingCard(ctx.db, ctx.config, sales, ctx.clock.now());
    expect(card && cardText(card, 'UTC', ctx.clock.now())).toContain('  why here: Rule "money": mentions "enterprise plan"');
  });

  it('shows a reason stored by an earlier version, which kept only its sentence, as it was written', async () => {
    const { ctx, item, words } = await itemPageAs(database.current().db, 'maya', 'Would love an enterprise plan with SSO');
    const sales = item.routing('sales');
    await ctx.db.update(routings).set({ reason: { kind: 'rule', summary: 'Rule "money": mentions "enterprise plan" (stored in 2025)' } }).where(eq(routings.id, sales));
    expect(await words()).toContain('Why here: Rule "money": mentions "enterprise plan" (stored in 2025)');
    const card = await loadRoutingCard(ctx.db, ctx.config, sales, ctx.clock.now());
    expect(card && cardText(card, 'UTC', ctx.clock.now())).toContain('  why here: Rule "money": mentions "enterprise plan" (stored in 2025)');
  });
});
