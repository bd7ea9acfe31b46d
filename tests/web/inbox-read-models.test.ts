import { describe, expect, it } from 'vitest';
import { escalate } from '../../src/core/escalate.js';
import { listInbox } from '../../src/core/list-inbox.js';
import { loadItemStory } from '../../src/core/load-item-story.js';
import { mergeDuplicates } from '../../src/core/merge-duplicates.js';
import { recordAction } from '../../src/core/record-action.js';
import { snoozeRouting } from '../../src/core/snooze-routing.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { refusalOf } from '../helpers/refusal.js';

const HOUR = 3_600_000;

async function drain(ctx: TestContext) {
  const chat = new RecordingChat();
  await new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, discord: chat, console: chat }, pacingMs: { slack: 0, discord: 0 } }).drain();
  return chat;
}

describe('the inbox read model', () => {
  const database = useTestDatabase();

  it('lists the open routings of my teams, the one whose SLA risk came first at the top', async () => {
    const ctx = await testContext(database.current().db);
    const idea = await captureNew(ctx, discordMessage('Please add dark mode'));
    ctx.clock.advance(HOUR);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    ctx.clock.advance(HOUR + HOUR / 2);
    const later = await captureNew(ctx, discordMessage('Export is broken'));
    const sam = person(ctx.config, 'sam');

    const support = await listInbox(ctx, { viewer: sam });
    // Support owes a first response within an hour: the older crash is overdue, the newer one is not yet.
    expect(support.rows.map((r) => [r.itemId, r.team.id, r.sla.state])).toEqual([[crash.itemId, 'support', 'breached'], [later.itemId, 'support', 'on_track']]);
    expect(support.rows[0]).toMatchObject({ status: 'open', community: { name: 'Makers Discord' }, category: 'bug', authorName: 'maker_ann', voices: 1, moves: { actions: ['acknowledge', 'own', 'resolve', 'decline', 'pass_on'], undo: null, snooze: true } });
    expect(support.choices.teams).toEqual([{ id: 'support', name: 'Support' }]);

    const maya = await listInbox(ctx, { viewer: person(ctx.config, 'maya') });
    expect(maya.total).toBe(3);
    expect(maya.rows.find((r) => r.itemId === idea.itemId)?.moves.actions).toEqual([]);
    expect(maya.choices.teams.map((t) => t.id)).toEqual(['product', 'sales', 'support']);
  });

  it('narrows by team, community, category, status, age and escalation, a page at a time', async () => {
    const ctx = await testContext(database.current().db);
    const old = await captureNew(ctx, discordMessage('The app crashes on start'));
    ctx.clock.advance(4 * 86_400_000);
    const bigco = await captureNew(ctx, slackMessage('Export is broken for us'));
    const fresh = await captureNew(ctx, discordMessage('Login is broken'));
    const maya = person(ctx.config, 'maya');
    await recordAction(ctx, { routingId: fresh.routing('support'), kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'web' });
    await escalate(ctx, { itemId: bigco.itemId, team: 'support', reason: 'Their renewal is next week', actor: maya, via: 'web' });
    const ids = async (filter: Record<string, unknown>) => (await listInbox(ctx, { viewer: maya, filter })).rows.map((r) => `${r.itemId}:${r.team.id}`);

    expect(await ids({ team: 'sales' })).toEqual([`${bigco.itemId}:sales`]);
    expect(await ids({ community: 'makers' })).toEqual([`${old.itemId}:support`, `${fresh.itemId}:support`]);
    expect(await ids({ category: 'bug', status: 'acknowledged' })).toEqual([`${fresh.itemId}:support`]);
    expect(await ids({ olderThanDays: '3' })).toEqual([`${old.itemId}:support`]);
    expect(await ids({ escalated: 'yes' })).toEqual([`${bigco.itemId}:support`]);
    expect(await ids({ team: '', community: '', escalated: '' })).toHaveLength(4);

    const first = await listInbox(ctx, { viewer: maya, filter: { pageSize: 3 } });
    const second = await listInbox(ctx, { viewer: maya, filter: { pageSize: 3, page: '2' } });
    expect([first.total, first.pages, first.rows.length, second.page, second.rows.length]).toEqual([4, 2, 3, 2, 1]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.routingId)).size).toBe(4);
    // A link to a page that no longer exists (the inbox got shorter) shows the last one there is.
    const beyond = await listInbox(ctx, { viewer: maya, filter: { pageSize: 3, page: '7' } });
    expect([beyond.total, beyond.page, beyond.rows.map((r) => r.routingId)]).toEqual([4, 2, second.rows.map((r) => r.routingId)]);
  });

  it('refuses another team\'s inbox and unknown filters in words', async () => {
    const ctx = await testContext(database.current().db);
    const lena = person(ctx.config, 'lena');
    expect(await refusalOf(listInbox(ctx, { viewer: lena, filter: { team: 'support' } }))).toMatchObject({ code: 'not_permitted', words: 'You see the inbox of your own teams only, and you are not in Support.' });
    expect(await refusalOf(listInbox(ctx, { viewer: lena, filter: { team: 'legal' } }))).toMatchObject({ code: 'not_found', words: 'There is no team called "legal".' });
    await expect(listInbox(ctx, { viewer: lena, filter: { status: 'resolved' } })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await listInbox(ctx, { viewer: person(ctx.config, 'outsider') })).rows).toEqual([]);
  });

  it('offers undo of my own latest step while the routing still stands where it left it', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    const sam = person(ctx.config, 'sam');
    await recordAction(ctx, { routingId: crash.routing('support'), kind: 'own', actor: sam, via: 'web' });
    const [row] = (await listInbox(ctx, { viewer: sam })).rows;
    expect(row?.moves).toMatchObject({ actions: ['resolve', 'decline', 'pass_on'], undo: { kind: 'own' } });
    await recordAction(ctx, { routingId: crash.routing('support'), kind: 'undo', actor: sam, via: 'web' });
    expect((await listInbox(ctx, { viewer: sam })).rows[0]?.moves.undo).toBeNull();
  });
});

