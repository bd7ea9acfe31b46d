import type { Notice } from './content.js';

const TRACKER = { github: 'GitHub', linear: 'Linear', jira: 'Jira' } as const;

/**
 * The facts of a private notice, in plain words every presenter uses (each escapes and styles them its own way):
 * what did not happen, and the tracker's reason.
 */
export function noticeWords(notice: Notice): { headline: string; reason: string; next: string } {
  const where = `${TRACKER[notice.tracker]} (${notice.place})`;
  const headline = notice.code === 'issue_not_created'
    ? `The issue for #${notice.itemId} could not be created in ${where}`
    : `${notice.ref ?? 'That issue'} could not be linked to #${notice.itemId}${notice.cause === 'not_found' ? `: ${where} has no such issue` : ''}`;
  const reason = notice.cause === 'gave_up' ? `${TRACKER[notice.tracker]} kept failing, so Liaison stopped trying. Last answer: ${notice.reason}` : notice.reason;
  return { headline, reason, next: notice.cause === 'refused' ? 'Nothing will be retried; the card offers the buttons again once the token or the config is fixed.' : 'The card offers the buttons again.' };
}

/** "shipped it" and the link, for a loop reply whose routing the tracker resolved. */
export function shippedWords(shipped: NonNullable<import('./content.js').LoopReply['shipped']>): string {
  return shipped.url ? `It has shipped: ${shipped.url}` : 'It has shipped.';
}
