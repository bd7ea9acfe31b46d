import { ButtonStyle, ComponentType } from 'discord.js';
import { actionSentence } from '../../../delivery/action-words.js';
import { STATUS_LABEL } from '../../../delivery/verb-words.js';
import type { RoutingCard } from '../../../core/load-routing-card.js';
import { cardCustomId, mergeCustomId } from '../custom-ids.js';
import { clip, discordTime, quote, safeText } from '../discord-text.js';
import { LIMITS, type DiscordEmbed, type MessageBody } from './embed-limits.js';
import { routingReasonWords } from '../../../delivery/routing-reason-words.js';

const BUTTON: Record<RoutingCard['available'][number], { label: string; style: ButtonStyle }> = {
  acknowledge: { label: 'Acknowledge', style: ButtonStyle.Secondary },
  own: { label: 'Take it', style: ButtonStyle.Primary },
  resolve: { label: 'Resolve', style: ButtonStyle.Success },
  decline: { label: 'Decline', style: ButtonStyle.Danger },
  pass_on: { label: 'Pass on', style: ButtonStyle.Secondary },
  reopen: { label: 'Reopen', style: ButtonStyle.Secondary },
};

const ISSUE_BUTTON = { create_issue: 'Create issue', link_issue: 'Link issue' } as const;
const TRACKER_NAME = { github: 'GitHub', linear: 'Linear', jira: 'Jira' } as const;

/** Status at a glance: grey open, blue in hand, green resolved, red declined, orange when the SLA is in danger. */
export function cardColor(card: RoutingCard): number {
  if (card.sla.state === 'breached') return 0xd83c3e;
  if (card.sla.state === 'at_risk') return 0xf0a020;
  const byStatus: Record<string, number> = { open: 0x99aab5, acknowledged: 0x5865f2, owned: 0x5865f2, resolved: 0x2ea043, declined: 0x8b0000, passed_on: 0x6e7681, merged: 0x6e7681 };
  return byStatus[card.routing.status] ?? 0x99aab5;
}

/** A routed card: the feedback, why it came here, where it stands, and buttons for what can still be done. */
export function routedCardMessage(card: RoutingCard): MessageBody {
  const { item, routing } = card;
  const priority = routing.priority === 'normal' ? '' : ` · ${routing.priority.toUpperCase()}`;
  const title = clip(`#${item.id} for ${routing.team.name} · ${STATUS_LABEL[routing.status]}${priority}`, LIMITS.title);
  const heading = item.title ? `**${clip(safeText(item.title), 300)}**\n` : '';
  const embed: DiscordEmbed = {
    title,
    description: clip(`${heading}${quote(item.text)}`, 3_000),
    color: cardColor(card),
    ...(item.permalink ? { url: item.permalink } : {}),
    fields: cardFields(card),
    footer: { text: clip(`${item.category.replace('_', ' ')} (${Math.round(item.confidence * 100)}%) · urgency ${item.urgency} · sentiment ${item.sentiment}`, LIMITS.footer) },
  };
  return { embeds: [embed], components: cardComponents(card), allowed_mentions: { parse: [] } };
}

