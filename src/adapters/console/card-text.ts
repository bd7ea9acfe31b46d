import { formatDuration } from '../../config/duration.js';
import { actionSentence } from '../../delivery/action-words.js';
import { STATUS_LABEL } from '../../delivery/verb-words.js';
import { excerpt, inert } from '../../core/inert-text.js';
import type { RoutingCard } from '../../core/load-routing-card.js';
import { zonedTime } from '../local-time.js';
import { routingReasonWords } from '../../delivery/routing-reason-words.js';

const BUTTON_LABEL: Record<string, string> = { acknowledge: 'Acknowledge', own: 'Take it', resolve: 'Resolve', decline: 'Decline', pass_on: 'Pass on', reopen: 'Reopen' };

/**
 * A routed card as terminal text: the same facts, in the same order, as the Slack and Discord cards. The terminal
 * has no buttons, so the card ends with its item page (`itemUrl`), where every one of them can be pressed.
 */
export function cardText(card: RoutingCard, timezone: string, now: Date, itemUrl?: string): string[] {
  const { item, routing } = card;
  const lines = [
    `#${item.id} for ${routing.team.name} · ${STATUS_LABEL[routing.status]}${routing.priority !== 'normal' ? ` · ${routing.priority.toUpperCase()}` : ''}`,
    ...(item.title ? [`  ${inert(item.title)}`] : []),
    ...inert(excerpt(item.text, 600)).split('\n').map((l) => `  > ${l}`),
    ...(item.tags?.length ? [`  tags: ${item.tags.map(inert).join(', ')}`] : []),
    `  from ${inert(item.author.name)} in ${item.community.name}${item.voices.length > 1 ? ` · ${item.voices.length} people said this` : ''}${item.permalink ? ` · ${item.permalink}` : item.voices[0]?.via === 'command' ? ' · sent with /feedback' : ''}`,
    `  ${item.category.replace('_', ' ')} (${Math.round(item.confidence * 100)}%) · urgency ${item.urgency} · sentiment ${item.sentiment}`,
    `  why here: ${inert(routingReasonWords(routing.reason))}`,
  ];
  const { sla } = card;
  if (sla.dueAt) {
    const left = sla.dueAt.getTime() - now.getTime();
    const state = { on_track: 'on track', at_risk: 'AT RISK', breached: 'BREACHED', none: '' }[sla.state];
    lines.push(`  SLA ${state}: ${sla.target} by ${zonedTime(sla.dueAt, timezone)} (${left >= 0 ? `${formatDuration(left)} left` : `${formatDuration(-left)} overdue`})`);
  }
  if (sla.snoozedUntil) lines.push(`  reminders snoozed until ${zonedTime(sla.snoozedUntil, timezone)}${routing.snoozeReason ? `: ${inert(routing.snoozeReason)}` : ''}`);
  if (card.lastAction) {
    const a = card.lastAction;
    lines.push(`  ${actionSentence({ actor: a.actorName, kind: a.kind, team: a.team, toTeam: card.passedTo, reason: a.reason }, inert)} · ${zonedTime(a.createdAt, timezone)}`);
  }
  const { issue } = card;
  if (issue) {
    const tracker = { github: 'GitHub', linear: 'Linear', jira: 'Jira' }[issue.tracker];
    lines.push(issue.status === 'pending' ? `  ${issue.key ? `linking ${tracker} issue ${issue.key}…` : `creating an issue in ${tracker} (${issue.place})…`}` : `  ${tracker} issue ${issue.key ?? ''} · ${inert(issue.stateLabel ?? issue.state ?? 'open')}${issue.url ? ` · ${issue.url}` : ''}`);
  }
  if (card.suggestions.length > 0) lines.push(`  maybe for: ${card.suggestions.map((s) => `${s.teamName} (${s.category.replace('_', ' ')})`).join(' or ')}`);
  for (const d of card.duplicates) lines.push(`  looks like #${d.itemId} — merge? “${inert(excerpt(d.title ? `${d.title}: ${d.excerpt}` : d.excerpt, 120))}” (${d.community.name})`);
  if (card.available.length > 0) lines.push(`  ${card.available.map((a) => `[${BUTTON_LABEL[a]}]`).join(' ')}`);
  // The terminal has no buttons: the tracker's are a command away.
  if (card.issueActions?.length) lines.push(`  [Create issue] [Link issue]: npm run liaison -- issue create ${item.id} --team ${routing.team.id}   (or: issue link ${item.id} <url or key> --team ${routing.team.id})`);
  if (itemUrl) lines.push(`  ${card.available.length > 0 ? 'act on it' : 'see it'} in the web app: ${itemUrl}`);
  return lines;
}
