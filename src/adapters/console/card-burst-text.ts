import type { CardBurst } from '../../core/bursts/card-burst.js';
import { inert } from '../../core/inert-text.js';
import { burstCategory, burstWords } from '../../delivery/burst-words.js';
import { localClockTime } from '../local-time.js';
import { webLinks } from '../web/web-links.js';

/**
 * A team's burst as terminal text: the count and since when, one line per listed item with its page in the web app
 * (where its buttons are), and the inbox. Each item's own card is printed after it, in its thread.
 */
export function cardBurstText(burst: CardBurst, timezone: string, web: string | undefined): string[] {
  // The terminal names the zone: nothing else there says which one a time is in.
  const words = burstWords(burst, `${localClockTime(burst.since, timezone)} ${timezone}`);
  return [
    words.headline,
    ...burst.items.map((item) => `  #${item.itemId} · ${burstCategory(item)} · ${inert(item.firstLine)}${web ? `  ${web}${webLinks.item(item.itemId)}` : ''}`),
    ...(words.more ? [`  ${words.more}`] : []),
    `  ${words.where}`,
    ...(web ? [`  inbox: ${web}${webLinks.inbox(burst.team)}`] : []),
  ];
}
