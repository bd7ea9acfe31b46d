import type { CardBurst } from '../../core/bursts/card-burst.js';
import { burstCategory, burstWords } from '../../delivery/burst-words.js';
import { localClockTime } from '../local-time.js';
import { webLinks } from '../web/web-links.js';
import { assertMessageBlocks, type Block } from './block-kit-limits.js';
import { context, section, sectionsFromLines } from './blocks.js';
import { escapeMrkdwn, link, userText } from './mrkdwn.js';

/**
 * A team's burst in one message: the count and since when, one line per listed item (its number links to its page in
 * the web app), and where each item's card is: in this message's thread, posted right after it.
 */
export function cardBurstBlocks(burst: CardBurst, timezone: string, webBase: string): { text: string; blocks: Block[] } {
  const since = `${localClockTime(burst.since, timezone)} ${timezone}`;
  const words = burstWords(burst, since);
  const lines = burst.items.map((item) => `${link(`${webBase}${webLinks.item(item.itemId)}`, `#${item.itemId}`)} · _${escapeMrkdwn(burstCategory(item))}_ · ${userText(item.firstLine || ' ')}`);
  const blocks: Block[] = [
    section(`:inbox_tray: *${escapeMrkdwn(words.headline)}*`, `burst:${burst.team}:head`),
    ...sectionsFromLines(lines),
    context(...[words.more ? escapeMrkdwn(words.more) : '', escapeMrkdwn(words.where), link(`${webBase}${webLinks.inbox(burst.team)}`, 'Open the inbox')]),
  ];
  return { text: userText(words.headline), blocks: assertMessageBlocks(blocks) };
}
