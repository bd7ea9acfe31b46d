import type { BurstItem, CardBurst } from '../core/bursts/card-burst.js';

/**
 * A combined card's words, the same on every platform (each escapes, styles and dates them its own way): how many new
 * items for whom since when, one line per listed item, how many more, and where to act on each.
 */
export function burstWords(burst: CardBurst, since: string): { title: string; headline: string; since: string; more?: string; where: string } {
  const title = burstThreadName(burst);
  return {
    title,
    headline: `${title} since ${since}`,
    since: `Since ${since}`,
    ...(burst.total > burst.items.length ? { more: `…and ${burst.total - burst.items.length} more` } : {}),
    where: 'A burst came in at once, so they are announced together: each has its own card with its buttons in this thread, and all are in the team inbox on the web.',
  };
}

/** "bug" and "feature request", as a category reads on a listed item. */
export function burstCategory(item: BurstItem): string {
  return item.category.replace(/_/g, ' ');
}

/** The words a Discord thread (or a Slack notification) shows for the burst: "14 new items for Support". */
export function burstThreadName(burst: CardBurst): string {
  return `${burst.total} new item${burst.total === 1 ? '' : 's'} for ${burst.teamName}`;
}
