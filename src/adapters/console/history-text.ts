import type { CommunityHistory } from '../../core/community-history.js';
import { excerpt, inert } from '../../core/inert-text.js';
import type { MemberHistory } from '../../core/member-history.js';
import { categoryWords, communityTotalsWords, memberTotalsWords, outcomeWords } from '../../delivery/history-words.js';
import { localTime } from '../local-time.js';

type Item = MemberHistory['items'][number];

function itemLines(item: Item, timezone: string): string[] {
  const steps = item.actions.filter((a) => a.kind !== 'capture').map((a) => `${inert(a.actorName)} ${a.kind.replace('_', ' ')}${a.team ? ` (${a.team})` : ''}${a.toTeam ? ` → ${a.toTeam}` : ''}${a.reason ? `: ${inert(excerpt(a.reason, 60))}` : ''}`);
  return [
    `#${item.id} ${localTime(item.capturedAt, timezone)} · ${item.community.name} · ${item.category.replace('_', ' ')}`,
    `  > ${inert(excerpt(item.title ? `${item.title}: ${item.text}` : item.text, 160))}`,
    `  ${outcomeWords(item)}${item.voices.length > 1 ? ` · ${item.voices.length} voices` : ''}`,
    ...steps.map((s) => `    - ${s}`),
  ];
}

/** Terminal views of a member's or a community's history (the CLI's `history` command). */
export const historyText = {
  member(history: MemberHistory, timezone: string): string[] {
    const { member, totals } = history;
    return [
      `${inert(member.name)} — ${member.identities.map((i) => `${i.platform}:${i.id}`).join(', ')}`,
      memberTotalsWords(totals),
      `  times in ${timezone}`,
      '',
      ...history.items.flatMap((i) => itemLines(i, timezone)),
    ];
  },
  community(history: CommunityHistory, timezone: string): string[] {
    const { totals } = history;
    return [
      `${history.community.name}: ${communityTotalsWords(totals)}`,
      `  by category: ${categoryWords(totals)}`,
      `  times in ${timezone}`,
      '',
      ...history.items.flatMap((i) => itemLines(i, timezone)),
    ];
  },
};
