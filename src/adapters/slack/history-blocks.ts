import { STATUS_LABEL } from '../../delivery/verb-words.js';
import type { CommunityHistory } from '../../core/community-history.js';
import { excerpt } from '../../core/inert-text.js';
import type { ItemView } from '../../core/items/item-views.js';
import type { MemberHistory } from '../../core/member-history.js';
import { categoryWords, communityTotalsWords, memberTotalsWords, outcomeWords } from '../../delivery/history-words.js';
import { assertMessageBlocks, LIMITS, type Block } from './block-kit-limits.js';
import { context, section, sectionsFromLines } from './blocks.js';
import { escapeMrkdwn, link, quote, slackDate, userText } from './mrkdwn.js';

const itemLine = (i: ItemView, timezone: string) => `• ${link(i.permalink, `#${i.id}`)} ${slackDate(i.capturedAt, timezone)} · ${i.category.replace('_', ' ')} · ${userText(excerpt(i.text, 90))}\n   _${userText(outcomeWords(i))}_`;
const fit = (blocks: Block[]) => assertMessageBlocks(blocks.slice(0, LIMITS.blocksPerMessage));

/** `/liaison history @member`: what this person told the company across their identities, and what came of it. */
export function memberHistoryBlocks(h: MemberHistory, timezone: string): Block[] {
  const ids = h.member.identities.map((i) => `${i.platform}: ${userText(i.name)}`).join(' · ');
  return fit([
    section(`*${userText(h.member.name)}* · ${memberTotalsWords(h.totals)}`),
    context(ids || 'no identities'),
    ...sectionsFromLines(h.items.map((i) => itemLine(i, timezone))),
  ]);
}

/** `/liaison history community`: what a community raised and what each team did, newest first. */
export function communityHistoryBlocks(h: CommunityHistory, timezone: string): Block[] {
  return fit([
    section(`*${escapeMrkdwn(h.community.name)}* · ${communityTotalsWords(h.totals)}`),
    context(`By category: ${escapeMrkdwn(categoryWords(h.totals))}`),
    ...sectionsFromLines(h.items.map((i) => itemLine(i, timezone))),
  ]);
}

/** `/liaison status #42`: the item, each team's status, and its history. */
export function itemStatusBlocks(item: ItemView, timezone: string): Block[] {
  const routings = item.routings.map((r) => `• *${escapeMrkdwn(r.team.name)}*: ${STATUS_LABEL[r.status]}${r.priority !== 'normal' ? ` (${r.priority})` : ''}${r.owner ? ` · owner ${userText(r.owner.name)}` : ''}${r.declineReason ? ` · ${userText(r.declineReason)}` : ''}`);
  const actions = item.actions.map((a) => `${slackDate(a.createdAt, timezone)} ${userText(a.actorName)} ${a.kind.replace('_', ' ')}${a.team ? ` (${escapeMrkdwn(a.team)}${a.toTeam ? ` → ${escapeMrkdwn(a.toTeam)}` : ''})` : ''}${a.reason ? `: ${userText(excerpt(a.reason, 120))}` : ''}`);
  return fit([
    section(`*#${item.id}* from *${userText(item.author.name)}* in ${escapeMrkdwn(item.community.name)} · ${item.category.replace('_', ' ')} · ${link(item.permalink, 'original')}`),
    section(quote(excerpt(item.text, 600))),
    ...sectionsFromLines(routings.length > 0 ? routings : ['Not routed to any team.']),
    ...sectionsFromLines(actions.slice(-30)),
  ]);
}
