import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems } from '../../db/schema/index.js';

/** Follows merges to the item that now speaks for this one. */
export async function resolveItemId(db: DbOrTx, itemId: number): Promise<number> {
  let current = itemId;
  for (let hop = 0; hop < 20; hop += 1) {
    const [row] = await db.select({ mergedIntoId: feedbackItems.mergedIntoId }).from(feedbackItems).where(eq(feedbackItems.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}
