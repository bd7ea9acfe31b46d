import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { completeInbound, failInbound, recordInbound } from '../../src/core/inbound/inbound-log.js';
import { inboundEvents } from '../../src/db/schema/index.js';
import { inboundRetentionJob } from '../../src/jobs/inbound-retention-job.js';
import { useTestDatabase } from '../helpers/test-database.js';

const DAY = 86_400_000;

describe('stored platform events', () => {
  const database = useTestDatabase();

  it('are pruned a month after they were handled; failed and pending ones stay for an operator', async () => {
    const { db } = database.current();
    const clock = new ManualClock('2026-10-01T12:00:00Z');
    const event = (key: string) => recordInbound(db, { key, platform: 'slack', kind: 'message', payload: { text: 'hi' } }, clock.now());
    await event('old-done');
    await completeInbound(db, 'old-done', clock.now());
    await event('old-pending');
    await event('old-failed');
    await failInbound(db, 'old-failed', new Error('boom'), 1);
    clock.advance(5 * DAY);
    await event('recent-done');
    await completeInbound(db, 'recent-done', clock.now());

    const job = inboundRetentionJob(db, clock);
    clock.set('2026-10-31T12:30:00Z'); // 30 days and 30 minutes after the first, 25 days after the recent one
    await job.run();
    const left = (await db.select({ key: inboundEvents.key }).from(inboundEvents)).map((r) => r.key).sort();
    expect(left).toEqual(['old-failed', 'old-pending', 'recent-done']);
  });

  it('looks at most once an hour', async () => {
    const { db } = database.current();
    const clock = new ManualClock('2026-09-01T12:00:00Z');
    await recordInbound(db, { key: 'k', platform: 'discord', kind: 'message', payload: {} }, clock.now());
    await completeInbound(db, 'k', clock.now());
    clock.set('2026-10-01T11:50:00Z'); // 10 minutes short of 30 days
    const job = inboundRetentionJob(db, clock);
    await job.run();
    clock.advance(20 * 60_000); // now past 30 days, but the last look was only 20 minutes ago
    await job.run();
    expect(await db.$count(inboundEvents)).toBe(1);
    clock.advance(40 * 60_000);
    await job.run();
    expect(await db.$count(inboundEvents)).toBe(0);
  });
});
