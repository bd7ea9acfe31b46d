import { formatDuration } from '../../../config/duration.js';
import { STATUS_LABEL } from '../../../delivery/verb-words.js';
import { PAST_TENSE } from '../../../delivery/verb-words.js';
import type { LedgerEntry } from '../../../core/inbox/item-ledger.js';
import type { ReplyToAuthor } from '../../../core/inbox/item-replies.js';
import type { SlaStatus } from '../../../core/sla/sla-status.js';
import type { RoutingStatus } from '../../../db/schema/routing.js';
import { zonedTime } from '../../local-time.js';

/** The words the inbox and item pages use for the core's codes and data. */

export const statusLabel = (status: string) => STATUS_LABEL[status as RoutingStatus] ?? status;

export const VIA_LABEL: Record<string, string> = {
  button: 'Chat button', reaction: 'Chat reaction', command: 'Chat command', modal: 'Chat form', api: 'API', system: 'Liaison', tracker: 'Issue tracker', web: 'Web app',
};

export const SLA_LABEL: Record<SlaStatus['state'], string> = { on_track: 'On track', at_risk: 'At risk', breached: 'Overdue', none: 'No target' };

export const ACTION_LABEL = { acknowledge: 'Acknowledge', own: 'Take it', resolve: 'Resolve', decline: 'Decline…', pass_on: 'Pass on…', reopen: 'Reopen', snooze: 'Snooze…' } as const;
export const UNDO_LABEL: Record<string, string> = { acknowledge: 'Undo acknowledge', own: 'Undo take', resolve: 'Undo resolve', decline: 'Undo decline' };

/** "2h ago", "3d ago". */
export const ago = (at: Date, now: Date) => (now.getTime() - at.getTime() < 60_000 ? 'just now' : `${formatDuration(now.getTime() - at.getTime())} ago`);

/** "First response due Mon 16 Nov, 10:00 (1h overdue)", "Resolution due … (3d left)". */
export function slaWords(sla: SlaStatus, tz: string, now: Date): string {
  if (!sla.target || !sla.dueAt) return 'No SLA target';
  const left = sla.dueAt.getTime() - now.getTime();
  const owed = sla.target === 'acknowledge' ? 'First response' : 'Resolution';
  return `${owed} due ${zonedTime(sla.dueAt, tz)} (${left >= 0 ? `${formatDuration(left)} left` : `${formatDuration(-left)} overdue`})`;
}

/** One ledger entry as a sentence: "Sam took it for Support", "Maya escalated it to Support (urgent): …". */
export function ledgerWords(entry: LedgerEntry, itemId: number): string {
  const team = entry.team ? ` for ${entry.team.name}` : '';
  const reason = entry.reason ? `: “${entry.reason}”` : '';
  const onOther = entry.itemId !== itemId ? ` (on #${entry.itemId}, since merged here)` : '';
  switch (entry.kind) {
    case 'capture': return `${entry.actorName}'s message was captured${onOther}`;
    case 'pass_on': return `${entry.actorName} passed it on from ${entry.team?.name ?? '?'} to ${entry.toTeam?.name ?? '?'}${reason}${onOther}`;
    case 'escalate': return `${entry.actorName} escalated it to ${entry.team?.name ?? '?'}${entry.priority ? ` (${entry.priority})` : ''}${reason}${onOther}`;
    case 'merge': return entry.merged ? `${entry.actorName} merged ${entry.merged.map((id) => `#${id}`).join(', ')} into this item` : `${entry.actorName} merged #${entry.itemId} into #${entry.mergedInto ?? '?'}`;
    case 'snooze': return `${entry.actorName} snoozed reminders${team}${entry.snoozedUntil ? ` until ${entry.snoozedUntil.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}${reason}${onOther}`;
    case 'create_issue': case 'link_issue': return `${entry.actorName} ${PAST_TENSE[entry.kind]} it${team}${entry.issue ? `: ${entry.issue.key}` : ''}${onOther}`;
    case 'undo': return `${entry.actorName} undid their last step${team}${onOther}`;
    case 'sla_ladder': return `Liaison flagged it as overdue${team}${reason}${onOther}`;
    default: return `${entry.actorName} ${PAST_TENSE[entry.kind] ?? entry.kind} it${team}${reason}${onOther}`;
  }
}

const REPLY_STATE: Record<ReplyToAuthor['state'], string> = { pending: 'Waiting to be sent', sending: 'Being sent', sent: 'Sent', failed: 'Could not be sent', skipped: 'Withdrawn' };
const OUTCOME_WORD: Record<string, string> = { resolved: 'resolved', declined: 'declined', acknowledged: 'acknowledged' };

/** "Told it was resolved by Support · Sent Mon 16 Nov, 10:02", "… · Could not be sent after 3 attempts: channel_not_found". */
export function replyWords(reply: ReplyToAuthor, tz: string): string {
  const told = `Told it was ${OUTCOME_WORD[reply.outcome] ?? reply.outcome} by ${reply.team}${reply.dm ? ' (direct message)' : ''}`;
  const state = reply.state === 'sent' && reply.sentAt ? `Sent ${zonedTime(reply.sentAt, tz)}` : reply.state === 'failed' ? `${REPLY_STATE.failed} after ${reply.attempts} ${reply.attempts === 1 ? 'attempt' : 'attempts'}${reply.lastError ? `: ${reply.lastError}` : ''}` : REPLY_STATE[reply.state];
  return `${told} · ${state}`;
}
