import { and, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actions } from '../db/schema/index.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { findUndoableAction } from './find-undoable-action.js';
import { parseInput } from './parse-input.js';
import { recordAction, type RecordActionResult } from './record-action.js';

export const ReactToCardInput = z.object({
  card: z.object({ platform: z.enum(['slack', 'discord', 'console']), channelId: z.string().min(1), messageId: z.string().min(1) }),
  kind: z.enum(['acknowledge', 'own', 'resolve', 'decline']),
  actor: Actor,
  /** Names one person's one emoji on one card, e.g. `discord:reaction:<message>:<user>:<emoji>`; no event identity. */
  reactionKey: z.string().min(1).max(240),
  removed: z.boolean(),
});
export type ReactToCardInput = z.input<typeof ReactToCardInput>;

export type ReactToCardResult = RecordActionResult | { status: 'unchanged'; reason: 'already_in_effect' | 'nothing_to_undo' };

/**
 * A reaction added or removed on a card. Reaction events carry no identity of their own, so idempotency comes from
 * state: an add while the same reaction's action is in effect is a replay and changes nothing; a removal undoes the
 * action its add recorded (not the person's latest action, which may have come from a button). Adding the reaction
 * again after removing it is a new action, with the next key in the series. (Slack events have IDs of their own, so the
 * Slack adapter keys each add by event and uses findUndoableAction alone.)
 */
export async function reactToCard(ctx: Context, raw: ReactToCardInput): Promise<ReactToCardResult> {
  const input = parseInput(ReactToCardInput, raw);
  const { active, count } = await reactionState(ctx, input);
  if (!input.removed) {
    if (active) return { status: 'unchanged', reason: 'already_in_effect' };
    return recordAction(ctx, { card: input.card, kind: input.kind, actor: input.actor, via: 'reaction', idempotencyKey: `${input.reactionKey}#${count + 1}` });
  }
  if (!active) return { status: 'unchanged', reason: 'nothing_to_undo' };
  return recordAction(ctx, { card: input.card, kind: 'undo', undoesKey: active, actor: input.actor, via: 'reaction', idempotencyKey: `${active}:undo` });
}

/** The series' action still in effect (not undone), and how many actions the series holds. */
async function reactionState(ctx: Context, input: z.infer<typeof ReactToCardInput>): Promise<{ active?: string; count: number }> {
  const prefix = `${input.reactionKey}#`;
  const standing = await findUndoableAction(ctx, { card: input.card, keyPrefix: prefix });
  const count = await ctx.db.$count(actions, and(sql`starts_with(${actions.idempotencyKey}, ${prefix})`, sql`${actions.kind} <> 'undo'`));
  return { active: standing?.idempotencyKey, count };
}
