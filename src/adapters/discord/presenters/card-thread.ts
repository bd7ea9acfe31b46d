import { cleanInbound, excerpt, stripBidi } from '../../../core/inert-text.js';
import { actionSentence } from '../../../delivery/action-words.js';
import type { CardSubject } from '../../../core/actions/card-subject.js';
import type { Page } from '../../../delivery/content.js';
import { clip, safeText } from '../discord-text.js';
import { LIMITS, type MessageBody } from './embed-limits.js';

/** Discord refuses a thread name over 100 characters. */
const THREAD_NAME_MAX = 100;

/**
 * A card's thread is named after its item ("#12 · Export crashes when…"), so a channel's thread list says what
 * each is about. Thread names are plain text (no markdown, no mentions); only invisible tricks are removed.
 */
export function cardThreadName(card: CardSubject | undefined): string {
  if (!card) return 'Activity on this card';
  const head = `#${card.itemId}`;
  const subject = stripBidi(cleanInbound(card.subject)).trim();
  return subject ? `${head} · ${excerpt(subject, THREAD_NAME_MAX - head.length - 3)}` : head;
}

/** The escalation, noted in the card's thread like every other step: who raised it, how high, and why. Pings nobody. */
export function escalationNoteMessage(page: Page): MessageBody {
  const line = actionSentence({ actor: page.by, kind: 'escalate', priority: page.priority, reason: page.reason }, safeText);
  return { content: clip(`🚨 ${line}`, LIMITS.content), allowed_mentions: { parse: [] } };
}
