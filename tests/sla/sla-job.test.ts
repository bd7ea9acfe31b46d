import { describe, expect, it } from 'vitest';
import { slaJobs } from '../../src/jobs/sla-job.js';
import { discordMessage } from '../helpers/capture.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, ladderSteps, remindersSent } from './sla-helpers.js';

async function runJobAt(ctx: TestContext, at: string): Promise<void> {
  ctx.clock.set(at);
  for (const job of slaJobs(ctx)) await job.run();
}

describe('the scheduled SLA job', () => {
  const database = useTestDatabase();

  it('reminds of a backlog that was overdue before it first ran, without paging anyone about it', async () => {
    const ctx = await testContext(database.current().db); // Monday 09:00
    const backlog = await capturedRouting(ctx, discordMessage('Login is broken')); // overdue from 10:00
    await runJobAt(ctx, '2026-11-17T14:05:00Z'); // first run ever: Tuesday 09:05
    ctx.clock.set('2026-11-17T14:30:00Z');
    const fresh = await capturedRouting(ctx, discordMessage('Export crashes')); // overdue from 10:30
    await runJobAt(ctx, '2026-11-17T15:35:00Z');
    await runJobAt(ctx, '2026-11-17T16:40:00Z');
    expect((await remindersSent(ctx)).map((r) => r.reminder.items.map((i) => i.routingId))).toEqual([[backlog.routingId], [backlog.routingId, fresh.routingId]]);
    expect(await ladderSteps(ctx)).toEqual([`${fresh.routingId}:team@2026-11-17T15:35:00.000Z`, `${fresh.routingId}:oncall@2026-11-17T16:40:00.000Z`]);
  });

  it('lists at most 25 items in a reminder, the oldest, and says how many more there are', async () => {
    const ctx = await testContext(database.current().db);
    const routings: number[] = [];
    for (let i = 0; i < 27; i += 1) {
      ctx.clock.set(new Date(Date.parse('2026-11-16T14:00:00Z') + i * 60_000));
      routings.push((await capturedRouting(ctx, discordMessage(`Crash number ${i}`))).routingId);
    }
    await runJobAt(ctx, '2026-11-16T16:05:00Z');
    const [sent] = await remindersSent(ctx);
    expect(sent?.reminder.items.map((i) => i.routingId)).toEqual(routings.slice(0, 25));
    expect(sent?.reminder.omitted).toBe(2);
  });
});
