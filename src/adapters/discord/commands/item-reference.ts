import { DomainError } from '../../../core/errors.js';
import type { ItemReference } from '../../../core/find-item.js';

const MESSAGE_LINK = /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(?:\d+|@me)\/(\d+)\/(\d+)\/?$/;

/** "#42", "42", or a link to a Discord message (the original feedback or its card), as findItem takes it. */
export function itemReference(typed: string): ItemReference {
  const text = typed.trim();
  if (/^#?\d+$/.test(text)) return { text };
  const link = MESSAGE_LINK.exec(text);
  if (link) return { message: { platform: 'discord', channelId: link[1] as string, messageId: link[2] as string } };
  throw new DomainError('invalid_input', 'Give an item number such as #42, or a link to the message or its card (right-click → Copy Message Link).');
}
