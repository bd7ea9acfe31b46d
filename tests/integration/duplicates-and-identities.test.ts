import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cardText } from '../../src/adapters/console/card-text.js';
import { findSimilarItems } from '../../src/core/find-similar-items.js';
import { linkMemberIdentities } from '../../src/core/link-member-identities.js';
import { loadRoutingCard } from '../../src/core/load-routing-card.js';
import { memberHistory } from '../../src/core/member-history.js';
import { mergeDuplicates } from '../../src/core/merge-duplicates.js';
import { recordAction } from '../../src/core/record-action.js';
import { unlinkMemberIdentity } from '../../src/core/unlink-member-identity.js';
import { actions, deliveries, feedbackItems } from '../../src/db/schema/index.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { refusalOf } from '../helpers/refusal.js';

describe('similar open items', () => {
  const database = useTestDatabase();

  it('offers the earlier report of the same problem, across communities, and not an unrelated one', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('The CSV export crashes when my garden has more than 50 sensors'));
    await captureNew(ctx, discordMessage('Please add a dark mode, would love it'));
    const again = await captureNew(ctx, slackMessage('export to csv fails with a crash on large gardens'));
    const similar = await findSimilarItems(ctx, { itemId: again.itemId });
    expect(similar.map((s) => [s.itemId, s.community.name])).toEqual([[first.itemId, 'Makers Discord']]);
    expect(similar[0]?.teams).toEqual(['support']);
    expect((await findSimilarItems(ctx, { text: 'csv export crash with a big garden', community: 'bigco' })).map((s) => s.itemId)).toEqual([again.itemId]);
    await expect(findSimilarItems(ctx, {})).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('shows "Looks like #N — merge?" on the new item’s card, and stops once the other is closed or merged', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('Sync is broken since yesterday, readings stopped'));
    const again = await captureNew(ctx, discordMessage('sync broken, my readings stopped updating'));
    const card = await loadRoutingCard(ctx.db, ctx.config, again.routings[0]!.id, ctx.clock.now());
    expect(cardText(card!, ctx.config.timezone, ctx.clock.now())).toContain(`  looks like #${first.itemId} — merge? “Sync is broken since yesterday, readings stopped” (Makers Discord)`);
    await recordAction(ctx, { routingId: first.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    expect((await loadRoutingCard(ctx.db, ctx.config, again.routings[0]!.id, ctx.clock.now()))?.duplicates).toEqual([]);
  });
});

describe('merging duplicates', () => {
  const database = useTestDatabase();

  it('keeps the older item when none is named, and refuses people whose team does not have both', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('Sync is broken', {}, { id: '901', name: 'ann' }));
    const second = await captureNew(ctx, discordMessage('sync broken for me too', {}, { id: '902', name: 'bo' }));
    expect(await refusalOf(mergeDuplicates(ctx, { duplicates: [second.itemId, first.itemId], actor: person(ctx.config, 'priya') }))).toMatchObject({ code: 'not_permitted', words: `Only community managers, or members of a team that has all of them, can merge #${first.itemId} and #${second.itemId}.` });
    const merged = await mergeDuplicates(ctx, { duplicates: [second.itemId, first.itemId], actor: person(ctx.config, 'sam'), via: 'button' });
    expect(merged).toEqual({ itemId: first.itemId, merged: [second.itemId], voices: 2 });
    const [ledger] = await ctx.db.select().from(actions).where(eq(actions.kind, 'merge')).orderBy(actions.id);
    expect(ledger).toMatchObject({ itemId: first.itemId, via: 'button', actorName: 'Sam' });
  });

  it('tells a duplicate’s author the answer the surviving item already had', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('Sync is broken', {}, { id: '901', name: 'ann' }));
    await recordAction(ctx, { routingId: first.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    const late = await captureNew(ctx, discordMessage('sync broken for me too', {}, { id: '902', name: 'bo' }));
    await mergeDuplicates(ctx, { into: first.itemId, duplicates: [late.itemId], actor: person(ctx.config, 'maya') });
    const replies = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'loop_reply')).orderBy(deliveries.id);
    expect(replies.map((r) => [r.payload.authorId, r.payload.outcome, r.payload.team])).toEqual([['901', 'resolved', 'Support'], ['902', 'resolved', 'Support']]);
  });
});

describe('linking and unlinking identities', () => {
  const database = useTestDatabase();

  it('links two identities into one history and unlinks one again, both in the ledger', async () => {
    const ctx = await testContext(database.current().db);
    await captureNew(ctx, discordMessage('Sync is broken', {}, { id: '901', name: 'ann' }));
    const onSlack = await captureNew(ctx, { ...slackMessage('Please add CSV export'), author: { platform: 'slack', id: 'U0ANN', name: 'Ann B' } });
    const maya = person(ctx.config, 'maya');
    await expect(linkMemberIdentities(ctx, { identities: [{ platform: 'discord', id: '901' }, { platform: 'slack', id: 'U0ANN' }], actor: person(ctx.config, 'sam') })).rejects.toMatchObject({ code: 'not_permitted' });
    const linked = await linkMemberIdentities(ctx, { identities: [{ platform: 'discord', id: '901' }, { platform: 'slack', id: 'U0ANN' }], actor: maya });
    expect(linked.identities.map((i) => i.platform).sort()).toEqual(['discord', 'slack']);
    expect((await memberHistory(ctx, { member: { platform: 'discord', id: '901' } })).totals.items).toBe(2);
    await expect(linkMemberIdentities(ctx, { identities: [{ platform: 'slack', id: 'U0ANN' }, { platform: 'discord', id: '901' }], actor: maya })).rejects.toMatchObject({ code: 'already_done' });

    const unlinked = await unlinkMemberIdentity(ctx, { identity: { platform: 'slack', id: 'U0ANN' }, actor: maya });
    expect(unlinked.from).toBe(linked.memberId);
    const slackSide = await memberHistory(ctx, { member: { platform: 'slack', id: 'U0ANN' } });
    expect(slackSide.items.map((i) => i.text)).toEqual(['Please add CSV export']);
    expect(slackSide.member.id).toBe(unlinked.memberId);
    expect((await memberHistory(ctx, { member: { platform: 'discord', id: '901' } })).items.map((i) => i.text)).toEqual(['Sync is broken']);
    const [item] = await ctx.db.select().from(feedbackItems).where(eq(feedbackItems.id, onSlack.itemId));
    expect(item?.authorId).toBe(unlinked.memberId);
    const ledger = await ctx.db.select().from(actions).where(eq(actions.memberId, linked.memberId)).orderBy(actions.id);
    expect(ledger.map((a) => [a.kind, a.actorName, a.itemId])).toEqual([['link', 'Maya', null], ['unlink', 'Maya', null]]);
    await expect(unlinkMemberIdentity(ctx, { identity: { platform: 'slack', id: 'U0ANN' }, actor: maya })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
