import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { actions, slaEvents } from '../../src/db/schema/index.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { testContext } from '../helpers/test-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedRouting, ladderMessages, remindersSent } from './sla-helpers.js';

const INSTANCES = 4;
const SCRIPT = fileURLToPath(new URL('./sla-tick-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts an instance and resolves once it has connected and waits for the starting signal. */
async function startInstance(url: string, ticks: string[]): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, url, ticks.join(',')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  while (!output.join('').includes('ready')) {
    const [event] = await Promise.race([once(child.stdout!, 'data').then(() => ['data']), once(child, 'exit').then(() => ['exit'])]);
    if (event === 'exit') throw new Error(`instance exited before it was ready:\n${output.join('')}`);
  }
  return { child, output };
}

describe('several instances ticking the SLA job at once', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  it('give exactly one reminder per team per window, and each state change and ladder step once', async () => {
    database = await createTestDatabase();
    const ctx = await testContext(database.db); // Monday 09:00 New York
    const bug = await capturedRouting(ctx, discordMessage('Login is broken')); // Support: acknowledge by 10:00
    await capturedRouting(ctx, discordMessage('Export crashes'));
    const quote = await capturedRouting(ctx, slackMessage('Need a quote for the enterprise plan')); // Sales: by 13:00
    // Each instance ticks through the same minutes: two support windows, the breach, and sales turning at risk.
    const ticks = ['2026-11-16T14:50:00Z', '2026-11-16T15:05:00Z', '2026-11-16T16:01:00Z', '2026-11-16T17:01:00Z', '2026-11-16T17:02:00Z'];
    const instances = await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(database!.url, ticks)));
    const exits = instances.map(({ child }) => once(child, 'exit'));
    for (const { child } of instances) child.stdin?.end('go\n');
    const codes = (await Promise.all(exits)).map(([code]) => code as number);
    expect(codes, instances.map((i) => i.output.join('')).join('\n')).toEqual(Array(INSTANCES).fill(0));

    const reminders = await remindersSent(ctx);
    // Instances interleave, so the order of teams within a minute may vary; the set may not.
    expect(reminders.map((r) => r.key).sort()).toEqual([
      'reminder:sales:2026-11-16T11:00-05:00',
      'reminder:support:2026-11-16T09:00-05:00',
      'reminder:support:2026-11-16T11:00-05:00',
    ]);
    expect(reminders.find((r) => r.key === 'reminder:support:2026-11-16T11:00-05:00')?.reminder.items).toHaveLength(2);
    const events = await ctx.db.select().from(slaEvents).orderBy(asc(slaEvents.id));
    expect(events.filter((e) => e.routingId === bug.routingId).map((e) => e.state)).toEqual(['at_risk', 'breached']);
    expect(events.filter((e) => e.routingId === quote.routingId).map((e) => e.state)).toEqual(['at_risk']);
    const steps = await ctx.db.select().from(actions).where(eq(actions.kind, 'sla_ladder'));
    expect(steps.filter((s) => s.routingId === bug.routingId).map((s) => (s.data as { step: string }).step)).toEqual(['team', 'oncall']);
    expect((await ladderMessages(ctx)).map((m) => m.reminder.step)).toEqual(['team', 'oncall']);
  }, 120_000);
});
