import type { LiaisonConfig } from '../../../config/schema.js';
import type { DomainError } from '../../../core/errors.js';
import { errorWords } from '../../../delivery/error-words.js';
import { zonedTime } from '../../local-time.js';
import type { RoutingDone } from './perform-routing-action.js';

const TRACKER_NAME: Record<string, string> = { github: 'GitHub', linear: 'Linear', jira: 'Jira' };
const DONE: Record<string, string> = { acknowledge: 'acknowledged', own: 'took', resolve: 'resolved', decline: 'declined', reopen: 'reopened' };

/** The sentence shown after a routing form worked: "You took #12 for Support." */
export function routingDoneWords(done: RoutingDone, itemId: number, config: LiaisonConfig): string {
  const team = (id: string) => config.teams[id]?.name ?? id;
  switch (done.kind) {
    case 'snoozed': return `Reminders about #${itemId} for ${team(done.team)} are snoozed until ${zonedTime(done.until, config.timezone)}.`;
    case 'issue_requested': return `An issue for #${itemId} is being created in ${TRACKER_NAME[done.tracker] ?? done.tracker} (${done.place}); its link appears here and on the card once the tracker answers.`;
    case 'recorded': {
      if (done.action === 'pass_on') return `You passed #${itemId} on from ${team(done.team)} to ${team(done.toTeam ?? '')}.`;
      if (done.action === 'undo') return `You undid your last step on #${itemId} for ${team(done.team)}: it is ${done.status.replace('_', ' ')} again.`;
      const told = (done.action === 'resolve' && config.closeTheLoop.onResolved !== 'none') || (done.action === 'decline' && config.closeTheLoop.onDeclined !== 'none') ? ' The people who raised it will be told.' : '';
      return `You ${DONE[done.action] ?? done.action} #${itemId} for ${team(done.team)}.${told}`;
    }
  }
}

/** Which field a refusal is about, and the words beside it, for a form that comes back. */
export function fieldErrorOf(error: DomainError, action: string, fields: string[]): { field: string | null; message: string } {
  const named = (error.details.fields ?? {}) as Record<string, string>;
  const field = fields.find((f) => f in named) ?? null;
  if (field === 'reason' && action === 'decline') return { field, message: 'Say why you decline it: the people who raised it are told this reason.' };
  if (field === 'reason' && action === 'snooze') return { field, message: 'Say why reminders should pause: the card shows it and digests count it.' };
  if (field === 'reason' && action === 'escalate') return { field, message: 'Say why this is being escalated: the team and its on-call see it.' };
  const words = errorWords(error);
  if (field === 'toTeam' || field === 'team') return { field, message: error.reason === 'unknown_team' ? `${words} Choose one of the teams in the list.` : words };
  return { field, message: words };
}
