import { formatDuration } from '../../config/duration.js';
import { type TeamAction } from '../../core/actions/transitions.js';
import { STATUS_LABEL } from '../../delivery/verb-words.js';
import type { RoutingCard } from '../../core/load-routing-card.js';
import { excerpt } from '../../core/inert-text.js';
import { actionSentence } from '../../delivery/action-words.js';
import { assertMessageBlocks, type Block } from './block-kit-limits.js';
import { button, context, fields, section } from './blocks.js';
import { escapeMrkdwn, link, quote, slackDate, userText } from './mrkdwn.js';
import { routingReasonWords } from '../../delivery/routing-reason-words.js';

export const CARD_ACTION = {
  acknowledge: 'card:acknowledge',
  own: 'card:own',
  resolve: 'card:resolve',
  decline: 'card:decline',
  pass_on: 'card:pass_on',
  reopen: 'card:reopen',
  suggestion: 'card:suggestion',
  create_issue: 'card:create_issue',
  link_issue: 'card:link_issue',
  merge: 'card:merge',
} as const;

const ISSUE_BUTTON = { create_issue: 'Create issue', link_issue: 'Link issue…' } as const;
const TRACKER_NAME = { github: 'GitHub', linear: 'Linear', jira: 'Jira' } as const;

const BUTTON: Record<TeamAction, { label: string; style?: 'primary' | 'danger' }> = {
  acknowledge: { label: 'Acknowledge' },
  own: { label: 'Take it' },
  resolve: { label: 'Resolve', style: 'primary' },
  decline: { label: 'Decline…', style: 'danger' },
  pass_on: { label: 'Pass on…' },
  reopen: { label: 'Reopen' },
};

const SLA_BADGE = { on_track: ':large_green_circle: On track', at_risk: ':large_orange_circle: At risk', breached: ':red_circle: Overdue', none: '' } as const;
const TEXT_SHOWN = 2_400;

/** The routed card: the feedback (inert), where it came from, why it is here, where it stands, and what to do next. */
export function routedCardBlocks(card: RoutingCard, timezone: string, now: Date): { text: string; blocks: Block[] } {
  const { item, routing } = card;
  const priority = routing.priority === 'normal' ? '' : ` · :rotating_light: *${routing.priority.toUpperCase()}*`;
  const title = `*#${item.id}* for *${escapeMrkdwn(routing.team.name)}* · *${STATUS_LABEL[routing.status]}*${priority}`;
  const body = item.text.length > TEXT_SHOWN ? `${item.text.slice(0, TEXT_SHOWN)}…` : item.text;
  const voices = item.voices.length > 1 ? ` · ${item.voices.length} people said this` : '';
  const blocks: Block[] = [
    section(title, `card:${routing.id}:head`),
    section(`${item.title ? `*${userText(item.title)}*\n` : ''}${quote(body || ' ')}`),
    context(`From *${userText(item.author.name)}* in ${escapeMrkdwn(item.community.name)}${voices}`, originLink(item), `posted ${slackDate(item.postedAt, timezone)}`),
    fields([
      `*Category*\n${item.category.replace('_', ' ')} (${Math.round(item.confidence * 100)}%)`,
      `*Urgency*\n${item.urgency}${item.sentiment === 'negative' ? ' · negative' : ''}`,
      `*Why here*\n${userText(routingReasonWords(routing.reason))}`,
      ...(item.tags?.length ? [`*Tags*\n${item.tags.map(userText).join(', ')}`] : []),
      ...(routing.owner ? [`*Owner*\n${userText(routing.owner.name)}`] : []),
    ]),
  ];
  const sla = slaLine(card, timezone, now);
  if (sla) blocks.push(context(sla));
  const done = lastActionLine(card, timezone);
  if (done) blocks.push(section(done));
  const issue = issueLine(card);
  if (issue) blocks.push(context(issue));
  if (card.suggestions.length > 0) {
    blocks.push(section(`:thinking_face: Liaison was not sure this is for ${escapeMrkdwn(routing.team.name)}. Is it for one of these?`));
    blocks.push({ type: 'actions', block_id: `card:${routing.id}:suggest`, elements: card.suggestions.slice(0, 5).map((s) => button(`${s.teamName} (${s.category.replace('_', ' ')})`, `${CARD_ACTION.suggestion}:${s.team}`, JSON.stringify({ routingId: routing.id, team: s.team, category: s.category }))) });
  }
  if (card.duplicates.length > 0) {
    blocks.push(section(card.duplicates.map((d) => `:link: *Looks like #${d.itemId} — merge?* ${quoteLine(d.title ? `${d.title}: ${d.excerpt}` : d.excerpt)} · ${escapeMrkdwn(d.community.name)}`).join('\n')));
    blocks.push({ type: 'actions', block_id: `card:${routing.id}:merge`, elements: card.duplicates.map((d) => button(`Merge with #${d.itemId}`, `${CARD_ACTION.merge}:${d.itemId}`, JSON.stringify({ items: [item.id, d.itemId] }))) });
  }
  const issueActions = card.issueActions ?? [];
  if (card.available.length > 0 || issueActions.length > 0) {
    const value = `${routing.id}:${routing.team.id}`;
    blocks.push({ type: 'actions', block_id: `card:${routing.id}:actions`, elements: [...card.available.map((a) => button(BUTTON[a].label, CARD_ACTION[a], value, BUTTON[a].style)), ...issueActions.map((a) => button(ISSUE_BUTTON[a], CARD_ACTION[a], value))] });
  }
  return { text: userText(`#${item.id} for ${routing.team.name} (${STATUS_LABEL[routing.status]}): ${excerpt(item.text, 200)}`), blocks: assertMessageBlocks(blocks) };
}

