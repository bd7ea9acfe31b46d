import { routingReasonWords } from '../../src/delivery/routing-reason-words.js';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAction } from '../../src/core/record-action.js';
import { actions, deliveries, routings } from '../../src/db/schema/index.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { refusalOf } from '../helpers/refusal.js';

async function bugRoutedToSupport(ctx: TestContext, text = 'Sync is broken since the update') {
  const result = await captureNew(ctx, discordMessage(text));
  return result.routings[0]!.id;
}

describe('recording what a team did', () => {
  const database = useTestDatabase();

  it('refuses a non-member and accepts a member of the routed team', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    expect(await refusalOf(recordAction(ctx, { routingId, kind: 'acknowledge', actor: person(ctx.config, 'priya'), via: 'button' }))).toMatchObject({ code: 'not_permitted', words: 'Only members of Support can acknowledge this.' });
    const result = await recordAction(ctx, { routingId, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
    expect(result).toMatchObject({ status: 'recorded', routingStatus: 'acknowledged' });
    const ledger = await ctx.db.select().from(actions).where(eq(actions.routingId, routingId));
    expect(ledger.map((a) => [a.kind, a.actorName, a.fromStatus, a.toStatus])).toEqual([['acknowledge', 'Sam', 'open', 'acknowledged']]);
  });

  it('lets anyone act when the organisation turns team-only permissions off', async () => {
    const ctx = await testContext(database.current().db, { config: testConfig((c) => { c.permissions = { teamMembersOnly: false }; }) });
    const routingId = await bugRoutedToSupport(ctx);
    await expect(recordAction(ctx, { routingId, kind: 'resolve', actor: person(ctx.config, 'priya'), via: 'button' })).resolves.toMatchObject({ routingStatus: 'resolved' });
  });

  it('of two concurrent resolves, one wins and the other is told who resolved it', async () => {
    const ctx = await testContext(database.current().db, { config: testConfig((c) => { c.permissions = { teamMembersOnly: false }; }) });
    const routingId = await bugRoutedToSupport(ctx);
    const outcomes = await Promise.allSettled([
      recordAction(ctx, { routingId, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' }),
      recordAction(ctx, { routingId, kind: 'resolve', actor: person(ctx.config, 'lena'), via: 'button' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = ((won[0] as PromiseFulfilledResult<unknown>).value as { actionId: number }).actionId;
    const [winning] = await ctx.db.select().from(actions).where(eq(actions.id, winner));
    expect(lost[0]!.reason).toMatchObject({ code: 'already_done', details: { by: winning?.actorName, kind: 'resolve' } });
    expect(await ctx.db.$count(actions, eq(actions.kind, 'resolve'))).toBe(1);
  });

  it('records a click delivered twice once', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    const click = { routingId, kind: 'acknowledge' as const, actor: person(ctx.config, 'sam'), via: 'button' as const, idempotencyKey: 'slack:action:trigger-1' };
    const [a, b] = await Promise.all([recordAction(ctx, click), recordAction(ctx, click)]);
    expect(a.actionId).toBe(b.actionId);
    expect(await ctx.db.$count(actions, eq(actions.kind, 'acknowledge'))).toBe(1);
  });

  it('requires a reason to decline, and tells the author why under their message', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    await expect(recordAction(ctx, { routingId, kind: 'decline', actor: person(ctx.config, 'sam'), via: 'modal' })).rejects.toMatchObject({ code: 'invalid_input' });
    await recordAction(ctx, { routingId, kind: 'decline', actor: person(ctx.config, 'sam'), via: 'modal', reason: 'Works as designed' });
    const [reply] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'loop_reply'));
    expect(reply).toMatchObject({ platform: 'discord', channelId: '1101', payload: { outcome: 'declined', reason: 'Works as designed', authorId: '900' } });
    expect(reply?.threadId).toBeTruthy();
    const [note] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'ambassador_note'));
    expect(note).toMatchObject({ platform: 'slack', channelId: 'U0AMBER' });
  });

  it('stores a reason typed with NUL bytes without them, rather than failing', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    await recordAction(ctx, { routingId, kind: 'decline', actor: person(ctx.config, 'sam'), via: 'modal', reason: 'dup\u0000licate ' });
    const [decline] = await ctx.db.select().from(actions).where(eq(actions.kind, 'decline'));
    expect(decline?.reason).toBe('duplicate');
  });

  it('updates the card and logs each action in its thread', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    await recordAction(ctx, { routingId, kind: 'own', actor: person(ctx.config, 'sam'), via: 'button' });
    await recordAction(ctx, { routingId, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'reaction' });
    const [card] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));
    const updates = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card_update'));
    const logs = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card_log'));
    expect(updates.map((u) => u.editsId)).toEqual([card?.id, card?.id]);
    expect(logs.map((l) => [l.parentId, l.payload.kind])).toEqual([[card?.id, 'own'], [card?.id, 'resolve']]);
  });

  it('undoes a removed reaction and withdraws the reply that had not gone out', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    const sam = person(ctx.config, 'sam');
    await recordAction(ctx, { routingId, kind: 'resolve', actor: sam, via: 'reaction', idempotencyKey: 'reaction:white_check_mark:sam:1' });
    const undo = await recordAction(ctx, { routingId, kind: 'undo', actor: sam, via: 'reaction', undoesKey: 'reaction:white_check_mark:sam:1' });
    expect(undo.routingStatus).toBe('open');
    const [reply] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'loop_reply'));
    expect(reply?.status).toBe('skipped');
    await expect(recordAction(ctx, { routingId, kind: 'undo', actor: sam, via: 'reaction', undoesKey: 'reaction:white_check_mark:sam:1' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await ctx.db.select().from(actions).where(eq(actions.routingId, routingId))).map((a) => a.kind)).toEqual(['resolve', 'undo']);
  });

  it('passes an item on to another team, one hop further, and refuses a second pass to a team that has it', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx, 'The invoice export is broken');
    await recordAction(ctx, { routingId, kind: 'pass_on', toTeam: 'product', reason: 'Export is a product area', actor: person(ctx.config, 'sam'), via: 'modal' });
    const [product] = await ctx.db.select().from(routings).where(and(eq(routings.teamId, 'product')));
    expect(product).toMatchObject({ status: 'open', hops: 1, passedFromId: routingId, reason: { kind: 'pass_on', by: 'Sam', from: 'Support', note: 'Export is a product area' } });
    expect(product && routingReasonWords(product.reason)).toBe('Passed on by Sam from Support: Export is a product area');
    expect(await ctx.db.$count(deliveries, and(eq(deliveries.kind, 'card'), eq(deliveries.routingId, product!.id)))).toBe(1);
    expect(await refusalOf(recordAction(ctx, { routingId: product!.id, kind: 'pass_on', toTeam: 'sales', actor: person(ctx.config, 'priya'), via: 'modal' }))).toMatchObject({ code: 'already_done', words: 'Sales already has this item.' });
  });

  it('finds the routing from the card message a click landed on', async () => {
    const ctx = await testContext(database.current().db);
    const routingId = await bugRoutedToSupport(ctx);
    await ctx.db.update(deliveries).set({ status: 'sent', messageId: '555' }).where(eq(deliveries.routingId, routingId));
    const result = await recordAction(ctx, { card: { platform: 'discord', channelId: '1203', messageId: '555' }, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'reaction' });
    expect(result.routingId).toBe(routingId);
  });
});
