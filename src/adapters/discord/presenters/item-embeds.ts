import { PAST_TENSE, STATUS_LABEL } from '../../../delivery/verb-words.js';
import type { CommunityHistory } from '../../../core/community-history.js';
import { excerpt } from '../../../core/inert-text.js';
import type { ItemView } from '../../../core/items/item-views.js';
import type { MemberHistory } from '../../../core/member-history.js';
import { clip, discordTime, quote, safeText } from '../discord-text.js';
import { LIMITS, type DiscordEmbed } from './embed-limits.js';
import { linesToEmbeds, packMessages } from './pack-embeds.js';
import { categoryWords, communityTotalsWords, memberTotalsWords, outcomeWords } from '../../../delivery/history-words.js';
import { routingReasonWords } from '../../../delivery/routing-reason-words.js';

/** "Sam created an issue for it", not "…for (Support)": these verbs need their object said. */
const SAID_OF_IT = new Set(['create_issue', 'link_issue']);
const did = (kind: string) => `${PAST_TENSE[kind] ?? kind}${SAID_OF_IT.has(kind) ? ' it' : ''}`;

/** `/liaison status`: the item, each team's routing, and the latest things people did. */
export function itemStatusEmbed(item: ItemView): DiscordEmbed {
  const fields = item.routings.slice(0, 20).map((r) => ({
    name: clip(`${r.team.name}: ${STATUS_LABEL[r.status]}${r.priority !== 'normal' ? ` · ${r.priority}` : ''}`, LIMITS.fieldName),
    value: clip([
      r.owner ? `owned by ${safeText(r.owner.name)}` : undefined,
      r.declineReason ? `declined: ${safeText(r.declineReason)}` : undefined,
      r.acknowledgeDueAt && r.status === 'open' ? `acknowledge by ${discordTime(r.acknowledgeDueAt)}` : undefined,
      r.resolveDueAt && (r.status === 'acknowledged' || r.status === 'owned') ? `resolve by ${discordTime(r.resolveDueAt)}` : undefined,
      `why: ${safeText(routingReasonWords(r.reason))}`,
    ].filter(Boolean).join('\n'), LIMITS.fieldValue),
  }));
  const recent = item.actions.slice(-5).map((a) => `${discordTime(a.createdAt, 'R')} ${safeText(a.actorName)} ${did(a.kind)}${a.team ? ` (${safeText(a.team)})` : ''}${a.reason ? `: ${safeText(excerpt(a.reason, 80))}` : ''}`);
  if (recent.length > 0) fields.push({ name: 'Latest', value: clip(recent.join('\n'), LIMITS.fieldValue) });
  return {
    title: clip(`#${item.id} · ${item.category.replace('_', ' ')}${item.mergedIntoId ? ` · merged into #${item.mergedIntoId}` : ''}`, LIMITS.title),
    description: clip(`${item.title ? `**${safeText(item.title)}**\n` : ''}${quote(excerpt(item.text, 600))}\n— ${safeText(item.author.name)} in ${safeText(item.community.name)}${item.voices.length > 1 ? ` · ${item.voices.length} people said this` : ''}`, 2_000),
    ...(item.permalink?.startsWith('https://') ? { url: item.permalink } : {}),
    fields,
  };
}

const itemLine = (i: ItemView) => clip(`**#${i.id}** ${safeText(excerpt(i.title ?? i.text, 80))} — ${safeText(outcomeWords(i))}`, 200);
/** 20 lines of at most 200 characters and a summary always fit in one message (6,000 characters). */
const SHOWN = 20;

/** A history as one ephemeral reply: totals, then the newest items, saying how many more there are. */
function historyEmbeds(title: string, summary: string, items: ItemView[]): DiscordEmbed[] {
  const more = items.length > SHOWN ? [`… and ${items.length - SHOWN} older`] : [];
  const [first] = packMessages(linesToEmbeds(title, [clip(summary, 500), '', ...items.slice(0, SHOWN).map(itemLine), ...more]), { allowed_mentions: { parse: [] } });
  return first?.embeds ?? [];
}

export function memberHistoryEmbeds(h: MemberHistory): DiscordEmbed[] {
  const ids = h.member.identities.map((i) => `${i.platform}: ${safeText(i.name)}`).join(', ');
  return historyEmbeds(`${safeText(h.member.name)}`, `${memberTotalsWords(h.totals)} · known as ${ids}`, h.items);
}

export function communityHistoryEmbeds(h: CommunityHistory): DiscordEmbed[] {
  return historyEmbeds(safeText(h.community.name), `${communityTotalsWords(h.totals)} · by category: ${categoryWords(h.totals)}`, h.items);
}