const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,}$/;

/**
 * Where to read the feedback: its message; for `/feedback`, which has none, the channel the command was typed in
 * (a link Slack draws from the ID). Nothing when there is nowhere to go, rather than a label that links nowhere.
 */
function originLink(item: RoutingCard['item']): string {
  if (item.permalink && /^https?:\/\//.test(item.permalink)) return link(item.permalink, 'View original');
  const first = item.voices[0];
  if (first?.via !== 'command') return '';
  if (first.platform === 'slack' && SLACK_CHANNEL.test(first.channelId ?? '')) return `sent with /feedback in <#${first.channelId}>`;
  return first.platform === 'discord' ? 'sent with /feedback on Discord' : 'sent with /feedback';
}

function slaLine(card: RoutingCard, timezone: string, now: Date): string | undefined {
  const { sla, routing } = card;
  const parts: string[] = [];
  if (sla.dueAt && sla.target) {
    const left = new Date(sla.dueAt).getTime() - now.getTime();
    const span = left >= 0 ? `${formatDuration(left)} left` : `${formatDuration(-left)} overdue`;
    parts.push(`${SLA_BADGE[sla.state]}: ${sla.target} by ${slackDate(sla.dueAt, timezone)} (${span})`);
  }
  if (sla.snoozedUntil) parts.push(`:zzz: Reminders snoozed until ${slackDate(sla.snoozedUntil, timezone)}${routing.snoozeReason ? `: ${userText(routing.snoozeReason)}` : ''}`);
  return parts.length > 0 ? parts.join('  ·  ') : undefined;
}

function lastActionLine(card: RoutingCard, timezone: string): string | undefined {
  const a = card.lastAction;
  if (!a) return undefined;
  return `${actionSentence({ actor: a.actorName, kind: a.kind, team: a.team, toTeam: card.passedTo, reason: a.reason }, userText)} · ${slackDate(a.createdAt, timezone)}`;
}

/** The card's issue: its link and state, or that one is on its way. */
function issueLine(card: RoutingCard): string | undefined {
  const issue = card.issue;
  if (!issue) return undefined;
  const tracker = TRACKER_NAME[issue.tracker];
  if (issue.status === 'pending') return issue.key ? `:hourglass_flowing_sand: Linking ${tracker} issue ${escapeMrkdwn(issue.key)}…` : `:hourglass_flowing_sand: Creating an issue in ${tracker} (${escapeMrkdwn(issue.place)})…`;
  return `:link: ${tracker} issue ${link(issue.url, issue.key ?? '')} · ${userText(issue.stateLabel ?? issue.state ?? 'open')}`;
}

/** A look-alike's words on one line, inert and short. */
function quoteLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `_“${userText(excerpt(line, 121))}”_`;
}
