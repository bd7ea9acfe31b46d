import { describe, expect, it } from 'vitest';
import { CONTINUE_AFTER_MS } from '../../src/adapters/slack/catch-up.js';
import { fromMicros, micros } from '../../src/adapters/slack/slack-ts.js';
import type { Db } from '../../src/db/client.js';
import { sourceCursor, storedItemTexts } from '../helpers/stored-rows.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import type { StoredMessage } from './helpers/fake-slack-api.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent } from './helpers/slack-payloads.js';

// The test clock starts at 2026-11-16T14:00:00Z: Liaison starts watching the source channels then.
const WATCHING = Date.parse('2026-11-16T14:00:00Z') / 1000;
const ts = (secondsAfterWatching: number) => `${WATCHING + secondsAfterWatching}.000100`;
const said = (text: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ text, user: 'U0CUST', ...extra });
const cursor = async (db: Db) => (await sourceCursor(db, 'C0BIGCO')).lastMessageId;
const catchUpFrom = async (db: Db) => (await sourceCursor(db, 'C0BIGCO')).catchUpFrom;

describe('Slack catch-up after downtime', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  /** Liaison ran once, captured one message live (ten seconds after it started watching), and stopped. */
  async function ranOnceAndStopped(): Promise<void> {
    const h = await startSlack();
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: ts(10), text: 'Seen live: the export crashes' })));
    await h.adapter.idle();
    await h.close();
  }

  it('on its first start, captures what was posted since it started watching, not before', async () => {
    const db = database.current().db;
    const h = await startSlack({
      history: {
        [`C0BIGCO:${ts(-3_600)}`]: said('Before watching: the export crashes'),
        [`C0BIGCO:${ts(60)}`]: said('While starting: the sync is broken'),
      },
    });
    await h.adapter.idle();
    expect(await storedItemTexts(db)).toEqual(['While starting: the sync is broken']);
    expect(await cursor(db)).toBe(ts(60));
  });

  it('after downtime, captures every message posted meanwhile once, oldest first, paging past 200, and only people’s top-level messages', async () => {
    const db = database.current().db;
    await ranOnceAndStopped();

    const missed: Record<string, StoredMessage> = { [`C0BIGCO:${ts(10)}`]: said('Seen live: the export crashes') };
    for (let i = 1; i <= 205; i += 1) missed[`C0BIGCO:${ts(100 + i)}`] = said(`Missed ${i}: it crashes`);
    missed[`C0BIGCO:${ts(400)}`] = said('A reply in a thread', { thread_ts: ts(101) });
    missed[`C0BIGCO:${ts(401)}`] = { text: 'A bot said this', bot_id: 'B0OTHER' };
    missed[`C0BIGCO:${ts(402)}`] = said('joined the channel', { subtype: 'channel_join' } as Partial<StoredMessage>);
    const h = await startSlack({ history: missed });
    await h.adapter.idle();

    const texts = await storedItemTexts(db);
    expect(texts).toHaveLength(206);
    expect(texts.slice(0, 3)).toEqual(['Seen live: the export crashes', 'Missed 1: it crashes', 'Missed 2: it crashes']);
    expect(texts.at(-1)).toBe('Missed 205: it crashes');
    // Read forward from the last message captured, never paging back from the present.
    const calls = h.fake.called('conversations.history').filter((c) => c.channel === 'C0BIGCO');
    expect(calls[0]).toMatchObject({ oldest: '1794837610.000101', inclusive: 'true' });
    expect(calls.every((c) => c.cursor === undefined)).toBe(true);
    expect(await cursor(db)).toBe(ts(305));
    expect(await catchUpFrom(db)).toBeNull();
  });

  it('a backlog larger than one run may read is captured in full, oldest first: the next run resumes where the last stopped', async () => {
    const db = database.current().db;
    await ranOnceAndStopped();

    const missed: Record<string, StoredMessage> = {};
    for (let i = 1; i <= 450; i += 1) missed[`C0BIGCO:${ts(100 + i)}`] = said(`Missed ${i}: it crashes`);
    const slept: number[] = [];
    const h = await startSlack({ history: missed, catchUpRequests: 2, slept });
    await h.adapter.idle();

    const texts = (await storedItemTexts(db)).slice(1);
    expect(texts).toHaveLength(450);
    expect(texts).toEqual(Array.from({ length: 450 }, (_, i) => `Missed ${i + 1}: it crashes`));
    // It stopped at its limit at least once, and went on a minute later.
    expect(slept).toContain(CONTINUE_AFTER_MS);
    expect(await catchUpFrom(db)).toBeNull();
  }, 90_000);

  it('an unfinished catch-up resumes after a restart from where it stopped, though a live message moved the channel on', async () => {
    const db = database.current().db;
    await ranOnceAndStopped();

    const missed: Record<string, StoredMessage> = {};
    for (let i = 1; i <= 350; i += 1) missed[`C0BIGCO:${ts(100 + i)}`] = said(`Missed ${i}: it crashes`);
    // Its pause before the next run never ends: the restart comes first.
    const slept: number[] = [];
    let h = await startSlack({ history: missed, catchUpRequests: 2, slept, sleep: () => new Promise(() => {}) });
    await waitFor(() => slept.includes(CONTINUE_AFTER_MS));
    const firstRun = (await storedItemTexts(db)).length - 1;
    expect(firstRun).toBeGreaterThan(0);
    expect(firstRun).toBeLessThan(350);
    const stoppedAt = await catchUpFrom(db);
    expect(stoppedAt).not.toBeNull();
    h.fake.messages.set(`C0BIGCO:${ts(2_000)}`, said('Live after the restart: login fails'));
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: ts(2_000), text: 'Live after the restart: login fails' })));
    await waitFor(async () => (await cursor(db)) === ts(2_000));
    await h.close();

    h = await startSlack({ history: { ...missed, [`C0BIGCO:${ts(2_000)}`]: said('Live after the restart: login fails') } });
    await h.adapter.idle();
    const texts = await storedItemTexts(db);
    expect(texts).toHaveLength(352);
    const missedInOrder = texts.filter((t) => t.startsWith('Missed'));
    expect(missedInOrder).toEqual(Array.from({ length: 350 }, (_, i) => `Missed ${i + 1}: it crashes`));
    expect(h.fake.called('conversations.history')[0]).toMatchObject({ oldest: fromMicros(micros(stoppedAt as string) + 1) });
    expect(await catchUpFrom(db)).toBeNull();
  }, 90_000);

  it('waits as long as a 429 says before reading on, then captures what it missed', async () => {
    const slept: number[] = [];
    const db = database.current().db;
    const first = await startSlack();
    await first.close();
    const h = await startSlack({ history: { [`C0BIGCO:${ts(30)}`]: said('Missed while down: sync is broken') }, slept, beforeStart: (fake) => fake.failNext('conversations.history', { status: 429, retryAfter: 30 }) });
    await h.adapter.idle();
    expect(slept).toEqual([30_000]);
    expect(h.fake.called('conversations.history').filter((c) => c.channel === 'C0BIGCO')).toHaveLength(2);
    expect(await storedItemTexts(db)).toEqual(['Missed while down: sync is broken']);
  });

  it('in Socket Mode, catches up again after the connection drops and comes back', async () => {
    // A short ping timeout: the client also waits that long before reconnecting.
    const db = database.current().db;
    const h = await startSlack({ socketMode: true, socketPingTimeoutMs: 1_000 });
    await h.settle();
    const socket = h.socket as NonNullable<SlackHarness['socket']>;
    h.fake.messages.set(`C0BIGCO:${ts(90)}`, said('Posted while reconnecting: the app crashes'));
    socket.dropConnection();
    await waitFor(async () => (await storedItemTexts(db)).length === 1);
    expect(socket.connections).toBe(2);
    expect(await storedItemTexts(db)).toEqual(['Posted while reconnecting: the app crashes']);
  });
});
