import { describe, expect, it } from 'vitest';
import { captureByHand } from '../../src/core/capture-by-hand.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { reactToCard } from '../../src/core/react-to-card.js';
import { recordAction } from '../../src/core/record-action.js';
import { advanceSourceCursor, sourceCursors } from '../../src/core/sources/source-cursor.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { actions, routings } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { discordMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { refusalOf } from '../helpers/refusal.js';

async function cardOnConsole(ctx: TestContext) {
  await captureFeedback(ctx, discordMessage('The importer crashes'));
  const chat = new RecordingChat();
  await new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { console: chat, discord: chat, slack: chat } }).drain();
  const card = chat.sent.find((m) => m.content.kind === 'card');
  return { platform: 'discord' as const, channelId: card?.channelId as string, messageId: 'msg-1' };
}
const status = async (ctx: TestContext) => (await ctx.db.select().from(routings))[0]?.status;

describe('reacting to a card', () => {
  const database = useTestDatabase();

  it('records an added reaction once however often it is replayed, and a removal undoes exactly it', async () => {
    const ctx = await testContext(database.current().db);
    const card = await cardOnConsole(ctx);
    const sam = person(ctx.config, 'sam');
    const add = { card, kind: 'acknowledge' as const, actor: sam, reactionKey: 'discord:reaction:m1:sam:eyes', removed: false };
    expect(await reactToCard(ctx, add)).toMatchObject({ status: 'recorded', routingStatus: 'acknowledged' });
    expect(await reactToCard(ctx, add)).toEqual({ status: 'unchanged', reason: 'already_in_effect' });
    await recordAction(ctx, { card, kind: 'own', actor: sam, via: 'button' });
    // Removing 👀 after taking it: the acknowledgement is no longer current, so the undo is refused and "owned" stands.
    expect((await refusalOf(reactToCard(ctx, { ...add, removed: true }))).words).toMatch(/^It has changed since you acknowledged it: you took it at \d\d:\d\d UTC\.$/);
    expect(await status(ctx)).toBe('owned');
  });

  it('adding the reaction again after removing it records a new action', async () => {
    const ctx = await testContext(database.current().db);
    const card = await cardOnConsole(ctx);
    const add = { card, kind: 'resolve' as const, actor: person(ctx.config, 'sam'), reactionKey: 'discord:reaction:m1:sam:check', removed: false };
    await reactToCard(ctx, add);
    expect(await reactToCard(ctx, { ...add, removed: true })).toMatchObject({ status: 'recorded', routingStatus: 'open' });
    expect(await reactToCard(ctx, { ...add, removed: true })).toEqual({ status: 'unchanged', reason: 'nothing_to_undo' });
    expect(await reactToCard(ctx, add)).toMatchObject({ status: 'recorded', routingStatus: 'resolved' });
    const keys = (await ctx.db.select().from(actions).orderBy(actions.id)).map((a) => a.idempotencyKey).filter(Boolean);
    expect(keys).toEqual(['discord:reaction:m1:sam:check#1', 'discord:reaction:m1:sam:check#1:undo', 'discord:reaction:m1:sam:check#2']);
  });

  it('refuses a reaction from someone outside the team without recording anything', async () => {
    const ctx = await testContext(database.current().db);
    const card = await cardOnConsole(ctx);
    expect((await refusalOf(reactToCard(ctx, { card, kind: 'resolve', actor: person(ctx.config, 'lena'), reactionKey: 'k', removed: false }))).words).toBe('Only members of Support can resolve this.');
    expect(await status(ctx)).toBe('open');
  });
});

describe('capturing someone else’s message by hand', () => {
  const database = useTestDatabase();

  it('is for community managers only', async () => {
    const ctx = await testContext(database.current().db);
    const input = { ...discordMessage('Exports crash'), via: 'reaction' as const };
    expect((await refusalOf(captureByHand(ctx, { ...input, capturedBy: person(ctx.config, 'sam') }))).words).toBe('Only community managers can send other people’s messages to Liaison.');
    expect(await captureByHand(ctx, { ...input, capturedBy: person(ctx.config, 'maya') })).toMatchObject({ status: 'created' });
  });
});

describe('source cursors', () => {
  const database = useTestDatabase();

  it('only move forward, comparing message IDs as numbers', async () => {
    const ctx = await testContext(database.current().db);
    await advanceSourceCursor(ctx.db, 'discord', '1101', '999999999999999999');
    await advanceSourceCursor(ctx.db, 'discord', '1101', '1000000000000000000');
    // Textually "2" > "1000…", numerically it is older: the cursor stays.
    await advanceSourceCursor(ctx.db, 'discord', '1101', '2');
    const cursors = await sourceCursors(ctx.db, 'discord');
    expect(cursors.map((c) => [c.externalId, c.kind, c.lastMessageId])).toEqual([['1101', 'channel', '1000000000000000000'], ['1102', 'forum', null]]);
  });
});
