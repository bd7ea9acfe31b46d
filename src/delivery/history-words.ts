import type { CommunityHistory } from '../core/community-history.js';
import type { ItemView } from '../core/items/item-views.js';
import type { MemberHistory } from '../core/member-history.js';

const OUTCOME_ORDER = [['resolved', 'resolved'], ['declined', 'declined'], ['in_progress', 'in progress'], ['untouched', 'waiting for an answer']] as const;

/** "6 items: 2 resolved, 1 declined, 1 in progress, 2 waiting for an answer": each item once, so the parts add up. */
export function communityTotalsWords(totals: CommunityHistory['totals']): string {
  const parts = OUTCOME_ORDER.filter(([key]) => totals.byOutcome[key] > 0).map(([key, words]) => `${totals.byOutcome[key]} ${words}`);
  return `${totals.items} item${totals.items === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** "bug 3, feature request 2"; "none" when the community has raised nothing yet. */
export function categoryWords(totals: CommunityHistory['totals']): string {
  return Object.entries(totals.byCategory).map(([k, n]) => `${k.replace('_', ' ')} ${n}`).join(', ') || 'none';
}

/** "3 items: 1 resolved, 2 open" (open: in progress or waiting; only what occurs); "no items yet" for someone who has raised nothing. */
export function memberTotalsWords(totals: MemberHistory['totals']): string {
  if (totals.items === 0) return 'no items yet';
  const { resolved, declined, in_progress: inProgress, untouched } = totals.byOutcome;
  const parts = ([['resolved', resolved], ['declined', declined], ['open', inProgress + untouched]] as const).filter(([, n]) => n > 0).map(([words, n]) => `${n} ${words}`);
  return `${totals.items} item${totals.items === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** One line on where an item stands: "Resolved by Product", "With Support (acknowledged)", "Declined by Sales: …". */
export function outcomeWords(item: ItemView): string {
  if (item.mergedIntoId) return `Merged into #${item.mergedIntoId}`;
  if (item.routings.length === 0) return 'Not routed';
  return item.routings
    .filter((r) => r.status !== 'merged')
    .map((r) => {
      switch (r.status) {
        case 'resolved': return `Resolved by ${r.team.name}`;
        case 'declined': return `Declined by ${r.team.name}${r.declineReason ? `: ${r.declineReason}` : ''}`;
        case 'passed_on': return `Passed on by ${r.team.name}`;
        case 'open': return `Waiting for ${r.team.name}`;
        default: return `With ${r.team.name} (${r.status})`;
      }
    })
    .join('; ');
}
