import { ButtonStyle, ComponentType } from 'discord.js';
import type { CardBurst } from '../../../core/bursts/card-burst.js';
import { burstCategory, burstWords } from '../../../delivery/burst-words.js';
import { webLinks } from '../../web/web-links.js';
import { clip, discordTime, safeText } from '../discord-text.js';
import { LIMITS, type MessageBody } from './embed-limits.js';

/**
 * A team's burst in one message: the count and since when (each reader's own clock), one line per listed item, and
 * where each item's card is: in the thread started from this message. The inbox link is a button on a public URL.
 */
export function cardBurstMessage(burst: CardBurst, webBase: string): MessageBody {
  const words = burstWords(burst, discordTime(burst.since, 't'));
  const lines = burst.items.map((item) => `**#${item.itemId}** · *${burstCategory(item)}* · ${safeText(item.firstLine)}`);
  const inbox = `${webBase}${webLinks.inbox(burst.team)}`;
  const description = [...lines, ...(words.more ? [words.more] : []), '', words.where, ...(inbox.startsWith('https://') ? [] : [inbox])].join('\n');
  return {
    embeds: [{ title: clip(safeText(words.title), LIMITS.title), description: clip(`${words.since}\n\n${description}`, LIMITS.description), color: 0x5865f2 }],
    components: inbox.startsWith('https://') ? [{ type: ComponentType.ActionRow as 1, components: [{ type: ComponentType.Button, url: inbox, label: 'Open the inbox', style: ButtonStyle.Link }] }] : [],
    allowed_mentions: { parse: [] },
  };
}