function cardFields(card: RoutingCard): NonNullable<DiscordEmbed['fields']> {
  const { item, routing, sla } = card;
  const field = (name: string, value: string, inline = false) => ({ name, value: clip(value, LIMITS.fieldValue), inline });
  const voices = item.voices.length > 1 ? ` · ${item.voices.length} people said this` : '';
  const fields = [
    field('From', `${safeText(item.author.name)} in ${safeText(item.community.name)}${voices}${commandOrigin(item)}`, true),
    field('Why here', safeText(routingReasonWords(routing.reason)), true),
  ];
  // Forum tags are the community's labels for the post, not something its author wrote: shown apart from the quote.
  if (item.tags?.length) fields.push(field('Tags', item.tags.map(safeText).join(', '), true));
  if (sla.dueAt) {
    const state = { on_track: 'On track', at_risk: '⚠️ At risk', breached: '🚨 Overdue', none: '' }[sla.state];
    fields.push(field('SLA', `${state}: ${sla.target} by ${discordTime(sla.dueAt)} (${discordTime(sla.dueAt, 'R')})`));
  }
  if (sla.snoozedUntil) fields.push(field('Reminders snoozed', `until ${discordTime(sla.snoozedUntil)}${routing.snoozeReason ? `: ${safeText(routing.snoozeReason)}` : ''}`));
  if (card.lastAction) {
    const a = card.lastAction;
    fields.push(field('Latest', `${actionSentence({ actor: a.actorName, kind: a.kind, team: a.team, toTeam: card.passedTo, reason: a.reason }, safeText)} · ${discordTime(a.createdAt)}`));
  }
  const issue = card.issue;
  if (issue) {
    const tracker = TRACKER_NAME[issue.tracker];
    fields.push(field(`${tracker} issue`, issue.status === 'pending'
      ? (issue.key ? `Linking ${safeText(issue.key)}…` : `Creating an issue in ${safeText(issue.place)}…`)
      : `${issue.url?.startsWith('http') ? `[${safeText(issue.key ?? '')}](${issue.url})` : safeText(issue.key ?? '')} · ${safeText(issue.stateLabel ?? issue.state ?? 'open')}`));
  }
  for (const d of card.duplicates) fields.push(field(`Looks like #${d.itemId} — merge?`, `“${safeText(clip(d.title ? `${d.title}: ${d.excerpt}` : d.excerpt, 200))}” · ${safeText(d.community.name)}`));
  if (card.suggestions.length > 0) fields.push(field('Not sure this is yours?', `It may be for ${card.suggestions.map((s) => `${safeText(s.teamName)} (${s.category.replace('_', ' ')})`).join(' or ')}.`));
  return fields;
}

/**
 * `/feedback` leaves no message to link to (the card's *Original message* button): the channel it was typed in
 * stands in, drawn by Discord as a link from its ID.
 */
function commandOrigin(item: RoutingCard['item']): string {
  const first = item.voices[0];
  if (item.permalink || first?.via !== 'command') return '';
  if (first.platform === 'discord' && /^\d+$/.test(first.channelId ?? '')) return ` · sent with /feedback in <#${first.channelId}>`;
  return first.platform === 'slack' ? ' · sent with /feedback on Slack' : ' · sent with /feedback';
}

/** Action buttons in one row; suggestions and the link to the original in a second; merges in a third. At most 5 per row. */
function cardComponents(card: RoutingCard): NonNullable<MessageBody['components']> {
  const actions = card.available.slice(0, LIMITS.buttonsPerRow).map((verb) => ({ type: ComponentType.Button, custom_id: cardCustomId(verb, card.routing.id), label: BUTTON[verb].label, style: BUTTON[verb].style }));
  const suggestions = card.suggestions.slice(0, 4).map((s) => ({ type: ComponentType.Button, custom_id: cardCustomId('suggest', card.routing.id, s.team), label: clip(`Send to ${s.teamName}`, LIMITS.buttonLabel), style: ButtonStyle.Secondary }));
  const link = card.item.permalink?.startsWith('https://') ? [{ type: ComponentType.Button, url: card.item.permalink, label: 'Original message', style: ButtonStyle.Link }] : [];
  const issue = card.issue?.status === 'linked' && card.issue.url?.startsWith('https://') ? [{ type: ComponentType.Button, url: card.issue.url, label: clip(`Issue ${card.issue.key ?? ''}`, LIMITS.buttonLabel), style: ButtonStyle.Link }] : [];
  const tracker = [...(card.issueActions ?? []).map((verb) => ({ type: ComponentType.Button, custom_id: cardCustomId(verb, card.routing.id), label: ISSUE_BUTTON[verb], style: ButtonStyle.Secondary })), ...issue];
  const merges = card.duplicates.slice(0, LIMITS.buttonsPerRow).map((d) => ({ type: ComponentType.Button, custom_id: mergeCustomId(card.item.id, d.itemId), label: `Merge with #${d.itemId}`, style: ButtonStyle.Secondary }));
  // The tracker's buttons and the merge offers get rows of their own: the action row is full (five buttons) on an open card.
  const rows = [actions, [...suggestions, ...link], tracker, merges].filter((row) => row.length > 0);
  return rows.map((components) => ({ type: ComponentType.ActionRow as 1, components }));
}