describe('the item story', () => {
  const database = useTestDatabase();

  it('tells every voice, routing, ledger entry and reply to the authors with its delivery state', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('The export button crashes the app every time', {}, { id: '900', name: 'maker_ann' }));
    const second = await captureNew(ctx, discordMessage('Export crashes the app for me too, every time', {}, { id: '901', name: 'maker_bo' }));
    const sam = person(ctx.config, 'sam');
    const maya = person(ctx.config, 'maya');

    const before = await loadItemStory(ctx, { itemId: first.itemId, viewer: maya });
    expect(before.similar.map((s) => [s.itemId, s.mayMerge])).toEqual([[second.itemId, true]]);
    await mergeDuplicates(ctx, { into: first.itemId, duplicates: [second.itemId], actor: maya, via: 'web' });
    await drain(ctx);
    await recordAction(ctx, { routingId: first.routing('support'), kind: 'resolve', actor: sam, via: 'web' });
    await drain(ctx);

    const story = await loadItemStory(ctx, { itemId: first.itemId, viewer: sam });
    expect(story.item).toMatchObject({ text: 'The export button crashes the app every time', permalink: 'https://discord.com/channels/1100/1101/1' });
    expect(story.voices.map((v) => [v.authorName, v.text, v.replies.map((r) => [r.outcome, r.team, r.state])])).toEqual([
      ['maker_ann', 'The export button crashes the app every time', [['resolved', 'Support', 'sent']]],
      ['maker_bo', 'Export crashes the app for me too, every time', [['resolved', 'Support', 'sent']]],
    ]);
    expect(story.routings.map((r) => [r.team.name, r.status, r.sla?.state])).toEqual([['Support', 'resolved', 'none']]);
    expect(story.routings[0]?.moves).toMatchObject({ actions: ['reopen'], undo: { kind: 'resolve' }, snooze: false });
    expect(story.ledger.map((a) => [a.kind, a.via, a.actorName, a.team?.name ?? null])).toEqual([
      ['capture', 'system', 'maker_ann', null],
      ['capture', 'system', 'maker_bo', null],
      ['merge', 'web', 'Maya', null],
      ['merge', 'web', 'Maya', null],
      ['resolve', 'web', 'Sam', 'Support'],
    ]);
    expect(story.ledger.map((a) => a.merged ?? a.mergedInto ?? null)).toEqual([null, null, [second.itemId], first.itemId, null]);
    expect(story.mergedFrom).toEqual([second.itemId]);
    expect(story.similar).toEqual([]);
    expect(story.may).toEqual({ escalate: false, merge: false });

    const merged = await loadItemStory(ctx, { itemId: second.itemId, viewer: maya });
    expect(merged.item.mergedIntoId).toBe(first.itemId);
  });

  it('shows an item only to the teams it reached, and says so', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    expect(await refusalOf(loadItemStory(ctx, { itemId: crash.itemId, viewer: person(ctx.config, 'lena') }))).toMatchObject({ code: 'not_permitted', words: `Item #${crash.itemId} was not routed to any of your teams.` });
    expect(await refusalOf(loadItemStory(ctx, { itemId: 999_999, viewer: person(ctx.config, 'maya') }))).toMatchObject({ code: 'not_found', words: 'There is no item #999999.' });
    const story = await loadItemStory(ctx, { itemId: crash.itemId, viewer: person(ctx.config, 'maya') });
    expect(story.may).toEqual({ escalate: true, merge: true });
  });

  it('records one snooze and one merge when the same form arrives twice', async () => {
    const ctx = await testContext(database.current().db);
    const a = await captureNew(ctx, discordMessage('The export button crashes the app every time'));
    const b = await captureNew(ctx, discordMessage('Export crashes the app for me too, every time'));
    const sam = person(ctx.config, 'sam');
    const snooze = { routingId: a.routing('support'), forMs: 86_400_000, reason: 'waiting for logs', actor: sam, via: 'web' as const, idempotencyKey: 'web:form:1' };
    const once = await snoozeRouting(ctx, snooze);
    const twice = await snoozeRouting(ctx, snooze);
    expect([once.status, twice.status, twice.snoozedUntil.toISOString()]).toEqual(['recorded', 'duplicate', once.snoozedUntil.toISOString()]);
    const merge = { into: a.itemId, duplicates: [b.itemId], actor: person(ctx.config, 'maya'), via: 'web' as const, idempotencyKey: 'web:form:2' };
    const [m1, m2] = await Promise.all([mergeDuplicates(ctx, merge), mergeDuplicates(ctx, merge)]);
    expect(m1).toEqual(m2);
    expect(m1).toMatchObject({ itemId: a.itemId, merged: [b.itemId], voices: 2 });
    const story = await loadItemStory(ctx, { itemId: a.itemId, viewer: sam });
    expect(story.ledger.map((e) => e.kind)).toEqual(['capture', 'capture', 'snooze', 'merge', 'merge']);
  });
});
