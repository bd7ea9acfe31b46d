import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';

/** What a card is about, in a few words: its number and its title or first line (a Discord thread is named after it). */
export interface CardSubject { itemId: number; subject: string }

/** The longest subject kept; presenters cut it further to their own limits. */
const SUBJECT_MAX = 120;

export async function cardSubject(tx: DbOrTx, itemId: number): Promise<CardSubject> {
  const [item] = await tx.select({ title: feedbackItems.title, text: feedbackItems.text }).from(feedbackItems).where(eq(feedbackItems.id, itemId));
  const firstLine = item?.text.split('\n').find((line) => line.trim() !== '') ?? '';
  return { itemId, subject: excerpt(item?.title?.trim() || firstLine, SUBJECT_MAX) };
}
