import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { actions } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';

export interface UndoableAction {
  actionId: number;
  kind: 'acknowledge' | 'own' | 'resolve' | 'decline';
  /** The routing's status right after it: an undo is only possible while it still stands there. */
  toStatus: string | null;
}

/**
 * Per routing, the person's latest acknowledge, take, resolve or decline that has not been undone: what an undo
 * by them would reverse (recordAction picks the same one). One query for a whole page of routings.
 */
export async function undoableByViewer(db: DbOrTx, actor: Actor, routingIds: number[]): Promise<Map<number, UndoableAction>> {
  if (routingIds.length === 0) return new Map();
  const undo = alias(actions, 'undo');
  const rows = await db
    .selectDistinctOn([actions.routingId], { routingId: actions.routingId, actionId: actions.id, kind: actions.kind, toStatus: actions.toStatus })
    .from(actions)
    .leftJoin(undo, eq(undo.undoesId, actions.id))
    .where(and(
      inArray(actions.routingId, routingIds),
      eq(actions.actorPlatform, actor.platform),
      eq(actions.actorId, actor.id),
      sql`${actions.kind} in ('acknowledge', 'own', 'resolve', 'decline')`,
      isNull(undo.id),
    ))
    .orderBy(actions.routingId, desc(actions.id));
  return new Map(rows.map((r) => [r.routingId as number, { actionId: r.actionId, kind: r.kind as UndoableAction['kind'], toStatus: r.toStatus }]));
}
