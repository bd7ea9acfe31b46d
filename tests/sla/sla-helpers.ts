import { and, asc, eq, like } from 'drizzle-orm';
import { captureFeedback, type CaptureInput } from '../../src/core/capture-feedback.js';
import { checkSlas } from '../../src/core/check-slas.js';
import { actions, deliveries } from '../../src/db/schema/index.js';
import type { Reminder } from '../../src/delivery/content.js';
import type { TestContext } from '../helpers/test-context.js';

/** Moves the clock and runs the scheduler's SLA pass, as one tick would. */
export async function tickAt(ctx: TestContext, at: string) {
  ctx.clock.set(at);
  return checkSlas(ctx);
}

/** Ticks every `stepMinutes` from `from` up to and including `to`. */
export async function tickThrough(ctx: TestContext, from: string, to: string, stepMinutes = 15): Promise<void> {
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += stepMinutes * 60_000) {
    ctx.clock.set(new Date(t));
    await checkSlas(ctx);
  }
}

export async function capturedRouting(ctx: TestContext, input: CaptureInput): Promise<{ itemId: number; routingId: number }> {
  const result = await captureFeedback(ctx, input);
  if (result.status !== 'created' || !result.routings[0]) throw new Error('expected a new routed item');
  return { itemId: result.itemId, routingId: result.routings[0].id };
}

/** The regular reminders (not ladder steps), oldest first, with their payloads. */
export async function remindersSent(ctx: TestContext, team?: string) {
  const rows = await ctx.db.select().from(deliveries).where(and(eq(deliveries.kind, 'reminder'), like(deliveries.key, team ? `reminder:${team}:%` : 'reminder:%'))).orderBy(asc(deliveries.id));
  return rows.map((row) => ({ key: row.key, channel: `${row.platform}:${row.channelId}`, reminder: row.payload as unknown as Reminder }));
}

/** Messages of the breach ladder, oldest first. */
export async function ladderMessages(ctx: TestContext) {
  const rows = await ctx.db.select().from(deliveries).where(and(eq(deliveries.kind, 'reminder'), like(deliveries.key, 'sla_ladder:%'))).orderBy(asc(deliveries.id));
  return rows.map((row) => ({ channel: `${row.platform}:${row.channelId}`, reminder: row.payload as unknown as Reminder, at: row.createdAt.toISOString() }));
}

/** Ladder steps in the ledger, oldest first: `routingId:step@time`. */
export async function ladderSteps(ctx: TestContext): Promise<string[]> {
  const rows = await ctx.db.select().from(actions).where(eq(actions.kind, 'sla_ladder')).orderBy(asc(actions.id));
  return rows.map((a) => `${a.routingId}:${(a.data as { step: string }).step}@${a.createdAt.toISOString()}`);
}
