import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { findUndoableAction } from '../../src/core/find-undoable-action.js';
import { listOpenRoutings } from '../../src/core/list-open-routings.js';
import { recordAction } from '../../src/core/record-action.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { captureNew, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('open routings of a team, and the reaction an undo takes back', () => {
  const database = useTestDatabase();

  it('lists only the teams\' routings still waiting for an answer, oldest first, with SLA state now', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, slackMessage('Please add an export feature'));
    ctx.clock.advance(3 * 86_400_000);
    await captureFeedback(ctx, slackMessage('We would love SSO, please add it'));
    const product = first.routings.find((r) => r.team === 'product');
    await recordAction(ctx, { routingId: (first.routings.find((r) => r.team === 'sales') as { id: number }).id, kind: 'resolve', actor: person(ctx.config, 'lena'), via: 'button' });
    const chat = new RecordingChat();
    await new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, discord: chat, console: chat }, pacingMs: { slack: 0 } }).drain();

    const mine = await listOpenRoutings(ctx, { teams: ['product', 'sales'] });
    expect(mine.total).toBe(3);
    expect(mine.items.map((i) => [i.team.id, i.text])).toEqual([['product', 'Please add an export feature'], ['product', 'We would love SSO, please add it'], ['sales', 'We would love SSO, please add it']]);
    expect(mine.items[0]).toMatchObject({ routingId: product?.id, sla: { state: 'breached', target: 'acknowledge' }, card: { platform: 'slack', channelId: 'C0PRODUCT' } });
    expect(mine.items[1]?.sla.state).toBe('on_track');
    expect(await listOpenRoutings(ctx, { teams: [] })).toEqual({ items: [], total: 0 });
  });

  it('finds the latest reaction under a prefix that has not been undone yet', async () => {
    const ctx = await testContext(database.current().db);
    await captureNew(ctx, slackMessage('Please add an export feature'));
    const chat = new RecordingChat();
    await new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: chat, discord: chat, console: chat }, pacingMs: { slack: 0 } }).drain();
    const card = chat.sent.find((m) => m.channelId === 'C0PRODUCT' && m.content.kind === 'card');
    if (!card) throw new Error('no product card');
    const ref = { platform: 'slack' as const, channelId: 'C0PRODUCT', messageId: `msg-${chat.sent.indexOf(card) + 1}` };
    const priya = person(ctx.config, 'priya');
    await recordAction(ctx, { card: ref, kind: 'acknowledge', actor: priya, via: 'reaction', idempotencyKey: 'r:C0PRODUCT:1:priya:eyes:100' });
    const found = await findUndoableAction(ctx, { card: ref, keyPrefix: 'r:C0PRODUCT:1:priya:eyes:' });
    expect(found?.idempotencyKey).toBe('r:C0PRODUCT:1:priya:eyes:100');
    await recordAction(ctx, { routingId: found?.routingId as number, kind: 'undo', undoesKey: found?.idempotencyKey, actor: priya, via: 'reaction', idempotencyKey: 'u:1' });
    expect(await findUndoableAction(ctx, { card: ref, keyPrefix: 'r:C0PRODUCT:1:priya:eyes:' })).toBeUndefined();
    expect(await findUndoableAction(ctx, { card: ref, keyPrefix: 'r:C0PRODUCT:1:lena:eyes:' })).toBeUndefined();
  });
});
