import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { feedbackItems, sources } from '../../src/db/schema/index.js';

/** The text of every stored item, in the order captured: what a replay or catch-up test checks arrived once each. */
export async function storedItemTexts(db: DbOrTx): Promise<string[]> {
  return (await db.select({ text: feedbackItems.text }).from(feedbackItems).orderBy(feedbackItems.id)).map((r) => r.text);
}

/** Where Liaison stands in a source channel: the last message it captured, and where an unfinished catch-up resumes. */
export async function sourceCursor(db: DbOrTx, channelId: string): Promise<{ lastMessageId: string | null; catchUpFrom: string | null }> {
  const [source] = await db.select({ lastMessageId: sources.lastMessageId, catchUpFrom: sources.catchUpFrom }).from(sources).where(eq(sources.externalId, channelId));
  if (!source) throw new Error(`no source ${channelId}`);
  return source;
}
