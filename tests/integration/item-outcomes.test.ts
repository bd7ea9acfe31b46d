import { describe, expect, it } from 'vitest';
import { historyText } from '../../src/adapters/console/history-text.js';
import { buildDigest } from '../../src/core/build-digest.js';
import { communityDossier } from '../../src/core/community-dossier.js';
import { communityHistory } from '../../src/core/community-history.js';
import { memberHistory } from '../../src/core/member-history.js';
import { recordAction } from '../../src/core/record-action.js';
import { captureNew, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

/** A BigCo message (all from one customer) sent by hand to `teams`. */
const sentTo = (ctx: TestContext, text: string, teams: string[]) => captureNew(ctx, { ...slackMessage(text), overrides: { teams } });

describe('what became of an item, counted the same way everywhere', () => {
  const database = useTestDatabase();

  it('the digest, the community’s history and dossier and the member’s history give every item the same outcome', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-16T14:00:00Z' }); // Monday of 2026-W47
    const priya = person(ctx.config, 'priya');
    const lena = person(ctx.config, 'lena');
    const waiting = await sentTo(ctx, 'Would love a planner export', ['product', 'sales']);
    const refused = await sentTo(ctx, 'Please support fax', ['product', 'sales']);
    const fixed = await sentTo(ctx, 'The invoice total looks wrong', ['sales']);
    await sentTo(ctx, 'Sync is slow in the morning', ['support']); // nobody answers this one
    const handed = await sentTo(ctx, 'Can we pay by card?', ['sales']);
    const split = await sentTo(ctx, 'Dark mode please', ['product', 'sales']);
    ctx.clock.advance(3_600_000);
    // Waiting for Product, declined by Sales: one team still has it, so it is in progress, not declined.
    await recordAction(ctx, { routingId: waiting.routing('sales'), kind: 'decline', reason: 'not for sales', actor: lena, via: 'modal' });
    await recordAction(ctx, { routingId: refused.routing('sales'), kind: 'decline', reason: 'no', actor: lena, via: 'modal' });
    await recordAction(ctx, { routingId: refused.routing('product'), kind: 'decline', reason: 'no', actor: priya, via: 'modal' });
    await recordAction(ctx, { routingId: fixed.routing('sales'), kind: 'resolve', actor: lena, via: 'button' });
    await recordAction(ctx, { routingId: handed.routing('sales'), kind: 'pass_on', toTeam: 'support', reason: 'billing', actor: lena, via: 'modal' });
    await recordAction(ctx, { routingId: split.routing('product'), kind: 'resolve', actor: priya, via: 'button' });
    await recordAction(ctx, { routingId: split.routing('sales'), kind: 'decline', reason: 'no', actor: lena, via: 'modal' });
    ctx.clock.set('2026-11-23T14:00:00Z');

    const expected = { resolved: 2, declined: 1, in_progress: 2, untouched: 1 };
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(digest.items.current).toEqual({ items: 6, resolved: 2, declined: 1, inProgress: 2, untouched: 1 });
    const community = await communityHistory(ctx, { community: 'bigco' });
    expect(community.totals.byOutcome).toEqual(expected);
    const member = await memberHistory(ctx, { member: { platform: 'slack', id: 'U0CUST' } });
    expect(member.totals).toEqual({ items: 6, byOutcome: expected });
    const dossier = await communityDossier(ctx, { community: 'bigco' });
    expect(dossier.figures?.totals).toEqual({ raised: 6, resolved: 2, declined: 1, open: 3 });
    expect(historyText.community(community, ctx.config.timezone)[0]).toBe('BigCo: 6 items: 2 resolved, 1 declined, 2 in progress, 1 waiting for an answer');
    expect(historyText.member(member, ctx.config.timezone)[1]).toBe('6 items: 2 resolved, 1 declined, 3 open');
  });
});
