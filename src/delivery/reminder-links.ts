import type { Reminder, ReminderCard } from './content.js';

/** Where a reminder line takes the reader: the team's card, or (when that is elsewhere) the item's web page. */
export interface ReminderLink { url: string; to: 'card' | 'item' }
/** By routing ID. */
export type ReminderLinks = Map<number, ReminderLink>;

/**
 * The links of a reminder's lines, for one platform. A card posted on this platform is linked as the platform
 * addresses messages (`cardUrl`, which may fail: then, like a card on another platform or one not posted yet, the
 * item's page in the web app stands in). Never the community's message: the team acts on its card.
 */
export async function reminderLinks(reminder: Reminder, platform: string, cardUrl: (card: ReminderCard) => Promise<string | null>, webUrl?: string): Promise<ReminderLinks> {
  const links: ReminderLinks = new Map();
  for (const item of reminder.items) {
    const card = item.card?.platform === platform ? await cardUrl(item.card) : null;
    if (card) links.set(item.routingId, { url: card, to: 'card' });
    else if (webUrl) links.set(item.routingId, { url: `${webUrl}/items/${item.itemId}`, to: 'item' });
  }
  return links;
}
