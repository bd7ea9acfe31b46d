import { historyText } from '../../src/adapters/console/history-text.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { communityHistory } from '../../src/core/community-history.js';
import { correctRouting } from '../../src/core/correct-routing.js';
import { describeItem } from '../../src/core/describe-item.js';
import { escalate } from '../../src/core/escalate.js';
import { linkMemberIdentities } from '../../src/core/link-member-identities.js';
import { memberHistory } from '../../src/core/member-history.js';
import { mergeDuplicates } from '../../src/core/merge-duplicates.js';
import { recordAction } from '../../src/core/record-action.js';
import { deliveries, routings } from '../../src/db/schema/index.js';
import { outcomeWords } from '../../src/delivery/history-words.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('escalating', () => {
  const database = useTestDatabase();

  it('tightens the SLA from now, raises the priority and pages on-call under the card', async () => {
    const ctx = await testContext(database.current().db);
    const item = await captureNew(ctx, discordMessage('Please add offline mode, would love it'));
    ctx.clock.advance(60_000);
    const result = await escalate(ctx, { itemId: item.itemId, priority: 'urgent', reason: 'Biggest customer is blocked', actor: person(ctx.config, 'maya') });
    expect(result.acknowledgeDueAt?.toISOString()).toBe('2026-11-16T14:16:00.000Z'); // urgent: acknowledge within 15m
    const [routing] = await ctx.db.select().from(routings);
    expect(routing?.priority).toBe('urgent');
    const [page] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'page'));
    expect(page?.payload).toMatchObject({ oncall: { slackUserGroup: 'S0PRODONCALL' }, priority: 'urgent', by: 'Maya' });
    expect(page?.parentId).not.toBeNull();
  });

  it('is for community managers only', async () => {
    const ctx = await testContext(database.current().db);
    const item = await captureNew(ctx, discordMessage('Crash on start'));
    await expect(escalate(ctx, { itemId: item.itemId, reason: 'now', actor: person(ctx.config, 'sam') })).rejects.toMatchObject({ code: 'not_permitted' });
  });

  it('routes to a team the item had not reached, with the escalation as the reason', async () => {
    const ctx = await testContext(database.current().db);
    const item = await captureNew(ctx, discordMessage('Crash on start'));
    await escalate(ctx, { itemId: item.itemId, team: 'product', reason: 'Design flaw', actor: person(ctx.config, 'maya') });
    const rows = await ctx.db.select().from(routings).orderBy(routings.id);
    expect(rows.map((r) => [r.teamId, r.reason.kind, r.priority])).toEqual([['support', 'classifier', 'normal'], ['product', 'escalation', 'high']]);
  });
});

describe('merging duplicates', () => {
  const database = useTestDatabase();

  it('keeps one item with several voices, and every author hears the outcome', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('Sync is broken', {}, { id: '901', name: 'ann' }));
    const second = await captureNew(ctx, discordMessage('sync broken for me too', {}, { id: '902', name: 'bo' }));
    const merged = await mergeDuplicates(ctx, { into: first.itemId, duplicates: [second.itemId], actor: person(ctx.config, 'maya') });
    expect(merged.voices).toBe(2);
    expect((await ctx.db.select().from(routings).where(eq(routings.itemId, second.itemId))).map((r) => r.status)).toEqual(['merged']);
    await recordAction(ctx, { routingId: first.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    const replies = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'loop_reply'));
    expect(replies.map((r) => r.payload.authorId).sort()).toEqual(['901', '902']);
    // The duplicate's own status lookup leads to the surviving item.
    expect((await describeItem(ctx, { itemId: second.itemId })).id).toBe(first.itemId);
  });

  it('moves a duplicate routing to a team the surviving item had not reached', async () => {
    const ctx = await testContext(database.current().db);
    const bug = await captureNew(ctx, discordMessage('Billing page is broken'));
    const sales = await captureNew(ctx, slackMessage('Billing page broken, we need a quote fixed'));
    await mergeDuplicates(ctx, { into: bug.itemId, duplicates: [sales.itemId], actor: person(ctx.config, 'maya') });
    const rows = await ctx.db.select().from(routings).where(eq(routings.itemId, bug.itemId)).orderBy(routings.teamId);
    expect(rows.map((r) => r.teamId)).toEqual(['sales', 'support']);
  });
});

