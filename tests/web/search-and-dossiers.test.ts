import { describe, expect, it } from 'vitest';
import { communityDossier } from '../../src/core/community-dossier.js';
import { linkMemberIdentities } from '../../src/core/link-member-identities.js';
import { memberDossier } from '../../src/core/member-dossier.js';
import { recordAction } from '../../src/core/record-action.js';
import { searchItems } from '../../src/core/search-items.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const HOUR = 3_600_000;

describe('search across items by text, member and number', () => {
  const database = useTestDatabase();

  it('finds items by their words (stemmed), by who said them, and jumps to an item by its number', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The export crashes on large gardens', {}, { id: '901', name: 'ann_grows' }));
    await captureNew(ctx, discordMessage('Would love a winter mode', {}, { id: '902', name: 'bo' }));
    await captureNew(ctx, slackMessage('Can we get a quote for 40 sensors?'));

    const words = await searchItems(ctx, { q: 'crash export' });
    expect(words.items.list.map((i) => i.id)).toEqual([crash.itemId]);
    expect(words.items.total).toBe(1);

    const byName = await searchItems(ctx, { q: 'ann_gr' });
    expect(byName.members.map((m) => m.name)).toEqual(['ann_grows']);
    expect(byName.members[0]?.items).toBe(1);
    expect(byName.items.list.map((i) => i.id)).toEqual([crash.itemId]);

    expect((await searchItems(ctx, { q: `#${crash.itemId}` })).jump).toBe(crash.itemId);
    expect((await searchItems(ctx, { q: String(crash.itemId) })).jump).toBe(crash.itemId);
    const unknown = await searchItems(ctx, { q: '#999999' });
    expect(unknown.jump).toBeUndefined();
    expect(unknown.unknownNumber).toBe(999999);
    expect((await searchItems(ctx, { q: 'nothing like this' })).items.total).toBe(0);
  });

  it('shows a team member only the items routed to their teams, a number too', async () => {
    const ctx = await testContext(database.current().db);
    const quote = await captureNew(ctx, slackMessage('Can we get a quote for 40 sensors?'));
    const asSupport = await searchItems(ctx, { q: 'quote', teams: ['product'] });
    expect(asSupport.items.total).toBe(0);
    expect((await searchItems(ctx, { q: `#${quote.itemId}`, teams: ['product'] })).jump).toBeUndefined();
    expect((await searchItems(ctx, { q: 'quote', teams: ['sales'] })).items.total).toBe(1);
  });

  it('takes any text without breaking the query: quotes, operators, percent signs', async () => {
    const ctx = await testContext(database.current().db);
    await captureNew(ctx, discordMessage('Battery at 100% drains in a day'));
    for (const q of ['"battery drains"', 'battery -nothing', '100%', "o'brien & (x | y)", '\\']) await expect(searchItems(ctx, { q })).resolves.toBeDefined();
    expect((await searchItems(ctx, { q: '"battery drains"' })).items.total).toBe(0);
    expect((await searchItems(ctx, { q: 'battery drain' })).items.total).toBe(1);
  });
});

describe('the member and community dossiers', () => {
  const database = useTestDatabase();

  it('a member’s dossier gathers every linked identity, per community what they raised, who answered and how fast', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-16T14:00:00Z' });
    const maya = person(ctx.config, 'maya');
    const onDiscord = await captureNew(ctx, discordMessage('The export crashes on large gardens', {}, { id: '901', name: 'ann_grows' }));
    const onSlack = await captureNew(ctx, { ...slackMessage('Can we get a quote for 40 sensors?'), author: { platform: 'slack', id: 'U0ANN', name: 'Ann (BigCo)' } });
    ctx.clock.advance(2 * HOUR);
    await recordAction(ctx, { routingId: onDiscord.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    const linked = await linkMemberIdentities(ctx, { identities: [{ platform: 'discord', id: '901' }, { platform: 'slack', id: 'U0ANN' }], actor: maya, via: 'web' });

    const dossier = await memberDossier(ctx, { memberId: linked.memberId });
    expect(dossier.member.identities.map((i) => `${i.platform}:${i.id}`)).toEqual(['discord:901', 'slack:U0ANN']);
    expect(dossier.communities.map((c) => c.community.name)).toEqual(['BigCo', 'Makers Discord']);
    const makers = dossier.communities.find((c) => c.community.id === 'makers')!;
    expect(makers.totals).toEqual({ raised: 1, resolved: 1, declined: 0, open: 0 });
    expect(makers.quarters.at(-1)).toEqual({ quarter: '2026-Q4', raised: 1, resolved: 1, declined: 0, open: 0 });
    expect(makers.quarters).toHaveLength(8);
    // Captured Monday 09:00 New York, resolved two business hours later.
    expect(makers.teams).toEqual([expect.objectContaining({ team: 'support', routings: 1, answered: 1, resolved: 1, medianFirstActionMs: 2 * HOUR, medianResolutionMs: 2 * HOUR })]);
    const bigco = dossier.communities.find((c) => c.community.id === 'bigco')!;
    expect(bigco.totals.open).toBe(1);
    expect(dossier.open.items.map((i) => i.id)).toEqual([onSlack.itemId]);
    expect(dossier.history.totals.items).toBe(2);
    expect(dossier.links).toEqual([expect.objectContaining({ kind: 'link', actorName: 'Maya', via: 'web' })]);
  });

  it('an unknown member or community is not found, with what was asked', async () => {
    const ctx = await testContext(database.current().db);
    await expect(memberDossier(ctx, { memberId: 4242 })).rejects.toMatchObject({ code: 'not_found', details: { field: 'member', given: '4242' } });
    await expect(communityDossier(ctx, { community: 'atlantis' })).rejects.toMatchObject({ code: 'not_found', details: { field: 'community', given: 'atlantis' } });
  });

  it('a community’s dossier: what it raised per quarter, which teams answered, what is still open, who spoke most', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-16T14:00:00Z' });
    const bug = await captureNew(ctx, discordMessage('Login is broken', {}, { id: '901', name: 'ann_grows' }));
    await captureNew(ctx, discordMessage('Would love a winter mode', {}, { id: '901', name: 'ann_grows' }));
    await captureNew(ctx, discordMessage('Pairing fails', {}, { id: '902', name: 'bo' }));
    await captureNew(ctx, slackMessage('Can we get a quote for 40 sensors?'));
    ctx.clock.advance(HOUR);
    await recordAction(ctx, { routingId: bug.routings[0]!.id, kind: 'decline', actor: person(ctx.config, 'sam'), via: 'modal', reason: 'works as designed' });

    const dossier = await communityDossier(ctx, { community: 'makers' });
    expect(dossier.community).toEqual({ id: 'makers', name: 'Makers Discord', ambassador: { platform: 'slack', id: 'U0AMBER' }, sources: 1 });
    expect(dossier.figures?.totals).toEqual({ raised: 3, resolved: 0, declined: 1, open: 2 });
    expect(dossier.figures?.teams.map((t) => [t.name, t.routings, t.answered, t.declined, t.open])).toEqual([['Product', 1, 0, 0, 1], ['Support', 2, 1, 1, 1]]);
    expect(dossier.open.total).toBe(2);
    expect(dossier.voices).toEqual([expect.objectContaining({ name: 'ann_grows', items: 2 }), expect.objectContaining({ name: 'bo', items: 1 })]);
  });
});