describe('history', () => {
  const database = useTestDatabase();

  it('shows a member everything they raised across linked identities, with outcomes', async () => {
    const ctx = await testContext(database.current().db);
    const onDiscord = await captureNew(ctx, discordMessage('Sync is broken', {}, { id: '901', name: 'ann' }));
    await captureFeedback(ctx, { ...slackMessage('Please add CSV export'), author: { platform: 'slack', id: 'U0ANN', name: 'Ann B' } });
    await recordAction(ctx, { routingId: onDiscord.routings[0]!.id, kind: 'decline', reason: 'Cannot reproduce', actor: person(ctx.config, 'sam'), via: 'modal' });
    await linkMemberIdentities(ctx, { identities: [{ platform: 'discord', id: '901' }, { platform: 'slack', id: 'U0ANN' }], actor: person(ctx.config, 'maya') });
    const history = await memberHistory(ctx, { member: { platform: 'slack', id: 'U0ANN' } });
    expect(history.member.identities.map((i) => i.platform).sort()).toEqual(['discord', 'slack']);
    expect(history.items.map(outcomeWords)).toEqual(['Waiting for Product; Waiting for Sales', 'Declined by Support: Cannot reproduce']);
    // The Slack item waits for two teams and is still one open item: the totals add up to the items.
    expect(history.totals).toEqual({ items: 2, byOutcome: { resolved: 0, declined: 1, in_progress: 0, untouched: 1 } });
    expect(historyText.member(history, ctx.config.timezone)[1]).toBe('2 items: 1 declined, 1 open');
  });

  it('shows a community its items, newest first, with counts by status and category', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Crash in the planner'));
    ctx.clock.advance(1000);
    await captureFeedback(ctx, discordMessage('Would love a planner export'));
    const history = await communityHistory(ctx, { community: 'makers' });
    expect(history.items.map((i) => i.text)).toEqual(['Would love a planner export', 'Crash in the planner']);
    expect(history.totals).toEqual({ items: 2, byOutcome: { resolved: 0, declined: 0, in_progress: 0, untouched: 2 }, byCategory: { bug: 1, feature_request: 1 } });
    await expect(communityHistory(ctx, { community: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('counts each item once in a community’s outcomes, however many teams it reached', async () => {
    const ctx = await testContext(database.current().db);
    // BigCo is a customer: an idea from there goes to Product and to Sales, and Product resolves it.
    const idea = await captureNew(ctx, slackMessage('Would love a planner export'));
    expect(idea.routings).toHaveLength(2);
    const product = idea.routings.find((r) => r.team === 'product')!;
    await recordAction(ctx, { routingId: product.id, kind: 'resolve', actor: person(ctx.config, 'priya'), via: 'button' });
    await captureFeedback(ctx, slackMessage('The invoice total looks wrong'));
    const lines = historyText.community(await communityHistory(ctx, { community: 'bigco' }), ctx.config.timezone);
    expect(lines[0]).toBe('BigCo: 2 items: 1 resolved, 1 waiting for an answer');
  });
});

describe('correcting a routing', () => {
  const database = useTestDatabase();

  it('choosing a suggestion on an unsure card records the category and passes the item on', async () => {
    const ctx = await testContext(database.current().db);
    const unsure = await captureNew(ctx, discordMessage('The planner colours are odd'));
    const result = await correctRouting(ctx, { routingId: unsure.routings[0]!.id, category: 'feature_request', actor: person(ctx.config, 'sam'), via: 'button' });
    expect(result.team).toBe('product');
    const item = await describeItem(ctx, { itemId: unsure.itemId });
    expect(item.category).toBe('feature_request');
    expect(item.actions.map((a) => a.kind)).toEqual(['capture', 'recategorize', 'pass_on']);
    expect(item.routings.map((r) => [r.team.id, r.status])).toEqual([['support', 'passed_on'], ['product', 'open']]);
  });
});
